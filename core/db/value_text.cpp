#include "core/db/value_text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace orm::db {

namespace {

using std::chrono::days;
using std::chrono::microseconds;

std::string
fraction_suffix(microseconds within_second)
{
  return within_second.count() == 0 ? std::string() : fmt::format(".{:06}", within_second.count());
}

std::string
format_clock(microseconds since_midnight)
{
  auto count = since_midnight.count();
  return fmt::format("{:02}:{:02}:{:02}{}", count / 3'600'000'000, count / 60'000'000 % 60,
                     count / 1'000'000 % 60, fraction_suffix(microseconds(count % 1'000'000)));
}

// Reads exactly `width` digits at `at`.
std::optional<int>
digits(std::string_view text, size_t at, size_t width)
{
  if (at + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "HH:MM:SS[.f...]" at the front of `text`; `used` is how much it took.
std::optional<microseconds>
parse_clock(std::string_view text, size_t& used)
{
  auto hours = digits(text, 0, 2);
  auto minutes = digits(text, 3, 2);
  auto seconds = digits(text, 6, 2);
  if (!hours || !minutes || !seconds || text[2] != ':' || text[5] != ':' || *hours > 24 ||
      *minutes > 59 || *seconds > 60) {
    return std::nullopt;
  }
  long long total = ((*hours * 60LL + *minutes) * 60 + *seconds) * 1'000'000;
  used = 8;
  if (used < text.size() && text[used] == '.') {
    long long fraction = 0;
    int scale = 0;
    for (++used; used < text.size() && text[used] >= '0' && text[used] <= '9'; ++used, ++scale) {
      if (scale < 6) {
        fraction = fraction * 10 + (text[used] - '0');
      }
    }
    if (scale == 0) {
      return std::nullopt;
    }
    for (; scale < 6; ++scale) {
      fraction *= 10;
    }
    total += fraction;
  }
  return microseconds(total);
}

std::optional<Date>
parse_date_prefix(std::string_view text)
{
  bool negative = !text.empty() && text[0] == '-';
  std::string_view rest = text.substr(negative ? 1 : 0);
  auto year = digits(rest, 0, 4);
  auto month = digits(rest, 5, 2);
  auto day = digits(rest, 8, 2);
  if (!year || !month || !day || rest[4] != '-' || rest[7] != '-') {
    return std::nullopt;
  }
  Date date{std::chrono::year(negative ? -*year : *year),
            std::chrono::month(static_cast<unsigned>(*month)),
            std::chrono::day(static_cast<unsigned>(*day))};
  return date.ok() ? std::optional(date) : std::nullopt;
}

// The date and clock of "YYYY-MM-DD[ T]HH:MM:SS[.f]" and what follows it.
std::optional<std::pair<microseconds, std::string_view>>
parse_date_time(std::string_view text)
{
  auto date = parse_date_prefix(text);
  size_t clock_at = text.size() > 0 && text[0] == '-' ? 11 : 10;
  if (!date || text.size() <= clock_at || (text[clock_at] != ' ' && text[clock_at] != 'T')) {
    return std::nullopt;
  }
  size_t used = 0;
  auto clock = parse_clock(text.substr(clock_at + 1), used);
  if (!clock) {
    return std::nullopt;
  }
  auto since_epoch = std::chrono::sys_days(*date).time_since_epoch();
  return std::pair{std::chrono::duration_cast<microseconds>(since_epoch) + *clock,
                   text.substr(clock_at + 1 + used)};
}

// "+HH[:MM]", "+HHMM", "Z" or "" as minutes east of UTC.
std::optional<int>
parse_offset_minutes(std::string_view text)
{
  if (text.empty() || text == "Z") {
    return 0;
  }
  if (text[0] != '+' && text[0] != '-') {
    return std::nullopt;
  }
  int sign = text[0] == '-' ? -1 : 1;
  auto hours = digits(text, 1, 2);
  std::optional<int> minutes = 0;
  if (text.size() == 6 && text[3] == ':') {
    minutes = digits(text, 4, 2);
  } else if (text.size() == 5) {
    minutes = digits(text, 3, 2);
  } else if (text.size() != 3) {
    return std::nullopt;
  }
  if (!hours || !minutes) {
    return std::nullopt;
  }
  return sign * (*hours * 60 + *minutes);
}

} // namespace

std::string
format_date(Date value)
{
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(value.year()),
                     static_cast<unsigned>(value.month()), static_cast<unsigned>(value.day()));
}

std::string
format_time(Time value)
{
  return format_clock(value.since_midnight);
}

std::string
format_timestamp(Timestamp value)
{
  auto day = std::chrono::floor<days>(value);
  return format_date(Date(std::chrono::sys_days(day.time_since_epoch()))) + " " +
         format_clock(value - day);
}

std::string
format_timestamptz(TimestampTz value)
{
  return format_timestamp(Timestamp(value.time_since_epoch())) + "+00:00";
}

std::optional<Date>
parse_date(std::string_view text)
{
  auto date = parse_date_prefix(text);
  size_t expected = text.size() > 0 && text[0] == '-' ? 11 : 10;
  return date && text.size() == expected ? date : std::nullopt;
}

std::optional<Time>
parse_time(std::string_view text)
{
  size_t used = 0;
  auto clock = parse_clock(text, used);
  return clock && used == text.size() ? std::optional(Time{*clock}) : std::nullopt;
}

std::optional<Timestamp>
parse_timestamp(std::string_view text)
{
  auto parsed = parse_date_time(text);
  if (!parsed || !parsed->second.empty()) {
    return std::nullopt;
  }
  return Timestamp(parsed->first);
}

std::optional<TimestampTz>
parse_timestamptz(std::string_view text)
{
  auto parsed = parse_date_time(text);
  auto offset = parsed ? parse_offset_minutes(parsed->second) : std::nullopt;
  if (!offset) {
    return std::nullopt;
  }
  return TimestampTz(parsed->first - std::chrono::minutes(*offset));
}

} // namespace orm::db
