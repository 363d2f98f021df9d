#include "cli/context.hpp"

namespace orm::cli {

void
add_migrate_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto* migrate = app.add_subcommand("migrate", "Apply, roll back and inspect migrations");
  migrate->require_subcommand(1);
  migrate->fallthrough();
  add_migrate_up_command(*migrate, global, exit_code);
  add_migrate_down_command(*migrate, global, exit_code);
  add_migrate_status_command(*migrate, global, exit_code);
  add_migrate_hash_command(*migrate, global, exit_code);
  add_migrate_resolve_command(*migrate, global, exit_code);
  add_migrate_resume_command(*migrate, global, exit_code);
}

} // namespace orm::cli
