#include "core/util/error.hpp"
#include "core/workflow/generate.hpp"
#include "cli/context.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct GenerateOptions
{
  std::string lang = "cpp";
  std::string out;
  std::string name_space = "models";
  bool check = false;
};

int
run_generate(const GenerateOptions& options, const GlobalOptions& global)
{
  Output out(global.quiet);
  auto project = global.resolve();
  std::string text = workflow::generated_cpp(project, {options.name_space});
  auto path = workflow::generated_cpp_path(project, options.out);
  if (options.check) {
    if (!path) {
      throw orm::Error(orm::ErrorKind::usage, "generate --check needs --out FILE or orm.toml's "
                                    "`[generate] cpp = \"FILE\"`: the header to compare");
    }
    if (!workflow::generated_is_current(*path, text)) {
      out.line(fmt::format("{} is out of date: run `orm generate`", path->string()));
      return k_exit_check_failed;
    }
    out.line(fmt::format("{} is up to date", path->string()));
    return k_exit_ok;
  }
  if (!path) {
    Output().data(text);
    return k_exit_ok;
  }
  bool wrote = workflow::write_generated(*path, text);
  out.line(wrote ? "wrote " + path->string() : path->string() + " is up to date",
           wrote ? Tone::success : Tone::plain);
  return k_exit_ok;
}

} // namespace

void
add_generate_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<GenerateOptions>();
  auto* command = app.add_subcommand(
      "generate", "Write typed C++ code for the schema the committed migrations lead to");
  command->add_option("--lang", options->lang, "Language of the code (cpp)")
      ->check(CLI::IsMember({"cpp"}));
  command->add_option("--out", options->out,
                      "File to write (default: orm.toml's [generate] cpp, else stdout)");
  command->add_option("--namespace", options->name_space, "C++ namespace of the code (models)");
  command->add_flag("--check", options->check,
                    "Write nothing; exit 1 when the file is missing or out of date (for CI)");
  command->callback([options, &global, &exit_code] { exit_code = run_generate(*options, global); });
}

} // namespace orm::cli
