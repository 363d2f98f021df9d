#include "cli/context.hpp"

#include "core/util/mask.hpp"

#include <cstdlib>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace orm::cli {

namespace {

// Every log line passes through util::mask_urls_in before it reaches stderr.
class MaskingSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
  MaskingSink() : m_stderr(std::make_shared<spdlog::sinks::stderr_color_sink_st>()) {}

protected:
  void sink_it_(const spdlog::details::log_msg& message) override
  {
    std::string masked =
        util::mask_urls_in(std::string_view(message.payload.data(), message.payload.size()));
    spdlog::details::log_msg copy = message;
    copy.payload = masked;
    m_stderr->log(copy);
  }
  void flush_() override { m_stderr->flush(); }
  void set_pattern_(const std::string& pattern) override { m_stderr->set_pattern(pattern); }
  void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override
  {
    m_stderr->set_formatter(std::move(formatter));
  }

private:
  std::shared_ptr<spdlog::sinks::stderr_color_sink_st> m_stderr;
};

} // namespace

workflow::Project
GlobalOptions::resolve() const
{
  auto resolved = workflow::resolve_project(project, workflow::process_environment);
  spdlog::debug("database {} (from {}), models {}, migrations {}",
                util::mask_url(resolved.database_url), resolved.database_url_source,
                resolved.models.string(), resolved.migrations_dir.string());
  return resolved;
}

void
configure_logging(const GlobalOptions& global)
{
  // Logs go to stderr so that stdout stays clean for SQL and JSON.
  auto logger = std::make_shared<spdlog::logger>("orm", std::make_shared<MaskingSink>());
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(global.verbosity >= 2   ? spdlog::level::trace
                    : global.verbosity == 1 ? spdlog::level::debug
                                            : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void
add_global_options(CLI::App& app, GlobalOptions& global)
{
  app.add_option(
      "--database-url", global.project.database_url,
      "Database URL (else ORM_DATABASE_URL, DATABASE_URL, orm.toml, sqlite://db.sqlite3)");
  app.add_option("--config", global.project.config, "Configuration file (default ./orm.toml)");
  app.add_option("--models", global.project.models, "Models file (default models.orm)");
  app.add_option("--migrations-dir", global.project.migrations_dir,
                 "Migration directory (default migrations)");
  app.add_option("--schema", global.project.schema,
                 "PostgreSQL schema to manage (default public; orm.toml: schema)");
  app.add_option("--statement-timeout", global.project.statement_timeout_ms,
                 "Milliseconds a migration statement may run (orm.toml: statement_timeout)");
  app.add_option("--ddl-lock-timeout", global.project.ddl_lock_timeout_ms,
                 "Milliseconds DDL may wait for a table lock (orm.toml: ddl_lock_timeout)");
  app.add_flag("-v,--verbose", global.verbosity, "More output (repeatable)");
  app.add_flag("-q,--quiet", global.quiet, "Only errors and requested output");
  app.parse_complete_callback([&global] { configure_logging(global); });
}

std::chrono::system_clock::time_point
current_time()
{
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(std::atoll(epoch)));
  }
  return std::chrono::system_clock::now();
}

} // namespace orm::cli
