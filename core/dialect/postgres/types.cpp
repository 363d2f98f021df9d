#include "core/dialect/postgres/types.hpp"

#include "core/dialect/sql_common.hpp"

#include "core/dialect/postgres/connection.hpp"
#include "core/dialect/postgres/expression.hpp"
#include "core/dialect/postgres/hooks.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <vector>

namespace orm::dialect::postgres {

namespace {

using schema::Type;
using schema::TypeKind;

// Every spelling PostgreSQL accepts for the types orm knows, to format_type()'s.
const std::map<std::string, std::string, std::less<>> k_canonical_names = {
    {"bool", "boolean"},
    {"boolean", "boolean"},
    {"int2", "smallint"},
    {"smallint", "smallint"},
    {"int", "integer"},
    {"int4", "integer"},
    {"integer", "integer"},
    {"int8", "bigint"},
    {"bigint", "bigint"},
    {"float4", "real"},
    {"real", "real"},
    {"float8", "double precision"},
    {"float", "double precision"},
    {"double precision", "double precision"},
    {"numeric", "numeric"},
    {"decimal", "numeric"},
    {"varchar", "character varying"},
    {"character varying", "character varying"},
    {"char", "character"},
    {"character", "character"},
    {"bpchar", "character"},
    {"text", "text"},
    {"bytea", "bytea"},
    {"date", "date"},
    {"time", "time without time zone"},
    {"time without time zone", "time without time zone"},
    {"timetz", "time with time zone"},
    {"time with time zone", "time with time zone"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp without time zone", "timestamp without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"timestamp with time zone", "timestamp with time zone"},
    {"uuid", "uuid"},
    {"json", "json"},
    {"jsonb", "jsonb"},
};

// format_type() names that are portable types without arguments.
const std::map<std::string, TypeKind, std::less<>> k_portable = {
    {"boolean", TypeKind::boolean},
    {"smallint", TypeKind::smallint},
    {"integer", TypeKind::integer},
    {"bigint", TypeKind::bigint},
    {"real", TypeKind::real},
    {"double precision", TypeKind::double_precision},
    {"text", TypeKind::text},
    {"bytea", TypeKind::bytes},
    {"date", TypeKind::date},
    {"time without time zone", TypeKind::time},
    {"timestamp without time zone", TypeKind::timestamp},
    {"timestamp with time zone", TypeKind::timestamptz},
    {"uuid", TypeKind::uuid},
    {"jsonb", TypeKind::json},
};

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

// A type name split as format_type() writes it: "timestamp(3) with time zone" is the name
// "timestamp with time zone" with the arguments "3".
struct TypeName
{
  std::string name;
  std::vector<int> arguments;
  std::string array_suffix; // "[]", "[][]"
};

std::optional<TypeName>
split_type(std::string_view declared)
{
  std::string text = util::to_lower(util::squeeze_spaces(declared));
  TypeName type;
  while (text.size() >= 2 && text.ends_with("[]")) {
    type.array_suffix += "[]";
    text = std::string(util::trim(text.substr(0, text.size() - 2)));
  }
  size_t open = text.find('(');
  if (open == std::string::npos) {
    type.name = text;
    return type;
  }
  size_t close = text.find(')', open);
  if (close == std::string::npos) {
    return std::nullopt;
  }
  for (const auto& argument : util::split(text.substr(open + 1, close - open - 1), ',')) {
    auto value = to_int(argument);
    if (!value) {
      return std::nullopt;
    }
    type.arguments.push_back(*value);
  }
  std::string before(util::trim(text.substr(0, open)));
  std::string after(util::trim(text.substr(close + 1)));
  type.name = after.empty() ? before : before + " " + after;
  return type;
}

// format_type()'s spelling of a name with arguments.
std::string
spelled(const std::string& name, const std::vector<int>& arguments)
{
  if (arguments.empty()) {
    return name;
  }
  std::vector<std::string> texts;
  for (int argument : arguments) {
    texts.push_back(std::to_string(argument));
  }
  std::string list = "(" + util::join(texts, ",") + ")";
  for (std::string_view prefix : {"timestamp ", "time "}) {
    if (name.starts_with(prefix)) {
      return std::string(util::trim(prefix)) + list + name.substr(prefix.size() - 1);
    }
  }
  return name + list;
}

bool
is_numeric(const std::string& name)
{
  return name == "numeric";
}

} // namespace

std::string
enum_type_name(const std::string& table, const std::string& column)
{
  return schema::shortened(table + "_" + column, k_name_limit);
}

std::string
declared_type(const schema::Type& type, const std::string& table, const std::string& column)
{
  switch (type.kind) {
  case TypeKind::boolean:
    return "boolean";
  case TypeKind::smallint:
    return "smallint";
  case TypeKind::integer:
    return "integer";
  case TypeKind::bigint:
    return "bigint";
  case TypeKind::real:
    return "real";
  case TypeKind::double_precision:
    return "double precision";
  case TypeKind::decimal:
    return fmt::format("numeric({},{})", type.precision, type.scale);
  case TypeKind::varchar:
    return fmt::format("character varying({})", type.length);
  case TypeKind::fixed_char:
    return fmt::format("character({})", type.length);
  case TypeKind::text:
    return "text";
  case TypeKind::bytes:
    return "bytea";
  case TypeKind::date:
    return "date";
  case TypeKind::time:
    return "time without time zone";
  case TypeKind::timestamp:
    return "timestamp without time zone";
  case TypeKind::timestamptz:
    return "timestamp with time zone";
  case TypeKind::uuid:
    return "uuid";
  case TypeKind::json:
    return "jsonb";
  case TypeKind::enumeration:
    return quote_identifier(enum_type_name(table, column));
  case TypeKind::raw:
    return type.raw;
  }
  return type.raw;
}

Type
type_of_declared(std::string_view declared)
{
  auto raw = [&] { return Type::raw_type(std::string(util::trim(declared))); };
  if (declared.find('"') != std::string_view::npos) {
    return raw();
  }
  auto split = split_type(declared);
  if (!split) {
    return raw();
  }
  auto canonical = k_canonical_names.find(split->name);
  if (canonical == k_canonical_names.end()) {
    return Type::raw_type(spelled(split->name, split->arguments) + split->array_suffix);
  }
  const std::string& name = canonical->second;
  const auto& arguments = split->arguments;
  if (!split->array_suffix.empty()) {
    return Type::raw_type(spelled(name, arguments) + split->array_suffix);
  }
  if (arguments.empty()) {
    if (auto portable = k_portable.find(name); portable != k_portable.end()) {
      return Type::of(portable->second);
    }
    if (name == "character") { // char alone is char(1)
      return Type::fixed_char(1);
    }
    return Type::raw_type(name);
  }
  if (is_numeric(name) && arguments.size() <= 2) {
    return Type::decimal(arguments[0], arguments.size() == 2 ? arguments[1] : 0);
  }
  if (name == "character varying" && arguments.size() == 1) {
    return Type::varchar(arguments[0]);
  }
  if (name == "character" && arguments.size() == 1) {
    return Type::fixed_char(arguments[0]);
  }
  return Type::raw_type(spelled(name, arguments));
}

std::string
default_sql(const schema::Default& value)
{
  switch (value.kind) {
  case schema::Default::Kind::now:
    return "CURRENT_TIMESTAMP";
  case schema::Default::Kind::literal:
    if (auto text = string_literal_value(value.text)) {
      return literal(*text);
    }
    return value.text;
  case schema::Default::Kind::expression:
    return value.text;
  }
  return value.text;
}

std::optional<schema::Default>
default_of_sql(std::string_view sql)
{
  std::string text = normalize_expression(sql);
  if (text.empty() || text == "null") {
    return std::nullopt;
  }
  if (text == "current_timestamp" || text == "now()" || text == "transaction_timestamp()") {
    return schema::Default{schema::Default::Kind::now, ""};
  }
  bool single_string = false;
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    // One literal, not two ('a' || 'b'): every quote inside is doubled.
    single_string = true;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      if (text[i] == '\'') {
        if (text[i + 1] != '\'' || i + 2 >= text.size()) {
          single_string = false;
          break;
        }
        ++i;
      }
    }
  }
  bool number = !text.empty() && text.find_first_not_of("-0123456789.") == std::string::npos &&
                text.find_first_of("0123456789") != std::string::npos;
  if (single_string || number || text == "true" || text == "false") {
    return schema::Default{schema::Default::Kind::literal, text};
  }
  return schema::Default{schema::Default::Kind::expression, text};
}

} // namespace orm::dialect::postgres
