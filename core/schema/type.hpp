#pragma once

#include <map>
#include <string>
#include <vector>

namespace orm::schema {

// The portable column types of the models language; `raw` is the escape hatch for a dialect type.
enum class TypeKind
{
  boolean,
  smallint,
  integer,
  bigint,
  real,
  double_precision,
  decimal,
  varchar,
  fixed_char,
  text,
  bytes,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
  enumeration,
  raw,
};

struct Type
{
  TypeKind kind = TypeKind::text;
  int length = 0;                  // varchar(n), char(n)
  int precision = 0;               // decimal(p, s)
  int scale = 0;                   // decimal(p, s)
  std::vector<std::string> values; // enum('a', 'b')
  std::string raw;                 // raw('citext'): the dialect's own spelling
  // Models-only hint, enum value -> its old name (`'live' was 'published'`); never introspected
  // and, like Column::renamed_from, no part of what the type is: equality ignores it.
  std::map<std::string, std::string> renamed_values{};

  bool operator==(const Type& other) const
  {
    return kind == other.kind && length == other.length && precision == other.precision &&
           scale == other.scale && values == other.values && raw == other.raw;
  }

  static Type of(TypeKind kind)
  {
    Type type;
    type.kind = kind;
    return type;
  }
  static Type varchar(int n) { return sized(TypeKind::varchar, n); }
  static Type fixed_char(int n) { return sized(TypeKind::fixed_char, n); }
  static Type decimal(int p, int s)
  {
    Type type = of(TypeKind::decimal);
    type.precision = p;
    type.scale = s;
    return type;
  }
  static Type enumeration(std::vector<std::string> enum_values)
  {
    Type type = of(TypeKind::enumeration);
    type.values = std::move(enum_values);
    return type;
  }
  static Type raw_type(std::string spelling)
  {
    Type type = of(TypeKind::raw);
    type.raw = std::move(spelling);
    return type;
  }

private:
  static Type sized(TypeKind kind, int n)
  {
    Type type = of(kind);
    type.length = n;
    return type;
  }
};

// The models-language spelling: "varchar(255)", "decimal(10, 2)", "enum('a', 'b')",
// "raw('citext')".
std::string to_string(const Type& type);
bool is_integer(TypeKind kind);

} // namespace orm::schema
