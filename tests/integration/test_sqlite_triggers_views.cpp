#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/hooks.hpp"
#include "core/dialect/sqlite/inspect.hpp"
#include "core/dialect/sqlite/plan.hpp"
#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "tests/support/plan_statements.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::dialect::sqlite;

namespace {

constexpr const char* k_create = R"sql(
CREATE TABLE "posts" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(100) NOT NULL);
CREATE TABLE "audit" ("post_id" INTEGER NOT NULL, "title" TEXT NOT NULL);
CREATE TRIGGER "posts_audit" AFTER INSERT ON "posts" BEGIN
  INSERT INTO "audit" ("post_id", "title") VALUES (new."id", new."title");
END;
CREATE VIEW "titles" AS SELECT "title" FROM "posts";
)sql";

constexpr const char* k_models = R"(
table posts {
  id     int           primary key
  title  varchar(200)
}
table audit {
  post_id  int
  title    text
}
)";

std::string
count(db::Connection& connection, const std::string& table)
{
  return connection.query("SELECT count(*) FROM \"" + table + "\"").text(0, 0);
}

} // namespace

// Triggers and views are not in the models, so orm never adds or drops one; a rebuild must bring
// them back (and a view of the rebuilt table must not make its RENAME fail).
TEST_CASE("a table rebuild keeps the table's triggers and views, up and down", "[sqlite]")
{
  test::TempDir dir;
  SqliteConnection connection((dir / "db.sqlite3").string());
  connection.execute(k_create);
  SqliteHooks hooks;
  auto before = inspect(connection);
  REQUIRE(before.find_table("posts")->triggers.size() == 1);
  CHECK(before.find_table("posts")->triggers[0].name == "posts_audit");
  REQUIRE(before.find_table("posts")->views.size() == 1);
  CHECK(before.find_table("audit")->views.empty());

  auto changes = diff::diff(before, models::parse(k_models, "models.orm"), hooks);
  REQUIRE(changes.size() == 1); // varchar(100) -> varchar(200): a rebuild on SQLite
  auto plan = dialect::sqlite::plan(changes);
  test::apply_on_sqlite(connection, test::up_statements(plan));

  auto after = inspect(connection);
  CHECK(after.find_table("posts")->triggers == before.find_table("posts")->triggers);
  CHECK(after.find_table("posts")->views == before.find_table("posts")->views);
  CHECK(diff::diff(after, models::parse(k_models, "models.orm"), hooks).empty());
  connection.execute("INSERT INTO posts (id, title) VALUES (1, 'kept')");
  CHECK(count(connection, "audit") == "1");
  CHECK(count(connection, "titles") == "1");

  test::apply_on_sqlite(connection, test::down_statements(plan));
  CHECK(diff::normalized(inspect(connection), hooks) == diff::normalized(before, hooks));
  connection.execute("INSERT INTO posts (id, title) VALUES (2, 'still')");
  CHECK(count(connection, "audit") == "2");
  CHECK(count(connection, "titles") == "2");
}

TEST_CASE("a dropped table's down recreates its triggers", "[sqlite]")
{
  test::TempDir dir;
  SqliteConnection connection((dir / "db.sqlite3").string());
  connection.execute(k_create);
  SqliteHooks hooks;
  auto before = inspect(connection);
  auto only_audit = models::parse("table audit {\n  post_id int\n  title text\n}\n", "m.orm");
  auto plan = dialect::sqlite::plan(diff::diff(before, only_audit, hooks));
  test::apply_on_sqlite(connection, test::up_statements(plan));
  test::apply_on_sqlite(connection, test::down_statements(plan));
  CHECK(inspect(connection).find_table("posts")->triggers == before.find_table("posts")->triggers);
}
