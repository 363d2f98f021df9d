#pragma once

#include "core/runtime/executor.hpp"
#include "core/runtime/row.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

// Inserting one row from a generated insert struct: `orm::insert(executor, models::NewUser{...})`
// returns the whole new row (defaults and the autoincrement key filled in), by RETURNING where
// the server has it (PostgreSQL, SQLite, MariaDB) and by the last insert id otherwise (MySQL).
// Columns whose field is left empty are left out, so the database's default applies; each set
// of given columns is its own cached statement.
namespace orm {

namespace detail {

// INSERT INTO <table> (<given columns>) VALUES (?, ...) [RETURNING <columns>]
std::string insert_sql_text(const db::SqlFlavor& flavor, std::string_view table,
                            std::span<const std::string_view> insert_columns,
                            std::span<const bool> defaulted, std::uint64_t shape,
                            std::span<const std::string_view> returning);

template <class Row>
std::string
insert_sql(const db::SqlFlavor& flavor, std::uint64_t shape)
{
  using Traits = TableTraits<Row>;
  std::span<const std::string_view> returning;
  if (flavor.insert_returning()) {
    returning = Traits::column_names;
  }
  return insert_sql_text(flavor, Traits::table.name, Traits::insert_columns,
                         Traits::insert_defaulted, shape, returning);
}

// Moves to the row an insert returned; throws orm::DatabaseError when there is none.
void require_row(db::Statement& statement);

template <class Row>
std::string
insert_sql_without_returning(const db::SqlFlavor& flavor, std::uint64_t shape)
{
  using Traits = TableTraits<Row>;
  return insert_sql_text(flavor, Traits::table.name, Traits::insert_columns,
                         Traits::insert_defaulted, shape, {});
}

// SELECT <columns> FROM <table> WHERE <key> = ?: the row an insert made, where there is no
// RETURNING; throws orm::Error when the table has no single-column primary key to find it by.
std::string reselect_sql(const db::SqlFlavor& flavor, std::uint64_t, std::string_view table,
                         std::span<const std::string_view> columns, std::string_view key);

template <class Row>
std::string
reselect_sql(const db::SqlFlavor& flavor, std::uint64_t shape)
{
  using Traits = TableTraits<Row>;
  return reselect_sql(flavor, shape, Traits::table.name, Traits::column_names,
                      Traits::unique_keys.empty() ? std::string_view() : Traits::unique_keys[0]);
}

} // namespace detail

// Inserts `row`; the number of rows written (1). No RETURNING, no reselect.
template <class Insert>
std::int64_t
insert_only(Executor& executor, const Insert& row)
{
  using Row = typename Insert::row_type;
  db::Statement& statement = executor.statement(&detail::insert_sql_without_returning<Row>,
                                                TableTraits<Row>::insert_shape(row));
  TableTraits<Row>::bind_insert(statement, 0, row);
  ResetOnExit reset(statement);
  statement.execute();
  return statement.affected_rows();
}

// Inserts `row` and returns the row as the database stored it.
template <class Insert>
typename Insert::row_type
insert(Executor& executor, const Insert& row)
{
  using Row = typename Insert::row_type;
  db::Statement& statement =
      executor.statement(&detail::insert_sql<Row>, TableTraits<Row>::insert_shape(row));
  TableTraits<Row>::bind_insert(statement, 0, row);
  std::int64_t id = 0;
  {
    ResetOnExit reset(statement);
    statement.execute();
    if (executor.flavor().insert_returning()) {
      detail::require_row(statement);
      return TableTraits<Row>::read(statement, 0);
    }
    id = statement.last_insert_id();
  }
  db::Statement& reselect = executor.statement(&detail::reselect_sql<Row>);
  reselect.bind(0, id);
  ResetOnExit reset(reselect);
  reselect.execute();
  detail::require_row(reselect);
  return TableTraits<Row>::read(reselect, 0);
}

} // namespace orm
