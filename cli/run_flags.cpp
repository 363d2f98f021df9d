#include "cli/run_flags.hpp"

#include "core/workflow/sources.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

void
report(const Output& out, const migrate::RunEvent& event, bool dry_run)
{
  bool up = event.direction == migrate::Direction::up;
  std::string name = event.migration->version + "_" + event.migration->name;
  if (dry_run) {
    out.line(fmt::format("would {} {}", up ? "apply" : "revert", name), Tone::changed);
  } else if (event.skipped) {
    out.line(fmt::format("skipped {}: another process already {} it", name,
                         up ? "applied" : "reverted"));
  } else {
    out.line(fmt::format("{} {} ({} ms)", up ? "applied" : "reverted", name, event.elapsed.count()),
             up ? Tone::added : Tone::removed);
  }
  if (event.out_of_order) {
    out.warn(fmt::format("{} is older than a migration the database had applied already: it "
                         "came in out of order (a merged branch?); check that it does not "
                         "depend on, or conflict with, the newer ones",
                         name));
  }
}

} // namespace

void
add_run_flags(CLI::App& command, RunFlags& flags)
{
  command.add_option("N", flags.steps, "Number of migrations")->check(CLI::PositiveNumber);
  command.add_option("--to", flags.to, "Target version");
  command.add_flag("--dry-run", flags.dry_run, "Show what would run, change nothing");
  command.add_option("--lock-timeout", flags.lock_timeout,
                     "Seconds to wait for another orm process (default: orm.toml, else 60)");
}

int
run_migrations(const RunFlags& flags, const GlobalOptions& global, const RunnerCall& call,
               const std::string& nothing_message)
{
  Output out(global.quiet);
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto session = workflow::open_session(project);
  migrate::Runner runner(session->store(), directory);
  migrate::RunOptions options;
  options.steps = flags.steps;
  options.to_version = flags.to;
  options.dry_run = flags.dry_run;
  options.force = flags.force;
  options.lock_timeout = std::chrono::seconds(
      flags.lock_timeout >= 0 ? flags.lock_timeout : project.lock_timeout_seconds);
  auto events = call(runner, options,
                     [&](const migrate::RunEvent& event) { report(out, event, flags.dry_run); });
  if (events.empty()) {
    out.line(nothing_message);
  }
  return k_exit_ok;
}

} // namespace orm::cli
