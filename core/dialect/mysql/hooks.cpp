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

// What MySQL stores of the optional model parts: no partial indexes, INCLUDE, NULLS order,
// deferrable foreign keys nor MATCH.
const schema::FeatureSet&
k_supported()
{
  static const schema::FeatureSet supported{
      schema::Feature::comments,      schema::Feature::table_options,
      schema::Feature::charset,       schema::Feature::collation,
      schema::Feature::on_update_now, schema::Feature::generated_columns,
      schema::Feature::key_prefixes,  schema::Feature::index_methods};
  return supported;
}

// The generated column of an older models file, `raw('int as (`a` + 1) stored')`, in the new
// fields.
void
split_generated_type(schema::Column& column)
{
  if (column.type.kind != TypeKind::raw || !column.generated.empty()) {
    return;
  }
  const std::string& raw = column.type.raw;
  size_t at = util::to_lower(raw).find(" as (");
  size_t close = raw.rfind(')');
  if (at == std::string::npos || close == std::string::npos || close < at) {
    return;
  }
  std::string kind = util::to_lower(util::trim(raw.substr(close + 1)));
  column.generated = raw.substr(at + 5, close - at - 5);
  column.generated_stored = kind != "virtual";
  column.type = type_of_column_type(raw.substr(0, at));
}

// A character set and collation in one spelling, lowercase: the charset alone when the collation
// is its default (`charset latin1 collate latin1_swedish_ci` is `charset latin1`), the collation
// alone otherwise (utf8mb4_bin names its charset). Where the charset's default collation is not
// known (offline), a collation stays one.
struct Charset
{
  std::string charset;
  std::string collation;

  bool operator==(const Charset&) const = default;
};

Charset
canonical_charset(std::string charset, std::string collation, const ServerInfo& server)
{
  charset = util::to_lower(charset);
  collation = util::to_lower(collation);
  if (collation.empty()) {
    return {charset, ""};
  }
  std::string owner = collation.substr(0, collation.find('_')); // binary is binary's
  if (!charset.empty() && charset != owner) {
    return {charset, collation}; // a mismatch the server refuses: left as written
  }
  if (server.default_collation_of(owner) == collation) {
    return {owner, ""};
  }
  return {"", collation};
}

// What a table without options gets: the database's, unknown offline.
Charset
database_charset(const ServerInfo& server)
{
  if (server.default_charset.empty()) {
    return {};
  }
  return canonical_charset(server.default_charset, server.default_collation, server);
}

// A table whose charset and collation are the database's says nothing more than one without.
void
normalize_table_charset(schema::Table& table, const ServerInfo& server)
{
  Charset own = canonical_charset(table.charset, table.collation, server);
  if (!server.default_charset.empty() && own == database_charset(server)) {
    own = {};
  }
  table.charset = own.charset;
  table.collation = own.collation;
}

void
normalize_column(schema::Column& column, const schema::Table& table, const ServerInfo& server)
{
  split_generated_type(column);
  if (column.type.kind == TypeKind::json) {
    // MariaDB's json is longtext with utf8mb4_bin, whatever the table says.
    column.charset.clear();
    column.collation.clear();
  }
  // The table's (or database's) charset and collation are what a column without one gets. A
  // column's charset alone gets that charset's default collation, not the table's.
  Charset own = canonical_charset(column.charset, column.collation, server);
  bool table_has_one = !table.charset.empty() || !table.collation.empty();
  if (own == (table_has_one ? Charset{table.charset, table.collation} : database_charset(server))) {
    own = {};
  }
  column.charset = own.charset;
  column.collation = own.collation;
  if (!column.generated.empty()) {
    column.generated = canonical_expression(column.generated, server.kind);
    column.default_value.reset();
    column.autoincrement = false;
    column.on_update_now = false;
    // MariaDB refuses NULL and NOT NULL on a generated column; it reads as nullable.
    column.nullable = column.nullable || server.kind == ServerKind::mariadb;
  } else {
    column.generated_stored = true;
  }
}

} // namespace

void
MysqlHooks::normalize(schema::Table& table) const
{
  schema::clear_unsupported(table, k_supported());
  table.engine = util::to_lower(table.engine);
  if (table.engine == util::to_lower(m_server.default_engine)) {
    table.engine.clear(); // what the planner writes for none
  }
  normalize_table_charset(table, m_server);
  for (auto& column : table.columns) {
    normalize_column(column, table, m_server);
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                  table.primary_key.end();
    column.nullable = column.nullable && !in_key;
    column.type = type_of_column_type(column_type(column.type));
    if (column.default_value) {
      column.default_value = stored_default(column, m_server.kind);
    }
  }
  // MySQL refuses DESC on a key part of any other engine than InnoDB; MariaDB stores it.
  std::string engine =
      table.engine.empty() ? util::to_lower(m_server.default_engine) : table.engine;
  bool descending_keys = m_server.kind == ServerKind::mariadb || engine == "innodb";
  for (auto& index : table.indexes) {
    index.method = util::to_lower(index.method);
    if (index.method == "btree" || index.method == "hash") {
      index.method.clear();
    }
    for (auto& part : index.parts) {
      if (!part.expression.empty()) {
        part.expression = canonical_expression(part.expression, m_server.kind);
      }
      part.descending = part.descending && descending_keys;
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
