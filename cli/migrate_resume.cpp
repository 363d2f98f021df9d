#include "cli/context.hpp"
#include "core/migrate/runner.hpp"
#include "core/workflow/sources.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct ResumeOptions
{
  int lock_timeout = -1; // seconds; -1: orm.toml's lock_timeout
  bool skip_first = false;
  bool retry_first = false;
};

int
run_resume(const ResumeOptions& options, const GlobalOptions& global)
{
  Output out(global.quiet);
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto session = workflow::open_session(project);
  migrate::Runner runner(session->store(), directory);
  auto first = options.skip_first    ? migrate::FirstStatement::skip
               : options.retry_first ? migrate::FirstStatement::retry
                                     : migrate::FirstStatement::verify;
  auto event = runner.resume(
      std::chrono::seconds(options.lock_timeout >= 0 ? options.lock_timeout
                                                     : project.lock_timeout_seconds),
      first);
  if (!event) {
    out.line("Nothing to resume: no migration is partly applied");
    return k_exit_ok;
  }
  bool up = event->direction == migrate::Direction::up;
  out.line(fmt::format("resumed and {} {}_{} ({} ms)", up ? "applied" : "reverted",
                       event->migration->version, event->migration->name,
                       event->elapsed.count()),
           up ? Tone::added : Tone::removed);
  return k_exit_ok;
}

} // namespace

void
add_migrate_resume_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<ResumeOptions>();
  auto* command = migrate.add_subcommand(
      "resume", "Continue a partly applied (or partly reverted) migration from the statement that "
                "failed or was interrupted, after the cause is fixed (databases without "
                "transactional DDL)");
  command->add_option("--lock-timeout", options->lock_timeout,
                      "Seconds to wait for another orm process (default: orm.toml, else 60)");
  auto* skip = command->add_flag(
      "--skip-first", options->skip_first,
      "The statement that failed or was interrupted took effect (or is not needed): continue "
      "after it");
  command
      ->add_flag("--retry-first", options->retry_first,
                 "The statement that was interrupted did not take effect: run it again")
      ->excludes(skip);
  command->callback([options, &global, &exit_code] { exit_code = run_resume(*options, global); });
}

} // namespace orm::cli
