// Strings that break naive quoting (backslashes, quotes, comment starters, line breaks that look
// like migration markers, non-ASCII, NUL) as defaults, enum values, comments and inside checks,
// through makemigrations, migrate up, a clean re-diff and migrate down on every dialect; the
// stored values read back by catalog queries and inserts of the test's own.

#include "core/dialect/mysql/connection.hpp"
#include "core/dialect/mysql/types.hpp"
#include "core/dialect/postgres/connection.hpp"
#include "core/dialect/sqlite/connection.hpp"
#include "core/migrate/migration_file.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>

using namespace orm;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

// Each value becomes one table t<i>: its comment, a varchar default and column comment, an enum
// value and default, a text default, and a check that holds the value.
const std::vector<std::string> k_values = {
    "back\\slash",
    "ends with \\",
    "C:\\path\\new",
    "\\' , evil int, #",
    "it's \"double\" and `back`ticks",
    "two\nlines",
    "x\n-- orm:down\n",
    "-- orm:up",
    "-- not a comment",
    "/* not a comment */",
    "# not a comment",
    "tab\there",
    "non-ASCII: é 中文",
};

// Beyond the Basic Multilingual Plane: MariaDB and MySQL keep comments in utf8mb3, which has no
// room for it.
const std::string k_astral_value = "emoji: 🙂";

// MySQL keeps NUL in defaults and enum values, not in comments; PostgreSQL and SQLite refuse it.
const std::string k_nul_value = std::string("nul\0here", 8);

bool
has_nul(const std::string& value)
{
  return value.find('\0') != std::string::npos;
}

// `value` in the models language (and standard SQL): 'it''s'.
std::string
models_string(const std::string& value)
{
  return util::sql_string_literal(value);
}

// `value` in MySQL's default sql_mode, where a backslash escapes: the spelling of a raw check.
std::string
mysql_string(const std::string& value)
{
  std::string result = "'";
  for (char c : value) {
    if (c == '\\') {
      result += "\\\\";
    } else if (c == '\'') {
      result += "''";
    } else if (c == '\0') {
      result += "\\0";
    } else {
      result += c;
    }
  }
  return result + "'";
}

struct Dialect
{
  std::string name;
  bool has_comments;
  std::function<std::string(const std::string&)> check_string; // a value in a raw check
};

// The models of the tables t<i>; a dialect without check_string gets no checks, and
// `comments` says whether the tables and columns have comments.
std::string
models_of(const std::vector<std::string>& values, const Dialect& dialect, bool with_comments = true)
{
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string value = models_string(values[i]);
    bool comments = with_comments && !has_nul(values[i]);
    text += "table t" + std::to_string(i) + (comments ? " comment " + value : "") + " {\n";
    text += "  id int primary key\n";
    text += "  d  varchar(200) default " + value + (comments ? " comment " + value : "") + "\n";
    text += "  e  enum(" + value + ", 'other') default " + value + "\n";
    text += "  tx text default " + value + "\n";
    if (dialect.check_string) {
      // The row of defaults passes only when the check's literal is the value exactly.
      text += "  check (d <> tx or d = " + dialect.check_string(values[i]) + ")\n";
    }
    text += "}\n";
  }
  return text;
}

// Where orm runs: global flags (--database-url, --schema), shell-quoted.
using Target = std::string;

// Runs `args`, showing its output when it fails.
orm::test::RunResult
orm_ok(const TempDir& dir, const Target& target, const std::string& args)
{
  auto result = run_orm(dir.path(), target + " " + args);
  INFO("orm " + args + "\n" + result.out + result.err);
  REQUIRE(result.exit_code == 0);
  return result;
}

// What the database holds, read by the test: each table's defaults through an insert of the id
// alone (which the check lets through only when its literal is the value), the comments and enum
// values from the catalog; and that the check refuses a row that is not the value.
struct Catalog
{
  std::function<void(const std::string& sql)> execute;
  std::function<std::vector<std::string>(const std::string& sql, const std::string& value)>
      row; // the columns of the one row `sql` (with one parameter, the value) returns
  std::function<std::vector<std::string>(const std::string& table)> comments; // table, column d
  std::function<std::vector<std::string>(const std::string& table)> enum_values;
  std::function<bool(const std::string& table)> check_refuses;
};

void
verify_stored(const std::vector<std::string>& values, const Catalog& catalog,
              const Dialect& dialect)
{
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string table = "t" + std::to_string(i);
    INFO(table << " value: " << values[i]);
    catalog.execute("INSERT INTO " + table + " (id) VALUES (1)");
    auto stored = catalog.row("SELECT d, e, tx FROM " + table + " WHERE d = ?", values[i]);
    CHECK(stored == std::vector<std::string>{values[i], values[i], values[i]});
    if (dialect.has_comments && !has_nul(values[i])) {
      CHECK(catalog.comments(table) == std::vector<std::string>{values[i], values[i]});
    }
    CHECK(catalog.enum_values(table) == std::vector<std::string>{values[i], "other"});
    if (dialect.check_string) {
      CHECK(catalog.check_refuses(table));
    }
    catalog.execute("DELETE FROM " + table);
  }
}

// The migration file in `dir`.
std::filesystem::path
migration_file(const TempDir& dir)
{
  std::filesystem::path file;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "migrations")) {
    if (entry.path().extension() == ".sql") {
      file = entry.path();
    }
  }
  REQUIRE(!file.empty());
  return file;
}

// The up statements orm writes for `models` against the (empty) database of `target`.
std::vector<std::string>
generated_up(const Target& target, const std::string& models)
{
  TempDir dir;
  write_file(dir / "models.orm", models);
  orm_ok(dir, target, "makemigrations -n by_hand");
  auto file = migration_file(dir);
  return migrate::parse_migration(file.filename().string(), orm::test::read_file(file)).up;
}

// makemigrations, migrate up, the values as stored, a clean re-diff, migrate down.
void
round_trip(const TempDir& dir, const std::vector<std::string>& values, const Dialect& dialect,
           const Target& target, const Catalog& catalog, const std::function<size_t()>& table_count)
{
  write_file(dir / "models.orm", models_of(values, dialect));
  orm_ok(dir, target, "makemigrations -n literals");
  // The generated file reads back (no marker inside a literal) with one step per table.
  auto file = migration_file(dir);
  auto migration = migrate::parse_migration(file.filename().string(), orm::test::read_file(file));
  CHECK(migration.up_steps.size() >= values.size());
  CHECK(migration.down_steps.size() == migration.up_steps.size());

  orm_ok(dir, target, "migrate up");
  CHECK(table_count() == values.size());
  verify_stored(values, catalog, dialect);
  auto check = run_orm(dir.path(), target + " makemigrations --check");
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
  orm_ok(dir, target, "migrate down");
  CHECK(table_count() == 0);
}

// `makemigrations` refuses `value` as a default, naming the column, with exit code 2.
void
refuses(const std::string& value, const Target& target, const std::string& expected)
{
  TempDir dir;
  write_file(dir / "models.orm", "table t {\n  id int primary key\n  d varchar(20) default " +
                                     models_string(value) + "\n}\n");
  auto result = run_orm(dir.path(), target + " makemigrations");
  INFO(result.out + result.err);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err,
             Catch::Contains("the default of column t.d holds") && Catch::Contains(expected));
  bool written = false;
  if (std::filesystem::exists(dir / "migrations")) {
    for (const auto& entry : std::filesystem::directory_iterator(dir / "migrations")) {
      written = written || entry.path().extension() == ".sql";
    }
  }
  CHECK_FALSE(written);
}

std::vector<std::string>
texts(const db::Result& result)
{
  std::vector<std::string> values;
  for (size_t row = 0; row < result.rows.size(); ++row) {
    for (size_t column = 0; column < result.rows[row].size(); ++column) {
      values.push_back(result.text(row, column));
    }
  }
  return values;
}

template <typename Connection>
bool
insert_fails(Connection& connection, const std::string& table)
{
  try {
    connection.execute("INSERT INTO " + table + " (id, d, tx) VALUES (2, 'zz', 'zz')");
    return false;
  } catch (const orm::DatabaseError&) {
    return true;
  }
}

std::vector<std::string>
with_nul(std::vector<std::string> values)
{
  values.push_back(k_nul_value);
  return values;
}

} // namespace

TEST_CASE("sqlite: awkward strings round-trip as defaults, enum values and checks", "[sqlite]")
{
  TempDir dir;
  std::string path = (dir / "db.sqlite3").string();
  Target target = "--database-url 'sqlite://" + path + "'";
  Dialect dialect{"sqlite", false, models_string};
  dialect::sqlite::SqliteConnection connection(path);
  Catalog catalog;
  catalog.execute = [&](const std::string& sql) { connection.execute(sql); };
  catalog.row = [&](const std::string& sql, const std::string& value) {
    return texts(connection.query(sql, {value}));
  };
  // SQLite has no enum type: the values are a check's list, which the insert below exercises.
  catalog.enum_values = [&](const std::string& table) {
    std::vector<std::string> accepted;
    for (const auto& value : texts(connection.query("SELECT d FROM " + table))) {
      accepted.push_back(value);
    }
    connection.execute("UPDATE " + table + " SET e = 'other'");
    accepted.push_back(texts(connection.query("SELECT e FROM " + table)).at(0));
    return accepted;
  };
  catalog.check_refuses = [&](const std::string& table) { return insert_fails(connection, table); };
  auto table_count = [&] {
    return std::stoul(texts(connection.query("SELECT count(*) FROM sqlite_schema WHERE type = "
                                             "'table' AND name LIKE 't%'"))
                          .at(0));
  };
  auto values = k_values;
  values.push_back(k_astral_value);
  round_trip(dir, values, dialect, target, catalog, table_count);

  refuses(k_nul_value, target, "NUL");
  refuses("carriage\rreturn", target, "carriage return");
}

TEST_CASE("postgres: awkward strings round-trip as defaults, enum values, comments and checks",
          "[postgres]")
{
  orm::test::PostgresScratchSchema scratch;
  Target target = "--database-url '" + orm::test::postgres_url() + "' --schema " + scratch.name();
  Dialect dialect{"postgres", true, models_string};
  dialect::postgres::PgConnection connection(orm::test::postgres_url());
  auto use_schema = [&] {
    connection.execute("SET search_path TO " + dialect::postgres::quote_identifier(scratch.name()));
  };
  use_schema();
  Catalog catalog;
  catalog.execute = [&](const std::string& sql) { connection.execute(sql); };
  catalog.row = [&](const std::string& sql, const std::string& value) {
    std::string numbered = sql;
    numbered.replace(numbered.find('?'), 1, "$1");
    return texts(connection.query(numbered, {value}));
  };
  catalog.comments = [&](const std::string& table) {
    return texts(connection.query(
        "SELECT obj_description(c.oid, 'pg_class'), col_description(c.oid, a.attnum) FROM "
        "pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'd' "
        "WHERE c.oid = $1::regclass",
        {table}));
  };
  catalog.enum_values = [&](const std::string& table) {
    return texts(connection.query("SELECT enumlabel FROM pg_enum WHERE enumtypid = $1::regtype "
                                  "ORDER BY enumsortorder",
                                  {table + "_e"}));
  };
  catalog.check_refuses = [&](const std::string& table) { return insert_fails(connection, table); };
  auto table_count = [&] {
    return std::stoul(texts(connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = $1 "
                                             "AND tablename <> 'orm_migrations'",
                                             {scratch.name()}))
                          .at(0));
  };
  TempDir dir;
  auto values = k_values;
  values.push_back(k_astral_value);
  round_trip(dir, values, dialect, target, catalog, table_count);

  // Run by hand with standard_conforming_strings off, orm's literals mean the same (the checks,
  // raw SQL, are PostgreSQL's own spelling and left out).
  Dialect no_checks{"postgres", true, nullptr};
  auto up = generated_up(target, models_of(values, no_checks));
  connection.execute("SET standard_conforming_strings = off");
  for (const auto& statement : up) {
    INFO(statement);
    connection.execute(statement);
  }
  connection.execute("SET standard_conforming_strings = on");
  verify_stored(values, catalog, no_checks);

  refuses(k_nul_value, target, "NUL");
}

TEST_CASE("mysql: awkward strings round-trip as defaults, enum values, comments and checks",
          "[mysql]")
{
  orm::test::ScratchDatabase database;
  Target target = "--database-url '" + database.url() + "'";
  Dialect dialect{"mysql", true, mysql_string};
  auto& connection = database.connection();
  Catalog catalog;
  catalog.execute = [&](const std::string& sql) { connection.execute(sql); };
  catalog.row = [&](const std::string& sql, const std::string& value) {
    return texts(connection.query(sql, {value}));
  };
  catalog.comments = [&](const std::string& table) {
    return texts(connection.query(
        "SELECT t.TABLE_COMMENT, c.COLUMN_COMMENT FROM information_schema.TABLES t JOIN "
        "information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = "
        "t.TABLE_NAME AND c.COLUMN_NAME = 'd' WHERE t.TABLE_SCHEMA = DATABASE() AND "
        "t.TABLE_NAME = ?",
        {table}));
  };
  // The enum's values as the server gives them back: each one's index in the type, by insert.
  catalog.enum_values = [&](const std::string& table) {
    connection.execute("INSERT INTO " + table + " (id, e) VALUES (3, 1), (4, 2)");
    auto values = texts(connection.query("SELECT e FROM " + table + " WHERE id > 2 ORDER BY id"));
    connection.execute("DELETE FROM " + table + " WHERE id > 2");
    return values;
  };
  catalog.check_refuses = [&](const std::string& table) { return insert_fails(connection, table); };
  auto table_count = [&] {
    return std::stoul(texts(connection.query("SELECT count(*) FROM information_schema.TABLES "
                                             "WHERE TABLE_SCHEMA = DATABASE()"))
                          .at(0)) -
           1; // orm_migrations
  };
  TempDir dir;
  auto values = with_nul(k_values);
  round_trip(dir, values, dialect, target, catalog, table_count);

  // A comment cannot hold a NUL (a table's is cut short there).
  TempDir nul_comment;
  write_file(nul_comment / "models.orm",
             "table n comment " + models_string(k_nul_value) + " { id int primary key }\n");
  auto refused = run_orm(nul_comment.path(), target + " makemigrations");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("the comment of table n holds a NUL character"));

  // The injection of issue #8 made a column `evil`.
  CHECK(texts(connection.query("SELECT count(*) FROM information_schema.COLUMNS WHERE "
                               "TABLE_SCHEMA = DATABASE() AND COLUMN_NAME LIKE '%evil%'"))
            .at(0) == "0");

  // Run by hand under NO_BACKSLASH_ESCAPES and ANSI_QUOTES, the defaults and enum values mean the
  // same. Comments take no hex and need backslash escapes, and a raw check is MySQL's own
  // spelling: both left out here.
  Dialect defaults_only{"mysql", false, nullptr};
  auto up = generated_up(target, models_of(values, defaults_only, false));
  connection.execute(
      "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES,ANSI_QUOTES')");
  for (const auto& statement : up) {
    INFO(statement);
    connection.execute(statement);
  }
  verify_stored(values, catalog, defaults_only);
  CHECK(texts(connection.query("SELECT count(*) FROM information_schema.COLUMNS WHERE "
                               "TABLE_SCHEMA = DATABASE() AND COLUMN_NAME LIKE '%evil%'"))
            .at(0) == "0");
}
