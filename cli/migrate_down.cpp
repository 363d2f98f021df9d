#include "cli/run_flags.hpp"

namespace orm::cli {

void
add_migrate_down_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto flags = std::make_shared<RunFlags>();
  auto* command = migrate.add_subcommand(
      "down", "Revert applied migrations: one, N of them, or down to --to VERSION (kept applied)");
  add_run_flags(*command, *flags);
  command->add_flag("--force", flags->force, "Also revert migrations marked irreversible");
  command->callback([flags, &global, &exit_code] {
    exit_code = run_migrations(*flags, global, &migrate::Runner::down, "Nothing to revert");
  });
}

} // namespace orm::cli
