// Bad-input suite, the project around the models: database URLs that need no server, orm.toml,
// tampered migration folders, permissions and the command line, on a SQLite project with one
// applied migration (20260101000000_initial). Each exits with its documented code and changes
// neither a file nor the database.

#include "tests/support/bad_input.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using orm::test::BadInput;
using orm::test::make_immutable;
using orm::test::read_file;
using orm::test::run_orm;
using orm::test::write_file;

namespace fs = std::filesystem;

namespace {

constexpr const char* k_applied = "migrations/20260101000000_initial.sql";
constexpr const char* k_password = "s3cret-pw";

// `url` given with --database-url to `migrate up`, which would create the history table.
BadInput
url_case(std::string name, const std::string& url, int exit_code, std::string message)
{
  return {.name = std::move(name),
          .args = "migrate up --database-url '" + url + "'",
          .exit_code = exit_code,
          .message = std::move(message),
          .secret = k_password};
}

// `toml` as the project's orm.toml, then `migrate up`; the message names orm.toml and the line.
BadInput
toml_case(std::string name, std::string toml, std::string message,
          std::vector<std::string> more = {})
{
  return {.name = std::move(name),
          .args = "migrate up",
          .exit_code = 2,
          .message = std::move(message),
          .files = {{"orm.toml", std::move(toml)}},
          .more = std::move(more)};
}

// The applied migration's text with `from` replaced by `to`.
std::string
applied_with(const fs::path& project, const std::string& from, const std::string& to)
{
  std::string text = read_file(project / k_applied);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A second migration, hashed into orm.sum by orm itself, so that only its own content is wrong.
orm::test::Prepare
hashed_migration(std::string file, std::string text)
{
  return [file, text](const fs::path& project) {
    write_file(project / "migrations" / file, text);
    run_orm(project, "migrate hash");
  };
}

constexpr const char* k_second_migration = R"(-- orm migration 20260102000000_more (sqlite)

-- orm:up

CREATE TABLE "more" ("id" integer NOT NULL);

-- orm:down

DROP TABLE "more";
)";

} // namespace

TEST_CASE("bad input: database URLs without a server", "[cli][bad-input]")
{
  std::string pw = k_password;
  orm::test::run_sqlite_cases({
      url_case("URL without a scheme", "db.sqlite3", 2, "db.sqlite3"),
      url_case("sqlite: without //", "sqlite:db.sqlite3", 2, "sqlite:db.sqlite3"),
      url_case("unknown scheme", "oracle://u:" + pw + "@localhost/db", 2, "oracle://"),
      url_case("empty URL scheme", "://u:" + pw + "@localhost/db", 2, "URL"),
      url_case("sqlite URL without a path", "sqlite://", 2, "sqlite://"),
      url_case("sqlite file in a missing folder", "sqlite:///nonexistent/orm/db.sqlite3", 3,
               "/nonexistent/orm/db.sqlite3"),
      url_case("sqlite file through a regular file", "sqlite://orm.toml/db.sqlite3", 3,
               "orm.toml/db.sqlite3"),
      url_case("sqlite file that is a directory", "sqlite://migrations", 3, "migrations"),
      BadInput{.name = "sqlite file that is not a database",
               .args = "migrate status --database-url sqlite://models.orm",
               .exit_code = 3,
               .message = "file is not a database"},
      url_case("postgres with an unclosed IPv6 bracket", "postgres://u:" + pw + "@[::1/db", 2,
               "postgres://u:****@"),
      url_case("postgres with a port past 65535", "postgres://u:" + pw + "@127.0.0.1:99999/db", 2,
               "99999"),
      url_case("postgres with a port that is a word", "postgres://u:" + pw + "@127.0.0.1:abc/db", 2,
               "abc"),
      url_case("postgres with a bad percent escape", "postgres://u:" + pw + "%zz@127.0.0.1/db", 2,
               "postgres://u:****@127.0.0.1/db"),
      url_case("mysql with an unclosed IPv6 bracket", "mysql://u:" + pw + "@[::1/db", 2,
               "mysql://u:****@"),
      url_case("mysql with a port past 65535", "mysql://u:" + pw + "@127.0.0.1:99999/db", 2,
               "99999"),
      url_case("mysql with a port that is a word", "mysql://u:" + pw + "@127.0.0.1:abc/db", 2,
               "abc"),
      url_case("mysql with a bad percent escape", "mysql://u:" + pw + "%zz@127.0.0.1/db", 2,
               "mysql://u:****@127.0.0.1/db"),
      url_case("mysql with an unknown parameter", "mysql://u:" + pw + "@127.0.0.1/db?colour=red", 2,
               "colour"),
      url_case("mysql with a bad ssl-mode", "mysql://u:" + pw + "@127.0.0.1/db?ssl-mode=sometimes",
               2, "sometimes"),
      BadInput{.name = "URL without a scheme in ORM_DATABASE_URL",
               .args = "migrate up",
               .exit_code = 2,
               .message = "db.sqlite3",
               .environment = "ORM_DATABASE_URL=db.sqlite3"},
  });
}

TEST_CASE("bad input: orm.toml", "[cli][bad-input]")
{
  const std::string url = "database_url = \"sqlite://db.sqlite3\"\n";
  orm::test::run_sqlite_cases({
      toml_case("unterminated string", "database_url = \"sqlite://db.sqlite3\n", "orm.toml:1:"),
      toml_case("key without a value", url + "models =\n", "orm.toml:2:"),
      toml_case("key without '='", url + "models \"models.orm\"\n", "orm.toml:2:"),
      toml_case("value without a key", url + "= \"models.orm\"\n", "orm.toml:2:1:"),
      toml_case("a bare word as a value", url + "models = models.orm\n", "orm.toml:2:"),
      toml_case("text after the value", url + "models = \"models.orm\" extra\n", "orm.toml:2:"),
      toml_case("an unknown table", url + "[database]\nurl = \"x\"\n",
                "orm.toml:3:7: database.url: unknown setting"),
      toml_case("binary garbage", "\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe\n", "orm.toml:1:"),
      toml_case("a NUL byte in a value",
                std::string("database_url = \"sqlite://db\0.sqlite3\"\n", 37), "orm.toml:1:"),
      toml_case("unknown key", url + "databse_url = \"sqlite://other.sqlite3\"\n",
                "orm.toml:2:", {"databse_url", "unknown setting"}),
      toml_case("lock_timeout a string", url + "lock_timeout = \"ten\"\n", "orm.toml:2",
                {"lock_timeout"}),
      toml_case("lock_timeout a fraction", url + "lock_timeout = 1.5\n", "orm.toml:2",
                {"lock_timeout"}),
      toml_case("lock_timeout negative", url + "lock_timeout = -1\n", "orm.toml:2",
                {"lock_timeout"}),
      toml_case("lock_timeout past 32 bits", url + "lock_timeout = 99999999999\n", "orm.toml:2",
                {"lock_timeout"}),
      toml_case("lock_timeout a boolean", url + "lock_timeout = true\n", "orm.toml:2",
                {"lock_timeout"}),
      toml_case("statement_timeout a word", url + "statement_timeout = \"long\"\n", "orm.toml:2",
                {"statement_timeout"}),
      toml_case("ddl_lock_timeout negative", url + "ddl_lock_timeout = -5\n", "orm.toml:2",
                {"ddl_lock_timeout"}),
      toml_case("models a number", url + "models = 5\n", "orm.toml:2", {"models"}),
      toml_case("duplicate key", url + "models = \"a.orm\"\nmodels = \"models.orm\"\n",
                "orm.toml:3", {"models"}),
      toml_case("duplicate database_url", url + "database_url = \"sqlite://other.sqlite3\"\n",
                "orm.toml:2", {"database_url"}),
      toml_case("empty database_url", "database_url = \"\"\n", "orm.toml:1", {"database_url"}),
      toml_case("dialect oracle", url + "dialect = \"oracle\"\n", "orm.toml:2", {"oracle"}),
      toml_case("dialect contradicting the URL", url + "dialect = \"postgres\"\n", "orm.toml:2",
                {"postgres"}),
      BadInput{.name = "--config naming a missing file",
               .args = "migrate up --config nothing.toml",
               .exit_code = 2,
               .message = "nothing.toml: no such configuration file"},
      BadInput{.name = "orm.toml is a directory",
               .args = "migrate up --config migrations",
               .exit_code = 2,
               .message = "migrations: cannot read the configuration file"},
  });
}

TEST_CASE("bad input: tampered migration folders", "[cli][bad-input]")
{
  const fs::path& base = orm::test::sqlite_base_project();
  std::string applied = read_file(base / k_applied);
  std::string sum = read_file(base / "migrations/orm.sum");
  std::string sum_line_edited = sum;
  sum_line_edited[sum.rfind(' ') + 3] = sum[sum.rfind(' ') + 3] == 'a' ? 'b' : 'a';
  orm::test::run_sqlite_cases({
      BadInput{.name = "an applied migration edited",
               .args = "migrate up",
               .exit_code = 3,
               .message = "20260101000000_initial.sql",
               .files = {{k_applied,
                          applied_with(base, "-- orm:down", "DROP TABLE users;\n\n-- orm:down")}}},
      BadInput{.name = "an applied migration edited, migrate down",
               .args = "migrate down",
               .exit_code = 3,
               .message = "20260101000000_initial.sql",
               .files = {{k_applied, applied + "\nDROP TABLE users;\n"}}},
      BadInput{.name = "an applied migration emptied",
               .args = "migrate status",
               .exit_code = 3,
               .message = "20260101000000_initial.sql",
               .files = {{k_applied, ""}}},
      BadInput{.name = "a migration missing from orm.sum",
               .args = "migrate up",
               .exit_code = 3,
               .message = "20260102000000_more.sql",
               .files = {{"migrations/20260102000000_more.sql", k_second_migration}}},
      BadInput{.name = "orm.sum with a line edited",
               .args = "migrate up",
               .exit_code = 3,
               .message = "orm.sum",
               .files = {{"migrations/orm.sum", sum_line_edited}}},
      BadInput{.name = "orm.sum truncated to nothing",
               .args = "migrate up",
               .exit_code = 3,
               .message = "orm.sum",
               .files = {{"migrations/orm.sum", ""}}},
      BadInput{.name = "orm.sum cut after its first line",
               .args = "migrate up",
               .exit_code = 3,
               .message = "orm.sum",
               .files = {{"migrations/orm.sum", sum.substr(0, sum.find('\n') + 1)}}},
      BadInput{.name = "orm.sum with a malformed first line",
               .args = "migrate up",
               .exit_code = 3,
               .message = "orm.sum: malformed",
               .files = {{"migrations/orm.sum", "h2:" + sum.substr(3)}}},
      BadInput{
          .name = "orm.sum missing",
          .args = "migrate up",
          .exit_code = 3,
          .message = "orm.sum",
          .prepare = [](const fs::path& project) { fs::remove(project / "migrations/orm.sum"); }},
      BadInput{.name = "a migration file with a bad name",
               .args = "migrate up",
               .exit_code = 3,
               .message = "a migration file name must look like",
               .prepare = hashed_migration("more.sql", k_second_migration)},
      BadInput{.name = "a migration file without -- orm:up",
               .args = "migrate up",
               .exit_code = 3,
               .message = "20260102000000_more.sql",
               .prepare = hashed_migration("20260102000000_more.sql",
                                           "CREATE TABLE \"more\" (\"id\" integer);\n"),
               .more = {"orm:up"}},
      BadInput{.name = "a migration file without -- orm:down",
               .args = "migrate up",
               .exit_code = 3,
               .message = "20260102000000_more.sql",
               .prepare =
                   hashed_migration("20260102000000_more.sql",
                                    "-- orm:up\n\nCREATE TABLE \"more\" (\"id\" integer);\n"),
               .more = {"orm:down"}},
      BadInput{.name = "a duplicate version",
               .args = "migrate up",
               .exit_code = 3,
               .message = "20260101000000",
               .prepare = hashed_migration("20260101000000_again.sql", k_second_migration),
               .more = {"20260101000000_again.sql"}},
      BadInput{.name = "orm.state corrupted",
               .args = "makemigrations --offline",
               .exit_code = 3,
               .message = "orm.state",
               .files = {{"migrations/orm.state", "\x7f\x45\x4c\x46 garbage\n"}}},
      BadInput{.name = "orm.state with a models error",
               .args = "makemigrations --offline",
               .exit_code = 3,
               .message = "orm.state",
               .files = {{"migrations/orm.state",
                          read_file(base / "migrations/orm.state") + "table {\n"}}},
      BadInput{.name = "a malformed journal",
               .args = "migrate up",
               .exit_code = 3,
               .message = ".orm-journal",
               .files = {{"migrations/.orm-journal", "not a journal\n"}}},
      BadInput{.name = "a journal naming a file outside the folder",
               .args = "migrate up",
               .exit_code = 3,
               .message = ".orm-journal",
               .files = {{"migrations/.orm-journal",
                          "orm journal 1\n.orm-tmp-aaaaaaaaaaaa ../models.orm\n"}}},
      BadInput{.name = "the migrations folder is a regular file",
               .args = "migrate up --migrations-dir models.orm",
               .exit_code = 3,
               .message = "models.orm"},
      BadInput{.name = "the migrations folder through a regular file",
               .args = "migrate up --migrations-dir models.orm/migrations",
               .exit_code = 3,
               .message = "models.orm/migrations"},
  });
}

TEST_CASE("bad input: permissions", "[cli][bad-input]")
{
  // As root, chattr +i (which root cannot write through) and runs as nobody (setpriv) stand for a
  // read-only folder and for unreadable files.
  const std::string more_models = std::string(orm::test::k_base_models) + "table more { id int }\n";
  auto nobody = orm::test::as_nobody();
  orm::test::run_sqlite_cases({
      BadInput{.name = "makemigrations into an immutable migrations folder",
               .args = "makemigrations",
               .exit_code = 3,
               .message = "migrations",
               .files = {{"models.orm", more_models}},
               .prepare = [](const fs::path& project) { make_immutable(project / "migrations"); }},
      BadInput{.name = "migrate hash of an immutable orm.sum",
               .args = "migrate hash",
               .exit_code = 3,
               .message = "migrations",
               .files = {{"migrations/20260102000000_more.sql", k_second_migration}},
               .prepare = [](const fs::path& project) { make_immutable(project / "migrations"); }},
      BadInput{.name = "migrate up into an immutable database file",
               .args = "migrate up",
               .exit_code = 3,
               .message = "readonly database",
               .prepare =
                   [](const fs::path& project) {
                     write_file(project / "models.orm",
                                std::string(orm::test::k_base_models) + "table more { id int }\n");
                     REQUIRE(
                         run_orm(project, "makemigrations -n more", "SOURCE_DATE_EPOCH=1767312000")
                             .exit_code == 0);
                     make_immutable(project / "db.sqlite3");
                   }},
      BadInput{.name = "makemigrations as nobody into a folder nobody cannot write",
               .args = "makemigrations",
               .exit_code = 3,
               .message = "migrations",
               .files = {{"models.orm", more_models}},
               .environment = nobody},
      BadInput{.name = "makemigrations as nobody of an unreadable models file",
               .args = "makemigrations",
               .exit_code = 2,
               .message = "cannot read models file",
               .prepare =
                   [](const fs::path& project) {
                     fs::permissions(project / "models.orm",
                                     fs::perms::owner_read | fs::perms::owner_write);
                   },
               .environment = nobody},
      BadInput{.name = "migrate status as nobody of an unreadable orm.toml",
               .args = "migrate status",
               .exit_code = 2,
               .message = "orm.toml: cannot read the configuration file",
               .prepare =
                   [](const fs::path& project) {
                     fs::permissions(project / "orm.toml", fs::perms::owner_read);
                   },
               .environment = nobody},
      BadInput{.name = "migrate status as nobody of an unreadable migration",
               .args = "migrate status",
               .exit_code = 3,
               .message = "20260101000000_initial.sql",
               .prepare =
                   [](const fs::path& project) {
                     fs::permissions(project / k_applied, fs::perms::owner_read);
                   },
               .environment = nobody},
      BadInput{.name = "migrate up as nobody of a database nobody cannot write",
               .args = "migrate up",
               .exit_code = 3,
               .message = "db.sqlite3",
               .prepare =
                   [](const fs::path& project) {
                     write_file(project / "models.orm",
                                std::string(orm::test::k_base_models) + "table more { id int }\n");
                     REQUIRE(
                         run_orm(project, "makemigrations -n more", "SOURCE_DATE_EPOCH=1767312000")
                             .exit_code == 0);
                   },
               .environment = nobody},
      BadInput{.name = "models file a dangling link",
               .args = "makemigrations",
               .exit_code = 2,
               .message = "cannot read models file",
               .prepare =
                   [](const fs::path& project) {
                     fs::remove(project / "models.orm");
                     fs::create_symlink(project / "nowhere.orm", project / "models.orm");
                   }},
  });
}

TEST_CASE("bad input: command line", "[cli][bad-input]")
{
  orm::test::run_sqlite_cases({
      BadInput{"unknown command", "frobnicate", 2, "A subcommand is required"},
      BadInput{"unknown flag", "makemigrations --frobnicate", 2, "--frobnicate"},
      BadInput{"migrate up with a word for N", "migrate up many", 2, "many"},
      BadInput{"migrate down with a negative N", "migrate down -1", 2, "-1"},
      BadInput{"migrate up --to an unknown version", "migrate up --to 19990101000000", 3,
               "no migration with version 19990101000000"},
      BadInput{"migrate down --to an unknown version", "migrate down --to 19990101000000", 3,
               "no migration with version 19990101000000"},
      BadInput{"sqlmigrate of an unknown version", "sqlmigrate 19990101000000", 2,
               "19990101000000"},
      BadInput{"resolve of an unknown version", "migrate resolve 19990101000000 --applied", 2,
               "19990101000000"},
      BadInput{"resolve without --applied or --rolled-back", "migrate resolve 20260101000000", 2,
               "--applied"},
      BadInput{"an unknown --format", "migrate status --format yaml", 2, "yaml"},
      BadInput{"inspect of an unknown --format", "inspect --format xml", 2, "xml"},
      BadInput{"init where orm.toml exists", "init", 2, "orm.toml"},
      BadInput{"init of an unknown dialect", "init --dialect oracle", 2, "oracle"},
      BadInput{"a negative --statement-timeout", "migrate up --statement-timeout -5", 2,
               "--statement-timeout"},
      BadInput{"a negative --ddl-lock-timeout", "migrate up --ddl-lock-timeout -1", 2,
               "--ddl-lock-timeout"},
      BadInput{"diff from an unknown side", "diff --from nowhere.orm", 2, "nowhere.orm"},
  });
}
