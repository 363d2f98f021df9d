#include "core/migrate/history_rows.hpp"

#include "core/util/error.hpp"

#include <charconv>
#include <cstdint>
#include <fmt/format.h>

namespace orm::migrate {

namespace {

std::int64_t
to_integer(const db::Result& result, size_t row, size_t column)
{
  const std::string text = result.text(row, column);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw DatabaseError(fmt::format("orm_migrations: {} of version {} is '{}', not a number",
                                    result.columns[column], result.text(row, 0), text));
  }
  return value;
}

} // namespace

std::vector<HistoryRow>
history_rows(const db::Result& result)
{
  std::vector<HistoryRow> rows;
  for (size_t row = 0; row < result.rows.size(); ++row) {
    rows.push_back({result.text(row, 0), result.text(row, 1), result.text(row, 2),
                    result.text(row, 3), to_integer(result, row, 4),
                    static_cast<int>(to_integer(result, row, 5)),
                    static_cast<int>(to_integer(result, row, 6)), result.text(row, 7)});
    if (result.columns.size() > 8) {
      rows.back().direction = result.text(row, 8) == "down" ? Direction::down : Direction::up;
      rows.back().statements_reverted = static_cast<int>(to_integer(result, row, 9));
      rows.back().in_flight = to_integer(result, row, 10) != 0;
    }
  }
  return rows;
}

} // namespace orm::migrate
