#include "cli/context.hpp"
#include "core/migrate/directory.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

int
run_hash(const GlobalOptions& global)
{
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load_unverified(project.migrations_dir);
  directory.rehash();
  Output(global.quiet)
      .line(fmt::format("rewrote {} for {} migration files",
                        (project.migrations_dir / "orm.sum").string(), directory.files().size()),
            Tone::success);
  return k_exit_ok;
}

} // namespace

void
add_migrate_hash_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto* command =
      migrate.add_subcommand("hash", "Rewrite migrations/orm.sum after a deliberate hand edit");
  command->callback([&global, &exit_code] { exit_code = run_hash(global); });
}

} // namespace orm::cli
