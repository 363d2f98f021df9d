#include "core/runtime/lookup.hpp"

namespace orm::detail {

std::string
lookup_sql_text(const db::SqlFlavor& flavor, std::string_view table,
                std::span<const std::string_view> columns, std::span<const std::string_view> key)
{
  std::string sql = "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + flavor.quote(columns[i]);
  }
  sql += " FROM " + flavor.quote(table) + " WHERE ";
  for (size_t i = 0; i < key.size(); ++i) {
    sql +=
        (i ? " AND " : "") + flavor.quote(key[i]) + " = " + flavor.placeholder(static_cast<int>(i));
  }
  return sql;
}

bool
run_lookup(db::Statement& statement)
{
  statement.execute();
  return statement.next();
}

} // namespace orm::detail
