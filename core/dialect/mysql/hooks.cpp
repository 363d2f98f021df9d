#include "core/dialect/mysql/hooks.hpp"

#include "core/schema/features.hpp"

#include "core/dialect/mysql/expression.hpp"
#include "core/dialect/mysql/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>

namespace orm::dialect::mysql {

namespace {

using schema::Default;
using schema::TypeKind;

bool
is_numeric(TypeKind kind)
{
  return schema::is_integer(kind) || kind == TypeKind::decimal || kind == TypeKind::real ||
         kind == TypeKind::double_precision || kind == TypeKind::boolean;
}

std::string
unquoted(const std::string& text)
{
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

// A numeric literal as the server prints it for a column of `type`: decimal(10,2) 0.5 -> 0.50,
// bool true -> true (stored as 1).
std::string
numeric_literal(std::string text, const schema::Type& type)
{
  text = unquoted(text);
  std::string upper = util::to_upper(text);
  if (type.kind == TypeKind::boolean) {
    if (upper == "TRUE" || text == "1") {
      return "true";
    }
    if (upper == "FALSE" || text == "0") {
      return "false";
    }
    return text;
  }
  if (upper == "TRUE") {
    return "1";
  }
  if (upper == "FALSE") {
    return "0";
  }
  if (type.kind == TypeKind::decimal) {
    size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    fraction.resize(static_cast<size_t>(type.scale), '0');
    return type.scale > 0 ? whole + "." + fraction : whole;
  }
  if (schema::is_integer(type.kind) && text.find('.') != std::string::npos) {
    return text.substr(0, text.find('.'));
  }
  return text;
}

std::optional<Default>
stored_default(const schema::Column& column, ServerKind server)
{
  Default value = *column.default_value;
  if (value.kind == Default::Kind::expression) {
    value.text = canonical_expression(value.text, server);
    // `default (0)` and `default ('x')` store literals.
    value = default_of_column_default(value.text, column.type, ServerKind::mariadb, false);
    if (value.kind == Default::Kind::expression) {
      value.text = canonical_expression(value.text, server);
    }
  }
  if (value.kind != Default::Kind::literal) {
    return value;
  }
  if (util::to_lower(value.text) == "null") {
    if (column.nullable) {
      return std::nullopt; // the same as no default
    }
    return Default{Default::Kind::literal, "null"};
  }
  if (is_numeric(column.type.kind)) {
    value.text = numeric_literal(value.text, column.type);
  } else if (value.text.empty() || value.text.front() != '\'') {
    value.text = util::sql_string_literal(util::to_upper(value.text) == "TRUE"    ? "1"
                                          : util::to_upper(value.text) == "FALSE" ? "0"
                                                                                  : value.text);
  }
  return value;
}

schema::ReferentialAction
stored_action(schema::ReferentialAction action)
{
  // InnoDB treats RESTRICT and NO ACTION alike, and reports either.
  return action == schema::ReferentialAction::restrict ? schema::ReferentialAction::no_action
                                                       : action;
}

// What MySQL stores of the optional model parts (no partial indexes); table options, charsets,
// collations, ON UPDATE, generated columns, key prefixes and FULLTEXT are not implemented yet.
const schema::FeatureSet&
k_supported()
{
  static const schema::FeatureSet supported{schema::Feature::comments};
  return supported;
}

} // namespace

void
MysqlHooks::normalize(schema::Table& table) const
{
  schema::clear_unsupported(table, k_supported());
  for (auto& column : table.columns) {
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                  table.primary_key.end();
    column.nullable = column.nullable && !in_key;
    column.type = type_of_column_type(column_type(column.type));
    if (column.default_value) {
      column.default_value = stored_default(column, m_server.kind);
    }
  }
  for (auto& index : table.indexes) {
    for (auto& part : index.parts) {
      if (!part.expression.empty()) {
        part.expression = canonical_expression(part.expression, m_server.kind);
      }
    }
  }
  for (auto& foreign_key : table.foreign_keys) {
    foreign_key.on_delete = stored_action(foreign_key.on_delete);
    foreign_key.on_update = stored_action(foreign_key.on_update);
  }
  for (auto& check : table.checks) {
    check.expression = canonical_expression(check.expression, m_server.kind);
  }
  schema::sort_canonically(table);
}

} // namespace orm::dialect::mysql
