// The typed prepared statement on real MariaDB 10.11 and MySQL 9.7 servers: every value type
// round-trips (limits, exact decimals, emoji, NUL bytes, microseconds, a 1 MB value), each
// violation is typed and named, deadlocks and lock waits are transient, streaming and an early
// reset leave the connection usable, and a lost connection is a DatabaseError.

#include "core/db/errors.hpp"
#include "tests/support/mysql_scratch.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <limits>
#include <optional>
#include <thread>

using namespace orm;
using namespace std::chrono;
using orm::test::ScratchDatabase;

namespace {

// What the runtime's sessions do: TIMESTAMP values are read and written in UTC.
void
use_utc(db::Connection& connection)
{
  connection.execute("SET time_zone = '+00:00'");
}

template <typename Error>
Error
caught(db::Statement& statement)
{
  try {
    statement.execute(db::Fetch::buffered);
  } catch (const Error& error) {
    return error;
  }
  FAIL("the statement ran without the expected error: " << statement.sql());
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("mysql statement: every value type round-trips", "[statement][mysql]")
{
  ScratchDatabase scratch;
  auto& connection = scratch.connection();
  use_utc(connection);
  connection.execute(
      "CREATE TABLE t (id INT PRIMARY KEY, b TINYINT(1), i8 TINYINT, i16 SMALLINT, i24 MEDIUMINT, "
      "i32 INT, i64 BIGINT, u64 BIGINT UNSIGNED, r DOUBLE, n DECIMAL(38,10), s VARCHAR(100), "
      "y BLOB, d DATE, tm TIME(6), ts DATETIME(6), tz TIMESTAMP(6) NULL, u CHAR(36), j JSON, "
      "e ENUM('small','large'), big LONGTEXT, missing VARCHAR(10))");
  auto insert = connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                   "?, ?, ?, ?, ?, ?, ?, ?)");
  REQUIRE(insert->parameter_count() == 21);
  Bytes bytes{std::byte{0}, std::byte{0xff}, std::byte{0}, std::byte{'a'}, std::byte{0}};
  const std::string text = "żółw \xF0\x9F\x90\xA2 'quoted' \\ \"";
  Date date = year(1999) / December / 31;
  Time time{hours(23) + minutes(59) + seconds(58) + microseconds(123456)};
  Timestamp stamp = local_days(year(2126) / February / 28) + hours(1) + microseconds(1);
  TimestampTz instant = sys_days(year(2038) / January / 19) + hours(3) + minutes(14) + seconds(7) +
                        microseconds(999999);
  Uuid uuid = *Uuid::parse("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0");
  const Decimal decimal{"-1234567890123456789012345678.0123456789"};
  std::string megabyte(1 << 20, 'x');
  megabyte[12345] = '\xC3';
  megabyte[12346] = '\xA9'; // é: a multi-byte character inside the long value
  using limits8 = std::numeric_limits<std::int8_t>;
  using limits64 = std::numeric_limits<std::int64_t>;
  auto bind_row = [&](std::int64_t id, bool low) {
    insert->bind(0, id);
    insert->bind(1, low);
    insert->bind(2, std::int64_t{low ? limits8::min() : limits8::max()});
    insert->bind(3, std::int64_t{low ? -32768 : 32767});
    insert->bind(4, std::int64_t{low ? -8388608 : 8388607});
    insert->bind(5, std::int64_t{low ? std::numeric_limits<std::int32_t>::min()
                                     : std::numeric_limits<std::int32_t>::max()});
    insert->bind(6, low ? limits64::min() : limits64::max());
    insert->bind(7, std::int64_t{0});
    insert->bind(8, -0.125);
    insert->bind(9, decimal);
    insert->bind(10, std::string_view(text));
    insert->bind(11, std::span<const std::byte>(bytes));
    insert->bind(12, date);
    insert->bind(13, time);
    insert->bind(14, stamp);
    insert->bind(15, instant);
    insert->bind(16, uuid);
    insert->bind_json(17, R"({"a": [1, 2], "b": "\u00e9"})");
    insert->bind(18, std::string_view("large"));
    insert->bind(19, std::string_view(megabyte));
    insert->bind_null(20);
  };
  bind_row(1, true);
  insert->execute(db::Fetch::buffered);
  CHECK(insert->affected_rows() == 1);
  bind_row(2, false);
  insert->execute(db::Fetch::buffered);
  connection.execute("UPDATE t SET u64 = 18446744073709551615 WHERE id = 2");

  auto select = connection.prepare("SELECT * FROM t ORDER BY id");
  REQUIRE(select->column_count() == 21);
  CHECK(select->column_name(10) == "s");
  using db::ColumnFamily;
  const ColumnFamily families[] = {
      ColumnFamily::integer,     ColumnFamily::boolean, ColumnFamily::integer,
      ColumnFamily::integer,     ColumnFamily::integer, ColumnFamily::integer,
      ColumnFamily::integer,     ColumnFamily::integer, ColumnFamily::real,
      ColumnFamily::decimal,     ColumnFamily::text,    ColumnFamily::bytes,
      ColumnFamily::date,        ColumnFamily::time,    ColumnFamily::timestamp,
      ColumnFamily::timestamptz, ColumnFamily::text,    ColumnFamily::json,
      ColumnFamily::text,        ColumnFamily::text,    ColumnFamily::text};
  for (int c = 0; c < 21; ++c) {
    INFO("column " << c << " " << select->column_name(c));
    CHECK(select->column_family(c) == families[c]);
  }
  for (db::Fetch fetch : {db::Fetch::buffered, db::Fetch::streaming}) {
    select->execute(fetch);
    for (bool low : {true, false}) {
      REQUIRE(select->next());
      CHECK(select->get_bool(1) == low);
      CHECK(select->get_int64(2) == (low ? limits8::min() : limits8::max()));
      CHECK(select->get_int64(3) == (low ? -32768 : 32767));
      CHECK(select->get_int64(4) == (low ? -8388608 : 8388607));
      CHECK(select->get_int64(5) == (low ? std::numeric_limits<std::int32_t>::min()
                                         : std::numeric_limits<std::int32_t>::max()));
      CHECK(select->get_int64(6) == (low ? limits64::min() : limits64::max()));
      if (low) {
        CHECK(select->get_int64(7) == 0);
      } else {
        // Beyond int64: an error, and exact as a decimal.
        CHECK_THROWS_AS(select->get_int64(7), DatabaseError);
        CHECK(select->get_decimal(7).text == "18446744073709551615");
      }
      CHECK(select->get_double(8) == -0.125);
      CHECK(select->get_decimal(9).text == decimal.text);
      CHECK(select->get_text(10) == text);
      auto read = select->get_bytes(11);
      CHECK(Bytes(read.begin(), read.end()) == bytes);
      CHECK(select->get_date(12) == date);
      CHECK(select->get_time(13) == time);
      CHECK(select->get_timestamp(14) == stamp);
      CHECK(select->get_timestamptz(15) == instant);
      CHECK(select->get_uuid(16) == uuid);
      auto json = nlohmann::json::parse(select->get_json(17));
      CHECK(json == nlohmann::json::parse(R"({"a": [1, 2], "b": "é"})"));
      CHECK(select->get_text(18) == "large");
      CHECK(select->get_text(19) == megabyte);
      CHECK(select->is_null(20));
      CHECK_THROWS_AS(select->get_text(20), DatabaseError);
      CHECK_THROWS_AS(select->get_date(10), DatabaseError);
    }
    CHECK_FALSE(select->next());
  }

  // NULL in every type.
  auto nulls = connection.prepare("INSERT INTO t (id, b, i64, r, n, y, d, tm, ts, tz, u, j, e) "
                                  "VALUES (3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (int p = 0; p < nulls->parameter_count(); ++p) {
    nulls->bind_null(p);
  }
  nulls->execute(db::Fetch::buffered);
  auto row3 = connection.prepare("SELECT b, i64, r, n, y, d, tm, ts, tz, u, j, e FROM t "
                                 "WHERE id = ?");
  row3->bind(0, std::int64_t{3});
  row3->execute(db::Fetch::buffered);
  REQUIRE(row3->next());
  for (int c = 0; c < row3->column_count(); ++c) {
    INFO("column " << row3->column_name(c));
    CHECK(row3->is_null(c));
  }
  CHECK_THROWS_AS(row3->get_int64(1), DatabaseError);
  CHECK_FALSE(row3->next());
}

TEST_CASE("mysql statement: a timestamptz outside TIMESTAMP's range is refused",
          "[statement][mysql]")
{
  ScratchDatabase scratch;
  auto statement = scratch.connection().prepare("SELECT ?");
  TimestampTz late = sys_days(year(2038) / January / 19) + hours(3) + minutes(14) + seconds(8);
  TimestampTz early = sys_days(year(1969) / December / 31);
  CHECK_THROWS_WITH(statement->bind(0, late), Catch::Contains("outside TIMESTAMP's range"));
  CHECK_THROWS_AS(statement->bind(0, early), DatabaseError);
  statement->bind(0, late - seconds(1));
  statement->execute(db::Fetch::buffered);
  CHECK(statement->next());
}

TEST_CASE("mysql statement: violations are typed and name what failed", "[statement][mysql]")
{
  ScratchDatabase scratch;
  auto& connection = scratch.connection();
  connection.execute("CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, "
                     "name VARCHAR(20) NOT NULL, n INT, CONSTRAINT parent_name_key UNIQUE (name), "
                     "CONSTRAINT parent_n_check CHECK (n >= 0))");
  connection.execute("CREATE TABLE child (parent_id INT, CONSTRAINT child_parent_fk FOREIGN KEY "
                     "(parent_id) REFERENCES parent (id))");
  connection.execute("INSERT INTO parent (name, n) VALUES ('a', 0)");
  const std::string sql = "INSERT INTO parent (name, n) VALUES (?, ?)";
  auto insert = connection.prepare(sql);
  insert->bind(0, std::string_view("a"));
  insert->bind(1, std::int64_t{1});
  auto unique = caught<UniqueViolation>(*insert);
  CHECK(unique.constraint() == "parent_name_key");
  CHECK(unique.statement() == sql);
  CHECK(unique.sqlstate() == "1062");
  CHECK_THAT(unique.what(), Catch::Contains("ERROR 1062 (23000)"));

  auto primary = connection.prepare("INSERT INTO parent (id, name) VALUES (1, 'z')");
  CHECK(caught<UniqueViolation>(*primary).constraint() == "PRIMARY");

  insert->bind_null(0);
  auto not_null = caught<NotNullViolation>(*insert);
  CHECK(not_null.constraint() == "name");
  CHECK(not_null.sqlstate() == "1048");
  auto no_default = connection.prepare("INSERT INTO parent (n) VALUES (1)");
  CHECK(caught<NotNullViolation>(*no_default).constraint() == "name");

  insert->bind(0, std::string_view("b"));
  insert->bind(1, std::int64_t{-1});
  auto check = caught<CheckViolation>(*insert);
  CHECK(check.constraint() == "parent_n_check");
  CHECK(check.sqlstate() == (test::testing_mysql8() ? "3819" : "4025"));

  auto child = connection.prepare("INSERT INTO child VALUES (?)");
  child->bind(0, std::int64_t{42});
  auto missing_parent = caught<ForeignKeyViolation>(*child);
  CHECK(missing_parent.constraint() == "child_parent_fk");
  CHECK(missing_parent.sqlstate() == "1452");
  child->bind(0, std::int64_t{1});
  child->execute(db::Fetch::buffered);
  auto remove = connection.prepare("DELETE FROM parent WHERE id = 1");
  auto still_referenced = caught<ForeignKeyViolation>(*remove);
  CHECK(still_referenced.constraint() == "child_parent_fk");
  CHECK(still_referenced.sqlstate() == "1451");

  // The statement is usable again after its failures; the AUTO_INCREMENT value is reported.
  insert->bind(1, std::int64_t{5});
  insert->execute(db::Fetch::buffered);
  CHECK(insert->affected_rows() == 1);
  std::int64_t id = insert->last_insert_id();
  CHECK(id > 1);
  auto read = connection.prepare("SELECT name FROM parent WHERE id = ?");
  read->bind(0, id);
  read->execute(db::Fetch::buffered);
  REQUIRE(read->next());
  CHECK(read->get_text(0) == "b");

  auto syntax = connection.prepare("SELECT 1");
  CHECK_THROWS_AS(connection.prepare("SELEC 1"), DatabaseError);
  syntax->execute(db::Fetch::buffered);
  CHECK(syntax->next());
}

TEST_CASE("mysql statement: a deadlock and a lock wait timeout are transient", "[statement][mysql]")
{
  ScratchDatabase scratch;
  auto& first = scratch.connection();
  first.execute("CREATE TABLE k (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
  first.execute("INSERT INTO k VALUES (1, 0), (2, 0)");
  dialect::mysql::MysqlConnection second(scratch.url());
  first.execute("SET SESSION innodb_lock_wait_timeout = 20");
  second.execute("SET SESSION innodb_lock_wait_timeout = 20");
  auto first_update = first.prepare("UPDATE k SET v = v + 1 WHERE id = ?");
  auto second_update = second.prepare("UPDATE k SET v = v + 1 WHERE id = ?");
  first.begin();
  second.begin();
  first_update->bind(0, std::int64_t{1});
  first_update->execute(db::Fetch::buffered);
  second_update->bind(0, std::int64_t{2});
  second_update->execute(db::Fetch::buffered);

  // first waits for row 2 in a thread while second asks for row 1: one of them is the victim.
  std::optional<std::string> first_error;
  bool first_transient = false;
  std::thread waiting([&] {
    first_update->bind(0, std::int64_t{2});
    try {
      first_update->execute(db::Fetch::buffered);
    } catch (const TransientError& error) {
      first_transient = true;
      first_error = error.sqlstate();
    } catch (const std::exception& error) {
      first_error = error.what();
    }
  });
  std::this_thread::sleep_for(milliseconds(300));
  std::optional<std::string> second_error;
  bool second_transient = false;
  second_update->bind(0, std::int64_t{1});
  try {
    second_update->execute(db::Fetch::buffered);
  } catch (const TransientError& error) {
    second_transient = true;
    second_error = error.sqlstate();
  } catch (const std::exception& error) {
    second_error = error.what();
  }
  if (second_error) {
    second.rollback(); // lets first go on
  }
  waiting.join();
  if (first_error) {
    first.rollback();
  }
  CHECK(first_transient != second_transient);
  CHECK((first_transient ? first_error : second_error) == "1213");
  CHECK(first_error.has_value() != second_error.has_value());
  if (!first_error) {
    first.rollback();
  }
  if (!second_error) {
    second.rollback();
  }

  // A lock wait timeout: second waits a second for the row first holds.
  second.execute("SET SESSION innodb_lock_wait_timeout = 1");
  first.begin();
  first_update->bind(0, std::int64_t{1});
  first_update->execute(db::Fetch::buffered);
  second_update->bind(0, std::int64_t{1});
  auto timeout = caught<TransientError>(*second_update);
  CHECK(timeout.sqlstate() == "1205");
  first.rollback();
  second_update->execute(db::Fetch::buffered);
  CHECK(second_update->affected_rows() == 1);
}

TEST_CASE("mysql statement: streaming 100,000 rows and an early reset", "[statement][mysql]")
{
  ScratchDatabase scratch;
  auto& connection = scratch.connection();
  connection.execute("CREATE TABLE digits (n INT)");
  connection.execute("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
  connection.execute("CREATE TABLE big (id INT PRIMARY KEY, label VARCHAR(20))");
  connection.execute("INSERT INTO big SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * "
                     "e.n, CONCAT('row ', a.n) FROM digits a, digits b, digits c, digits d, "
                     "digits e");
  auto all = connection.prepare("SELECT id, label FROM big ORDER BY id");
  all->execute(db::Fetch::streaming);
  std::int64_t expected = 0;
  bool in_order = true;
  while (all->next()) {
    in_order = in_order && all->get_int64(0) == expected &&
               all->get_text(1) == "row " + std::to_string(expected % 10);
    ++expected;
  }
  CHECK(in_order);
  CHECK(expected == 100000);

  all->execute(db::Fetch::streaming);
  for (int k = 0; k < 10; ++k) {
    REQUIRE(all->next());
  }
  CHECK(all->get_int64(0) == 9);
  all->reset();
  CHECK_FALSE(all->next());
  // The connection takes other statements, and the statement runs again.
  CHECK(connection.query("SELECT COUNT(*) FROM big").text(0, 0) == "100000");
  auto count = connection.prepare("SELECT COUNT(*) FROM big WHERE id < ?");
  count->bind(0, std::int64_t{500});
  count->execute(db::Fetch::buffered);
  REQUIRE(count->next());
  CHECK(count->get_int64(0) == 500);
  // A new streaming run while rows of the last one are unread drops them.
  all->execute(db::Fetch::streaming);
  REQUIRE(all->next());
  all->execute(db::Fetch::buffered);
  REQUIRE(all->next());
  CHECK(all->get_int64(0) == 0);
}

TEST_CASE("mysql statement: a lost connection is a DatabaseError", "[statement][mysql]")
{
  ScratchDatabase scratch;
  dialect::mysql::MysqlConnection victim(scratch.url());
  auto statement = victim.prepare("SELECT ?");
  statement->bind(0, std::int64_t{7});
  statement->execute(db::Fetch::buffered);
  REQUIRE(statement->next());
  CHECK(statement->get_int64(0) == 7);
  // KILL takes no placeholder; the id is a number the server gave.
  scratch.connection().execute("KILL " + std::to_string(victim.id()));
  try {
    statement->execute(db::Fetch::buffered);
    FAIL("a killed connection ran a statement");
  } catch (const DatabaseError& error) {
    CHECK((error.sqlstate() == "2013" || error.sqlstate() == "2006" || error.sqlstate() == "1927" ||
           error.sqlstate() == "4031"));
  }
  CHECK_THROWS_AS(victim.prepare("SELECT 1"), DatabaseError);
}
