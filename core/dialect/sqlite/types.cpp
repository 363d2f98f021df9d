#include "core/dialect/sqlite/types.hpp"

#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

namespace orm::dialect::sqlite {

namespace {

using schema::Type;
using schema::TypeKind;

// Declared type names without arguments, upper case with single spaces.
const std::map<std::string, TypeKind, std::less<>> k_plain_types = {
    {"BOOL", TypeKind::boolean},
    {"BOOLEAN", TypeKind::boolean},
    {"SMALLINT", TypeKind::smallint},
    {"INT2", TypeKind::smallint},
    {"INT", TypeKind::integer},
    {"INTEGER", TypeKind::integer},
    {"INT4", TypeKind::integer},
    {"MEDIUMINT", TypeKind::integer},
    {"BIGINT", TypeKind::bigint},
    {"INT8", TypeKind::bigint},
    {"UNSIGNED BIG INT", TypeKind::bigint},
    {"REAL", TypeKind::real},
    {"FLOAT4", TypeKind::real},
    {"DOUBLE", TypeKind::double_precision},
    {"DOUBLE PRECISION", TypeKind::double_precision},
    {"FLOAT", TypeKind::double_precision},
    {"FLOAT8", TypeKind::double_precision},
    {"TEXT", TypeKind::text},
    {"CLOB", TypeKind::text},
    {"BLOB", TypeKind::bytes},
    {"BYTEA", TypeKind::bytes},
    {"DATE", TypeKind::date},
    {"TIME", TypeKind::time},
    {"TIMESTAMP", TypeKind::timestamp},
    {"DATETIME", TypeKind::timestamp},
    {"TIMESTAMPTZ", TypeKind::timestamptz},
    {"TIMESTAMP WITH TIME ZONE", TypeKind::timestamptz},
    {"UUID", TypeKind::uuid},
    {"JSON", TypeKind::json},
};

// Declared type names that take a length.
const std::map<std::string, TypeKind, std::less<>> k_sized_types = {
    {"VARCHAR", TypeKind::varchar},           {"CHARACTER VARYING", TypeKind::varchar},
    {"VARYING CHARACTER", TypeKind::varchar}, {"NVARCHAR", TypeKind::varchar},
    {"CHAR", TypeKind::fixed_char},           {"CHARACTER", TypeKind::fixed_char},
    {"NCHAR", TypeKind::fixed_char},
};

bool
is_decimal_name(std::string_view name)
{
  return name == "NUMERIC" || name == "DECIMAL";
}

std::optional<int>
to_int(std::string_view text)
{
  text = util::trim(text);
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

std::optional<Type>
parse_declared(std::string_view declared)
{
  size_t open = declared.find('(');
  std::string name = util::to_upper(util::squeeze_spaces(declared.substr(0, open)));
  if (open == std::string_view::npos) {
    auto found = k_plain_types.find(name);
    return found == k_plain_types.end() ? std::nullopt : std::optional(Type::of(found->second));
  }
  size_t close = declared.find(')', open);
  if (close == std::string_view::npos || !util::trim(declared.substr(close + 1)).empty()) {
    return std::nullopt;
  }
  std::vector<std::optional<int>> arguments;
  for (const auto& argument : util::split(declared.substr(open + 1, close - open - 1), ',')) {
    arguments.push_back(to_int(argument));
    if (!arguments.back()) {
      return std::nullopt;
    }
  }
  if (auto sized = k_sized_types.find(name);
      sized != k_sized_types.end() && arguments.size() == 1) {
    return sized->second == TypeKind::varchar ? Type::varchar(*arguments[0])
                                              : Type::fixed_char(*arguments[0]);
  }
  if (is_decimal_name(name) && (arguments.size() == 1 || arguments.size() == 2)) {
    return Type::decimal(*arguments[0], arguments.size() == 2 ? *arguments[1] : 0);
  }
  return std::nullopt;
}

bool
is_number(std::string_view text)
{
  auto tokens = scan(text);
  size_t first = 0;
  if (tokens.size() == 2 && (is_punct(tokens[0], '-') || is_punct(tokens[0], '+')) &&
      !tokens[1].space_before) {
    first = 1;
  }
  return tokens.size() == first + 1 && tokens[first].kind == TokenKind::number;
}

bool
is_string_literal(std::string_view text)
{
  auto tokens = scan(text);
  return tokens.size() == 1 && tokens[0].kind == TokenKind::string && tokens[0].text.size() >= 2 &&
         tokens[0].text.back() == '\'';
}

} // namespace

std::string
declared_type(const Type& type)
{
  switch (type.kind) {
  case TypeKind::boolean:
    return "BOOLEAN";
  case TypeKind::smallint:
    return "SMALLINT";
  case TypeKind::integer:
    return "INTEGER";
  case TypeKind::bigint:
    return "BIGINT";
  case TypeKind::real:
    return "REAL";
  case TypeKind::double_precision:
    return "DOUBLE";
  case TypeKind::decimal:
    return fmt::format("NUMERIC({},{})", type.precision, type.scale);
  case TypeKind::varchar:
    return fmt::format("VARCHAR({})", type.length);
  case TypeKind::fixed_char:
    return fmt::format("CHAR({})", type.length);
  case TypeKind::text:
    return "TEXT";
  case TypeKind::bytes:
    return "BLOB";
  case TypeKind::date:
    return "DATE";
  case TypeKind::time:
    return "TIME";
  case TypeKind::timestamp:
    return "TIMESTAMP";
  case TypeKind::timestamptz:
    return "TIMESTAMPTZ";
  case TypeKind::uuid:
    return "UUID";
  case TypeKind::json:
    return "JSON";
  case TypeKind::enumeration:
    return "TEXT";
  case TypeKind::raw:
    return type.raw;
  }
  return type.raw;
}

Type
type_of_declared(std::string_view declared)
{
  declared = util::trim(declared);
  if (auto type = parse_declared(declared)) {
    return *type;
  }
  return Type::raw_type(std::string(declared));
}

std::string
enum_check_name(const std::string& table, const std::string& column)
{
  return table + "_" + column + "_enum";
}

std::string
enum_check_expression(const std::string& column, const std::vector<std::string>& values)
{
  std::vector<std::string> literals;
  for (const auto& value : values) {
    literals.push_back(string_literal(value));
  }
  return fmt::format("{} IN ({})", quote_identifier(column), util::join(literals, ", "));
}

std::optional<EnumCheck>
enum_check_of(std::string_view expression)
{
  auto tokens = scan(expression);
  if (tokens.size() < 5 || tokens[0].kind != TokenKind::quoted || !is_keyword(tokens[1], "IN") ||
      !is_punct(tokens[2], '(') || !is_punct(tokens.back(), ')')) {
    return std::nullopt;
  }
  EnumCheck check{identifier_of(tokens[0]), {}};
  for (size_t i = 3; i + 1 < tokens.size(); i += 2) {
    bool separated = is_punct(tokens[i + 1], i + 2 == tokens.size() ? ')' : ',');
    if (tokens[i].kind != TokenKind::string || !separated) {
      return std::nullopt;
    }
    check.values.push_back(string_value_of(tokens[i]));
  }
  return check;
}

std::string
default_sql(const schema::Default& value)
{
  switch (value.kind) {
  case schema::Default::Kind::now:
    return "CURRENT_TIMESTAMP";
  case schema::Default::Kind::expression:
    return "(" + value.text + ")";
  case schema::Default::Kind::literal:
    break;
  }
  for (const char* keyword : {"true", "false", "null"}) {
    if (util::equals_icase(value.text, keyword)) {
      return util::to_upper(keyword);
    }
  }
  return value.text;
}

schema::Default
default_of_sql(std::string_view text)
{
  std::string canonical = strip_outer_parentheses(text);
  if (util::equals_icase(canonical, "CURRENT_TIMESTAMP")) {
    return {schema::Default::Kind::now, ""};
  }
  for (const char* keyword : {"true", "false", "null"}) {
    if (util::equals_icase(canonical, keyword)) {
      return {schema::Default::Kind::literal, keyword};
    }
  }
  if (is_number(canonical) || is_string_literal(canonical)) {
    return {schema::Default::Kind::literal, canonical};
  }
  return {schema::Default::Kind::expression, canonical};
}

} // namespace orm::dialect::sqlite
