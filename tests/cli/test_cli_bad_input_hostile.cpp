// Bad-input suite, hostile identifiers and literals on each dialect, through `makemigrations` and
// `migrate up`: each either works (the names and values read back from the catalog, or a row
// inserted with the defaults, are exactly what the models say, and the models then diff empty)
// or is refused by makemigrations before anything is written.

#include "core/dialect/postgres/connection.hpp"
#include "core/dialect/sqlite/connection.hpp"
#include "tests/support/bad_input.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

using orm::test::BadInput;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;
using namespace std::string_literals;

namespace {

// One hostile models file and what must come of it: `columns` (the names the catalog lists for
// `table`, comma-separated) and `value` (column v of a row of table t inserted with the
// defaults) when it works, or `exit_code` and `message` when makemigrations refuses it.
struct Hostile
{
  std::string name;
  std::string models;
  std::string table = {};
  std::string columns = {};
  std::string value = {};
  int exit_code = 0;
  std::string message = {};
};

// What a hostile case needs of one database: how orm reaches it, and the test's own reading.
struct Target
{
  std::string environment = {}; // ORM_DATABASE_URL=... and what else orm needs
  std::string flags = {};       // e.g. --schema NAME
  orm::test::ReadCatalog catalog = {};
  std::function<std::string(const std::string& table)> columns_of = {};
  std::function<std::string()> default_row_value = {}; // inserts a row of defaults into t, reads v
};

std::string
joined(const orm::db::Result& result)
{
  std::string text;
  for (size_t row = 0; row < result.rows.size(); ++row) {
    text += (row ? "," : "") + result.text(row, 0);
  }
  return text;
}

std::string
rows_text(const orm::db::Result& result)
{
  std::string text;
  for (const auto& row : result.rows) {
    for (const auto& value : row) {
      text += value.value_or("NULL") + "|";
    }
    text += "\n";
  }
  return text;
}

// A table t whose column v has `literal` as its default.
std::string
literal_table(const std::string& type, const std::string& attributes)
{
  return "table t {\n  id int primary key autoincrement\n  v  " + type + " " + attributes + "\n}\n";
}

Hostile
works_literal(std::string name, const std::string& literal, std::string value)
{
  return {.name = std::move(name),
          .models = literal_table("varchar(200)", "default " + literal),
          .value = std::move(value)};
}

Hostile
works_name(std::string name, const std::string& quoted_table, const std::string& quoted_column,
           std::string table, std::string column)
{
  return {.name = std::move(name),
          .models = "table " + quoted_table + " {\n  id int primary key\n  " + quoted_column +
                    " text?\n}\n",
          .table = std::move(table),
          .columns = "id," + std::move(column)};
}

Hostile
refused(std::string name, std::string models, std::string message)
{
  return {.name = std::move(name),
          .models = std::move(models),
          .exit_code = 2,
          .message = std::move(message)};
}

// The cases every dialect must handle alike.
std::vector<Hostile>
common_cases()
{
  return {
      works_name("a double quote in names", "\"we\"\"ird\"", "\"col\"\"umn\"", "we\"ird",
                 "col\"umn"),
      works_name("a backtick in names", "\"back`tick\"", "\"a`b\"", "back`tick", "a`b"),
      works_name("a backslash in names", "\"back\\slash\"", "\"a\\b\"", "back\\slash", "a\\b"),
      works_name("a trailing backslash in a name", "\"tail\\\"", "\"b\\\"", "tail\\", "b\\"),
      works_name("-- in names", "\"dash--dash\"", "\"a--b\"", "dash--dash", "a--b"),
      works_name("; in names", "\"semi;colon\"", "\"a;b\"", "semi;colon", "a;b"),
      works_name("a single quote in names", "\"it's\"", "\"o'clock\"", "it's", "o'clock"),
      works_name("reserved words as names", "\"select\"", "\"order\"", "select", "order"),
      works_name("spaces and non-ASCII in names", "\"my table\"", "\"naïve\"", "my table", "naïve"),
      works_literal("a quote in a default", "'it''s'", "it's"),
      works_literal("a backslash in a default", "'back\\slash'", "back\\slash"),
      works_literal("a trailing backslash in a default", "'tail\\'", "tail\\"),
      works_literal("a backslash before a quote in a default", "'a\\''b'", "a\\'b"),
      works_literal("-- orm:down in a default", "'-- orm:down'", "-- orm:down"),
      works_literal("; and a comment in a default", "'x; DROP TABLE t; --'", "x; DROP TABLE t; --"),
      works_literal("a newline in a default", "'line1\nline2'", "line1\nline2"),
      works_literal("/* in a default", "'/* not a comment'", "/* not a comment"),
      {.name = "hostile enum values",
       .models =
           literal_table("enum('it''s', 'back\\slash', '-- orm:down')", "default 'back\\slash'"),
       .value = "back\\slash"},
      {.name = "a check with a hostile literal",
       .models = literal_table("varchar(200)", "default 'ok' check (v <> 'it''s; -- orm:down \\')"),
       .value = "ok"},
      {.name = "a hostile comment",
       .models = "table t comment 'it''s -- orm:down; \\' {\n  id int primary key autoincrement\n"
                 "  v varchar(200) default 'c' comment '*/ \\ ''; --'\n}\n",
       .value = "c"},
      refused("a NUL byte in a name", "table \"a\0b\" {\n  id int primary key\n}\n"s,
              "models.orm:1:"),
  };
}

void
run_hostile(const Hostile& item, const Target& target)
{
  TempDir dir;
  write_file(dir / "models.orm", item.models);
  if (item.exit_code != 0) {
    orm::test::check_bad_input(BadInput{.name = item.name,
                                        .args = "makemigrations -n hostile " + target.flags,
                                        .exit_code = item.exit_code,
                                        .message = item.message,
                                        .environment = target.environment},
                               dir.path(), target.catalog);
    return;
  }
  INFO("case: " << item.name);
  INFO("models:\n" << item.models);
  auto make = run_orm(dir.path(), "makemigrations -n hostile " + target.flags, target.environment);
  INFO("makemigrations: " << make.exit_code << "\n" << make.out << make.err);
  REQUIRE(make.exit_code == 0);
  auto up = run_orm(dir.path(), "migrate up " + target.flags, target.environment);
  INFO("migrate up: " << up.exit_code << "\n" << up.out << up.err);
  REQUIRE(up.exit_code == 0);
  if (!item.columns.empty()) {
    CHECK(target.columns_of(item.table) == item.columns);
  }
  if (!item.value.empty()) {
    CHECK(target.default_row_value() == item.value);
  }
  auto check = run_orm(dir.path(), "makemigrations --check " + target.flags, target.environment);
  INFO("makemigrations --check: " << check.exit_code << "\n" << check.out << check.err);
  CHECK(check.exit_code == 0);
}

} // namespace

TEST_CASE("bad input: hostile identifiers and literals on SQLite", "[cli][bad-input]")
{
  auto cases = common_cases();
  cases.push_back(
      refused("a NUL byte in a default", literal_table("varchar(200)", "default 'a\0b'"s), "NUL"));
  cases.push_back(
      works_name("a 300-character name", std::string(300, 'n'), "c", std::string(300, 'n'), "c"));
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      TempDir database_folder;
      auto path = database_folder / "db.sqlite3";
      Target target{.environment = "ORM_DATABASE_URL='sqlite://" + path.string() + "'",
                    .catalog = orm::test::sqlite_catalog(path)};
      target.columns_of = [path](const std::string& table) {
        orm::dialect::sqlite::SqliteConnection connection(path.string());
        return joined(
            connection.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table}));
      };
      target.default_row_value = [path] {
        orm::dialect::sqlite::SqliteConnection connection(path.string());
        connection.execute("INSERT INTO t DEFAULT VALUES");
        return connection.query("SELECT v FROM t").text(0, 0);
      };
      run_hostile(item, target);
    }
  }
}

TEST_CASE("bad input: hostile identifiers and literals on PostgreSQL", "[cli][bad-input][postgres]")
{
  auto cases = common_cases();
  cases.push_back(
      refused("a NUL byte in a default", literal_table("varchar(200)", "default 'a\0b'"s), "NUL"));
  cases.push_back(refused("a 64-character table name (PostgreSQL allows 63)",
                          "table " + std::string(64, 'n') + " {\n  id int primary key\n}\n",
                          std::string(64, 'n')));
  cases.push_back(refused("a 64-character column name",
                          "table t {\n  " + std::string(64, 'c') + " int primary key\n}\n",
                          std::string(64, 'c')));
  cases.push_back(
      refused("a 64-character index name",
              "table t {\n  id int primary key\n  index " + std::string(64, 'i') + " (id)\n}\n",
              std::string(64, 'i')));
  cases.push_back({.name = "a default index name past 63 characters, shortened",
                   .models = "table " + std::string(40, 't') + " {\n  id int primary key\n  " +
                             std::string(40, 'c') + " int unique\n}\n",
                   .table = std::string(40, 't'),
                   .columns = "id," + std::string(40, 'c')});
  cases.push_back(
      works_name("a 63-character name", std::string(63, 'n'), "c", std::string(63, 'n'), "c"));
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      orm::test::PostgresScratchSchema schema;
      std::string name = schema.name();
      Target target{.environment = "ORM_DATABASE_URL='" + orm::test::postgres_url() + "'",
                    .flags = "--schema " + name};
      auto admin =
          std::make_shared<orm::dialect::postgres::PgConnection>(orm::test::postgres_url());
      target.catalog = [admin, name] {
        return rows_text(
                   admin->query("SELECT table_name, column_name, data_type, column_default FROM "
                                "information_schema.columns WHERE table_schema = $1 ORDER BY 1, 2",
                                {name})) +
               rows_text(admin->query("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON "
                                      "n.oid = t.typnamespace WHERE n.nspname = $1 ORDER BY 1",
                                      {name}));
      };
      target.columns_of = [admin, name](const std::string& table) {
        return joined(
            admin->query("SELECT column_name FROM information_schema.columns WHERE "
                         "table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                         {name, table}));
      };
      target.default_row_value = [admin, name] {
        std::string table = orm::dialect::postgres::quote_identifier(name) + ".t";
        admin->execute("INSERT INTO " + table + " DEFAULT VALUES");
        return admin->query("SELECT v FROM " + table).text(0, 0);
      };
      run_hostile(item, target);
    }
  }
}

TEST_CASE("bad input: hostile identifiers and literals on MySQL", "[cli][bad-input][mysql]")
{
  auto cases = common_cases();
  cases.push_back(works_literal("a NUL byte in a default", "'a\0b'"s, "a\0b"s));
  cases.push_back(refused("a 65-character table name (MySQL allows 64)",
                          "table " + std::string(65, 'n') + " {\n  id int primary key\n}\n",
                          std::string(65, 'n')));
  cases.push_back(refused("a 65-character column name",
                          "table t {\n  " + std::string(65, 'c') + " int primary key\n}\n",
                          std::string(65, 'c')));
  cases.push_back(
      refused("a 65-character index name",
              "table t {\n  id int primary key\n  index " + std::string(65, 'i') + " (id)\n}\n",
              std::string(65, 'i')));
  cases.push_back(
      works_name("a 64-character name", std::string(64, 'n'), "c", std::string(64, 'n'), "c"));
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      auto database = std::make_shared<orm::test::ScratchDatabase>();
      Target target{.environment = "ORM_DATABASE_URL='" + database->url() + "'"};
      target.catalog = [database] {
        return rows_text(database->connection().query(
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLUMN_DEFAULT FROM "
            "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2"));
      };
      target.columns_of = [database](const std::string& table) {
        return joined(database->connection().query(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
            "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
            {table}));
      };
      target.default_row_value = [database] {
        database->connection().execute("INSERT INTO t () VALUES ()");
        return database->connection().query("SELECT v FROM t").text(0, 0);
      };
      run_hostile(item, target);
    }
  }
}
