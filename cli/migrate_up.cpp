#include "cli/run_flags.hpp"

namespace orm::cli {

void
add_migrate_up_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto flags = std::make_shared<RunFlags>();
  auto* command = migrate.add_subcommand(
      "up", "Apply pending migrations: all, N of them, or up to and including --to VERSION");
  add_run_flags(*command, *flags);
  command->callback([flags, &global, &exit_code] {
    exit_code = run_migrations(*flags, global, &migrate::Runner::up,
                               "Nothing to apply: the database is up to date");
  });
}

} // namespace orm::cli
