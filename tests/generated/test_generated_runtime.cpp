// The runtime (pool, transactions, savepoints, inserts, raw typed queries, the pin check) used
// through the golden blog header, on a SQLite file and a PostgreSQL database that the real `orm`
// binary migrated; results are checked with plain SQL of the test's own.

#include "core/db/errors.hpp"
#include "core/runtime/orm.hpp"
#include "tests/golden/blog.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace orm;
namespace fs = std::filesystem;

namespace {

// The blog example in a temporary folder for `dialect`, migrated up to `to` (all when empty).
struct BlogProject
{
  test::TempDir dir;

  explicit BlogProject(const std::string& url, const std::string& dialect = "sqlite",
                       const std::string& to = {})
  {
    fs::path example = fs::path(ORM_SOURCE_DIR) / "migrations-examples" / "blog";
    fs::copy(example / "models.orm", dir / "models.orm");
    if (dialect == "sqlite") {
      fs::copy(example / "migrations", dir / "migrations", fs::copy_options::recursive);
    } else {
      test::write_file(dir / "orm.toml", "dialect = \"" + dialect + "\"\n");
      REQUIRE(test::run_orm(dir.path(), "makemigrations --offline -n blog").exit_code == 0);
    }
    auto up = test::run_orm(dir.path(), "migrate up --database-url '" + url + "'" +
                                            (to.empty() ? "" : " --to " + to));
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
  }
};

std::string
sqlite_url(const test::TempDir& dir)
{
  return "sqlite://" + (dir / "blog.sqlite3").string();
}

std::int64_t
count_rows(Connection& connection, const std::string& table)
{
  auto result = connection.raw().query("SELECT count(*) FROM " + table);
  return std::stoll(*result.rows[0][0]);
}

// The runtime cases every dialect runs, on a database whose schema is the blog's.
void
exercise_runtime(Database& database)
{
  auto connection = database.connection();
  auto ada = insert(*connection, blog::NewUser{.email = "ada@example.com", .name = "Ada"});
  CHECK(ada.id > 0);
  CHECK(ada.karma == 0); // the column's default, read back
  CHECK(ada.name == "Ada");
  auto grace = insert(*connection, blog::NewUser{.email = "grace@example.com", .karma = 5});
  CHECK(grace.karma == 5);
  CHECK_FALSE(grace.name);
  CHECK(blog::users::get(*connection, grace.id)->email == "grace@example.com");

  // A transaction rolls back when its work throws, and rethrows.
  CHECK_THROWS_AS(connection->transaction([&](Connection& tx) {
    insert(tx, blog::NewUser{.email = "lost@example.com"});
    throw std::runtime_error("changed my mind");
  }),
                  std::runtime_error);
  CHECK_FALSE(blog::users::get_by_email(*connection, "lost@example.com"));

  // A nested transaction is a savepoint: rolling it back keeps the outer one's work.
  connection->transaction([&](Connection& tx) {
    auto post = insert(
        tx, blog::NewPost{
                .author_id = ada.id, .title = "T", .slug = "t", .body = "b", .published = true});
    CHECK(post.published);
    CHECK_THROWS_AS(tx.transaction([&](Connection& inner) {
      insert(inner, blog::NewPost{.author_id = ada.id, .title = "U", .slug = "u", .body = "b"});
      insert(inner, blog::NewPost{.author_id = ada.id, .title = "T2", .slug = "t", .body = "b"});
    }),
                    UniqueViolation);
  });
  CHECK(count_rows(*connection, "posts") == 1);

  // Constraint violations are typed and name the constraint.
  CHECK_THROWS_AS(
      insert(*connection,
             blog::NewPost{.author_id = 999999, .title = "x", .slug = "x", .body = "x"}),
      ForeignKeyViolation);
  CHECK_THROWS_AS(insert(*connection, blog::NewUser{.email = "neg@example.com", .karma = -1}),
                  CheckViolation);

  // Raw SQL with typed results; the first run checks the column count.
  std::string placeholder = connection->flavor().placeholder(0);
  auto rows = connection->query<std::tuple<std::int64_t, std::string, std::optional<std::string>>>(
      "SELECT id, email, name FROM users WHERE karma >= " + placeholder + " ORDER BY id",
      std::int64_t{0});
  REQUIRE(rows.size() == 2);
  CHECK(std::get<1>(rows[0]) == "ada@example.com");
  CHECK_FALSE(std::get<2>(rows[1]));
  CHECK_THROWS_WITH(connection->query<std::tuple<std::int64_t>>("SELECT id, email FROM users"),
                    Catch::Contains("returns 2 columns where 1 are read"));
  CHECK(connection->execute("UPDATE users SET karma = karma + 1") == 2);
}

// 16 threads through a pool of 4: every insert lands once.
void
exercise_pool(Database& database)
{
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int k = 0; k < 20; ++k) {
          database.transaction([&](Connection& tx) {
            insert(tx, blog::NewTag{.name = "tag " + std::to_string(t) + "/" + std::to_string(k)});
          });
        }
      } catch (const std::exception& error) {
        ++failures;
        WARN(error.what());
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(failures == 0);
  auto connection = database.connection();
  CHECK(count_rows(*connection, "tags") == 320);
}

} // namespace

TEST_CASE("runtime on SQLite: inserts, transactions, savepoints, raw queries, the pool",
          "[generated][runtime][sqlite]")
{
  test::TempDir dir;
  std::string url = sqlite_url(dir);
  BlogProject project(url);
  auto database = Database::open(url, blog::pin, {.pool_size = 4});
  exercise_runtime(*database);
  exercise_pool(*database);
  CHECK(database->pin_status().matches);
}

TEST_CASE("runtime on PostgreSQL: inserts, transactions, savepoints, raw queries, the pool",
          "[generated][runtime][postgres]")
{
  test::PostgresScratchDatabase scratch;
  BlogProject project(scratch.url(), "postgres");
  // The header's pin is the SQLite example's; this database was migrated for PostgreSQL.
  auto database =
      Database::open(scratch.url(), blog::pin, {.pool_size = 4, .pin_check = PinCheck::off});
  exercise_runtime(*database);
  exercise_pool(*database);
  CHECK_FALSE(database->pin_status().matches);
}

TEST_CASE("runtime on MariaDB and MySQL: inserts, transactions, savepoints, raw queries, the pool",
          "[generated][runtime][mysql]")
{
  test::ScratchDatabase scratch;
  BlogProject project(scratch.url(), "mysql");
  auto database =
      Database::open(scratch.url(), blog::pin, {.pool_size = 4, .pin_check = PinCheck::off});
  exercise_runtime(*database);
  exercise_pool(*database);
}

TEST_CASE("runtime pin check: behind, modified, ahead, another dialect", "[generated][runtime]")
{
  test::TempDir dir;
  std::string url = sqlite_url(dir);
  BlogProject project(url, "sqlite", "20260102000000");
  CHECK_THROWS_WITH(Database::open(url, blog::pin),
                    Catch::Contains("the database is at 20260102000000, the code was generated at "
                                    "20260103000000: run `orm migrate up`"));
  std::vector<std::string> warnings;
  auto warned = Database::open(url, blog::pin,
                               {.pin_check = PinCheck::warn, .warn = [&](const std::string& text) {
                                  warnings.push_back(text);
                                }});
  REQUIRE(warnings.size() == 1);
  CHECK(Database::open(url, blog::pin, {.pin_check = PinCheck::off}));

  REQUIRE(test::run_orm(project.dir.path(), "migrate up --database-url " + url).exit_code == 0);
  CHECK(Database::open(url, blog::pin)->pin_status().matches);

  // The code is older than the database.
  Pin older{"sqlite", "20260102000000", "h1:x",
            std::span<const PinnedMigration>(blog::pinned_migrations.data(), 2)};
  CHECK_THROWS_WITH(Database::open(url, older), Catch::Contains("ahead of the code"));
  Pin other{"postgres", blog::pin.head, blog::pin.sum, blog::pin.history};
  CHECK_THROWS_WITH(Database::open(url, other),
                    Catch::Contains("generated for postgres, the database is sqlite"));

  // A migration edited after it was applied.
  {
    dialect::connect(url)->connection().execute(
        "UPDATE orm_migrations SET checksum = 'edited' WHERE version = '20260102000000'");
  }
  CHECK_THROWS_WITH(Database::open(url, blog::pin),
                    Catch::Contains("migration 20260102000000 applied to the database differs"));
}
