// orm.toml's configuration errors through the binary: exit 2, one line naming file:line:col and
// the key; the URL forms of the README still work.

#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

TEST_CASE("config: each orm.toml error is exit 2 naming file, line, column and key", "[cli]")
{
  struct Case
  {
    std::string toml;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"lock_timeout = \"abc\"\n",
       "error: orm.toml:1:16: lock_timeout: expected a whole number of seconds, found \"abc\"\n"},
      {"lock_timeout = 99999999999\n", "error: orm.toml:1:16: lock_timeout: 99999999999 seconds "
                                       "is out of range: at most 2147483647\n"},
      {"lock_timeout = 99999999999999999999\n", "error: orm.toml:1:36: lock_timeout: "},
      {"lock_timeout = -5\n",
       "error: orm.toml:1:16: lock_timeout: must be 0 or more seconds, found -5\n"},
      {"statement_timeout = 1.5\n", "error: orm.toml:1:21: statement_timeout: expected a string, "
                                    "an integer or true/false, found a number with a fraction\n"},
      {"models = \"a.orm\"\nlock_timeout = 1\nlock_timeout = 2\n",
       "error: orm.toml:3:16: lock_timeout: Error while parsing key-value pair: cannot redefine "
       "existing integer 'lock_timeout'\n"},
      {"models = \"a.orm\n", "error: orm.toml:1:16: models: Error while parsing string: "},
      {"database_url = \"sqlite://db.sqlite3\"\ndialect = \"oracle\"\n",
       "error: orm.toml:2:11: dialect: unknown dialect 'oracle': expected sqlite, postgres or "
       "mysql\n"},
      {"database_url = \"sqlite://db.sqlite3\"\ndialect = \"postgres\"\n",
       "error: orm.toml:2:11: dialect: 'postgres' contradicts database_url (orm.toml:1:16), a "
       "sqlite URL\n"},
      {"database_url = \"sqlite:db.sqlite3\"\n",
       "error: orm.toml:1:16: database_url: invalid database URL 'sqlite:db.sqlite3': 'sqlite:' "
       "must be followed by '//' (sqlite://...)\n"},
      {"lock_timeot = 5\n", "error: orm.toml:1:15: lock_timeot: unknown setting (known: "},
  };
  for (const auto& c : cases) {
    TempDir dir;
    write_file(dir / "orm.toml", c.toml);
    write_file(dir / "models.orm", "");
    auto result = run_orm(dir.path(), "migrate status");
    INFO(c.toml << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind(c.message, 0) == 0);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    CHECK(result.out.empty());
  }
}

TEST_CASE("config: a URL from the environment decides the dialect over orm.toml's", "[cli]")
{
  TempDir dir;
  write_file(dir / "orm.toml", "dialect = \"postgres\"\n");
  write_file(dir / "models.orm", "table t { id int primary key }\n");
  auto result = run_orm(dir.path(), "makemigrations -n t", "DATABASE_URL=sqlite://db.sqlite3");
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "db.sqlite3"));
  auto offline = run_orm(dir.path(), "makemigrations --offline --dry-run -n u");
  CHECK(offline.exit_code == 0);
}

TEST_CASE("config: the SQLite URL forms of the README", "[cli]")
{
  TempDir dir;
  write_file(dir / "models.orm", "table t { id int primary key }\n");
  auto absolute = (dir / "abs.sqlite3").string();
  const std::vector<std::string> urls = {"sqlite://rel.sqlite3", "sqlite://" + absolute,
                                         "sqlite://:memory:", "SQLite://upper.sqlite3"};
  for (const auto& url : urls) {
    auto result = run_orm(dir.path(), "--database-url '" + url + "' migrate status");
    INFO(url << result.err);
    CHECK(result.exit_code == 0);
  }
  CHECK(std::filesystem::exists(dir / "rel.sqlite3"));
  CHECK(std::filesystem::exists(absolute));
  CHECK(std::filesystem::exists(dir / "upper.sqlite3"));
  CHECK_FALSE(std::filesystem::exists(dir / ":memory:"));
  auto none = run_orm(dir.path(), "--database-url 'sqlite://' migrate status");
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("--database-url: SQLite URL 'sqlite://' names no database file") !=
        std::string::npos);
}
