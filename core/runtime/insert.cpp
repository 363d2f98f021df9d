#include "core/runtime/insert.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::detail {

std::string
insert_sql_text(const db::SqlFlavor& flavor, std::string_view table,
                std::span<const std::string_view> insert_columns, std::span<const bool> defaulted,
                std::uint64_t shape, std::span<const std::string_view> returning)
{
  std::string columns;
  std::string values;
  int given = 0;
  int defaulted_index = 0;
  for (size_t i = 0; i < insert_columns.size(); ++i) {
    if (defaulted[i] && !(shape & (std::uint64_t{1} << defaulted_index++))) {
      continue; // left to the column's default
    }
    columns += (given ? ", " : "") + flavor.quote(insert_columns[i]);
    values += (given ? ", " : "") + flavor.placeholder(given);
    ++given;
  }
  std::string sql = "INSERT INTO " + flavor.quote(table);
  // Every column left to its default: the portable spelling differs only on MySQL.
  if (given == 0) {
    sql += flavor.dialect() == "mysql" ? " () VALUES ()" : " DEFAULT VALUES";
  } else {
    sql += " (" + columns + ") VALUES (" + values + ")";
  }
  if (!returning.empty()) {
    sql += " RETURNING ";
    for (size_t i = 0; i < returning.size(); ++i) {
      sql += (i ? ", " : "") + flavor.quote(returning[i]);
    }
  }
  return sql;
}

void
require_row(db::Statement& statement)
{
  if (!statement.next()) {
    throw DatabaseError("the insert returned no row", statement.sql());
  }
}

std::string
reselect_sql(const db::SqlFlavor& flavor, std::uint64_t, std::string_view table,
             std::span<const std::string_view> columns, std::string_view key)
{
  if (key.empty() || key.find(',') != std::string_view::npos) {
    throw Error(ErrorKind::usage,
                fmt::format("orm::insert on {} cannot read back the new row of table {}: it has "
                            "no RETURNING and the table no single-column primary key; use "
                            "orm::insert_only",
                            flavor.dialect(), table));
  }
  std::string sql = "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + flavor.quote(columns[i]);
  }
  return sql + " FROM " + flavor.quote(table) + " WHERE " + flavor.quote(key) + " = " +
         flavor.placeholder(0);
}

} // namespace orm::detail
