#include "cli/context.hpp"
#include "cli/output.hpp"
#include "core/util/error.hpp"
#include "core/util/mask.hpp"

#include <CLI/CLI.hpp>

// The one place that turns failures into messages and exit codes.
int
main(int argc, char** argv)
{
  using namespace orm;
  CLI::App app{"orm: declare your data model once; generate, apply and roll back migrations"};
  app.require_subcommand(1);
  app.fallthrough(); // global flags may follow the command too
  app.set_version_flag("--version", "orm 0.1.0");
  cli::GlobalOptions global;
  cli::add_global_options(app, global);
  int exit_code = cli::k_exit_ok;
  cli::add_init_command(app, global, exit_code);
  cli::add_makemigrations_command(app, global, exit_code);
  cli::add_migrate_command(app, global, exit_code);
  cli::add_diff_command(app, global, exit_code);
  cli::add_inspect_command(app, global, exit_code);
  cli::add_sqlmigrate_command(app, global, exit_code);
  cli::add_generate_command(app, global, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? cli::k_exit_ok : cli::k_exit_usage;
  } catch (const Error& e) {
    // Messages are built with masked URLs; this masks any URL that slipped through.
    cli::Output::error(util::mask_urls_in(e.what()));
    if (const auto* db = dynamic_cast<const DatabaseError*>(&e); db && !db->statement().empty()) {
      cli::Output::error("in statement: " + util::mask_urls_in(db->statement()));
    }
    bool user_error = e.kind() == ErrorKind::usage || e.kind() == ErrorKind::config;
    return user_error ? cli::k_exit_usage : cli::k_exit_failure;
  } catch (const std::exception& e) {
    cli::Output::error("internal error: " + util::mask_urls_in(e.what()));
    return cli::k_exit_failure;
  }
  return exit_code;
}
