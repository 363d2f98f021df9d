#include "cli/context.hpp"
#include "core/diff/differ.hpp"
#include "core/workflow/sources.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct DiffOptions
{
  std::string from; // default: the project database
  std::string to = "models";
};

int
run_diff(const DiffOptions& options, const GlobalOptions& global)
{
  auto project = global.resolve();
  auto from = options.from.empty()
                  ? workflow::load_side(project.database_url, project, project.database_url_source)
                  : workflow::load_side(options.from, project, "--from");
  auto to = workflow::load_side(options.to, project, "--to");
  const dialect::Session* session = from.session ? from.session.get() : to.session.get();
  std::unique_ptr<dialect::Dialect> offline_dialect;
  const dialect::Dialect* dialect = session ? &session->dialect() : nullptr;
  if (!dialect) {
    offline_dialect = workflow::project_dialect(project);
    dialect = offline_dialect.get();
  }
  auto changes = diff::diff(from.schema, to.schema, dialect->hooks());
  if (changes.empty()) {
    Output(global.quiet).line("-- no changes");
    return k_exit_ok;
  }
  Output out;
  for (const auto& step : dialect->plan(changes).steps) {
    std::string text = "-- " + step.summary + "\n";
    for (const auto& warning : step.warnings) {
      text += "-- WARNING: " + warning + "\n";
    }
    for (const auto& statement : step.up) {
      text += statement + ";\n";
    }
    out.data(text);
  }
  return k_exit_ok;
}

} // namespace

void
add_diff_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand(
      "diff", "Print the SQL that turns one schema into another (default: database -> models)");
  command->add_option(
      "--from", options->from,
      "A database URL, a models file, `models` or `migrations` (default: the database)");
  command->add_option("--to", options->to,
                      "A database URL, a models file, `models` or `migrations` (default: models)");
  command->callback([options, &global, &exit_code] { exit_code = run_diff(*options, global); });
}

} // namespace orm::cli
