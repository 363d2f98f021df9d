#pragma once

#include <string>
#include <vector>

namespace orm::schema {

// The portable column types of the models language; `raw` is the escape hatch for a dialect type.
enum class TypeKind {
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

  bool operator==(const Type&) const = default;

  static Type of(TypeKind kind) { return Type{kind}; }
  static Type varchar(int length) { return Type{TypeKind::varchar, length}; }
  static Type fixed_char(int length) { return Type{TypeKind::fixed_char, length}; }
  static Type decimal(int precision, int scale) { return Type{TypeKind::decimal, 0, precision, scale}; }
  static Type enumeration(std::vector<std::string> values)
  {
    return Type{TypeKind::enumeration, 0, 0, 0, std::move(values)};
  }
  static Type raw_type(std::string spelling) { return Type{TypeKind::raw, 0, 0, 0, {}, std::move(spelling)}; }
};

// The models-language spelling: "varchar(255)", "decimal(10, 2)", "enum('a', 'b')", "raw('citext')".
std::string to_string(const Type& type);
bool is_integer(TypeKind kind);

} // namespace orm::schema
