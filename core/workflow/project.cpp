#include "core/workflow/project.hpp"

#include "core/dialect/dialect.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"
#include "core/workflow/toml.hpp"

#include <cstdint>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <sstream>

namespace orm::workflow {

namespace {

constexpr const char* k_default_url = "sqlite://db.sqlite3";
constexpr const char* k_config_name = "orm.toml";

std::string
read_config(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    throw Error(ErrorKind::config,
                fmt::format("{}: cannot read the configuration file", path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A relative path in orm.toml is relative to the folder that holds orm.toml.
std::filesystem::path
relative_to(const std::filesystem::path& folder, const std::string& value)
{
  std::filesystem::path path(value);
  return path.is_absolute() || folder.empty() ? path : folder / path;
}

// The same for sqlite:// URLs in orm.toml, so that `orm --config sub/orm.toml` finds
// sub/db.sqlite3.
std::string
sqlite_url_relative_to(const std::filesystem::path& folder, const std::string& url)
{
  const std::string scheme = "sqlite://";
  if (folder.empty() || url.rfind(scheme, 0) != 0) {
    return url;
  }
  std::string path = url.substr(scheme.size());
  if (path.empty() || path[0] == '/' || path[0] == ':') {
    return url;
  }
  return scheme + (folder / path).string();
}

constexpr const char* k_known_settings =
    "database_url, models, migrations_dir, dialect, "
    "lock_timeout, schema, statement_timeout, ddl_lock_timeout, [generate] cpp";
constexpr std::int64_t k_max_setting = std::numeric_limits<int>::max();

// Reads orm.toml's settings by their types; every error names file:line:col and the key.
class ConfigReader
{
public:
  explicit ConfigReader(const std::filesystem::path& path) : m_file(path.string()) {}

  std::string where(const TomlSetting& setting) const
  {
    return fmt::format("{}:{}:{}", m_file, setting.line, setting.column);
  }

  [[noreturn]] void fail(const std::string& key, const TomlSetting& setting,
                         const std::string& what) const
  {
    throw Error(ErrorKind::config, fmt::format("{}: {}: {}", where(setting), key, what));
  }

  std::string text(const std::string& key, const TomlSetting& setting) const
  {
    const auto* value = std::get_if<std::string>(&setting.value);
    if (!value) {
      fail(key, setting, fmt::format("expected a quoted string, found {}", shown(setting)));
    }
    if (value->empty()) {
      fail(key, setting, "must not be empty");
    }
    return *value;
  }

  // A whole number from 0 to INT_MAX of `unit`.
  int whole_number(const std::string& key, const TomlSetting& setting, std::string_view unit) const
  {
    const auto* value = std::get_if<std::int64_t>(&setting.value);
    if (!value) {
      fail(key, setting,
           fmt::format("expected a whole number of {}, found {}", unit, shown(setting)));
    }
    if (*value < 0) {
      fail(key, setting, fmt::format("must be 0 or more {}, found {}", unit, *value));
    }
    if (*value > k_max_setting) {
      fail(key, setting,
           fmt::format("{} {} is out of range: at most {}", *value, unit, k_max_setting));
    }
    return static_cast<int>(*value);
  }

private:
  static std::string shown(const TomlSetting& setting)
  {
    return std::visit(util::Overloaded{
                          [](const std::string& value) { return fmt::format("\"{}\"", value); },
                          [](std::int64_t value) { return std::to_string(value); },
                          [](bool value) { return std::string(value ? "true" : "false"); },
                      },
                      setting.value);
  }

  std::string m_file;
};

void
apply_config(Project& project, const std::filesystem::path& path)
{
  auto settings = read_flat_toml(read_config(path), path.string());
  ConfigReader config(path);
  auto folder = path.parent_path();
  for (const auto& [key, setting] : settings) {
    if (key == "database_url") {
      project.database_url = sqlite_url_relative_to(folder, config.text(key, setting));
      project.database_url_source = config.where(setting) + ": " + key;
    } else if (key == "models") {
      project.models = relative_to(folder, config.text(key, setting));
    } else if (key == "migrations_dir") {
      project.migrations_dir = relative_to(folder, config.text(key, setting));
    } else if (key == "dialect") {
      std::string name = config.text(key, setting);
      if (name != "sqlite" && name != "postgres" && name != "mysql") {
        config.fail(key, setting,
                    fmt::format("unknown dialect '{}': expected sqlite, postgres or mysql", name));
      }
      project.dialect = name;
    } else if (key == "lock_timeout") {
      project.lock_timeout_seconds = config.whole_number(key, setting, "seconds");
    } else if (key == "schema") {
      project.schema = config.text(key, setting);
    } else if (key == "statement_timeout") {
      project.statement_timeout_ms = config.whole_number(key, setting, "milliseconds");
    } else if (key == "generate.cpp") {
      project.generate_cpp = relative_to(folder, config.text(key, setting));
    } else if (key == "ddl_lock_timeout") {
      project.ddl_lock_timeout_ms = config.whole_number(key, setting, "milliseconds");
    } else {
      config.fail(key, setting, fmt::format("unknown setting (known: {})", k_known_settings));
    }
  }
  // A file whose dialect and URL disagree is wrong whichever of them was meant.
  auto url = settings.find("database_url");
  auto dialect = settings.find("dialect");
  if (url != settings.end() && dialect != settings.end()) {
    std::string url_dialect =
        dialect::dialect_name_of(project.database_url, project.database_url_source);
    if (url_dialect != *project.dialect) {
      config.fail("dialect", dialect->second,
                  fmt::format("'{}' contradicts database_url ({}), a {} URL", *project.dialect,
                              config.where(url->second), url_dialect));
    }
  }
}

} // namespace

std::optional<std::string>
process_environment(const std::string& name)
{
  const char* value = std::getenv(name.c_str());
  if (!value || !*value) {
    return std::nullopt;
  }
  return std::string(value);
}

Project
resolve_project(const ProjectFlags& flags, const Environment& environment)
{
  Project project;
  std::filesystem::path config = flags.config.empty() ? k_config_name : flags.config;
  if (!flags.config.empty() && !std::filesystem::exists(config)) {
    throw Error(ErrorKind::config, fmt::format("{}: no such configuration file", flags.config));
  }
  if (std::filesystem::exists(config)) {
    apply_config(project, config);
  }
  if (!flags.models.empty()) {
    project.models = flags.models;
  }
  if (!flags.migrations_dir.empty()) {
    project.migrations_dir = flags.migrations_dir;
  }
  if (!flags.schema.empty()) {
    project.schema = flags.schema;
  }
  if (flags.statement_timeout_ms) {
    project.statement_timeout_ms = flags.statement_timeout_ms;
  }
  if (flags.ddl_lock_timeout_ms) {
    project.ddl_lock_timeout_ms = flags.ddl_lock_timeout_ms;
  }
  if (!flags.database_url.empty()) {
    project.database_url = flags.database_url;
    project.database_url_source = "--database-url";
  } else if (auto url = environment("ORM_DATABASE_URL")) {
    project.database_url = *url;
    project.database_url_source = "ORM_DATABASE_URL";
  } else if (auto fallback = environment("DATABASE_URL")) {
    project.database_url = *fallback;
    project.database_url_source = "DATABASE_URL";
  } else if (project.database_url.empty()) {
    project.database_url = k_default_url;
    project.database_url_source = "the default";
  }
  dialect::check_url(project.database_url, project.database_url_source);
  return project;
}

std::string
default_config_text(const std::string& dialect)
{
  std::string url = dialect == "postgres" ? "postgres://user:password@localhost:5432/app"
                    : dialect == "mysql"  ? "mysql://user:password@localhost:3306/app"
                                          : k_default_url;
  return fmt::format(
      "# orm project configuration\n"
      "# The URL can be overridden by --database-url, ORM_DATABASE_URL or DATABASE_URL.\n"
      "database_url = \"{}\"\n"
      "dialect = \"{}\"\n"
      "models = \"models.orm\"\n"
      "migrations_dir = \"migrations\"\n"
      "lock_timeout = 60\n"
      "# schema = \"public\"          # PostgreSQL schema to manage\n"
      "# statement_timeout = 60000   # ms; SET statement_timeout while migrating\n"
      "# ddl_lock_timeout = 10000    # ms; SET lock_timeout while migrating\n",
      url, dialect);
}

} // namespace orm::workflow
