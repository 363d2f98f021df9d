#include "cli/context.hpp"
#include "core/migrate/directory.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct SqlMigrateOptions
{
  std::string version;
  bool down = false;
};

int
run_sqlmigrate(const SqlMigrateOptions& options, const GlobalOptions& global)
{
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  const auto* migration = directory.find(options.version);
  if (!migration) {
    throw Error(ErrorKind::usage, fmt::format("no migration with version {} in {}", options.version,
                                              project.migrations_dir.string()));
  }
  std::string text;
  for (const auto& statement : options.down ? migration->down : migration->up) {
    text += statement + ";\n";
  }
  Output().data(text);
  return k_exit_ok;
}

} // namespace

void
add_sqlmigrate_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<SqlMigrateOptions>();
  auto* command = app.add_subcommand("sqlmigrate", "Print the SQL of one migration");
  command->add_option("VERSION", options->version, "The migration's version")->required();
  command->add_flag("--down", options->down, "Print the down section instead");
  command->callback(
      [options, &global, &exit_code] { exit_code = run_sqlmigrate(*options, global); });
}

} // namespace orm::cli
