#include "core/models/type_parser.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

namespace orm::models {

namespace {

using schema::Type;
using schema::TypeKind;

const std::map<std::string, TypeKind> k_types = {
    {"bool", TypeKind::boolean},
    {"smallint", TypeKind::smallint},
    {"int", TypeKind::integer},
    {"bigint", TypeKind::bigint},
    {"real", TypeKind::real},
    {"double", TypeKind::double_precision},
    {"decimal", TypeKind::decimal},
    {"varchar", TypeKind::varchar},
    {"char", TypeKind::fixed_char},
    {"text", TypeKind::text},
    {"bytes", TypeKind::bytes},
    {"date", TypeKind::date},
    {"time", TypeKind::time},
    {"timestamp", TypeKind::timestamp},
    {"timestamptz", TypeKind::timestamptz},
    {"uuid", TypeKind::uuid},
    {"json", TypeKind::json},
    {"enum", TypeKind::enumeration},
    {"raw", TypeKind::raw},
};

const int k_max_size = std::numeric_limits<int>::max();

Type
parse_sized(Cursor& in, TypeKind kind)
{
  in.expect_symbol('(');
  int length = in.expect_int("a positive length", 1, k_max_size);
  in.expect_symbol(')');
  return kind == TypeKind::varchar ? Type::varchar(length) : Type::fixed_char(length);
}

// decimal(p, s) or decimal(p), which means a scale of 0.
Type
parse_decimal(Cursor& in)
{
  in.expect_symbol('(');
  int precision = in.expect_int("a positive precision", 1, k_max_size);
  int scale = 0;
  if (in.is_symbol(',')) {
    in.advance();
    scale = in.expect_int(fmt::format("a scale from 0 to {}", precision), 0, precision);
  } else if (!in.is_symbol(')')) {
    in.fail_expected("',' or ')'");
  }
  in.expect_symbol(')');
  return Type::decimal(precision, scale);
}

// `'live' was 'published'`: the old name may be neither a value nor another value's old name.
void
parse_renamed_value(Cursor& in, Type& type, const std::string& value)
{
  in.advance();
  Position at = in.token().position;
  std::string old = in.expect_string("a string");
  for (const auto& [renamed, earlier] : type.renamed_values) {
    if (earlier == old) {
      in.fail_at(at, fmt::format("enum values {} and {} were both {}",
                                 util::sql_string_literal(renamed), util::sql_string_literal(value),
                                 util::sql_string_literal(old)));
    }
  }
  type.renamed_values[value] = old;
}

void
check_renamed_values(Cursor& in, const Type& type, Position at)
{
  for (const auto& [value, old] : type.renamed_values) {
    if (std::find(type.values.begin(), type.values.end(), old) != type.values.end()) {
      in.fail_at(at, fmt::format("enum value {} was {}, which is still a value",
                                 util::sql_string_literal(value), util::sql_string_literal(old)));
    }
  }
}

Type
parse_enum(Cursor& in)
{
  Position start = in.token().position;
  in.expect_symbol('(');
  Type type = Type::of(TypeKind::enumeration);
  auto& values = type.values;
  while (true) {
    Position at = in.token().position;
    std::string value = in.expect_string("a string");
    if (std::find(values.begin(), values.end(), value) != values.end()) {
      in.fail_at(at, fmt::format("duplicate enum value {}", util::sql_string_literal(value)));
    }
    values.push_back(value);
    if (in.is_keyword("was")) {
      parse_renamed_value(in, type, value);
    }
    if (in.is_symbol(')')) {
      in.advance();
      check_renamed_values(in, type, start);
      return type;
    }
    if (!in.is_symbol(',')) {
      in.fail_expected("',' or ')'");
    }
    in.advance();
  }
}

Type
parse_raw(Cursor& in)
{
  in.expect_symbol('(');
  if (in.token().kind == Token::Kind::string && in.token().value.empty()) {
    in.fail_expected("a type spelling");
  }
  std::string spelling = in.expect_string("a string");
  in.expect_symbol(')');
  return Type::raw_type(spelling);
}

} // namespace

Type
parse_type(Cursor& in)
{
  const Token& token = in.token();
  auto found =
      token.kind == Token::Kind::word ? k_types.find(util::to_lower(token.value)) : k_types.end();
  if (found == k_types.end()) {
    in.fail_expected("a type");
  }
  in.advance();
  switch (found->second) {
  case TypeKind::varchar:
  case TypeKind::fixed_char:
    return parse_sized(in, found->second);
  case TypeKind::decimal:
    return parse_decimal(in);
  case TypeKind::enumeration:
    return parse_enum(in);
  case TypeKind::raw:
    return parse_raw(in);
  default:
    return Type::of(found->second);
  }
}

} // namespace orm::models
