// After a crash in the middle of a migration on a real MariaDB/MySQL server: what the catalog
// says about the statement that was running, and resume, down and status around it. A crash is
// reproduced as the server leaves it: the statement run (or not) by the test itself, the history
// row as orm writes it before a statement outside a transaction.

#include "core/dialect/mysql/recovery.hpp"
#include "core/dialect/mysql/store.hpp"
#include "core/migrate/runner.hpp"
#include "core/util/error.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::migrate;
using orm::dialect::mysql::effect_of;
using orm::dialect::mysql::MysqlStore;
using orm::test::ScratchDatabase;
using orm::test::TempDir;

namespace {

struct EffectCase
{
  std::vector<std::string> setup;
  std::string statement;
  Effect before; // what the catalog says before the statement ran
  Effect after;
};

const std::vector<std::string> k_table = {"CREATE TABLE t (id INT PRIMARY KEY, a INT NULL)"};
const std::vector<std::string> k_indexed = {
    "CREATE TABLE t (id INT PRIMARY KEY, a INT NULL, INDEX t_a_idx (a))"};
const std::vector<std::string> k_parent = {
    "CREATE TABLE p (id INT PRIMARY KEY)",
    "CREATE TABLE t (id INT PRIMARY KEY, p_id INT NULL, "
    "CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id))"};

const Effect k_no = Effect::no_effect;
const Effect k_yes = Effect::took_effect;
const Effect k_unknown = Effect::unknown;

const std::vector<EffectCase> k_effect_cases = {
    {k_table, "ALTER TABLE `t` ADD COLUMN `b` INT NULL", k_no, k_yes},
    {k_table, "ALTER TABLE `t` ADD COLUMN `b` INT NULL AFTER `id`, ADD COLUMN `c` INT NULL", k_no,
     k_yes},
    {k_table, "ALTER TABLE `t` DROP COLUMN `a`", k_no, k_yes},
    {k_table, "ALTER TABLE `t` RENAME COLUMN `a` TO `c`", k_no, k_yes},
    {k_table, "ALTER TABLE `t` CHANGE COLUMN `a` `c` BIGINT NULL", k_no, k_yes},
    {k_table, "ALTER TABLE `t` ADD INDEX `t_a_idx` (`a`)", k_no, k_yes},
    {k_table, "ALTER TABLE `t` ADD UNIQUE INDEX `t_a_key` (`a`)", k_no, k_yes},
    {k_table, "CREATE INDEX `t_a_idx` ON `t` (`a`)", k_no, k_yes},
    {k_table, "ALTER TABLE `t` ADD CONSTRAINT `t_a_check` CHECK (`a` > 0)", k_no, k_yes},
    {k_table, "RENAME TABLE `t` TO `u`", k_no, k_yes},
    {k_table, "ALTER TABLE `t` RENAME TO `u`", k_no, k_yes},
    {k_table, "DROP TABLE `t`", k_no, k_yes},
    {k_table, "CREATE TABLE `n` (\n  `id` INT NOT NULL,\n  PRIMARY KEY (`id`)\n)", k_no, k_yes},
    {{"CREATE TABLE t (id INT NOT NULL, a INT NOT NULL)"},
     "ALTER TABLE `t` ADD PRIMARY KEY (`id`, `a`)", k_no, k_yes},
    {k_table, "ALTER TABLE `t` DROP PRIMARY KEY", k_no, k_yes},
    {k_indexed, "ALTER TABLE `t` DROP INDEX `t_a_idx`", k_no, k_yes},
    {k_indexed, "DROP INDEX `t_a_idx` ON `t`", k_no, k_yes},
    {k_indexed, "ALTER TABLE `t` RENAME INDEX `t_a_idx` TO `t_x_idx`", k_no, k_yes},
    {{"CREATE TABLE p (id INT PRIMARY KEY)", "CREATE TABLE t (id INT PRIMARY KEY, p_id INT)"},
     "ALTER TABLE `t` ADD CONSTRAINT `t_p_fk` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`)", k_no,
     k_yes},
    // MySQL keeps the foreign key's index, named like it: the constraint alone answers.
    {k_parent, "ALTER TABLE `t` DROP FOREIGN KEY `t_p_fk`", k_no, k_yes},
    {k_parent, "ALTER TABLE `t` DROP FOREIGN KEY `t_p_fk`, DROP INDEX `t_p_fk`", k_no, k_yes},
    {k_table, "CREATE TRIGGER `t_bi` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.a = 1", k_no,
     k_yes},
    // Redefinitions are harmless to run again, whether or not they ran.
    {k_table, "ALTER TABLE `t` MODIFY COLUMN `a` BIGINT NULL", k_no, k_no},
    {k_table, "ALTER TABLE `t` ALTER COLUMN `a` SET DEFAULT 3, COMMENT = 'x'", k_no, k_no},
    {k_indexed, "ALTER TABLE `t` DROP INDEX `t_a_idx`, ADD UNIQUE INDEX `t_a_idx` (`a`)", k_no,
     k_no},
    {{"CREATE TABLE t (id INT NOT NULL, a INT NOT NULL, PRIMARY KEY (id))"},
     "ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `a`)", k_no, k_no},
    // A name the server chooses, or a statement orm cannot read: unknown.
    {k_table, "ALTER TABLE `t` ADD INDEX (`a`)", k_unknown, k_unknown},
    {k_table, "SET @orm_test = 1", k_unknown, k_unknown},
    {{"CREATE TABLE t (id INT PRIMARY KEY)", "CREATE TABLE u (id INT PRIMARY KEY)"},
     "RENAME TABLE `t` TO `tmp`, `u` TO `t`, `tmp` TO `u`", k_unknown, k_unknown},
};

const std::string k_v1 = "20260101000000";
const std::string k_v2 = "20260102000000";
const std::string k_v3 = "20260103000000";

// A schema change, a data migration that doubles visibly if run twice, and another change.
const std::string k_three_steps = R"(-- orm:up

-- + column t.b
ALTER TABLE t ADD COLUMN b INT NULL;

-- fill
INSERT INTO t (id) SELECT id + 100 FROM t;

-- + column t.c
ALTER TABLE t ADD COLUMN c INT NULL;

-- orm:down

-- + column t.c
ALTER TABLE t DROP COLUMN c;

-- fill
DELETE FROM t WHERE id > 100;

-- + column t.b
ALTER TABLE t DROP COLUMN b;
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
    directory.add(k_v1, "t",
                  "-- orm:up\nCREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1), "
                  "(2), (3);\n-- orm:down\nDROP TABLE t;\n");
    directory.add(k_v2, "three", k_three_steps);
    runner.up({}, {});
    runner.down({}, {}); // v2 off again; v1 stays
  }

  // The history row orm writes before running up statement `applied + 1` outside a transaction.
  void mark_in_flight(int applied, const std::string& direction = "up", int reverted = 0)
  {
    database.connection().query(
        "REPLACE INTO orm_migrations (version, name, checksum, applied_at, execution_ms, "
        "statements_applied, statements_total, error, direction, statements_reverted, in_flight) "
        "VALUES (?, 'three', ?, '2026-01-02T00:00:00Z', 0, ?, 3, '', ?, ?, 1)",
        {k_v2, directory.find(k_v2)->checksum, std::to_string(applied), direction,
         std::to_string(reverted)});
  }

  std::string count(const std::string& sql)
  {
    return database.connection().query(sql).text(0, 0);
  }
  std::string columns()
  {
    return count("SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME) FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'");
  }
  const StatusEntry& entry(const std::string& version)
  {
    m_entries = runner.status();
    for (const auto& entry : m_entries) {
      if (entry.version == version) {
        return entry;
      }
    }
    FAIL("no status entry for " << version);
    return m_entries.front();
  }

private:
  std::vector<StatusEntry> m_entries;
};

} // namespace

TEST_CASE("mysql recovery: each statement's effect is read from the catalog", "[mysql]")
{
  ScratchDatabase database;
  auto& connection = database.connection();
  for (const auto& sample : k_effect_cases) {
    CAPTURE(sample.statement);
    database.clear();
    for (const auto& statement : sample.setup) {
      connection.execute(statement);
    }
    CHECK(effect_of(connection, sample.statement) == sample.before);
    connection.execute(sample.statement);
    CHECK(effect_of(connection, sample.statement) == sample.after);
  }
}

TEST_CASE("mysql recovery: only DML runs in a transaction with its progress", "[mysql]")
{
  using orm::dialect::mysql::runs_in_transaction;
  CHECK(runs_in_transaction("INSERT INTO t (id) SELECT 1"));
  CHECK(runs_in_transaction("  update t set a = 1"));
  CHECK(runs_in_transaction("-- fill\nDELETE FROM t"));
  CHECK(runs_in_transaction("/* x */ REPLACE INTO t VALUES (1)"));
  CHECK(runs_in_transaction("WITH x AS (SELECT 1) SELECT * FROM x"));
  CHECK_FALSE(runs_in_transaction("ALTER TABLE t ADD COLUMN insert_me INT"));
  CHECK_FALSE(runs_in_transaction("CREATE TABLE `update` (id INT)"));
  CHECK_FALSE(runs_in_transaction("SET @x = 1"));
}

TEST_CASE("mysql recovery: resume settles the interrupted statement from the catalog",
          "[mysql]")
{
  Project project;
  auto& connection = project.database.connection();

  SECTION("it took effect: resume goes on after it")
  {
    connection.execute("ALTER TABLE t ADD COLUMN b INT NULL"); // the server finished it
    project.mark_in_flight(0);
  }
  SECTION("it did not: resume runs it")
  {
    project.mark_in_flight(0);
  }
  SECTION("the data migration committed with its progress; the last change was running")
  {
    connection.execute("ALTER TABLE t ADD COLUMN b INT NULL");
    connection.execute("INSERT INTO t (id) SELECT id + 100 FROM t");
    connection.execute("ALTER TABLE t ADD COLUMN c INT NULL");
    project.mark_in_flight(2);
  }
  const StatusEntry& interrupted = project.entry(k_v2);
  CHECK(interrupted.state == MigrationState::failed);
  CHECK_THAT(describe_progress(*interrupted.row),
             Catch::Contains("interrupted during statement") &&
                 Catch::Contains("it may have been applied"));
  REQUIRE_THROWS_WITH(project.runner.up({}, {}), Catch::Contains("stopped part way") &&
                                                     Catch::Contains("orm migrate resume"));

  auto resumed = project.runner.resume(std::chrono::seconds(5), FirstStatement::verify);
  REQUIRE(resumed);
  CHECK(project.entry(k_v2).state == MigrationState::applied);
  CHECK(project.columns() == "b,c,id");
  CHECK(project.count("SELECT COUNT(*) FROM t") == "6"); // the fill ran once

  // And back down, leaving v1 as it was.
  project.runner.down({}, {});
  CHECK(project.columns() == "id");
  CHECK(project.count("SELECT COUNT(*) FROM t") == "3");
}

TEST_CASE("mysql recovery: a down interrupted part way is finished by down or resume", "[mysql]")
{
  Project project;
  project.runner.up({}, {});
  auto& connection = project.database.connection();
  // Reverting step 3 (DROP COLUMN c) was running and finished on the server.
  connection.execute("ALTER TABLE t DROP COLUMN c");
  project.mark_in_flight(3, "down", 0);
  CHECK(project.entry(k_v2).state == MigrationState::failed);
  CHECK_THAT(describe_progress(*project.entry(k_v2).row), Catch::Contains("being reverted"));

  SECTION("down") { project.runner.down({}, {}); }
  SECTION("resume")
  {
    auto resumed = project.runner.resume(std::chrono::seconds(5), FirstStatement::verify);
    REQUIRE(resumed);
    CHECK(resumed->direction == Direction::down);
  }
  CHECK(project.entry(k_v2).state == MigrationState::pending);
  CHECK(project.columns() == "id");
  CHECK(project.count("SELECT COUNT(*) FROM t") == "3");
}

TEST_CASE("mysql recovery: an interrupted statement the catalog cannot judge is named, and the "
          "user decides",
          "[mysql]")
{
  Project project;
  project.directory.add(k_v3, "session",
                        "-- orm:up\nSET @orm_test = 1;\nALTER TABLE t ADD COLUMN d INT NULL;\n"
                        "-- orm:down\nALTER TABLE t DROP COLUMN d;\n");
  project.runner.up({}, {});
  project.database.connection().execute("ALTER TABLE t DROP COLUMN d");
  project.database.connection().query(
      "UPDATE orm_migrations SET statements_applied = 0, in_flight = 1 WHERE version = ?", {k_v3});

  REQUIRE_THROWS_WITH(
      project.runner.resume(std::chrono::seconds(5), FirstStatement::verify),
      Catch::Contains("cannot tell whether it took effect: SET @orm_test = 1") &&
          Catch::Contains("--skip-first") && Catch::Contains("--retry-first"));
  CHECK(project.entry(k_v3).row->in_flight); // nothing changed

  project.runner.resume(std::chrono::seconds(5), FirstStatement::skip);
  CHECK(project.entry(k_v3).state == MigrationState::applied);
  CHECK(project.columns() == "b,c,d,id");
}

TEST_CASE("mysql recovery: down reverts a partly applied migration while a later one is pending",
          "[mysql]")
{
  Project project;
  project.directory.add(k_v3, "later",
                        "-- orm:up\nALTER TABLE t ADD COLUMN z INT NULL;\n-- orm:down\n"
                        "ALTER TABLE t DROP COLUMN z;\n");
  // v2's last statement fails: `c` is there already.
  project.database.connection().execute("ALTER TABLE t ADD COLUMN c INT NULL");
  REQUIRE_THROWS(project.runner.up({}, {}));
  CHECK(project.entry(k_v2).row->statements_applied == 2);
  CHECK(project.entry(k_v3).state == MigrationState::pending);

  auto events = project.runner.down({}, {});
  REQUIRE(events.size() == 1);
  CHECK(events.front().migration->version == k_v2);
  CHECK(project.entry(k_v2).state == MigrationState::pending);
  CHECK(project.columns() == "c,id");
  CHECK(project.count("SELECT COUNT(*) FROM t") == "3");
}
