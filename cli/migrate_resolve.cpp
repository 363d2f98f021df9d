#include "cli/context.hpp"
#include "core/migrate/runner.hpp"
#include "core/workflow/sources.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct ResolveOptions
{
  std::string version;
  bool applied = false;
  bool rolled_back = false;
};

int
run_resolve(const ResolveOptions& options, const GlobalOptions& global)
{
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto session = workflow::open_session(project);
  migrate::Runner runner(session->store(), directory);
  auto resolution =
      options.applied ? migrate::Resolution::applied : migrate::Resolution::rolled_back;
  runner.resolve(options.version, resolution, std::chrono::seconds(project.lock_timeout_seconds));
  Output(global.quiet)
      .line(fmt::format("recorded {} as {}", options.version,
                        options.applied ? "applied" : "rolled back"),
            Tone::success);
  return k_exit_ok;
}

} // namespace

void
add_migrate_resolve_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<ResolveOptions>();
  auto* command = migrate.add_subcommand(
      "resolve",
      "After a repair by hand, record a migration as applied or rolled back (runs no SQL)");
  command->add_option("VERSION", options->version, "The migration's version")->required();
  auto* applied = command->add_flag("--applied", options->applied,
                                    "Record it as applied, with the file's current checksum");
  auto* rolled_back =
      command->add_flag("--rolled-back", options->rolled_back, "Remove it from the history");
  applied->excludes(rolled_back);
  command->callback([options, &global, &exit_code] {
    if (!options->applied && !options->rolled_back) {
      throw CLI::ValidationError("--applied or --rolled-back", "one of the two is required");
    }
    exit_code = run_resolve(*options, global);
  });
}

} // namespace orm::cli
