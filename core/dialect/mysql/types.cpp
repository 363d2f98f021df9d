#include "core/dialect/mysql/types.hpp"

#include "core/dialect/sql_common.hpp"
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
// sql_mode flags that change what orm's SQL means: its comments escape backslashes, and the models'
// raw SQL is written for MySQL's default mode (a double-quoted string is a string).
constexpr std::string_view k_foreign_sql_modes[] = {
    "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB"};

constexpr std::string_view k_uuid_type = "char(36)";
constexpr std::string_view k_bool_type = "tinyint(1)";

// The values of "enum('a','it''s')", as COLUMN_TYPE prints them (with backslash escapes), or as
// column_type() writes them (X'6162').
std::vector<std::string>
quoted_values(std::string_view list)
{
  std::vector<std::string> values;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] != '\'') {
      continue;
    }
    size_t begin = ++i;
    for (; i < list.size(); ++i) {
      if (list[i] == '\\' || (list[i] == '\'' && i + 1 < list.size() && list[i + 1] == '\'')) {
        ++i;
      } else if (list[i] == '\'') {
        break;
      }
    }
    std::string_view body = list.substr(begin, std::min(i, list.size()) - begin);
    bool hex = begin >= 2 && (list[begin - 2] == 'x' || list[begin - 2] == 'X');
    auto bytes = hex ? hex_literal_value(list.substr(begin - 2, body.size() + 3)) : std::nullopt;
    values.push_back(bytes ? *bytes : unescaped_string(body, '\''));
  }
  return values;
}

bool
needs_hex(std::string_view text, LiteralUse use)
{
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || (byte < 0x20 && c != '\t') || (c == '\'' && use == LiteralUse::expression)) {
      return true;
    }
  }
  return false;
}

std::string
hex_of(std::string_view text)
{
  std::string hex;
  for (char c : text) {
    hex += fmt::format("{:02X}", static_cast<unsigned char>(c));
  }
  return hex;
}

// 'text' with quotes doubled, and, for a comment, backslash escapes for a backslash, a NUL and line
// breaks (so that no line of a comment starts a line of the migration file).
std::string
plain_string(std::string_view text, LiteralUse use)
{
  std::string result = "'";
  for (char c : text) {
    if (c == '\'') {
      result += "''";
    } else if (use == LiteralUse::comment && c == '\\') {
      result += "\\\\";
    } else if (use == LiteralUse::comment && c == '\0') {
      result += "\\0";
    } else if (use == LiteralUse::comment && c == '\n') {
      result += "\\n";
    } else if (use == LiteralUse::comment && c == '\r') {
      result += "\\r";
    } else {
      result += c;
    }
  }
  return result + "'";
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
string_literal(std::string_view text, LiteralUse use)
{
  if (use == LiteralUse::comment || !needs_hex(text, use)) {
    return plain_string(text, use);
  }
  return fmt::format("{}X'{}'", use == LiteralUse::default_value ? "_utf8mb4 " : "", hex_of(text));
}

std::string
sql_mode_for_orm(std::string_view mode)
{
  std::vector<std::string> kept;
  for (const auto& flag : util::split(mode, ',')) {
    std::string name = util::to_upper(util::trim(flag));
    if (!name.empty() && std::find(std::begin(k_foreign_sql_modes), std::end(k_foreign_sql_modes),
                                   name) == std::end(k_foreign_sql_modes)) {
      kept.push_back(name);
    }
  }
  return util::join(kept, ",");
}

std::string
unescaped_string(std::string_view body, char quote)
{
  std::string result;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == quote && i + 1 < body.size() && body[i + 1] == quote) {
      ++i;
    } else if (c == '\\' && i + 1 < body.size()) {
      char next = body[++i];
      switch (next) {
      case '0':
        c = '\0';
        break;
      case 'b':
        c = '\b';
        break;
      case 'n':
        c = '\n';
        break;
      case 'r':
        c = '\r';
        break;
      case 't':
        c = '\t';
        break;
      case 'Z':
        c = '\x1a';
        break;
      case '%':
      case '_':
        result += '\\';
        c = next;
        break;
      default:
        c = next;
        break;
      }
    }
    result += c;
  }
  return result;
}

std::optional<std::string>
hex_literal_value(std::string_view text)
{
  std::string_view digits;
  if (text.size() >= 3 && (text[0] == 'x' || text[0] == 'X') && text[1] == '\'' &&
      text.back() == '\'') {
    digits = text.substr(2, text.size() - 3);
  } else if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    digits = text.substr(2);
  } else {
    return std::nullopt;
  }
  if (digits.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string bytes;
  for (size_t i = 0; i < digits.size(); i += 2) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(digits.data() + i, digits.data() + i + 2, value, 16);
    if (error != std::errc() || end != digits.data() + i + 2) {
      return std::nullopt;
    }
    bytes += static_cast<char>(value);
  }
  return bytes;
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
      values.push_back(string_literal(value, LiteralUse::enum_value));
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
  if (auto text = string_literal_value(value.text)) {
    return takes_no_literal_default(type)
               ? "(" + string_literal(*text, LiteralUse::expression) + ")"
               : string_literal(*text, LiteralUse::default_value);
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
  bool numeric = type.kind != TypeKind::enumeration && type.kind != TypeKind::varchar &&
                 type.kind != TypeKind::fixed_char && type.kind != TypeKind::text &&
                 type.kind != TypeKind::raw;
  // DEFAULT (X'..'), as orm writes a string that needs it on a TEXT column.
  if (auto bytes = hex_literal_value(text);
      bytes && !numeric && (generated || server == ServerKind::mariadb)) {
    return {Kind::literal, util::sql_string_literal(*bytes)};
  }
  if (server == ServerKind::mysql) {
    if (generated) {
      return {Kind::expression, std::string(text)};
    }
    if (numeric && is_number(text)) {
      return {Kind::literal, std::string(text)};
    }
    return {Kind::literal, util::sql_string_literal(text)};
  }
  if (util::to_upper(text) == "NULL") {
    return {Kind::literal, "null"};
  }
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    return {Kind::literal,
            util::sql_string_literal(unescaped_string(text.substr(1, text.size() - 2), '\''))};
  }
  if (is_number(text)) {
    return {Kind::literal, std::string(text)};
  }
  return {Kind::expression, std::string(text)};
}

} // namespace orm::dialect::mysql
