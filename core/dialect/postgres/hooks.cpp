#include "core/dialect/postgres/hooks.hpp"

#include "core/dialect/postgres/expression.hpp"
#include "core/dialect/postgres/types.hpp"

#include <algorithm>

namespace orm::dialect::postgres {

namespace {

// The default as pg_get_expr gives it back.
std::optional<schema::Default>
stored_default(const schema::Default& value)
{
  if (value.kind == schema::Default::Kind::now) {
    return value;
  }
  return default_of_sql(default_sql(value));
}

void
normalize_column(schema::Column& column, bool in_key)
{
  if (column.type.kind == schema::TypeKind::raw) {
    column.type = type_of_declared(column.type.raw);
  }
  column.autoincrement = column.autoincrement && schema::is_integer(column.type.kind);
  // A key or identity column is NOT NULL, and an identity column has no default of its own.
  column.nullable = column.nullable && !in_key && !column.autoincrement;
  if (column.autoincrement) {
    column.default_value.reset();
  }
  if (column.default_value) {
    column.default_value = stored_default(*column.default_value);
  }
}

void
normalize_index(schema::Index& index)
{
  for (auto& part : index.parts) {
    if (part.expression.empty()) {
      continue;
    }
    std::string name;
    if (is_single_name(part.expression, name)) { // (email) indexes the column email
      part.column = name;
      part.expression.clear();
    } else {
      part.expression = normalize_expression(part.expression);
    }
  }
  index.where = normalize_expression(index.where);
}

// Model fields not handled on PostgreSQL: table options, charset, ON UPDATE and key
// prefixes are MySQL's; collations, generated columns, NULLS order, index methods, INCLUDE,
// DEFERRABLE and MATCH are not implemented yet. Cleared on both sides so that they never diff.
void
clear_unsupported(schema::Table& table)
{
  table.engine.clear();
  table.charset.clear();
  table.collation.clear();
  for (auto& column : table.columns) {
    column.collation.clear();
    column.charset.clear();
    column.on_update_now = false;
    column.generated.clear();
    column.generated_stored = true;
  }
  for (auto& index : table.indexes) {
    index.method.clear();
    index.include.clear();
    for (auto& part : index.parts) {
      part.prefix_length = 0;
      part.nulls = schema::IndexPart::NullsOrder::unspecified;
    }
  }
  for (auto& foreign_key : table.foreign_keys) {
    foreign_key.deferrable = false;
    foreign_key.initially_deferred = false;
    foreign_key.match.clear();
  }
}

} // namespace

void
PostgresHooks::normalize(schema::Table& table) const
{
  clear_unsupported(table);
  for (auto& column : table.columns) {
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                  table.primary_key.end();
    normalize_column(column, in_key);
  }
  for (auto& index : table.indexes) {
    normalize_index(index);
  }
  for (auto& check : table.checks) {
    check.expression = normalize_expression(check.expression);
  }
  schema::sort_canonically(table);
}

} // namespace orm::dialect::postgres
