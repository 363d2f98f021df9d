#include "core/workflow/init.hpp"
#include "cli/context.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::cli {

namespace {

struct InitOptions
{
  std::string dialect = "sqlite";
};

int
run_init(const InitOptions& options, const GlobalOptions& global)
{
  Output out(global.quiet);
  for (const auto& created : workflow::init_project(".", options.dialect)) {
    out.line("created " + created, Tone::added);
  }
  out.line("next: edit models.orm, then run `orm makemigrations` and `orm migrate up`");
  return k_exit_ok;
}

} // namespace

void
add_init_command(CLI::App& app, const GlobalOptions& global, int& exit_code)
{
  auto options = std::make_shared<InitOptions>();
  auto* command =
      app.add_subcommand("init", "Create orm.toml, an example models.orm and migrations/");
  command->add_option("--dialect", options->dialect, "sqlite, postgres or mysql")
      ->check(CLI::IsMember({"sqlite", "postgres", "mysql"}));
  command->callback([options, &global, &exit_code] { exit_code = run_init(*options, global); });
}

} // namespace orm::cli
