#pragma once

#include "core/runtime/executor.hpp"
#include "core/runtime/row.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// Lookups by a primary or unique key, the functions a generated header's `get` and `get_by_*`
// call: `orm::find_by<&models::users::email>(executor, email)`. The SQL is made once per
// connection; a call binds, steps and reads. The templates stay thin (the SQL text and the run
// are plain functions) so that a header with hundreds of lookups compiles fast.
namespace orm {

namespace detail {

// SELECT <columns> FROM <table> WHERE <key_1> = ? AND ...
std::string lookup_sql_text(const db::SqlFlavor& flavor, std::string_view table,
                            std::span<const std::string_view> columns,
                            std::span<const std::string_view> key);

// Runs the bound lookup: true, with the statement on its row, when there is one.
bool run_lookup(db::Statement& statement);

// The row type of the first key column (an alias template cannot take the pack directly).
template <const auto* First, const auto*... Rest> struct FirstKeyRow
{
  using type = typename std::remove_cvref_t<decltype(*First)>::row_type;
};
template <const auto*... Key> using LookupRow = typename FirstKeyRow<Key...>::type;

template <const auto*... Key>
std::string
lookup_sql(const db::SqlFlavor& flavor, std::uint64_t)
{
  using Row = LookupRow<Key...>;
  static constexpr std::array<std::string_view, sizeof...(Key)> key{Key->name...};
  return lookup_sql_text(flavor, TableTraits<Row>::table.name, TableTraits<Row>::column_names, key);
}

} // namespace detail

// The row whose key columns Key... hold `values`, or nothing.
template <const auto*... Key, class... Values>
requires(sizeof...(Key) == sizeof...(Values) &&
         sizeof...(Key) >
             0) std::optional<detail::LookupRow<Key...>> find_by(Executor& executor,
                                                                 const Values&... values)
{
  using Row = detail::LookupRow<Key...>;
  db::Statement& statement = executor.statement(&detail::lookup_sql<Key...>);
  int index = 0;
  (Codec<typename std::remove_cvref_t<decltype(*Key)>::value_type>::bind(statement, index++,
                                                                         values),
   ...);
  ResetOnExit reset(statement);
  if (!detail::run_lookup(statement)) {
    return std::nullopt;
  }
  return std::optional<Row>(TableTraits<Row>::read(statement, 0));
}

} // namespace orm
