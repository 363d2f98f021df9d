#include "cli/context.hpp"
#include "core/migrate/runner.hpp"
#include "core/util/mask.hpp"
#include "core/workflow/sources.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace orm::cli {

namespace {

struct StatusOptions
{
  std::string format = "text";
  bool check = false;
};

Tone
tone_of(migrate::MigrationState state)
{
  switch (state) {
  case migrate::MigrationState::applied:
    return Tone::added;
  case migrate::MigrationState::pending:
    return Tone::changed;
  default:
    return Tone::removed;
  }
}

int
run_status(const StatusOptions& options, const GlobalOptions& global)
{
  auto project = global.resolve();
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto session = workflow::open_session(project);
  migrate::Runner runner(session->store(), directory);
  auto entries = runner.status();
  bool work_left = false;
  for (const auto& entry : entries) {
    work_left = work_left || entry.state != migrate::MigrationState::applied;
  }
  if (options.format == "json") {
    auto rows = nlohmann::ordered_json::array();
    for (const auto& entry : entries) {
      rows.push_back({{"version", entry.version},
                      {"name", entry.name},
                      {"state", migrate::to_string(entry.state)},
                      {"applied_at", entry.row ? entry.row->applied_at : ""},
                      {"execution_ms", entry.row ? entry.row->execution_ms : 0},
                      {"statements_applied", entry.row ? entry.row->statements_applied : 0},
                      {"statements_total", entry.row ? entry.row->statements_total : 0},
                      {"error", entry.row ? util::mask_urls_in(entry.row->error) : ""},
                      {"direction", entry.row && entry.row->direction == migrate::Direction::down
                                        ? "down"
                                        : "up"},
                      {"in_flight", entry.row && entry.row->in_flight},
                      {"reason", entry.state == migrate::MigrationState::failed
                                     ? util::mask_urls_in(migrate::describe_progress(*entry.row))
                                     : ""}});
    }
    nlohmann::ordered_json report = {{"database", Output::mask(project.database_url)},
                                     {"migrations", rows}};
    Output().data(report.dump(2));
  } else {
    Output out(global.quiet);
    out.line(fmt::format("database: {}", Output::mask(project.database_url)));
    if (entries.empty()) {
      out.line("no migrations");
    }
    for (const auto& entry : entries) {
      std::string applied = entry.row ? "  " + entry.row->applied_at : "";
      out.line(fmt::format("  {:<10} {}_{}{}", migrate::to_string(entry.state), entry.version,
                           entry.name, applied),
               tone_of(entry.state));
      if (entry.state == migrate::MigrationState::failed) {
        out.line("             " + util::mask_urls_in(migrate::describe_progress(*entry.row)),
                 Tone::removed);
      }
    }
  }
  return options.check && work_left ? k_exit_check_failed : k_exit_ok;
}

} // namespace

void
add_migrate_status_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<StatusOptions>();
  auto* command = migrate.add_subcommand(
      "status", "List migrations as applied, pending, modified, missing or failed");
  command->add_option("--format", options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--check", options->check, "Exit 1 when anything is not applied (for CI)");
  command->callback([options, &global, &exit_code] { exit_code = run_status(*options, global); });
}

} // namespace orm::cli
