#pragma once

#include "core/db/values.hpp"

#include <optional>
#include <string>
#include <string_view>

// The ISO 8601 text forms of dates and times that SQLite stores and PostgreSQL and MySQL print
// in text results: one writer and one reader per type, shared by the dialects' statements.
namespace orm::db {

std::string format_date(Date value);               // 2026-12-04
std::string format_time(Time value);               // 13:05:09, or 13:05:09.000120
std::string format_timestamp(Timestamp value);     // 2026-12-04 13:05:09[.ffffff]
std::string format_timestamptz(TimestampTz value); // 2026-12-04 13:05:09[.ffffff]+00:00

// Readers accept what the three servers print: 'T' or ' ' between date and time, 0 to 9
// fraction digits (beyond microseconds truncated), and for timestamptz an offset (+01, +01:00,
// +0100, Z; none means UTC). Nothing for anything else.
std::optional<Date> parse_date(std::string_view text);
std::optional<Time> parse_time(std::string_view text);
std::optional<Timestamp> parse_timestamp(std::string_view text);
std::optional<TimestampTz> parse_timestamptz(std::string_view text);

} // namespace orm::db
