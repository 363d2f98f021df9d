#include "core/dialect/sqlite/hooks.hpp"

#include "core/schema/features.hpp"

#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/dialect/sqlite/types.hpp"

#include <algorithm>

namespace orm::dialect::sqlite {

namespace {

// The default as it reads back from pragma_table_xinfo.
schema::Default
stored_default(const schema::Default& value)
{
  switch (value.kind) {
  case schema::Default::Kind::now:
    return value;
  case schema::Default::Kind::expression:
    return default_of_sql(value.text);
  case schema::Default::Kind::literal:
    break;
  }
  return default_of_sql(default_sql(value));
}

void
normalize_column(schema::Column& column, bool sole_key)
{
  if (column.type.kind == schema::TypeKind::raw) {
    column.type = type_of_declared(column.type.raw);
  }
  // AUTOINCREMENT exists only on an INTEGER PRIMARY KEY.
  column.autoincrement = column.autoincrement && sole_key;
  if (column.autoincrement && schema::is_integer(column.type.kind)) {
    column.type = schema::Type::of(schema::TypeKind::integer);
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
    part.expression = strip_outer_parentheses(part.expression);
    // SQLite indexes `(email)` as the column email.
    auto tokens = scan(part.expression);
    if (tokens.size() == 1 &&
        (tokens[0].kind == TokenKind::word || tokens[0].kind == TokenKind::quoted)) {
      part.column = identifier_of(tokens[0]);
      part.expression.clear();
    }
  }
  index.where = strip_outer_parentheses(index.where);
}

// SQLite stores none of the optional model parts but partial indexes (no comments either).
const schema::FeatureSet&
k_supported()
{
  static const schema::FeatureSet supported{schema::Feature::partial_indexes};
  return supported;
}

} // namespace

void
SqliteHooks::normalize(schema::Table& table) const
{
  schema::clear_unsupported(table, k_supported());
  for (auto& column : table.columns) {
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                  table.primary_key.end();
    // Written NOT NULL: SQLite lets key columns other than INTEGER PRIMARY KEY hold NULL otherwise.
    column.nullable = column.nullable && !in_key;
    normalize_column(column, in_key && table.primary_key.size() == 1);
  }
  for (auto& index : table.indexes) {
    normalize_index(index);
  }
  for (auto& check : table.checks) {
    check.expression = strip_outer_parentheses(check.expression);
  }
  schema::sort_canonically(table);
}

} // namespace orm::dialect::sqlite
