// The typed prepared statement on a real SQLite file: every value type round-trips, NULLs,
// constraint violations map to their exception, streaming, and a generated-style lookup.

#include "core/db/errors.hpp"
#include "core/runtime/lookup.hpp"
#include "tests/support/session_executor.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace orm;
using namespace std::chrono;

namespace {

struct Item
{
  std::int64_t id;
  std::string name;
  std::optional<std::int32_t> rank;
};

namespace items {
inline constexpr Table<Item> table{"items"};
inline constexpr Column<Item, std::int64_t> id{"items", "id", &Item::id,
                                               primary_key | autoincrement};
inline constexpr Column<Item, std::string> name{"items", "name", &Item::name, unique};
inline constexpr Column<Item, std::optional<std::int32_t>> rank{"items", "rank", &Item::rank,
                                                                nullable};
} // namespace items

} // namespace

template <> struct orm::TableTraits<Item>
{
  static constexpr const auto& table = items::table;
  static constexpr std::array<std::string_view, 3> column_names{"id", "name", "rank"};
  static Item read(const db::Statement& statement, int first)
  {
    return {Codec<std::int64_t>::read(statement, first),
            Codec<std::string>::read(statement, first + 1),
            Codec<std::optional<std::int32_t>>::read(statement, first + 2)};
  }
};

namespace {

std::string
url_in(const test::TempDir& dir)
{
  return "sqlite://" + (dir / "statement.sqlite3").string();
}

} // namespace

TEST_CASE("sqlite statement: every value type round-trips", "[statement][sqlite]")
{
  test::TempDir dir;
  SessionExecutor executor(url_in(dir));
  executor.connection().execute(
      "CREATE TABLE t (b BOOLEAN, i BIGINT, r DOUBLE, s TEXT, y BLOB, d DATE, tm TIME, "
      "ts TIMESTAMP, tz TIMESTAMPTZ, n NUMERIC(20,4), u UUID, j JSON, missing TEXT)");
  auto& insert = executor.statement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  CHECK(insert.parameter_count() == 13);
  Bytes bytes{std::byte{0}, std::byte{0xff}, std::byte{0}, std::byte{'a'}};
  Date date = year(1999) / December / 31;
  Time time{hours(23) + minutes(59) + seconds(58) + microseconds(123456)};
  Timestamp stamp = local_days(year(2026) / February / 28) + hours(1) + microseconds(1);
  TimestampTz instant = sys_days(year(2038) / January / 19) + hours(3) + microseconds(999999);
  Uuid uuid = *Uuid::parse("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0");
  insert.bind(0, true);
  insert.bind(1, std::numeric_limits<std::int64_t>::min());
  insert.bind(2, -0.125);
  insert.bind(3, std::string_view("żółw \xF0\x9F\x90\xA2 'quoted'"));
  insert.bind(4, std::span<const std::byte>(bytes));
  insert.bind(5, date);
  insert.bind(6, time);
  insert.bind(7, stamp);
  insert.bind(8, instant);
  insert.bind(9, Decimal{"12345678901.1250"});
  insert.bind(10, uuid);
  insert.bind_json(11, R"({"a": [1, 2]})");
  insert.bind_null(12);
  insert.execute();
  CHECK(insert.affected_rows() == 1);

  auto& select = executor.statement("SELECT * FROM t");
  select.execute();
  REQUIRE(select.next());
  CHECK(select.column_count() == 13);
  CHECK(select.column_name(3) == "s");
  CHECK(select.column_family(0) == db::ColumnFamily::boolean);
  CHECK(select.column_family(8) == db::ColumnFamily::timestamptz);
  CHECK(select.column_family(10) == db::ColumnFamily::uuid);
  CHECK(select.get_bool(0));
  CHECK(select.get_int64(1) == std::numeric_limits<std::int64_t>::min());
  CHECK(select.get_double(2) == -0.125);
  CHECK(select.get_text(3) == "żółw \xF0\x9F\x90\xA2 'quoted'");
  auto read = select.get_bytes(4);
  CHECK(Bytes(read.begin(), read.end()) == bytes);
  CHECK(select.get_date(5) == date);
  CHECK(select.get_time(6) == time);
  CHECK(select.get_timestamp(7) == stamp);
  CHECK(select.get_timestamptz(8) == instant);
  CHECK(select.get_decimal(9) == Decimal{"12345678901.125"});
  CHECK(select.get_uuid(10) == uuid);
  CHECK(select.get_json(11) == R"({"a": [1, 2]})");
  CHECK(select.is_null(12));
  CHECK_THROWS_AS(select.get_text(12), DatabaseError);
  CHECK_FALSE(select.next());
}

TEST_CASE("sqlite statement: violations are typed and name what failed", "[statement][sqlite]")
{
  test::TempDir dir;
  SessionExecutor executor(url_in(dir));
  executor.connection().execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
      "n INT CONSTRAINT parent_n_check CHECK (n >= 0));"
      "CREATE TABLE child (parent_id INT REFERENCES parent(id));"
      "INSERT INTO parent VALUES (1, 'a', 0)");
  auto& insert = executor.statement("INSERT INTO parent (name, n) VALUES (?, ?)");
  insert.bind(0, std::string_view("a"));
  insert.bind(1, std::int64_t{1});
  try {
    insert.execute();
    FAIL("a duplicate was inserted");
  } catch (const UniqueViolation& error) {
    CHECK(error.constraint() == "parent.name");
    CHECK(error.statement() == "INSERT INTO parent (name, n) VALUES (?, ?)");
  }
  insert.bind_null(0);
  CHECK_THROWS_AS(insert.execute(), NotNullViolation);
  insert.bind(0, std::string_view("b"));
  insert.bind(1, std::int64_t{-1});
  try {
    insert.execute();
    FAIL("a negative n was inserted");
  } catch (const CheckViolation& error) {
    CHECK(error.constraint() == "parent_n_check");
  }
  auto& child = executor.statement("INSERT INTO child VALUES (?)");
  child.bind(0, std::int64_t{42});
  CHECK_THROWS_AS(child.execute(), ForeignKeyViolation);
  // The statement is usable again after a failure.
  insert.bind(1, std::int64_t{5});
  insert.execute();
  CHECK(insert.last_insert_id() == 2);
}

TEST_CASE("sqlite statement: streaming, early reset and a key lookup", "[statement][sqlite]")
{
  test::TempDir dir;
  SessionExecutor executor(url_in(dir));
  executor.connection().execute(
      "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE, rank INT)");
  auto& insert = executor.statement("INSERT INTO items (name, rank) VALUES (?, ?)");
  for (int k = 0; k < 1000; ++k) {
    insert.bind(0, std::string_view("item " + std::to_string(k)));
    if (k % 3 == 0) {
      insert.bind_null(1);
    } else {
      insert.bind(1, std::int64_t{k});
    }
    insert.execute();
  }
  auto& all = executor.statement("SELECT id FROM items ORDER BY id");
  all.execute(db::Fetch::streaming);
  std::int64_t seen = 0;
  while (all.next()) {
    CHECK(all.get_int64(0) == ++seen);
  }
  CHECK(seen == 1000);
  all.execute(db::Fetch::streaming);
  REQUIRE(all.next());
  all.reset();
  CHECK_FALSE(all.next());

  auto found = find_by<&items::name>(executor, std::string("item 4"));
  REQUIRE(found);
  CHECK(found->id == 5);
  CHECK(found->rank == 4);
  auto by_id = find_by<&items::id>(executor, std::int64_t{4});
  REQUIRE(by_id);
  CHECK(by_id->name == "item 3");
  CHECK_FALSE(by_id->rank);
  CHECK_FALSE(find_by<&items::id, &items::name>(executor, std::int64_t{4}, std::string("item 4")));
  CHECK(items::rank.flags == nullable);
}
