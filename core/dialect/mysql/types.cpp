#include "core/dialect/mysql/types.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace orm::dialect::mysql {

namespace {

using schema::Type;
using schema::TypeKind;

struct Plain
{
  std::string_view spelling;
  TypeKind kind;
};

// Column types with a portable equivalent and no arguments, both ways.
constexpr Plain k_plain_types[] = {
    {"smallint", TypeKind::smallint},
    {"int", TypeKind::integer},
    {"bigint", TypeKind::bigint},
    {"float", TypeKind::real},
    {"double", TypeKind::double_precision},
    {"longtext", TypeKind::text},
    {"longblob", TypeKind::bytes},
    {"date", TypeKind::date},
    {"time", TypeKind::time},
    {"datetime", TypeKind::timestamp},
    {"timestamp", TypeKind::timestamptz},
    {"json", TypeKind::json},
};

// MySQL refuses a literal DEFAULT on these (ERROR 1101), but takes DEFAULT ('x'), as MariaDB does.
// clang-format off
constexpr std::string_view k_blob_like_types[] = {
    "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob",
    "json", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
    "multipolygon", "geometrycollection"};
// clang-format on

constexpr std::string_view k_integer_types[] = {"tinyint", "smallint", "mediumint", "int",
                                                "bigint"};
constexpr std::string_view k_uuid_type = "char(36)";
constexpr std::string_view k_bool_type = "tinyint(1)";

// The values of "enum('a','it''s')".
std::vector<std::string>
quoted_values(std::string_view list)
{
  std::vector<std::string> values;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] != '\'') {
      continue;
    }
    std::string value;
    for (++i; i < list.size(); ++i) {
      if (list[i] == '\'' && i + 1 < list.size() && list[i + 1] == '\'') {
        value += '\'';
        ++i;
      } else if (list[i] == '\'') {
        break;
      } else if (list[i] == '\\' && i + 1 < list.size()) {
        value += list[++i];
      } else {
        value += list[i];
      }
    }
    values.push_back(std::move(value));
  }
  return values;
}

// "int(11) unsigned zerofill" -> "int unsigned zerofill"; tinyint(1) stays.
std::string
without_display_width(std::string spelling)
{
  for (std::string_view integer : k_integer_types) {
    if (spelling.compare(0, integer.size(), integer) == 0 && spelling.size() > integer.size() &&
        spelling[integer.size()] == '(' &&
        spelling.compare(0, k_bool_type.size(), k_bool_type) != 0) {
      size_t close = spelling.find(')');
      if (close != std::string::npos) {
        spelling.erase(integer.size(), close + 1 - integer.size());
      }
      return spelling;
    }
  }
  return spelling;
}

std::optional<int>
integer_of(std::string_view text)
{
  text = util::trim(text);
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// "varchar(255)" -> 255 when the spelling is `name(n)`.
std::optional<int>
single_argument(std::string_view spelling, std::string_view name)
{
  if (spelling.substr(0, name.size()) != name || spelling.size() < name.size() + 3 ||
      spelling[name.size()] != '(' || spelling.back() != ')') {
    return std::nullopt;
  }
  return integer_of(spelling.substr(name.size() + 1, spelling.size() - name.size() - 2));
}

bool
is_number(std::string_view text)
{
  if (text.empty()) {
    return false;
  }
  size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else if (text[i] == 'e' || text[i] == 'E') {
      return digits && integer_of(text.substr(i + 1)).has_value();
    } else {
      return false;
    }
  }
  return digits;
}

bool
is_current_timestamp(std::string_view text)
{
  std::string lower = util::to_lower(util::trim(text));
  return lower == "current_timestamp" || lower == "current_timestamp()" || lower == "now()";
}

} // namespace

bool
takes_no_literal_default(const Type& type)
{
  return is_blob_or_text(type);
}

bool
is_blob_or_text(const Type& type)
{
  if (type.kind == TypeKind::text || type.kind == TypeKind::bytes || type.kind == TypeKind::json) {
    return true;
  }
  if (type.kind != TypeKind::raw) {
    return false;
  }
  std::string raw = util::to_lower(type.raw);
  std::string base = raw.substr(0, raw.find_first_of(" ("));
  return std::find(std::begin(k_blob_like_types), std::end(k_blob_like_types), base) !=
         std::end(k_blob_like_types);
}

std::string
quote_identifier(std::string_view name)
{
  std::string result = "`";
  for (char c : name) {
    result += c;
    if (c == '`') {
      result += '`';
    }
  }
  return result + "`";
}

std::string
column_type(const Type& type)
{
  switch (type.kind) {
  case TypeKind::boolean:
    return std::string(k_bool_type);
  case TypeKind::decimal:
    return fmt::format("decimal({},{})", type.precision, type.scale);
  case TypeKind::varchar:
    return fmt::format("varchar({})", type.length);
  case TypeKind::fixed_char:
    return fmt::format("char({})", type.length);
  case TypeKind::uuid:
    return std::string(k_uuid_type);
  case TypeKind::enumeration: {
    std::vector<std::string> values;
    for (const auto& value : type.values) {
      values.push_back(util::sql_string_literal(value));
    }
    return fmt::format("enum({})", util::join(values, ","));
  }
  case TypeKind::raw:
    return type.raw;
  default:
    break;
  }
  for (const auto& plain : k_plain_types) {
    if (plain.kind == type.kind) {
      return std::string(plain.spelling);
    }
  }
  return "longtext";
}

Type
type_of_column_type(std::string_view column_type)
{
  // A generated column's clause keeps its case: `int as (`A` + 1) stored`.
  if (size_t generated = util::to_lower(column_type).find(" as (");
      generated != std::string::npos) {
    Type base = type_of_column_type(column_type.substr(0, generated));
    std::string base_spelling = base.kind == TypeKind::raw ? base.raw : mysql::column_type(base);
    return Type::raw_type(base_spelling + std::string(column_type.substr(generated)));
  }
  std::string spelling = without_display_width(util::squeeze_spaces(util::to_lower(column_type)));
  if (spelling.compare(0, 5, "enum(") == 0) {
    // Values keep their case: read them from the original text.
    std::string original = util::squeeze_spaces(column_type);
    return Type::enumeration(quoted_values(std::string_view(original).substr(5)));
  }
  if (spelling == k_bool_type) {
    return Type::of(TypeKind::boolean);
  }
  if (spelling == k_uuid_type) {
    return Type::of(TypeKind::uuid);
  }
  for (const auto& plain : k_plain_types) {
    if (plain.spelling == spelling) {
      return Type::of(plain.kind);
    }
  }
  if (auto length = single_argument(spelling, "varchar")) {
    return Type::varchar(*length);
  }
  if (auto length = single_argument(spelling, "char")) {
    return Type::fixed_char(*length);
  }
  if (spelling.compare(0, 8, "decimal(") == 0 && spelling.back() == ')') {
    auto arguments = util::split(spelling.substr(8, spelling.size() - 9), ',');
    auto precision = integer_of(arguments[0]);
    auto scale = arguments.size() == 2 ? integer_of(arguments[1]) : std::optional<int>(0);
    if (precision && scale && arguments.size() <= 2) {
      return Type::decimal(*precision, *scale);
    }
  }
  if (spelling == "decimal") {
    return Type::decimal(10, 0);
  }
  if (spelling == "real" || spelling == "double precision") {
    return Type::of(TypeKind::double_precision);
  }
  if (spelling == "integer") {
    return Type::of(TypeKind::integer);
  }
  if (spelling == "bool" || spelling == "boolean") {
    return Type::of(TypeKind::boolean);
  }
  // Spaces after commas the server leaves out: "set('a', 'b')" -> "set('a','b')".
  std::string canonical;
  char quote = 0;
  for (size_t i = 0; i < spelling.size(); ++i) {
    char c = spelling[i];
    if (quote) {
      quote = c == quote ? 0 : quote;
    } else if (c == '\'') {
      quote = c;
    } else if (c == ' ' && i > 0 && (spelling[i - 1] == ',' || spelling[i - 1] == '(')) {
      continue;
    }
    canonical += c;
  }
  return Type::raw_type(canonical);
}

std::string
default_sql(const schema::Default& value, const Type& type)
{
  switch (value.kind) {
  case schema::Default::Kind::now:
    return "CURRENT_TIMESTAMP";
  case schema::Default::Kind::expression:
    return "(" + value.text + ")";
  case schema::Default::Kind::literal:
    break;
  }
  std::string literal = util::to_upper(value.text) == "TRUE"    ? "1"
                        : util::to_upper(value.text) == "FALSE" ? "0"
                                                                : value.text;
  if (takes_no_literal_default(type) && util::to_upper(literal) != "NULL") {
    return "(" + literal + ")";
  }
  return literal;
}

schema::Default
default_of_column_default(std::string_view text, const Type& type, ServerKind server,
                          bool generated)
{
  using Kind = schema::Default::Kind;
  if (is_current_timestamp(text)) {
    return {Kind::now, ""};
  }
  if (server == ServerKind::mysql) {
    if (generated) {
      return {Kind::expression, std::string(text)};
    }
    bool numeric = type.kind != TypeKind::enumeration && type.kind != TypeKind::varchar &&
                   type.kind != TypeKind::fixed_char && type.kind != TypeKind::text &&
                   type.kind != TypeKind::raw;
    if (numeric && is_number(text)) {
      return {Kind::literal, std::string(text)};
    }
    return {Kind::literal, util::sql_string_literal(text)};
  }
  if (util::to_upper(text) == "NULL") {
    return {Kind::literal, "null"};
  }
  if (!text.empty() && text.front() == '\'' && text.back() == '\'' && text.size() >= 2) {
    return {Kind::literal, std::string(text)};
  }
  if (is_number(text)) {
    return {Kind::literal, std::string(text)};
  }
  return {Kind::expression, std::string(text)};
}

} // namespace orm::dialect::mysql
