#include "core/dialect/sqlite/ddl.hpp"

#include "core/dialect/sql_common.hpp"
#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/dialect/sqlite/types.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

namespace orm::dialect::sqlite {

using schema::Column;
using schema::Table;

namespace {

std::string
quoted_list(const std::vector<std::string>& names)
{
  return dialect::quoted_list(names, quote_identifier);
}

// The column written `INTEGER PRIMARY KEY AUTOINCREMENT`, if the table has one.
const Column*
autoincrement_key(const Table& table)
{
  if (table.primary_key.size() != 1) {
    return nullptr;
  }
  const Column* column = table.find_column(table.primary_key.front());
  return column && column->autoincrement ? column : nullptr;
}

std::string
column_definition(const Column& column, bool autoincrement_key)
{
  std::string sql = quote_identifier(column.name);
  if (std::string type = declared_type(column.type); !type.empty()) {
    sql += " " + type;
  }
  if (autoincrement_key) {
    return sql + " NOT NULL PRIMARY KEY AUTOINCREMENT";
  }
  if (!column.nullable) {
    sql += " NOT NULL";
  }
  if (column.default_value) {
    sql += " DEFAULT " + default_sql(*column.default_value);
  }
  return sql;
}

std::string
foreign_key_clause(const schema::ForeignKey& foreign_key)
{
  std::string sql = fmt::format(
      "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}", quote_identifier(foreign_key.name),
      quoted_list(foreign_key.columns), quote_identifier(foreign_key.ref_table));
  if (!foreign_key.ref_columns.empty()) {
    sql += " (" + quoted_list(foreign_key.ref_columns) + ")";
  }
  sql += referential_actions_sql(foreign_key);
  return sql;
}

std::string
check_clause(const std::string& name, const std::string& expression)
{
  return fmt::format("CONSTRAINT {} CHECK ({})", quote_identifier(name), expression);
}

std::string
index_part_sql(const schema::IndexPart& part)
{
  std::string sql =
      part.expression.empty() ? quote_identifier(part.column) : "(" + part.expression + ")";
  return part.descending ? sql + " DESC" : sql;
}

} // namespace

// `table` under the name `name` (a rebuild creates it under a temporary name).
std::string
create_table_sql(const Table& table, const std::string& name)
{
  const Column* key = autoincrement_key(table);
  std::vector<std::string> lines;
  for (const auto& column : table.columns) {
    lines.push_back(column_definition(column, &column == key));
  }
  if (!table.primary_key.empty() && !key) {
    lines.push_back("PRIMARY KEY (" + quoted_list(table.primary_key) + ")");
  }
  for (const auto& foreign_key : table.foreign_keys) {
    lines.push_back(foreign_key_clause(foreign_key));
  }
  for (const auto& check : table.checks) {
    lines.push_back(check_clause(check.name, check.expression));
  }
  for (const auto& column : table.columns) {
    if (column.type.kind == schema::TypeKind::enumeration) {
      lines.push_back(check_clause(enum_check_name(table.name, column.name),
                                   enum_check_expression(column.name, column.type.values)));
    }
  }
  return fmt::format("CREATE TABLE {} (\n  {}\n)", quote_identifier(name),
                     util::join(lines, ",\n  "));
}

std::string
create_index_sql(const std::string& table, const schema::Index& index)
{
  std::vector<std::string> parts;
  for (const auto& part : index.parts) {
    parts.push_back(index_part_sql(part));
  }
  std::string sql =
      fmt::format("CREATE {}INDEX {} ON {} ({})", index.unique ? "UNIQUE " : "",
                  quote_identifier(index.name), quote_identifier(table), util::join(parts, ", "));
  return index.where.empty() ? sql : sql + " WHERE " + index.where;
}

std::string
drop_index_sql(const schema::Index& index)
{
  return "DROP INDEX " + quote_identifier(index.name);
}

std::string
drop_table_sql(const std::string& table)
{
  return "DROP TABLE " + quote_identifier(table);
}

std::string
rename_table_sql(const std::string& from, const std::string& to)
{
  return fmt::format("ALTER TABLE {} RENAME TO {}", quote_identifier(from), quote_identifier(to));
}

std::string
add_column_sql(const std::string& table, const Column& column)
{
  return fmt::format("ALTER TABLE {} ADD COLUMN {}", quote_identifier(table),
                     column_definition(column, false));
}

std::string
drop_column_sql(const std::string& table, const std::string& column)
{
  return fmt::format("ALTER TABLE {} DROP COLUMN {}", quote_identifier(table),
                     quote_identifier(column));
}

std::string
rename_column_sql(const std::string& table, const std::string& from, const std::string& to)
{
  return fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", quote_identifier(table),
                     quote_identifier(from), quote_identifier(to));
}

std::vector<std::string>
table_statements(const Table& table)
{
  std::vector<std::string> statements{create_table_sql(table, table.name)};
  for (const auto& index : table.indexes) {
    statements.push_back(create_index_sql(table.name, index));
  }
  for (const auto& trigger : table.triggers) {
    statements.push_back(trigger.sql);
  }
  return statements;
}

} // namespace orm::dialect::sqlite
