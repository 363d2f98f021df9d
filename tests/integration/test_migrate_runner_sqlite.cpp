#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/store.hpp"
#include "core/migrate/runner.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace orm::migrate;
using orm::dialect::sqlite::SqliteConnection;
using orm::dialect::sqlite::SqliteStore;
using orm::test::TempDir;

namespace {

const std::string k_v1 = "20260101000000";
const std::string k_v2 = "20260102000000";
const std::string k_v3 = "20260103000000";
const std::string k_v4 = "20260104000000";

std::string
migration(const std::string& up, const std::string& down, const std::string& extra_header = "")
{
  return extra_header + "-- orm:up\n" + up + "\n-- orm:down\n" + down + "\n";
}

std::string
create_table(const std::string& table)
{
  return migration("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY);",
                   "DROP TABLE " + table + ";");
}

// A SQLite file and a migration directory in a temporary directory.
struct Project
{
  TempDir temp;
  std::string database = (temp / "db.sqlite3").string();
  MigrationDirectory directory = MigrationDirectory::load(temp / "migrations");
  SqliteConnection connection{database};
  SqliteStore store{connection};
  Runner runner{store, directory};

  // Three migrations creating tables a, b and c.
  void add_three()
  {
    directory.add(k_v1, "a", create_table("a"));
    directory.add(k_v2, "b", create_table("b"));
    directory.add(k_v3, "c", create_table("c"));
  }

  std::vector<std::string> tables()
  {
    auto result =
        connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
                         "NOT LIKE 'sqlite_%' AND name <> 'orm_migrations' ORDER BY name");
    std::vector<std::string> names;
    for (size_t i = 0; i < result.rows.size(); ++i) {
      names.push_back(result.text(i, 0));
    }
    return names;
  }

  std::vector<std::string> applied()
  {
    std::vector<std::string> versions;
    for (const auto& row : store.history()) {
      versions.push_back(row.version);
    }
    return versions;
  }

  // Everything in sqlite_schema plus the history rows, to compare before and after.
  std::vector<std::vector<orm::db::Value>> snapshot()
  {
    auto rows =
        connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name").rows;
    for (const auto& row : store.history()) {
      rows.push_back({row.version, row.name, row.checksum, row.applied_at});
    }
    return rows;
  }

  void insert_row(const std::string& version, const std::string& name, const std::string& checksum,
                  int applied, int total, const std::string& error)
  {
    store.ensure_history();
    connection.query(
        "INSERT INTO orm_migrations VALUES (?, ?, ?, '2026-01-01T00:00:00Z', 5, ?, ?, ?)",
        {version, name, checksum, std::to_string(applied), std::to_string(total), error});
  }
};

std::vector<std::string>
versions_of(const std::vector<RunEvent>& events)
{
  std::vector<std::string> versions;
  for (const auto& event : events) {
    versions.push_back(event.migration->version);
  }
  return versions;
}

using Versions = std::vector<std::string>;

RunOptions
steps(int n)
{
  RunOptions options;
  options.steps = n;
  return options;
}

RunOptions
to(const std::string& version)
{
  RunOptions options;
  options.to_version = version;
  return options;
}

} // namespace

TEST_CASE("up applies every pending migration in order, once", "[migrate]")
{
  Project p;
  p.add_three();
  std::vector<std::string> reported;
  auto events = p.runner.up({}, [&](const RunEvent& event) {
    reported.push_back(event.migration->version);
    CHECK(event.direction == Direction::up);
    CHECK_FALSE(event.skipped);
    CHECK(event.elapsed.count() >= 0);
  });
  CHECK(versions_of(events) == Versions{k_v1, k_v2, k_v3});
  CHECK(reported == Versions{k_v1, k_v2, k_v3});
  CHECK(p.tables() == Versions{"a", "b", "c"});

  auto history = p.store.history();
  REQUIRE(history.size() == 3);
  CHECK(history[0].version == k_v1);
  CHECK(history[0].name == "a");
  CHECK(history[0].checksum == p.directory.files()[0].checksum);
  CHECK(history[0].statements_applied == 1);
  CHECK(history[0].statements_total == 1);
  CHECK(history[0].error.empty());
  CHECK(history[0].applied_at.size() == 20); // 2026-11-24T05:30:00Z
  CHECK(history[0].execution_ms >= 0);

  CHECK(p.runner.up({}).empty());
  for (const auto& entry : p.runner.status()) {
    CHECK(entry.state == MigrationState::applied);
  }
}

TEST_CASE("up N and up --to stop early", "[migrate]")
{
  Project p;
  p.add_three();
  CHECK(versions_of(p.runner.up(steps(1))) == Versions{k_v1});
  CHECK(p.tables() == Versions{"a"});
  CHECK(p.runner.up(steps(0)).empty());
  CHECK(versions_of(p.runner.up(to(k_v2))) == Versions{k_v2});
  CHECK(p.applied() == Versions{k_v1, k_v2});
  CHECK(p.runner.up(to(k_v1)).empty());
  CHECK(versions_of(p.runner.up(steps(5))) == Versions{k_v3});
}

TEST_CASE("up --to an unknown version is refused", "[migrate]")
{
  Project p;
  p.add_three();
  CHECK_THROWS_WITH(p.runner.up(to("20260102000001")),
                    Catch::Contains("no migration with version 20260102000001"));
  CHECK(p.applied().empty());
}

TEST_CASE("up applies an out-of-order pending migration", "[migrate]")
{
  Project p;
  p.directory.add(k_v1, "a", create_table("a"));
  p.directory.add(k_v3, "c", create_table("c"));
  p.runner.up({});
  p.directory.add(k_v2, "b", create_table("b")); // merged from another branch
  CHECK(p.runner.status()[1].state == MigrationState::pending);
  CHECK(versions_of(p.runner.up({})) == Versions{k_v2});
  CHECK(p.applied() == Versions{k_v1, k_v2, k_v3});
}

TEST_CASE("down reverts one, N, or down to a version", "[migrate]")
{
  Project p;
  p.add_three();
  p.directory.add(k_v4, "d", create_table("d"));
  p.runner.up({});

  auto events = p.runner.down({});
  CHECK(versions_of(events) == Versions{k_v4});
  CHECK(events[0].direction == Direction::down);
  CHECK(p.tables() == Versions{"a", "b", "c"});

  CHECK(versions_of(p.runner.down(steps(2))) == Versions{k_v3, k_v2});
  CHECK(p.tables() == Versions{"a"});
  CHECK(p.applied() == Versions{k_v1});

  p.runner.up({});
  CHECK(versions_of(p.runner.down(to(k_v2))) == Versions{k_v4, k_v3});
  CHECK(p.applied() == Versions{k_v1, k_v2});
  CHECK(p.runner.down(to(k_v2)).empty());

  CHECK_THROWS_WITH(p.runner.down(to("20250101000000")),
                    Catch::Contains("no migration with version 20250101000000"));
  CHECK(versions_of(p.runner.down(to("0"))) == Versions{k_v2, k_v1});
  CHECK(p.tables().empty());
  CHECK(p.runner.down({}).empty());
}

TEST_CASE("a dry run reads the history but changes nothing", "[migrate]")
{
  Project p;
  p.add_three();
  RunOptions dry;
  dry.dry_run = true;

  auto before = p.snapshot();
  int calls = 0;
  auto events = p.runner.up(dry, [&](const RunEvent&) { ++calls; });
  CHECK(versions_of(events) == Versions{k_v1, k_v2, k_v3});
  CHECK(calls == 3);
  CHECK(p.snapshot() == before); // not even the history table
  CHECK_FALSE(std::filesystem::exists(p.database + ".orm-lock"));

  p.runner.up(steps(2));
  before = p.snapshot();
  CHECK(versions_of(p.runner.up(dry)) == Versions{k_v3});
  dry.steps = 2;
  CHECK(versions_of(p.runner.down(dry)) == Versions{k_v2, k_v1});
  CHECK(p.snapshot() == before);
}

TEST_CASE("status shows applied, pending, modified, missing and failed", "[migrate]")
{
  Project p;
  p.add_three();
  p.directory.add(k_v4, "d", create_table("d"));
  const auto& files = p.directory.files();
  p.insert_row(k_v1, "a", files[0].checksum, 1, 1, "");
  p.insert_row(k_v2, "b", "0000", 1, 1, "");
  p.insert_row(k_v3, "c", files[2].checksum, 1, 3, "statement 2 failed: boom");
  p.insert_row("20251231000000", "gone", "1111", 2, 2, "");

  auto status = p.runner.status();
  REQUIRE(status.size() == 5);
  CHECK(status[0].version == "20251231000000");
  CHECK(status[0].name == "gone");
  CHECK(status[0].state == MigrationState::missing);
  CHECK(status[1].state == MigrationState::applied);
  CHECK(status[1].row->applied_at == "2026-01-01T00:00:00Z");
  CHECK(status[2].state == MigrationState::modified);
  CHECK(status[3].state == MigrationState::failed);
  CHECK(status[4].state == MigrationState::pending);
  CHECK(status[4].name == "d");
  CHECK_FALSE(status[4].row);
  CHECK(std::string(to_string(MigrationState::modified)) == "modified");

  CHECK_THROWS_WITH(p.runner.up({}), Catch::Contains("migration 20260102000000_b was edited"));
  p.connection.execute("DELETE FROM orm_migrations WHERE version = '20260102000000'");
  CHECK_THROWS_WITH(p.runner.up({}),
                    Catch::Contains("migration 20260103000000_c stopped part way") &&
                        Catch::Contains("boom"));
  p.connection.execute("DELETE FROM orm_migrations WHERE version = '20260103000000'");
  CHECK_THROWS_WITH(
      p.runner.down(steps(5)),
      Catch::Contains("cannot revert migration 20251231000000_gone: its file is missing"));
  CHECK(p.tables().empty());
}

TEST_CASE("up refuses a modified applied migration and names orm migrate resolve", "[migrate]")
{
  Project p;
  p.add_three();
  p.runner.up(steps(1));
  p.connection.execute("UPDATE orm_migrations SET checksum = 'x'");
  try {
    p.runner.up({});
    FAIL("no exception");
  } catch (const orm::Error& error) {
    CHECK(error.kind() == orm::ErrorKind::migration);
    CHECK_THAT(error.what(),
               Catch::Contains("20260101000000_a") &&
                   Catch::Contains("`orm migrate resolve 20260101000000 --applied`"));
  }
  CHECK(p.applied() == Versions{k_v1});
}

TEST_CASE("an irreversible migration needs force to go down", "[migrate]")
{
  Project p;
  p.directory.add(k_v1, "a", create_table("a"));
  p.directory.add(k_v2, "drop_a",
                  migration("-- orm:irreversible drops table a and its data\nDROP TABLE a;",
                            "CREATE TABLE a (id INTEGER PRIMARY KEY);"));
  p.runner.up({});
  CHECK(p.tables().empty());
  CHECK_THROWS_WITH(p.runner.down({}),
                    Catch::Contains("20260102000000_drop_a.sql is irreversible (drops table a and "
                                    "its data)") &&
                        Catch::Contains("`--force`"));
  RunOptions dry;
  dry.dry_run = true;
  CHECK_THROWS_WITH(p.runner.down(dry), Catch::Contains("is irreversible"));
  CHECK(p.applied() == Versions{k_v1, k_v2});

  RunOptions force;
  force.force = true;
  CHECK(versions_of(p.runner.down(force)) == Versions{k_v2});
  CHECK(p.tables() == Versions{"a"});
}

TEST_CASE("a failing statement leaves schema and history as they were", "[migrate]")
{
  Project p;
  p.directory.add(k_v1, "a", create_table("a"));
  p.directory.add(k_v2, "broken",
                  migration("CREATE TABLE x (id int);\nINSERT INTO a VALUES (1);\n"
                            "INSERT INTO nowhere VALUES (1);\nCREATE TABLE y (id int);",
                            "DROP TABLE y;\nDROP TABLE x;"));
  p.runner.up(steps(1));
  p.connection.execute("INSERT INTO a VALUES (7)");
  auto before = p.snapshot();
  try {
    p.runner.up({});
    FAIL("no exception");
  } catch (const orm::DatabaseError& error) {
    CHECK_THAT(error.what(), Catch::Contains("migration 20260102000000_broken.sql (up): statement "
                                             "3 of 4 failed") &&
                                 Catch::Contains("no such table: nowhere"));
    CHECK(error.statement() == "INSERT INTO nowhere VALUES (1)");
  }
  CHECK(p.snapshot() == before);
  CHECK(p.connection.query("SELECT id FROM a").rows ==
        std::vector<std::vector<orm::db::Value>>{{"7"}});
  CHECK(p.connection.query("PRAGMA foreign_keys").text(0, 0) == "1");
  CHECK(p.runner.status()[1].state == MigrationState::pending);
}

TEST_CASE("a migration that breaks a foreign key is rolled back", "[migrate]")
{
  Project p;
  p.directory.add(k_v1, "tables",
                  migration("CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                            "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER "
                            "REFERENCES users (id));",
                            "DROP TABLE posts;\nDROP TABLE users;"));
  p.directory.add(k_v2, "orphan",
                  migration("INSERT INTO posts VALUES (1, 42);", "DELETE FROM posts;"));
  p.runner.up(steps(1));
  auto before = p.snapshot();
  CHECK_THROWS_WITH(p.runner.up({}), Catch::Contains("20260102000000_orphan.sql (up) leaves 1 "
                                                     "foreign key violation(s): posts rowid 1 -> "
                                                     "users"));
  CHECK(p.snapshot() == before);
  CHECK(p.connection.query("SELECT count(*) FROM posts").text(0, 0) == "0");
  CHECK(p.connection.query("PRAGMA foreign_keys").text(0, 0) == "1");
}

TEST_CASE("foreign keys are off while a migration rebuilds a table", "[migrate]")
{
  Project p;
  p.directory.add(k_v1, "tables",
                  migration("CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                            "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER "
                            "REFERENCES users (id) ON DELETE CASCADE);\n"
                            "INSERT INTO users VALUES (1);\nINSERT INTO posts VALUES (1, 1);",
                            "DROP TABLE posts;\nDROP TABLE users;"));
  // The SQLite rebuild: with foreign keys on, DROP TABLE users would cascade to posts.
  p.directory.add(k_v2, "rebuild_users",
                  migration("CREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT);\n"
                            "INSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\n"
                            "ALTER TABLE users_new RENAME TO users;",
                            "SELECT 1;"));
  p.runner.up({});
  CHECK(p.connection.query("SELECT count(*) FROM posts").text(0, 0) == "1");
  CHECK(p.connection.query("PRAGMA foreign_keys").text(0, 0) == "1");
}

TEST_CASE("the migration lock times out while another holds it", "[migrate]")
{
  Project p;
  auto held = p.store.lock(std::chrono::milliseconds(100));
  SqliteConnection other_connection(p.database);
  SqliteStore other(other_connection);
  CHECK_THROWS_WITH(other.lock(std::chrono::milliseconds(100)),
                    "timed out after 0.1 s waiting for another orm process migrating " +
                        p.database);
  held.reset();
  CHECK(other.lock(std::chrono::milliseconds(100)));

  SqliteConnection memory(":memory:");
  SqliteStore memory_store(memory);
  auto first = memory_store.lock(std::chrono::milliseconds(0));
  CHECK(memory_store.lock(std::chrono::milliseconds(0)));
}

TEST_CASE("concurrent runners apply each migration exactly once", "[migrate]")
{
  constexpr int k_threads = 8;
  Project p;
  for (int i = 0; i < 10; ++i) {
    std::string table = "t" + std::to_string(i);
    p.directory.add(
        "2026010100000" + std::to_string(i), table,
        migration("CREATE TABLE " + table + " (id int);\nINSERT INTO " + table + " VALUES (1);",
                  "DROP TABLE " + table + ";"));
  }
  std::atomic<int> applied{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&] {
      try {
        SqliteConnection connection(p.database);
        SqliteStore store(connection);
        Runner runner(store, p.directory);
        for (const auto& event : runner.up({})) {
          applied += event.skipped ? 0 : 1;
        }
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(failures == 0);
  CHECK(applied == 10);
  CHECK(p.applied().size() == 10);
  for (int i = 0; i < 10; ++i) {
    CHECK(p.connection.query("SELECT count(*) FROM t" + std::to_string(i)).text(0, 0) == "1");
  }
}

TEST_CASE("apply re-checks the history inside its transaction", "[migrate]")
{
  constexpr int k_threads = 8;
  Project p;
  p.directory.add(
      k_v1, "a", migration("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);", "DROP TABLE a;"));
  p.store.ensure_history();
  const MigrationFile& file = p.directory.files()[0];

  // No lock: only BEGIN IMMEDIATE and the re-check keep the threads from applying it twice.
  for (Direction direction : {Direction::up, Direction::down}) {
    std::atomic<int> done{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t) {
      threads.emplace_back([&] {
        try {
          SqliteConnection connection(p.database);
          SqliteStore store(connection);
          done += store.apply(file, direction) ? 1 : 0;
        } catch (...) {
          ++failures;
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    CHECK(failures == 0);
    CHECK(done == 1);
  }
  CHECK(p.applied().empty());
  CHECK(p.tables().empty());
}

TEST_CASE("the history of a fresh database is empty", "[migrate]")
{
  Project p;
  CHECK(p.store.history().empty());
  p.store.ensure_history();
  p.store.ensure_history();
  CHECK(p.store.history().empty());
  CHECK(p.runner.status().empty());
  CHECK(p.runner.up({}).empty());
  CHECK(p.runner.down({}).empty());
}

TEST_CASE("a history row edited into nonsense is a database error", "[migrate]")
{
  Project p;
  p.store.ensure_history();
  p.connection.execute("INSERT INTO orm_migrations VALUES ('20260101000000', 'a', 'x', "
                       "'2026-01-01T00:00:00Z', 'soon', 1, 1, '')");
  CHECK_THROWS_AS(p.store.history(), orm::DatabaseError);
  CHECK_THROWS_WITH(p.runner.status(),
                    Catch::Contains("execution_ms of version 20260101000000 is 'soon'"));
}
