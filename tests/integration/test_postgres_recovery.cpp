// After a crash in a `-- orm:no-transaction` migration on a real PostgreSQL server: what the
// catalog says about a statement PostgreSQL runs outside a transaction, and resume around it.

#include "core/dialect/dialect.hpp"
#include "core/dialect/postgres/recovery.hpp"
#include "core/migrate/runner.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::migrate;
using orm::dialect::postgres::effect_of;
using orm::dialect::postgres::PgConnection;
using orm::dialect::postgres::quote_identifier;
using orm::test::PostgresScratchSchema;
using orm::test::TempDir;

namespace {

const std::string k_version = "20260101000000";

const std::string k_no_transaction = R"(-- orm:no-transaction
-- orm:up

-- + table t
CREATE TABLE t (a integer);

-- fill
INSERT INTO t SELECT generate_series(1, 1000);

-- + index t_a_idx
CREATE INDEX CONCURRENTLY t_a_idx ON t (a);

-- orm:down

-- + index t_a_idx
DROP INDEX CONCURRENTLY t_a_idx;

-- fill
DELETE FROM t;

-- + table t
DROP TABLE t;
)";

// A connection whose search_path is the scratch schema.
PgConnection
connected_to(const PostgresScratchSchema& schema)
{
  PgConnection connection(orm::test::postgres_url());
  connection.execute("SET search_path TO " + quote_identifier(schema.name()));
  return connection;
}

std::string
one_value(PgConnection& connection, const std::string& sql)
{
  return connection.query(sql).text(0, 0);
}

} // namespace

TEST_CASE("postgres recovery: concurrent index statements are judged by the catalog",
          "[postgres]")
{
  PostgresScratchSchema schema;
  PgConnection connection = connected_to(schema);
  connection.execute("CREATE TABLE t (a integer); INSERT INTO t VALUES (1), (1), (2)");

  const std::string create = "CREATE INDEX CONCURRENTLY \"T_a_idx\" ON t (a)";
  CHECK(effect_of(connection, create) == Effect::no_effect);
  connection.execute(create);
  CHECK(effect_of(connection, create) == Effect::took_effect);
  const std::string drop = "DROP INDEX CONCURRENTLY IF EXISTS \"T_a_idx\"";
  CHECK(effect_of(connection, drop) == Effect::no_effect);
  connection.execute(drop);
  CHECK(effect_of(connection, drop) == Effect::took_effect);

  // A unique build that failed leaves an invalid index behind: dropped, so that it can run again.
  const std::string unique = "CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t (a)";
  CHECK_THROWS(connection.execute(unique));
  CHECK(one_value(connection, "SELECT count(*) FROM pg_class WHERE relname = 't_a_key' AND "
                              "relnamespace = current_schema()::regnamespace") == "1");
  CHECK(effect_of(connection, unique) == Effect::no_effect);
  CHECK(one_value(connection, "SELECT count(*) FROM pg_class WHERE relname = 't_a_key' AND "
                              "relnamespace = current_schema()::regnamespace") == "0");

  CHECK(effect_of(connection, "VACUUM t") == Effect::no_effect);
  CHECK(effect_of(connection, "REINDEX TABLE CONCURRENTLY t") == Effect::no_effect);
  CHECK(effect_of(connection, "CREATE INDEX CONCURRENTLY ON t (a)") == Effect::unknown);
  CHECK(effect_of(connection, "ALTER SYSTEM SET work_mem = '8MB'") == Effect::unknown);
}

TEST_CASE("postgres recovery: a no-transaction migration resumes after its concurrent index "
          "was interrupted",
          "[postgres]")
{
  PostgresScratchSchema schema;
  TempDir temp;
  auto directory = MigrationDirectory::load(temp / "migrations");
  directory.add(k_version, "fill", k_no_transaction);
  auto session = schema.session();
  Runner runner(session->store(), directory);
  runner.up({}, {});
  PgConnection connection = connected_to(schema);
  auto history = [&] {
    return one_value(connection, "SELECT statements_applied || '/' || statements_total || ' ' || "
                                 "in_flight || ' ' || direction FROM orm_migrations");
  };
  CHECK(history() == "3/3 0 up");
  CHECK(one_value(connection, "SELECT count(*) FROM t") == "1000");

  SECTION("the index was built by the server after orm died")
  {
    connection.execute("UPDATE orm_migrations SET statements_applied = 2, in_flight = 1");
  }
  SECTION("the index was never built")
  {
    connection.execute("DROP INDEX t_a_idx");
    connection.execute("UPDATE orm_migrations SET statements_applied = 2, in_flight = 1");
  }
  CHECK(runner.status().front().state == MigrationState::failed);
  REQUIRE(runner.resume(std::chrono::seconds(5), FirstStatement::verify));
  CHECK(history() == "3/3 0 up");
  CHECK(one_value(connection, "SELECT count(*) FROM t") == "1000"); // the fill ran once
  CHECK(one_value(connection, "SELECT count(*) FROM pg_indexes WHERE indexname = 't_a_idx' AND "
                              "schemaname = current_schema()") == "1");

  runner.down({}, {});
  CHECK(one_value(connection, "SELECT count(*) FROM orm_migrations") == "0");
  CHECK(one_value(connection, "SELECT to_regclass('t') IS NULL") == "t");
}
