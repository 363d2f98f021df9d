#include "cli/context.hpp"
#include "core/models/models.hpp"
#include "core/schema/json.hpp"
#include "core/workflow/sources.hpp"

namespace orm::cli {

namespace {

struct InspectOptions
{
  std::string url;
  std::string format = "orm";
};

int
run_inspect(const InspectOptions& options, const GlobalOptions& global)
{
  auto session = workflow::open_session(global.resolve(), options.url, "the URL argument");
  auto schema = session->inspect();
  Output out;
  if (options.format == "json") {
    out.data(schema::to_json(schema).dump(2));
  } else if (options.format == "sql") {
    std::string text;
    for (const auto& statement : session->dialect().create_statements(schema)) {
      text += statement + ";\n";
    }
    out.data(text);
  } else {
    out.data(models::print(schema));
  }
  return k_exit_ok;
}

} // namespace

void
add_inspect_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<InspectOptions>();
  auto* command = app.add_subcommand(
      "inspect", "Print a live schema as models (to adopt a database), SQL or JSON");
  command->add_option("URL", options->url, "Database URL (default: the project's)");
  command->add_option("--format", options->format, "orm, sql or json")
      ->check(CLI::IsMember({"orm", "sql", "json"}));
  command->callback([options, &global, &exit_code] { exit_code = run_inspect(*options, global); });
}

} // namespace orm::cli
