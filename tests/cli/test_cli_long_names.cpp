// Names at the database's limit through the orm binary: derived names shortened the same way on
// every run (a migrated database re-diffs empty), names the models give refused at plan time.

#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

// A table whose name is `length` characters long, two columns of 60 and every kind of derived name
// (unique, index, foreign key, column and table checks; on PostgreSQL the primary key and enum
// types) longer than that.
std::string
long_models(const std::string& table, const std::string& enum_values)
{
  std::string quantity = "quantity_" + std::string(51, 'q');
  std::string parent = "parent_id_" + std::string(50, 'p');
  return "table parent { id bigint primary key }\n"
         "table " +
         table + " {\n  id bigint primary key autoincrement\n  " + quantity +
         " int unique check (" + quantity + " > 0)\n  " + parent +
         " bigint references parent(id)\n  kind enum(" + enum_values +
         ")\n  status enum('x', 'y')\n  index (" + quantity + ", " + parent + ")\n  unique (" +
         parent + ", " + quantity + ")\n  check (" + quantity + " < 100)\n  check (" + parent +
         " < 100)\n}\n";
}

std::string
pg_target(const orm::test::PostgresScratchSchema& scratch)
{
  return "--database-url '" + orm::test::postgres_url() + "' --schema " + scratch.name() + " ";
}

// name -> kind (contype, or 'i' for an index, 'e' for an enum type) of what the schema holds,
// read from pg_catalog.
std::multiset<std::string>
pg_objects(orm::dialect::postgres::PgConnection& connection, const std::string& schema)
{
  auto result = connection.query(
      "SELECT relname || ' ' || relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = "
      "c.relnamespace WHERE nspname = $1 AND relkind = 'i' AND relname LIKE 'order%' "
      "UNION ALL SELECT conname || ' ' || contype::text FROM pg_constraint k JOIN pg_namespace n "
      "ON "
      "n.oid = k.connamespace WHERE nspname = $1 AND conname LIKE 'order%' "
      "UNION ALL SELECT typname || ' e' FROM pg_type t JOIN pg_namespace n ON n.oid = "
      "t.typnamespace WHERE nspname = $1 AND typtype = 'e'",
      {schema});
  std::multiset<std::string> objects;
  for (size_t i = 0; i < result.rows.size(); ++i) {
    objects.insert(result.text(i, 0));
  }
  return objects;
}

size_t
count_ending(const std::multiset<std::string>& objects, const std::string& kind)
{
  size_t count = 0;
  for (const auto& object : objects) {
    count += object.size() > kind.size() &&
             object.compare(object.size() - kind.size(), kind.size(), kind) == 0;
  }
  return count;
}

} // namespace

TEST_CASE("postgres cli: a 63-byte table name with long derived names migrates up, re-diffs "
          "empty and comes back down",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  orm::dialect::postgres::PgConnection catalog(orm::test::postgres_url());
  TempDir dir;
  std::string on = pg_target(scratch);
  std::string table = "order_" + std::string(57, 'x'); // 63 bytes: <table>_pkey is 68
  write_file(dir / "models.orm", long_models(table, "'a', 'b'"));
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n initial", "SOURCE_DATE_EPOCH=1767225600")
              .exit_code == 0);
  auto up = run_orm(dir.path(), on + "migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  auto check = run_orm(dir.path(), on + "makemigrations --check");
  INFO(check.out);
  CHECK(check.exit_code == 0);

  auto objects = pg_objects(catalog, scratch.name());
  CAPTURE(objects);
  // Truncated by PostgreSQL, names would collide: every one is there, under its own name.
  CHECK(objects.count("order_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_18b31c42 p") == 1);
  CHECK(count_ending(objects, " i") == 4); // the primary key, two uniques, one index
  CHECK(count_ending(objects, " f") == 1);
  CHECK(count_ending(objects, " c") == 3);
  CHECK(count_ending(objects, " e") == 2);
  for (const auto& object : objects) {
    CHECK(object.find(' ') <= 63);
  }

  // Removing an enum value rebuilds the type under a temporary name, derived too.
  write_file(dir / "models.orm", long_models(table, "'a'"));
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n fewer", "SOURCE_DATE_EPOCH=1767312000")
              .exit_code == 0);
  auto fewer = run_orm(dir.path(), on + "migrate up");
  INFO(fewer.err);
  REQUIRE(fewer.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "makemigrations --check").exit_code == 0);
  CHECK(pg_objects(catalog, scratch.name()) == objects);

  for (int step = 0; step < 2; ++step) {
    auto down = run_orm(dir.path(), on + "migrate down");
    INFO(down.err);
    REQUIRE(down.exit_code == 0);
  }
  CHECK(pg_objects(catalog, scratch.name()).empty());
}

TEST_CASE("mysql cli: a 64-character table name with long derived names migrates up, re-diffs "
          "empty and comes back down",
          "[mysql][cli]")
{
  orm::test::ScratchDatabase database;
  TempDir dir;
  std::string env = "ORM_DATABASE_URL='" + database.url() + "'";
  std::string table = "order_" + std::string(58, 'x');
  write_file(dir / "models.orm", long_models(table, "'a', 'b'"));
  REQUIRE(run_orm(dir.path(), "makemigrations -n initial", "SOURCE_DATE_EPOCH=1767225600 " + env)
              .exit_code == 0);
  auto up = run_orm(dir.path(), "migrate up", env);
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  auto check = run_orm(dir.path(), "makemigrations --check", env);
  INFO(check.out);
  CHECK(check.exit_code == 0);

  auto& connection = database.connection();
  auto constraints = connection.query(
      "SELECT CONSTRAINT_TYPE, COUNT(DISTINCT CONSTRAINT_NAME) FROM "
      "information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" +
      table + "' GROUP BY CONSTRAINT_TYPE ORDER BY CONSTRAINT_TYPE");
  std::string counts;
  for (size_t i = 0; i < constraints.rows.size(); ++i) {
    counts += constraints.text(i, 0) + " " + constraints.text(i, 1) + "; ";
  }
  CHECK(counts == "CHECK 3; FOREIGN KEY 1; PRIMARY KEY 1; UNIQUE 2; ");
  auto indexes = connection.query(
      "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
      "DATABASE() AND TABLE_NAME = '" +
      table + "'");
  CHECK(indexes.text(0, 0) == "4");

  auto down = run_orm(dir.path(), "migrate down", env);
  INFO(down.err);
  REQUIRE(down.exit_code == 0);
  CHECK(connection
            .query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                   "DATABASE() AND TABLE_NAME <> 'orm_migrations'")
            .text(0, 0) == "0");
}

TEST_CASE("cli: a name the models give that is too long for the database exits 2 naming it",
          "[cli]")
{
  struct Case
  {
    std::string url;
    std::string models;
    std::string expected;
  };
  std::string long_name = "n" + std::string(64, 'x'); // 65
  std::string accented = "\"" + std::string(31, 'x') + "\xc3\xa9" + std::string(31, 'y') + "\"";
  std::vector<Case> cases = {
      {"postgres://nobody@127.0.0.1:1/none", "table " + long_name.substr(1) + " { id int }\n",
       "table name '" + long_name.substr(1) +
           "' is too long: 64 bytes, the database allows at "
           "most 63"},
      // 63 characters, 64 bytes: too long for PostgreSQL, which counts bytes, not for MySQL.
      {"postgres://nobody@127.0.0.1:1/none", "table t { " + accented + " int }\n",
       "column name 't." + accented.substr(1, 64) +
           "' is too long: 64 bytes, the database allows at most 63"},
      {"mysql://nobody@127.0.0.1:1/none", "table t { " + accented + " int }\n", ""},
      {"mysql://nobody@127.0.0.1:1/none", "table t { id int\n  index " + long_name + " (id) }\n",
       "index '" + long_name +
           "' on table 't' is too long: 65 characters, the database allows at "
           "most 64"},
      {"mysql://nobody@127.0.0.1:1/none",
       "table p { id int primary key }\ntable t { id int\n  foreign key " + long_name +
           " (id) references p(id) }\n",
       "foreign key '" + long_name + "' on table 't' is too long"},
      {"mysql://nobody@127.0.0.1:1/none",
       "table t { id int\n  check " + long_name + " (id > 0) }\n",
       "check '" + long_name + "' on table 't' is too long"},
      {"mysql://nobody@127.0.0.1:1/none", "table t { " + long_name + " int }\n",
       "column name 't." + long_name + "' is too long: 65 characters"},
      {"sqlite://db.sqlite3", "table t { " + long_name + " int }\n", ""},
  };
  for (const auto& c : cases) {
    TempDir dir;
    CAPTURE(c.url, c.models);
    write_file(dir / "models.orm", c.models);
    auto result =
        run_orm(dir.path(), "makemigrations --offline --dry-run --database-url '" + c.url + "'");
    INFO(result.err);
    if (c.expected.empty()) {
      CHECK(result.exit_code == 0);
    } else {
      CHECK(result.exit_code == 2);
      CHECK(result.err.find(c.expected) != std::string::npos);
      CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    }
  }
}
