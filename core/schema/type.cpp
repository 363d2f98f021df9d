#include "core/schema/type.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

namespace orm::schema {

namespace {

const char*
keyword(TypeKind kind)
{
  switch (kind) {
  case TypeKind::boolean:
    return "bool";
  case TypeKind::smallint:
    return "smallint";
  case TypeKind::integer:
    return "int";
  case TypeKind::bigint:
    return "bigint";
  case TypeKind::real:
    return "real";
  case TypeKind::double_precision:
    return "double";
  case TypeKind::decimal:
    return "decimal";
  case TypeKind::varchar:
    return "varchar";
  case TypeKind::fixed_char:
    return "char";
  case TypeKind::text:
    return "text";
  case TypeKind::bytes:
    return "bytes";
  case TypeKind::date:
    return "date";
  case TypeKind::time:
    return "time";
  case TypeKind::timestamp:
    return "timestamp";
  case TypeKind::timestamptz:
    return "timestamptz";
  case TypeKind::uuid:
    return "uuid";
  case TypeKind::json:
    return "json";
  case TypeKind::enumeration:
    return "enum";
  case TypeKind::raw:
    return "raw";
  }
  return "?";
}

} // namespace

std::string
to_string(const Type& type)
{
  switch (type.kind) {
  case TypeKind::varchar:
  case TypeKind::fixed_char:
    return fmt::format("{}({})", keyword(type.kind), type.length);
  case TypeKind::decimal:
    return fmt::format("decimal({}, {})", type.precision, type.scale);
  case TypeKind::enumeration: {
    std::vector<std::string> values;
    for (const auto& value : type.values) {
      auto old = type.renamed_values.find(value);
      values.push_back(util::sql_string_literal(value) +
                       (old == type.renamed_values.end()
                            ? ""
                            : " was " + util::sql_string_literal(old->second)));
    }
    return fmt::format("enum({})", util::join(values, ", "));
  }
  case TypeKind::raw:
    return fmt::format("raw({})", util::sql_string_literal(type.raw));
  default:
    return keyword(type.kind);
  }
}

bool
is_integer(TypeKind kind)
{
  return kind == TypeKind::smallint || kind == TypeKind::integer || kind == TypeKind::bigint;
}

} // namespace orm::schema
