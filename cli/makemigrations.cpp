#include "core/workflow/makemigrations.hpp"
#include "cli/context.hpp"
#include "core/workflow/generate.hpp"

#include <nlohmann/json.hpp>

namespace orm::cli {

namespace {

struct MakeMigrationsOptions
{
  std::string name;
  bool dry_run = false;
  bool check = false;
  bool offline = false;
  bool empty = false;
  std::string format = "text";
};

int
print_json(const workflow::PendingMigration& pending, const std::string& written)
{
  nlohmann::ordered_json report = {{"changes", pending.summary},
                                   {"warnings", pending.warnings},
                                   {"needed", !pending.nothing_to_do()},
                                   {"file", written}};
  Output().data(report.dump(2));
  return k_exit_ok;
}

int
run_makemigrations(const MakeMigrationsOptions& options, const GlobalOptions& global)
{
  Output out(global.quiet);
  auto project = global.resolve();
  workflow::MakeOptions make{options.name, options.offline, options.empty, current_time()};
  auto pending = workflow::make_migration(project, make);
  bool needed = !pending.nothing_to_do() || options.empty;
  bool json = options.format == "json";

  if (options.check) {
    if (json) {
      print_json(pending, "");
    } else {
      for (const auto& line : pending.summary) {
        out.change(line);
      }
      out.line(needed ? "a migration is needed: run `orm makemigrations`" : "No changes");
    }
    return needed ? k_exit_check_failed : k_exit_ok;
  }
  if (!needed) {
    json ? print_json(pending, "") : (out.line("No changes"), 0);
    return k_exit_ok;
  }
  if (options.dry_run) {
    Output().data(pending.content);
    return k_exit_ok;
  }
  std::string path = workflow::write_migration(project, pending);
  // The configured header follows the migrations, as Prisma's `migrate dev` regenerates its client.
  auto header = workflow::regenerate_configured(project);
  if (json) {
    return print_json(pending, path);
  }
  for (const auto& line : pending.summary) {
    out.change(line);
  }
  for (const auto& warning : pending.warnings) {
    out.warn(warning);
  }
  out.line("created " + path, Tone::success);
  if (header) {
    out.line("regenerated " + header->string(), Tone::success);
  }
  return k_exit_ok;
}

} // namespace

void
add_makemigrations_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<MakeMigrationsOptions>();
  auto* command = app.add_subcommand(
      "makemigrations", "Diff the models against the database and write a new migration");
  command->add_option("-n,--name", options->name, "Name of the migration");
  command->add_flag("--dry-run", options->dry_run, "Print the migration instead of writing it");
  command->add_flag("--check", options->check,
                    "Write nothing; exit 1 when a migration is needed (for CI)");
  command->add_flag("--offline", options->offline,
                    "Diff against the state recorded in the migration directory, not a database");
  command->add_flag("--empty", options->empty, "Write an empty migration for hand-written SQL");
  command->add_option("--format", options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->callback(
      [options, &global, &exit_code] { exit_code = run_makemigrations(*options, global); });
}

} // namespace orm::cli
