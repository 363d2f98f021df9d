#include "core/db/value_text.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::db;
using namespace std::chrono;

TEST_CASE("value_text: dates, times and timestamps are written in ISO 8601", "[value_text]")
{
  CHECK(format_date(year(2026) / December / 4) == "2026-12-04");
  CHECK(format_date(year(1) / January / 1) == "0001-01-01");
  CHECK(format_time(Time{hours(7) + minutes(5) + seconds(9)}) == "07:05:09");
  CHECK(format_time(Time{seconds(1) + microseconds(120)}) == "00:00:01.000120");
  Timestamp stamp = local_days(year(2026) / February / 28) + hours(23) + microseconds(999999);
  CHECK(format_timestamp(stamp) == "2026-02-28 23:00:00.999999");
  CHECK(format_timestamp(local_days(year(1969) / December / 31) + hours(12)) ==
        "1969-12-31 12:00:00");
  CHECK(format_timestamptz(sys_days(year(2038) / January / 19) + seconds(7)) ==
        "2038-01-19 00:00:07+00:00");
}

TEST_CASE("value_text: what the three servers print reads back", "[value_text]")
{
  CHECK(parse_date("2024-02-29") == year(2024) / February / 29);
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("2024-2-29"));
  CHECK_FALSE(parse_date("2024-02-29 00:00:00"));
  CHECK(parse_time("23:59:59.5") ==
        Time{hours(23) + minutes(59) + seconds(59) + milliseconds(500)});
  CHECK(parse_time("10:00:00.1234567") == Time{hours(10) + microseconds(123456)});
  CHECK_FALSE(parse_time("10:00"));
  CHECK_FALSE(parse_time("10:00:00."));
  Timestamp noon = local_days(year(2026) / July / 1) + hours(12);
  CHECK(parse_timestamp("2026-07-01 12:00:00") == noon);
  CHECK(parse_timestamp("2026-07-01T12:00:00.000000") == noon);
  CHECK_FALSE(parse_timestamp("2026-07-01 12:00:00+00"));
  TimestampTz instant = sys_days(year(2026) / July / 1) + hours(12);
  CHECK(parse_timestamptz("2026-07-01 12:00:00+00") == instant);
  CHECK(parse_timestamptz("2026-07-01 14:30:00+02:30") == instant);
  CHECK(parse_timestamptz("2026-07-01 07:00:00-0500") == instant);
  CHECK(parse_timestamptz("2026-07-01T12:00:00Z") == instant);
  CHECK(parse_timestamptz("2026-07-01 12:00:00") == instant);
  CHECK_FALSE(parse_timestamptz("2026-07-01 12:00:00 UTC"));
  for (auto text : {"1999-12-31 23:59:59.000001", "2000-01-01 00:00:00", "1900-03-01 01:02:03.4"}) {
    auto parsed = parse_timestamp(text);
    REQUIRE(parsed);
    CHECK(parse_timestamp(format_timestamp(*parsed)) == parsed);
  }
}
