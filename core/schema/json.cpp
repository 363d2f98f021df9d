#include "core/schema/json.hpp"

namespace orm::schema {

namespace {

nlohmann::ordered_json
default_json(const std::optional<Default>& value)
{
  if (!value) {
    return nullptr;
  }
  const char* kinds[] = {"literal", "now", "expression"};
  return {{"kind", kinds[static_cast<int>(value->kind)]}, {"value", value->text}};
}

nlohmann::ordered_json
column_json(const Column& column)
{
  return {{"name", column.name},
          {"type", to_string(column.type)},
          {"nullable", column.nullable},
          {"default", default_json(column.default_value)},
          {"autoincrement", column.autoincrement},
          {"comment", column.comment}};
}

nlohmann::ordered_json
index_json(const Index& index)
{
  auto parts = nlohmann::ordered_json::array();
  for (const auto& part : index.parts) {
    parts.push_back({{"column", part.column},
                     {"expression", part.expression},
                     {"descending", part.descending}});
  }
  return {{"name", index.name}, {"unique", index.unique}, {"parts", parts}, {"where", index.where}};
}

nlohmann::ordered_json
foreign_key_json(const ForeignKey& fk)
{
  return {{"name", fk.name},
          {"columns", fk.columns},
          {"ref_table", fk.ref_table},
          {"ref_columns", fk.ref_columns},
          {"on_delete", to_string(fk.on_delete)},
          {"on_update", to_string(fk.on_update)}};
}

} // namespace

nlohmann::ordered_json
to_json(const Schema& schema)
{
  auto tables = nlohmann::ordered_json::array();
  for (const auto& table : schema.tables) {
    nlohmann::ordered_json entry = {{"name", table.name}};
    entry["columns"] = nlohmann::ordered_json::array();
    for (const auto& column : table.columns) {
      entry["columns"].push_back(column_json(column));
    }
    entry["primary_key"] = table.primary_key;
    entry["indexes"] = nlohmann::ordered_json::array();
    for (const auto& index : table.indexes) {
      entry["indexes"].push_back(index_json(index));
    }
    entry["foreign_keys"] = nlohmann::ordered_json::array();
    for (const auto& fk : table.foreign_keys) {
      entry["foreign_keys"].push_back(foreign_key_json(fk));
    }
    entry["checks"] = nlohmann::ordered_json::array();
    for (const auto& check : table.checks) {
      entry["checks"].push_back({{"name", check.name}, {"expression", check.expression}});
    }
    entry["comment"] = table.comment;
    tables.push_back(std::move(entry));
  }
  return {{"tables", tables}};
}

} // namespace orm::schema
