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

// Dialect-specific fields appear only when set, so the output of other dialects stays as it was.
void
set_if(nlohmann::ordered_json& entry, const char* key, const std::string& value)
{
  if (!value.empty()) {
    entry[key] = value;
  }
}

nlohmann::ordered_json
column_json(const Column& column)
{
  nlohmann::ordered_json entry = {{"name", column.name},
                                  {"type", to_string(column.type)},
                                  {"nullable", column.nullable},
                                  {"default", default_json(column.default_value)},
                                  {"autoincrement", column.autoincrement},
                                  {"comment", column.comment}};
  set_if(entry, "collation", column.collation);
  set_if(entry, "charset", column.charset);
  if (column.identity_always) {
    entry["identity_always"] = true;
  }
  set_if(entry, "serial_sequence", column.serial_sequence);
  if (column.on_update_now) {
    entry["on_update_now"] = true;
  }
  if (!column.generated.empty()) {
    entry["generated"] = {{"expression", column.generated}, {"stored", column.generated_stored}};
  }
  return entry;
}

nlohmann::ordered_json
index_json(const Index& index)
{
  auto parts = nlohmann::ordered_json::array();
  for (const auto& part : index.parts) {
    nlohmann::ordered_json entry = {
        {"column", part.column}, {"expression", part.expression}, {"descending", part.descending}};
    if (part.prefix_length > 0) {
      entry["prefix_length"] = part.prefix_length;
    }
    set_if(entry, "nulls", to_string(part.nulls));
    parts.push_back(std::move(entry));
  }
  nlohmann::ordered_json entry = {
      {"name", index.name}, {"unique", index.unique}, {"parts", parts}, {"where", index.where}};
  set_if(entry, "method", index.method);
  if (!index.include.empty()) {
    entry["include"] = index.include;
  }
  return entry;
}

nlohmann::ordered_json
foreign_key_json(const ForeignKey& fk)
{
  nlohmann::ordered_json entry = {{"name", fk.name},
                                  {"columns", fk.columns},
                                  {"ref_table", fk.ref_table},
                                  {"ref_columns", fk.ref_columns},
                                  {"on_delete", to_string(fk.on_delete)},
                                  {"on_update", to_string(fk.on_update)}};
  if (fk.deferrable) {
    entry["deferrable"] = true;
    entry["initially_deferred"] = fk.initially_deferred;
  }
  set_if(entry, "match", fk.match);
  return entry;
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
    set_if(entry, "engine", table.engine);
    set_if(entry, "charset", table.charset);
    set_if(entry, "collation", table.collation);
    tables.push_back(std::move(entry));
  }
  return {{"tables", tables}};
}

} // namespace orm::schema
