#include "core/dialect/sqlite/hooks.hpp"

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
  column.comment.clear();
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

// Model fields SQLite does not store: cleared on both sides so that they never diff.
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
SqliteHooks::normalize(schema::Table& table) const
{
  clear_unsupported(table);
  table.comment.clear();
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
