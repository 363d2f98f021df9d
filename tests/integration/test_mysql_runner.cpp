// Applying without transactional DDL on a real MariaDB server: progress in the history row, the
// refusal that names the ways out, resume, and a down that reverts only what was applied.

#include "core/dialect/mysql/store.hpp"
#include "core/migrate/runner.hpp"
#include "core/util/error.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::migrate;
using orm::dialect::mysql::MysqlStore;
using orm::test::ScratchDatabase;
using orm::test::TempDir;

namespace {

const std::string k_v1 = "20260101000000";
const std::string k_v2 = "20260102000000";

// Five steps of one statement each; the third fails while `items` holds a duplicate code.
const std::string k_five_steps = R"(-- orm:up

-- + table a
CREATE TABLE a (id INT PRIMARY KEY);

-- + table b
CREATE TABLE b (id INT PRIMARY KEY);

-- + index items_code_key
ALTER TABLE items ADD UNIQUE INDEX items_code_key (code);

-- + table c
CREATE TABLE c (id INT PRIMARY KEY);

-- + column items.note
ALTER TABLE items ADD COLUMN note VARCHAR(10) NULL;

-- orm:down

-- + column items.note
ALTER TABLE items DROP COLUMN note;

-- + table c
DROP TABLE c;

-- + index items_code_key
ALTER TABLE items DROP INDEX items_code_key;

-- + table b
DROP TABLE b;

-- + table a
DROP TABLE a;
)";

struct Project
{
  ScratchDatabase database;
  TempDir temp;
  MigrationDirectory directory = MigrationDirectory::load(temp / "migrations");
  MysqlStore store{database.connection()};
  Runner runner{store, directory};

  Project()
  {
    directory.add(k_v1, "items",
                  "-- orm:up\nCREATE TABLE items (id INT PRIMARY KEY, code INT NOT NULL);\n"
                  "INSERT INTO items VALUES (1, 7), (2, 7);\n-- orm:down\nDROP TABLE items;\n");
    directory.add(k_v2, "five", k_five_steps);
  }

  std::vector<std::string> tables()
  {
    auto result = database.connection().query(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
        "AND TABLE_NAME <> 'orm_migrations' ORDER BY TABLE_NAME");
    std::vector<std::string> names;
    for (size_t i = 0; i < result.rows.size(); ++i) {
      names.push_back(result.text(i, 0));
    }
    return names;
  }

  HistoryRow row(const std::string& version)
  {
    for (const auto& row : store.history()) {
      if (row.version == version) {
        return row;
      }
    }
    FAIL("no history row for " << version);
    return {};
  }

  std::string error_of(const std::function<void()>& action)
  {
    try {
      action();
    } catch (const Error& error) {
      return error.what();
    }
    return "";
  }
};

} // namespace

TEST_CASE("mysql runner: a migration whose third statement fails records 2/5, blocks, resumes",
          "[mysql][runner]")
{
  Project project;
  RunOptions options;
  std::string failure = project.error_of([&] { project.runner.up(options); });
  CHECK(failure.find("statement 3 of 5 failed") != std::string::npos);
  CHECK(failure.find("1062 (23000)") != std::string::npos);

  HistoryRow row = project.row(k_v2);
  CHECK(row.statements_applied == 2);
  CHECK(row.statements_total == 5);
  CHECK(row.error.find("ALTER TABLE items ADD UNIQUE INDEX items_code_key (code)") !=
        std::string::npos);
  CHECK(row.error.find("Duplicate entry") != std::string::npos);
  CHECK(project.tables() == std::vector<std::string>{"a", "b", "items"});
  CHECK(project.runner.status().back().state == MigrationState::failed);

  std::string refusal = project.error_of([&] { project.runner.up(options); });
  CHECK(refusal.find("2 of its 5 statements were applied") != std::string::npos);
  CHECK(refusal.find("orm migrate resume") != std::string::npos);
  CHECK(refusal.find("orm migrate resolve 20260102000000 --applied") != std::string::npos);

  // Fix the cause, then continue from the statement that failed.
  project.database.connection().execute("UPDATE items SET code = 8 WHERE id = 2");
  auto resumed = project.runner.resume(std::chrono::seconds(5), migrate::FirstStatement::verify);
  REQUIRE(resumed);
  CHECK(resumed->migration->version == k_v2);
  row = project.row(k_v2);
  CHECK(row.complete());
  CHECK(row.statements_applied == 5);
  CHECK(project.tables() == std::vector<std::string>{"a", "b", "c", "items"});
  CHECK_FALSE(project.runner.resume(std::chrono::seconds(5), migrate::FirstStatement::verify));

  // A complete down of it reverts all five, step by step.
  options.steps = 1;
  project.runner.down(options);
  CHECK(project.tables() == std::vector<std::string>{"items"});
  CHECK(project.runner.status().back().state == MigrationState::pending);
}

TEST_CASE("mysql runner: down of a partly applied migration reverts exactly what was applied",
          "[mysql][runner]")
{
  Project project;
  RunOptions options;
  CHECK_THROWS_AS(project.runner.up(options), DatabaseError);
  REQUIRE(project.row(k_v2).statements_applied == 2);

  // Also refused: reverting past it. `down` of one step reverts its two statements only.
  auto events = project.runner.down(options);
  REQUIRE(events.size() == 1);
  CHECK(events.front().migration->version == k_v2);
  CHECK(project.tables() == std::vector<std::string>{"items"});
  CHECK(project.runner.status().back().state == MigrationState::pending);
  CHECK(project.runner.status().front().state == MigrationState::applied);
}

TEST_CASE("mysql store: the migration lock names the connection holding it", "[mysql][runner]")
{
  Project project;
  dialect::mysql::MysqlConnection other(project.database.url());
  MysqlStore other_store(other);
  auto held = project.store.lock(std::chrono::seconds(1));
  std::string message = project.error_of([&] { other_store.lock(std::chrono::milliseconds(200)); });
  CHECK(message.find("timed out") != std::string::npos);
  CHECK(message.find("connection " + std::to_string(project.database.connection().id())) !=
        std::string::npos);
  CHECK(message.find("orm-test-pw") == std::string::npos);
  held.reset();
  CHECK(other_store.lock(std::chrono::milliseconds(200)));
}
