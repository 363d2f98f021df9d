#pragma once

#include "core/runtime/executor.hpp"
#include "core/runtime/row.hpp"

#include <optional>
#include <string>

// Lookups by a primary or unique key, the functions a generated header's `get` and `get_by_*`
// call: `orm::find_by<&models::users::email>(executor, email)`. The SQL is made once per
// connection; a call binds, steps and reads.
namespace orm {

namespace detail {

template <const auto*... Key>
std::string
lookup_sql(const db::SqlFlavor& flavor, std::uint64_t)
{
  using Row = typename std::remove_cvref_t<decltype(*std::get<0>(std::tuple{Key...}))>::row_type;
  std::string sql = "SELECT " + column_list<Row>(flavor) + " FROM " +
                    flavor.quote(TableTraits<Row>::table.name) + " WHERE ";
  int index = 0;
  ((sql += (index ? " AND " : "") + flavor.quote(Key->name) + " = " + flavor.placeholder(index),
    ++index),
   ...);
  return sql;
}

} // namespace detail

// The row whose key columns Key... hold `values`, or nothing.
template <const auto*... Key, class... Values>
requires(sizeof...(Key) == sizeof...(Values) &&
         sizeof...(Key) > 0) auto find_by(Executor& executor, const Values&... values)
{
  using Row = typename std::remove_cvref_t<decltype(*std::get<0>(std::tuple{Key...}))>::row_type;
  db::Statement& statement = executor.statement(&detail::lookup_sql<Key...>);
  int index = 0;
  ((Codec<typename std::remove_cvref_t<decltype(*Key)>::value_type>::bind(statement, index++,
                                                                          values)),
   ...);
  statement.execute();
  std::optional<Row> row;
  if (statement.next()) {
    row = read_row<Row>(statement);
    statement.reset();
  }
  return row;
}

} // namespace orm
