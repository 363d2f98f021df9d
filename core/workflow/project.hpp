#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace orm::workflow {

// Where a project's parts are, after flags, environment and orm.toml are combined.
struct Project
{
  std::string database_url;
  // "--database-url", "ORM_DATABASE_URL", "orm.toml:1:16: database_url", ..., for messages
  std::string database_url_source;
  std::filesystem::path models = "models.orm";
  std::filesystem::path migrations_dir = "migrations";
  std::optional<std::string> dialect; // orm.toml `dialect`, for --offline without a URL
  int lock_timeout_seconds = 60;
  std::string schema;                      // PostgreSQL schema; empty: public
  std::optional<int> statement_timeout_ms; // SET statement_timeout for migrations
  std::optional<int> ddl_lock_timeout_ms;  // SET lock_timeout for migrations
  // orm.toml `[generate] cpp`: the header `orm generate` writes and makemigrations regenerates
  std::optional<std::filesystem::path> generate_cpp{};
};

// What the command line gave; empty means not given.
struct ProjectFlags
{
  std::string database_url;
  std::string config; // path of orm.toml; default ./orm.toml when it exists
  std::string models;
  std::string migrations_dir;
  std::string schema;
  std::optional<int> statement_timeout_ms;
  std::optional<int> ddl_lock_timeout_ms;
};

using Environment = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
std::optional<std::string> process_environment(const std::string& name);

// Database URL: --database-url, else ORM_DATABASE_URL, else DATABASE_URL, else orm.toml's
// database_url, else sqlite://db.sqlite3. Paths in orm.toml are relative to its folder.
// Throws Error(config) naming file:line:col and the key for every mistake in orm.toml (see
// README "Configuration"), naming its source for a URL that cannot be read, and for a --config
// that is missing.
Project resolve_project(const ProjectFlags& flags, const Environment& environment);

// The orm.toml that `orm init` writes.
std::string default_config_text(const std::string& dialect);

} // namespace orm::workflow
