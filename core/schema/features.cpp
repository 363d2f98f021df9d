#include "core/schema/features.hpp"

namespace orm::schema {

namespace {

void
clear_column(Column& column, const FeatureSet& supported)
{
  if (!supported.has(Feature::comments)) {
    column.comment.clear();
  }
  if (!supported.has(Feature::charset)) {
    column.charset.clear();
  }
  if (!supported.has(Feature::collation)) {
    column.collation.clear();
  }
  if (!supported.has(Feature::on_update_now)) {
    column.on_update_now = false;
  }
  if (!supported.has(Feature::generated_columns)) {
    column.generated.clear();
    column.generated_stored = true;
  }
  if (!supported.has(Feature::identity_always)) {
    column.identity_always = false;
  }
}

void
clear_index(Index& index, const FeatureSet& supported)
{
  if (!supported.has(Feature::index_methods)) {
    index.method.clear();
  }
  if (!supported.has(Feature::index_include)) {
    index.include.clear();
  }
  if (!supported.has(Feature::partial_indexes)) {
    index.where.clear();
  }
  for (auto& part : index.parts) {
    if (!supported.has(Feature::key_prefixes)) {
      part.prefix_length = 0;
    }
    if (!supported.has(Feature::nulls_order)) {
      part.nulls = IndexPart::NullsOrder::unspecified;
    }
  }
}

void
clear_foreign_key(ForeignKey& foreign_key, const FeatureSet& supported)
{
  if (!supported.has(Feature::deferrable_foreign_keys)) {
    foreign_key.deferrable = false;
    foreign_key.initially_deferred = false;
  }
  if (!supported.has(Feature::foreign_key_match)) {
    foreign_key.match.clear();
  }
}

} // namespace

void
clear_unsupported(Table& table, const FeatureSet& supported)
{
  if (!supported.has(Feature::comments)) {
    table.comment.clear();
  }
  if (!supported.has(Feature::table_options)) {
    table.engine.clear();
    table.charset.clear();
    table.collation.clear();
  }
  for (auto& column : table.columns) {
    clear_column(column, supported);
  }
  for (auto& index : table.indexes) {
    clear_index(index, supported);
  }
  for (auto& foreign_key : table.foreign_keys) {
    clear_foreign_key(foreign_key, supported);
  }
}

} // namespace orm::schema
