#include "core/util/error.hpp"
#include "core/workflow/project.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

workflow::Environment
environment_of(std::map<std::string, std::string> variables)
{
  return [variables](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    return found == variables.end() ? std::nullopt : std::optional(found->second);
  };
}

// The config error resolve_project throws for an orm.toml of `text`.
std::string
error_of(const std::string& text, std::map<std::string, std::string> variables = {})
{
  TempDir dir;
  write_file(dir / "orm.toml", text);
  workflow::ProjectFlags flags;
  flags.config = (dir / "orm.toml").string();
  try {
    workflow::resolve_project(flags, environment_of(std::move(variables)));
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::config);
    std::string message = error.what();
    std::string prefix = (dir / "orm.toml").string() + ":";
    CHECK(message.rfind(prefix, 0) == 0);
    return message.substr(prefix.size());
  }
  FAIL("no error for " << text);
  return "";
}

} // namespace

TEST_CASE("project: every setting of orm.toml, relative to its folder", "[workflow][project]")
{
  TempDir dir;
  write_file(dir / "orm.toml", "database_url = \"sqlite://db.sqlite3\"\ndialect = \"sqlite\"\n"
                               "models = \"m.orm\"\nmigrations_dir = \"mig\"\nlock_timeout = 0\n"
                               "schema = \"app\"\nstatement_timeout = 2147483647\n"
                               "ddl_lock_timeout = 10\n");
  workflow::ProjectFlags flags;
  flags.config = (dir / "orm.toml").string();
  auto project = workflow::resolve_project(flags, environment_of({}));
  CHECK(project.database_url == "sqlite://" + (dir / "db.sqlite3").string());
  CHECK(project.database_url_source == flags.config + ":1:16: database_url");
  CHECK(project.models == dir / "m.orm");
  CHECK(project.migrations_dir == dir / "mig");
  CHECK(project.lock_timeout_seconds == 0);
  CHECK(project.schema == "app");
  CHECK(project.statement_timeout_ms == 2147483647);
  CHECK(project.ddl_lock_timeout_ms == 10);
  auto overridden =
      workflow::resolve_project(flags, environment_of({{"DATABASE_URL", "postgres://h/db"}}));
  CHECK(overridden.database_url == "postgres://h/db");
  CHECK(overridden.database_url_source == "DATABASE_URL");
}

TEST_CASE("project: each configuration error names the file, line, column and key",
          "[workflow][project]")
{
  CHECK(error_of("lock_timeout = \"abc\"\n") ==
        "1:16: lock_timeout: expected a whole number of seconds, found \"abc\"");
  CHECK(error_of("\nlock_timeout = -5\n") == "2:16: lock_timeout: must be 0 or more seconds, "
                                             "found -5");
  CHECK(error_of("lock_timeout = 99999999999\n") ==
        "1:16: lock_timeout: 99999999999 seconds is out of range: at most 2147483647");
  CHECK_THAT(error_of("lock_timeout = 99999999999999999999\n"),
             Catch::StartsWith("1:36: lock_timeout: ") && Catch::Contains("64 bits"));
  CHECK(error_of("statement_timeout = true\n") ==
        "1:21: statement_timeout: expected a whole number of milliseconds, found true");
  CHECK(error_of("ddl_lock_timeout = -1\n") ==
        "1:20: ddl_lock_timeout: must be 0 or more milliseconds, found -1");
  CHECK(error_of("lock_timeout = 1\nlock_timeout = 2\n").find("2:") == 0);
  CHECK(error_of("lock_timeout = 1\nlock_timeout = 2\n").find("lock_timeout: ") !=
        std::string::npos);
  CHECK(error_of("models = 3\n") == "1:10: models: expected a quoted string, found 3");
  CHECK(error_of("schema = \"\"\n") == "1:10: schema: must not be empty");
  CHECK(error_of("lock-timeout = 1\n").find("1:16: lock-timeout: unknown setting (known: ") == 0);
}

TEST_CASE("project: dialect and database URL errors", "[workflow][project]")
{
  CHECK(error_of("dialect = \"oracle\"\n") ==
        "1:11: dialect: unknown dialect 'oracle': expected sqlite, postgres or mysql");
  CHECK(error_of("database_url = \"postgres://h/db\"\ndialect = \"oracle\"\n") ==
        "2:11: dialect: unknown dialect 'oracle': expected sqlite, postgres or mysql");
  CHECK(error_of("database_url = \"mysql://h/db\"\ndialect = \"postgres\"\n")
            .find("2:11: dialect: 'postgres' contradicts database_url (") == 0);
  CHECK(error_of("database_url = \"sqlite:db.sqlite3\"\n") ==
        "1:16: database_url: invalid database URL 'sqlite:db.sqlite3': 'sqlite:' must be "
        "followed by '//' (sqlite://...)");
  CHECK(error_of("database_url = \"u:PASSWORD@localhost/db\"\n")
            .find("1:16: database_url: invalid database URL 'u:****@localhost/db'") == 0);
  CHECK(error_of("database_url = \"oracle://u:PASSWORD@h/db\"\n")
            .find("1:16: database_url: unsupported database URL 'oracle://u:****@h/db'") == 0);
}

TEST_CASE("project: a URL from the environment or a flag is checked, naming its source",
          "[workflow][project]")
{
  auto error = [](workflow::ProjectFlags flags, std::map<std::string, std::string> variables) {
    try {
      workflow::resolve_project(flags, environment_of(std::move(variables)));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error({}, {{"DATABASE_URL", "u:PASSWORD@localhost/db"}})
            .find("DATABASE_URL: invalid database URL 'u:****@localhost/db'") == 0);
  CHECK(error({}, {{"ORM_DATABASE_URL", "mysql://u:P%zz@h/db"}})
            .find("ORM_DATABASE_URL: invalid database URL 'mysql://u:****@h/db'") == 0);
  workflow::ProjectFlags flags;
  flags.database_url = "postgres://u:PASSWORD@[::1/db";
  CHECK(error(flags, {}).find("--database-url: invalid database URL 'postgres://u:****@[::1/db'") ==
        0);
}
