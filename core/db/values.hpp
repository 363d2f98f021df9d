#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The C++ value types of the column types the models language has; the typed statements of every
// dialect bind and read them, and generated row structs hold them.
namespace orm {

using Bytes = std::vector<std::byte>;
using Date = std::chrono::year_month_day;
// A time of day, without a zone.
struct Time
{
  std::chrono::microseconds since_midnight{};

  auto operator<=>(const Time&) const = default;
};
// `timestamp`: a wall-clock reading without a zone (local_time: no zone is implied).
using Timestamp = std::chrono::local_time<std::chrono::microseconds>;
// `timestamptz`: an instant, held in UTC.
using TimestampTz = std::chrono::sys_time<std::chrono::microseconds>;

// An exact decimal, kept as its text: never a double.
struct Decimal
{
  std::string text; // [-]digits[.digits]

  // Nothing when `text` is not [-]digits[.digits].
  static std::optional<Decimal> parse(std::string_view text);
  // Equal values are equal whatever their scale: 12.10 == 12.1 (SQLite keeps no scale).
  bool operator==(const Decimal& other) const;
};

struct Uuid
{
  std::array<std::uint8_t, 16> bytes{};

  // The 8-4-4-4-12 hex form (either case); nothing for anything else.
  static std::optional<Uuid> parse(std::string_view text);
  std::string to_string() const; // lower-case 8-4-4-4-12
  auto operator<=>(const Uuid&) const = default;
};

} // namespace orm
