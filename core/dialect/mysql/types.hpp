#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/schema/schema.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace orm::dialect::mysql {

// Portable type -> the column type MySQL reports back in information_schema.COLUMNS.COLUMN_TYPE
// (lowercase): bool -> tinyint(1), uuid -> char(36), text -> longtext, bytes -> longblob,
// timestamp -> datetime, timestamptz -> timestamp (stored as UTC, converted from the session's
// time zone: it keeps the instant, not the zone), json -> json.
std::string column_type(const schema::Type& type);
// A COLUMN_TYPE back to the portable type. Display widths are dropped (int(11) -> int) except
// tinyint(1), which is bool; anything without a portable equivalent (int unsigned, mediumtext,
// set(...), datetime(6), ...) is a raw type in canonical lowercase spelling.
schema::Type type_of_column_type(std::string_view column_type);

// The DEFAULT clause's value for a column of `type`: 0, 'abc', TRUE, NULL, CURRENT_TIMESTAMP,
// (expr); ('abc') on the types that take no literal default.
std::string default_sql(const schema::Default& value, const schema::Type& type);

// True for TEXT, BLOB, JSON and geometry types: MySQL (8 and later) takes their default only as
// an expression, DEFAULT ('abc'), and reports it as one (DEFAULT_GENERATED).
bool takes_no_literal_default(const schema::Type& type);

// True for TEXT, BLOB and JSON types (longtext on MariaDB): a key part on one needs a prefix length.
bool is_blob_or_text(const schema::Type& type);

// A COLUMN_DEFAULT as the server reports it: MariaDB quotes string literals and reports
// expressions as text; MySQL 8 reports literals unquoted and flags expressions with
// DEFAULT_GENERATED in EXTRA.
schema::Default default_of_column_default(std::string_view text, const schema::Type& type,
                                          ServerKind server, bool generated);

// `name` in backticks, inner backticks doubled.
std::string quote_identifier(std::string_view name);

} // namespace orm::dialect::mysql
