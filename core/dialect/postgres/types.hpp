#pragma once

#include "core/schema/schema.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace orm::dialect::postgres {

// The mapping between portable types and PostgreSQL's, in the spelling format_type() gives:
//   bool boolean, smallint, int integer, bigint, real, double "double precision",
//   decimal(p, s) numeric(p,s), varchar(n) "character varying(n)", char(n) character(n), text,
//   bytes bytea, date, time "time without time zone", timestamp "timestamp without time zone",
//   timestamptz "timestamp with time zone", uuid, json jsonb (PostgreSQL's json is raw('json')),
//   enum(...) a type CREATE TYPE <table>_<column> AS ENUM (...).
// Everything else (arrays, typmods such as timestamp(3), inet, citext, ...) is raw.

// The type a column is declared with; enums need the column's table to name their type.
std::string declared_type(const schema::Type& type, const std::string& table,
                          const std::string& column);
// A type as written (aliases, any case: int4, VARCHAR(10), timestamptz) or as format_type()
// gives it, back to the portable type, else raw in format_type()'s spelling.
schema::Type type_of_declared(std::string_view declared);

// The enum type of a column: <table>_<column>, shortened like a derived name when too long.
std::string enum_type_name(const std::string& table, const std::string& column);

// The DEFAULT clause's value: 0, 'abc', true, CURRENT_TIMESTAMP, or the expression.
std::string default_sql(const schema::Default& value);
// A default as pg_get_expr(adbin, adrelid, true) gives it (or as default_sql wrote it), in
// models spelling: literals with their casts dropped, CURRENT_TIMESTAMP and now() as `now`,
// anything else a normalised expression. NULL is no default at all.
std::optional<schema::Default> default_of_sql(std::string_view sql);

} // namespace orm::dialect::postgres
