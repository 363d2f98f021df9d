#include "core/dialect/postgres/hooks.hpp"

#include "core/schema/features.hpp"

#include "core/dialect/postgres/expression.hpp"
#include "core/dialect/postgres/types.hpp"
#include "core/util/strings.hpp"

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
  // "default" is the type's collation, which reads as none.
  if (column.collation == "default") {
    column.collation.clear();
  }
  // A VIRTUAL column stays VIRTUAL here, so that the planner refuses it by name (PostgreSQL 15
  // has only STORED) instead of quietly storing it.
  if (!column.generated.empty()) {
    column.generated = normalize_expression(column.generated);
    column.default_value.reset();
    column.autoincrement = false;
  } else {
    column.generated_stored = true;
  }
  column.identity_always = column.identity_always && column.autoincrement;
  if (!column.autoincrement || column.identity_always) { // only a serial owns a sequence
    column.serial_sequence.clear();
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
  // btree is the default method; ASC puts NULLs last and DESC first unless told otherwise.
  index.method = util::to_lower(index.method);
  if (index.method == "btree") {
    index.method.clear();
  }
  for (auto& part : index.parts) {
    using Nulls = schema::IndexPart::NullsOrder;
    if (part.nulls == (part.descending ? Nulls::first : Nulls::last)) {
      part.nulls = Nulls::unspecified;
    }
  }
}

void
normalize_foreign_key(schema::ForeignKey& key)
{
  key.match = util::to_lower(key.match);
  if (key.match == "simple") { // the default
    key.match.clear();
  }
  key.initially_deferred = key.initially_deferred && key.deferrable;
}

// What PostgreSQL stores of the optional model parts; table options, charsets, ON UPDATE and key
// prefixes are MySQL's.
const schema::FeatureSet&
k_supported()
{
  static const schema::FeatureSet supported{
      schema::Feature::comments,          schema::Feature::partial_indexes,
      schema::Feature::collation,         schema::Feature::generated_columns,
      schema::Feature::index_methods,     schema::Feature::index_include,
      schema::Feature::nulls_order,       schema::Feature::deferrable_foreign_keys,
      schema::Feature::foreign_key_match, schema::Feature::identity_always};
  return supported;
}

} // namespace

void
PostgresHooks::normalize(schema::Table& table) const
{
  schema::clear_unsupported(table, k_supported());
  for (auto& column : table.columns) {
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                  table.primary_key.end();
    normalize_column(column, in_key);
  }
  for (auto& index : table.indexes) {
    normalize_index(index);
  }
  for (auto& key : table.foreign_keys) {
    normalize_foreign_key(key);
  }
  for (auto& check : table.checks) {
    check.expression = normalize_expression(check.expression);
  }
  schema::sort_canonically(table);
}

} // namespace orm::dialect::postgres
