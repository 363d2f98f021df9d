#include "cli/context.hpp"

#include <cstdlib>

namespace orm::cli {

workflow::Project
GlobalOptions::resolve() const
{
  return workflow::resolve_project(project, workflow::process_environment);
}

void
add_global_options(CLI::App &app, GlobalOptions &global)
{
  app.add_option(
      "--database-url", global.project.database_url,
      "Database URL (else ORM_DATABASE_URL, DATABASE_URL, orm.toml, sqlite://db.sqlite3)");
  app.add_option("--config", global.project.config, "Configuration file (default ./orm.toml)");
  app.add_option("--models", global.project.models, "Models file (default models.orm)");
  app.add_option("--migrations-dir", global.project.migrations_dir,
                 "Migration directory (default migrations)");
  app.add_flag("-v,--verbose", global.verbosity, "More output (repeatable)");
  app.add_flag("-q,--quiet", global.quiet, "Only errors and requested output");
}

std::chrono::system_clock::time_point
current_time()
{
  if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(std::atoll(epoch)));
  }
  return std::chrono::system_clock::now();
}

} // namespace orm::cli
