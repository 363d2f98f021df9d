// The typed prepared statement on the real PostgreSQL server, in a scratch schema of its own and
// a session in UTC: every value type round-trips, NULLs, violations map to their exception and
// name their constraint, a serialization failure is transient, streaming and an early reset.

#include "core/db/errors.hpp"
#include "core/util/mask.hpp"
#include "tests/support/postgres_scratch.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace orm;
using namespace std::chrono;

namespace {

// A session in the scratch schema, its time zone UTC as the runtime's connections have it.
std::unique_ptr<dialect::Session>
utc_session(const test::PostgresScratchSchema& scratch)
{
  auto session = scratch.session();
  session->connection().execute("SET TIME ZONE 'UTC'");
  return session;
}

Bytes
bytes_of(std::span<const std::byte> bytes)
{
  return {bytes.begin(), bytes.end()};
}

} // namespace

TEST_CASE("postgres statement: every value type round-trips", "[statement][postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = utc_session(scratch);
  auto& connection = session->connection();
  connection.execute(
      "CREATE TYPE mood AS ENUM ('sad', 'happy');"
      "CREATE TABLE t (k int PRIMARY KEY, b boolean, s2 smallint, s4 integer, s8 bigint, "
      "r double precision, n numeric(38,10), s text, y bytea, d date, tm time, ts timestamp, "
      "tz timestamptz, u uuid, j jsonb, m mood)");

  auto select = connection.prepare("SELECT * FROM t WHERE k = $1");
  // Described at prepare time: the columns are known before any row.
  CHECK(select->parameter_count() == 1);
  REQUIRE(select->column_count() == 16);
  CHECK(select->column_name(7) == "s");
  using db::ColumnFamily;
  const std::vector<ColumnFamily> families = {
      ColumnFamily::integer,     ColumnFamily::boolean, ColumnFamily::integer,
      ColumnFamily::integer,     ColumnFamily::integer, ColumnFamily::real,
      ColumnFamily::decimal,     ColumnFamily::text,    ColumnFamily::bytes,
      ColumnFamily::date,        ColumnFamily::time,    ColumnFamily::timestamp,
      ColumnFamily::timestamptz, ColumnFamily::uuid,    ColumnFamily::json,
      ColumnFamily::text};
  for (int c = 0; c < 16; ++c) {
    INFO("column " << c);
    CHECK(select->column_family(c) == families[c]);
  }

  auto insert = connection.prepare("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                                   "$10, $11, $12, $13, $14, $15, $16)");
  REQUIRE(insert->parameter_count() == 16);
  const Bytes bytes{std::byte{0}, std::byte{0xff}, std::byte{0}, std::byte{'\\'}, std::byte{'a'}};
  const Date date = year(1999) / December / 31;
  const Time time{hours(23) + minutes(59) + seconds(58) + microseconds(123456)};
  const Timestamp stamp = local_days(year(2026) / February / 28) + hours(1) + microseconds(1);
  const TimestampTz instant = sys_days(year(2138) / January / 19) + hours(3) + microseconds(999999);
  const Uuid uuid = *Uuid::parse("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0");
  const std::string unicode = "żółw \xF0\x9F\x90\xA2 'quoted' \"double\" \\back";
  const std::string decimal = "1234567890123456789012345678.0123456789";

  // Row 1: the minimum of every integer; row 2: the maximum; row 3: NULLs.
  for (int k = 1; k <= 2; ++k) {
    bool low = k == 1;
    insert->bind(0, std::int64_t{k});
    insert->bind(1, low);
    insert->bind(2, std::int64_t{low ? std::numeric_limits<std::int16_t>::min()
                                     : std::numeric_limits<std::int16_t>::max()});
    insert->bind(3, std::int64_t{low ? std::numeric_limits<std::int32_t>::min()
                                     : std::numeric_limits<std::int32_t>::max()});
    insert->bind(4, low ? std::numeric_limits<std::int64_t>::min()
                        : std::numeric_limits<std::int64_t>::max());
    insert->bind(5, low ? 0.1 : -1.5e300);
    insert->bind(6, Decimal{low ? decimal : "-" + decimal});
    insert->bind(7, std::string_view(unicode));
    insert->bind(8, std::span<const std::byte>(bytes));
    insert->bind(9, date);
    insert->bind(10, time);
    insert->bind(11, stamp);
    insert->bind(12, instant);
    insert->bind(13, uuid);
    insert->bind_json(14, R"({"a": [1, 2], "b": "ü"})");
    insert->bind(15, std::string_view(low ? "sad" : "happy"));
    insert->execute();
    CHECK(insert->affected_rows() == 1);
    CHECK(insert->last_insert_id() == 0);
  }
  insert->bind(0, std::int64_t{3});
  for (int p = 1; p < 16; ++p) {
    insert->bind_null(p);
  }
  insert->execute();

  for (int k = 1; k <= 2; ++k) {
    bool low = k == 1;
    INFO("row " << k);
    select->bind(0, std::int64_t{k});
    select->execute();
    REQUIRE(select->next());
    CHECK(select->get_int64(0) == k);
    CHECK(select->get_bool(1) == low);
    CHECK(select->get_int64(2) == (low ? std::numeric_limits<std::int16_t>::min()
                                       : std::numeric_limits<std::int16_t>::max()));
    CHECK(select->get_int64(3) == (low ? std::numeric_limits<std::int32_t>::min()
                                       : std::numeric_limits<std::int32_t>::max()));
    CHECK(select->get_int64(4) == (low ? std::numeric_limits<std::int64_t>::min()
                                       : std::numeric_limits<std::int64_t>::max()));
    CHECK(select->get_double(5) == (low ? 0.1 : -1.5e300));
    CHECK(select->get_decimal(6).text == (low ? decimal : "-" + decimal));
    CHECK(select->get_text(7) == unicode);
    CHECK(bytes_of(select->get_bytes(8)) == bytes);
    CHECK(select->get_date(9) == date);
    CHECK(select->get_time(10) == time);
    CHECK(select->get_timestamp(11) == stamp);
    CHECK(select->get_timestamptz(12) == instant);
    CHECK(select->get_uuid(13) == uuid);
    CHECK(select->get_json(14) == R"({"a": [1, 2], "b": "ü"})");
    CHECK(select->get_text(15) == (low ? "sad" : "happy"));
    CHECK_FALSE(select->next());
  }

  select->bind(0, std::int64_t{3});
  select->execute();
  REQUIRE(select->next());
  for (int c = 1; c < 16; ++c) {
    INFO("column " << c);
    CHECK(select->is_null(c));
  }
  CHECK_THROWS_AS(select->get_text(7), DatabaseError);
  CHECK_THROWS_AS(select->get_int64(4), DatabaseError);
  CHECK_FALSE(select->next());
  CHECK_THROWS_AS(select->get_int64(0), DatabaseError);  // no current row
  CHECK_THROWS_AS(select->bind(1, true), DatabaseError); // no such parameter
}

TEST_CASE("postgres statement: the server's time zone offsets read as instants",
          "[statement][postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = utc_session(scratch);
  auto& connection = session->connection();
  connection.execute("CREATE TABLE t (tz timestamptz);"
                     "INSERT INTO t VALUES ('2026-06-01 12:00:00.25+05:30')");
  const TimestampTz expected =
      sys_days(year(2026) / June / 1) + hours(6) + minutes(30) + milliseconds(250);
  auto select = connection.prepare("SELECT tz, tz::text FROM t");
  select->execute();
  REQUIRE(select->next());
  CHECK(select->get_text(1) == "2026-06-01 06:30:00.25+00");
  CHECK(select->get_timestamptz(0) == expected);
  // In a zone with a half-hour offset the server prints +05:30.
  connection.execute("SET TIME ZONE 'Asia/Kolkata'");
  select->execute();
  REQUIRE(select->next());
  CHECK(select->get_text(1) == "2026-06-01 12:00:00.25+05:30");
  CHECK(select->get_timestamptz(0) == expected);
  // A bound instant is UTC whatever the session's zone.
  auto cast = connection.prepare("SELECT $1::timestamptz = tz FROM t");
  cast->bind(0, expected);
  cast->execute();
  REQUIRE(cast->next());
  CHECK(cast->get_bool(0));
}

TEST_CASE("postgres statement: violations are typed and name their constraint",
          "[statement][postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = utc_session(scratch);
  auto& connection = session->connection();
  connection.execute("CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL "
                     "CONSTRAINT parent_name_key UNIQUE, n int CONSTRAINT parent_n_check "
                     "CHECK (n >= 0));"
                     "CREATE TABLE child (parent_id int CONSTRAINT child_parent_fk "
                     "REFERENCES parent(id));"
                     "INSERT INTO parent VALUES (1, 'a', 0)");
  const std::string sql = "INSERT INTO parent VALUES ($1, $2, $3)";
  auto insert = connection.prepare(sql);
  insert->bind(0, std::int64_t{2});
  insert->bind(1, std::string_view("a"));
  insert->bind(2, std::int64_t{1});
  try {
    insert->execute();
    FAIL("a duplicate was inserted");
  } catch (const UniqueViolation& error) {
    CHECK(error.constraint() == "parent_name_key");
    CHECK(error.statement() == sql);
    CHECK(error.sqlstate() == "23505");
    CHECK_THAT(error.what(), Catch::Contains("(SQLSTATE 23505)"));
  }
  insert->bind(0, std::int64_t{1});
  insert->bind(1, std::string_view("b"));
  try {
    insert->execute();
    FAIL("a duplicate key was inserted");
  } catch (const UniqueViolation& error) {
    CHECK(error.constraint() == "parent_pkey");
  }
  insert->bind(0, std::int64_t{2});
  insert->bind_null(1);
  try {
    insert->execute();
    FAIL("a NULL name was inserted");
  } catch (const NotNullViolation& error) {
    CHECK(error.constraint() == "parent.name");
  }
  insert->bind(1, std::string_view("b"));
  insert->bind(2, std::int64_t{-1});
  try {
    insert->execute();
    FAIL("a negative n was inserted");
  } catch (const CheckViolation& error) {
    CHECK(error.constraint() == "parent_n_check");
  }
  auto child = connection.prepare("INSERT INTO child VALUES ($1)");
  child->bind(0, std::int64_t{42});
  try {
    child->execute();
    FAIL("an orphan was inserted");
  } catch (const ForeignKeyViolation& error) {
    CHECK(error.constraint() == "child_parent_fk");
  }
  // Other errors are DatabaseErrors with the SQLSTATE; the statement is usable after any.
  child->bind(0, std::int64_t{1});
  child->execute();
  CHECK(child->affected_rows() == 1);
  auto divide = connection.prepare("SELECT 1 / $1::int");
  divide->bind(0, std::int64_t{0});
  try {
    divide->execute();
    FAIL("divided by zero");
  } catch (const ConstraintViolation&) {
    FAIL("a division by zero is no violation");
  } catch (const DatabaseError& error) {
    CHECK(error.sqlstate() == "22012");
  }
  insert->bind(2, std::int64_t{5});
  insert->execute();
  CHECK(insert->affected_rows() == 1);
  CHECK_THROWS_AS(connection.prepare("SELEC 1"), DatabaseError);
}

TEST_CASE("postgres statement: a serialization failure is transient", "[statement][postgres]")
{
  test::PostgresScratchSchema scratch;
  auto first = utc_session(scratch);
  auto second = utc_session(scratch);
  first->connection().execute("CREATE TABLE t (id int PRIMARY KEY, v int);"
                              "INSERT INTO t VALUES (1, 0)");
  first->connection().execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM t");
  second->connection().execute("UPDATE t SET v = 1 WHERE id = 1");
  auto update = first->connection().prepare("UPDATE t SET v = $1 WHERE id = 1");
  update->bind(0, std::int64_t{2});
  try {
    update->execute();
    FAIL("a concurrent update went through");
  } catch (const TransientError& error) {
    CHECK(error.sqlstate() == "40001");
  }
  first->connection().execute("ROLLBACK");
  update->execute();
  CHECK(update->affected_rows() == 1);
}

TEST_CASE("postgres statement: streaming, early reset and affected rows", "[statement][postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = utc_session(scratch);
  auto& connection = session->connection();
  auto series = connection.prepare("SELECT g, 'row ' || g FROM generate_series(1, $1::int) g");
  series->bind(0, std::int64_t{100000});
  series->execute(db::Fetch::streaming);
  std::int64_t seen = 0;
  while (series->next()) {
    ++seen;
    if (series->get_int64(0) != seen) {
      FAIL("row " << seen << " reads " << series->get_int64(0));
    }
  }
  CHECK(seen == 100000);
  CHECK(series->affected_rows() == 100000);
  CHECK_FALSE(series->next());

  // Reset mid-stream: the connection is free for other statements at once.
  series->execute(db::Fetch::streaming);
  for (int k = 1; k <= 10; ++k) {
    REQUIRE(series->next());
    CHECK(series->get_text(1) == "row " + std::to_string(k));
  }
  series->reset();
  CHECK_FALSE(series->next());
  auto one = connection.prepare("SELECT $1::int + 1");
  one->bind(0, std::int64_t{41});
  one->execute();
  REQUIRE(one->next());
  CHECK(one->get_int64(0) == 42);
  CHECK(connection.query("SELECT 'free'").text(0, 0) == "free");

  // A new run mid-stream drops the old one; so does destroying the statement.
  series->bind(0, std::int64_t{5});
  series->execute(db::Fetch::streaming);
  REQUIRE(series->next());
  series->execute(db::Fetch::buffered);
  std::int64_t buffered = 0;
  while (series->next()) {
    ++buffered;
  }
  CHECK(buffered == 5);
  series->execute(db::Fetch::streaming);
  REQUIRE(series->next());
  series.reset();
  CHECK(connection.query("SELECT 'still free'").text(0, 0) == "still free");

  // An error in the middle of a stream leaves the connection usable too.
  auto failing = connection.prepare("SELECT 10 / (5 - g) FROM generate_series(1, 10) g");
  failing->execute(db::Fetch::streaming);
  CHECK_THROWS_AS(
      [&] {
        while (failing->next()) {
        }
      }(),
      DatabaseError);
  CHECK(connection.query("SELECT 'after error'").text(0, 0) == "after error");

  connection.execute("CREATE TABLE t (id int PRIMARY KEY, v int);"
                     "INSERT INTO t SELECT g, 0 FROM generate_series(1, 50) g");
  auto update = connection.prepare("UPDATE t SET v = v + 1 WHERE id <= $1");
  update->bind(0, std::int64_t{30});
  update->execute();
  CHECK(update->affected_rows() == 30);
  update->bind(0, std::int64_t{0});
  update->execute(db::Fetch::streaming);
  CHECK(update->affected_rows() == 0);
  CHECK_FALSE(update->next());
  update->bind(0, std::int64_t{7});
  update->execute(db::Fetch::streaming);
  CHECK(update->affected_rows() == 7);
}

TEST_CASE("postgres statement: an error never shows the connection's password",
          "[statement][postgres]")
{
  std::vector<std::string> secrets = util::password_texts(test::postgres_url());
  if (secrets.empty() || secrets.front().size() < util::k_min_scrubbed) {
    WARN("the test server's URL has no password long enough to be scrubbed");
    return;
  }
  test::PostgresScratchSchema scratch;
  auto session = utc_session(scratch);
  // The server quotes a bad value in its message; here the value is the password.
  auto cast = session->connection().prepare("SELECT $1::int");
  cast->bind(0, std::string_view(secrets.front()));
  try {
    cast->execute();
    FAIL("the password read as an integer");
  } catch (const DatabaseError& error) {
    CHECK(error.sqlstate() == "22P02");
    CHECK_THAT(error.what(), !Catch::Contains(secrets.front()) && Catch::Contains("****"));
  }
}
