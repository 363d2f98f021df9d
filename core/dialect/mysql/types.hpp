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

// `name` in backticks, inner backticks doubled: the same under every sql_mode.
std::string quote_identifier(std::string_view name);

// Where a string literal goes: each place takes its own set of spellings.
enum class LiteralUse
{
  default_value, // DEFAULT 'x': a charset introducer is taken
  enum_value,    // ENUM('x'): no introducer
  expression,    // DEFAULT ('x') of a TEXT, BLOB or JSON column: stored as text and read again
  comment,       // COMMENT 'x': a plain string only
};

// `text` as a MySQL string literal; the one way orm writes one. 'text' with quotes doubled means
// the same under every sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES), and is written when `text`
// has no backslash and no control character but a tab. Otherwise hex, which no sql_mode changes:
// _utf8mb4 X'..' for a default, X'..' (the bytes taken in the column's charset, so exact on
// utf8mb4 columns) in an ENUM and in an expression, where a quote takes hex too because both
// servers store the expression with backslash escapes and parse it again in the session's
// sql_mode. A comment takes only a plain string: a backslash is doubled and a NUL, newline and
// carriage return are \0, \n and \r, which needs backslash escapes, as orm's session has
// (connecting removes NO_BACKSLASH_ESCAPES from its sql_mode).
std::string string_literal(std::string_view text, LiteralUse use);

// `mode` (an @@sql_mode) without what would change how orm's SQL reads: NO_BACKSLASH_ESCAPES,
// ANSI_QUOTES and the combinations that include it (ANSI, ORACLE, MSSQL, DB2, POSTGRESQL, MAXDB).
// orm sets it on its session at connect.
std::string sql_mode_for_orm(std::string_view mode);

// The text of a string literal's body read with backslash escapes, as the servers print literals
// in COLUMN_DEFAULT (MariaDB), COLUMN_TYPE and expressions: '' and \' are a quote, \n a newline,
// \0 a NUL, \\ a backslash, \% and \_ keep their backslash.
std::string unescaped_string(std::string_view body, char quote);

// The bytes of a hex literal, X'6162' or 0x6162 (as the servers print DEFAULT (X'6162')), or
// nothing when `text` is not one.
std::optional<std::string> hex_literal_value(std::string_view text);

} // namespace orm::dialect::mysql
