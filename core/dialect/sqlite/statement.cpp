#include "core/dialect/sqlite/statement.hpp"

#include "core/db/errors.hpp"
#include "core/db/value_text.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace orm::dialect::sqlite {

namespace {

// What follows "UNIQUE constraint failed: " and the like: the columns or the constraint's name.
std::string
named_after_colon(std::string_view message)
{
  size_t colon = message.find(": ");
  return colon == std::string_view::npos ? std::string() : std::string(message.substr(colon + 2));
}

std::optional<Violation>
violation_of(int extended_code)
{
  switch (extended_code) {
  case SQLITE_CONSTRAINT_UNIQUE:
  case SQLITE_CONSTRAINT_PRIMARYKEY:
    return Violation::unique;
  case SQLITE_CONSTRAINT_FOREIGNKEY:
    return Violation::foreign_key;
  case SQLITE_CONSTRAINT_NOTNULL:
    return Violation::not_null;
  case SQLITE_CONSTRAINT_CHECK:
    return Violation::check;
  default:
    return std::nullopt;
  }
}

std::string
upper_case(const char* declared)
{
  std::string upper;
  for (const char* c = declared; c && *c; ++c) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
  }
  return upper;
}

} // namespace

SqliteStatement::SqliteStatement(sqlite3* db, std::string sql) : m_db(db), m_sql(std::move(sql))
{
  if (sqlite3_prepare_v3(m_db, m_sql.c_str(), static_cast<int>(m_sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK) {
    fail();
  }
}

SqliteStatement::~SqliteStatement()
{
  sqlite3_finalize(m_statement);
}

void
SqliteStatement::fail() const
{
  int code = sqlite3_extended_errcode(m_db);
  std::string message = fmt::format("sqlite: {}", sqlite3_errmsg(m_db));
  std::string sqlstate = std::to_string(code);
  if (auto violation = violation_of(code)) {
    throw_violation(*violation, named_after_colon(sqlite3_errmsg(m_db)), message, m_sql, sqlstate);
  }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    throw TransientError(message, m_sql, sqlstate);
  }
  throw DatabaseError(message, m_sql, sqlstate);
}

void
SqliteStatement::check_bind(int rc) const
{
  if (rc != SQLITE_OK) {
    fail();
  }
}

int
SqliteStatement::parameter_count() const
{
  return sqlite3_bind_parameter_count(m_statement);
}

void
SqliteStatement::bind_null(int index)
{
  check_bind(sqlite3_bind_null(m_statement, index + 1));
}
void
SqliteStatement::bind(int index, bool value)
{
  check_bind(sqlite3_bind_int(m_statement, index + 1, value ? 1 : 0));
}
void
SqliteStatement::bind(int index, std::int64_t value)
{
  check_bind(sqlite3_bind_int64(m_statement, index + 1, value));
}
void
SqliteStatement::bind(int index, double value)
{
  check_bind(sqlite3_bind_double(m_statement, index + 1, value));
}
void
SqliteStatement::bind(int index, std::string_view text)
{
  check_bind(sqlite3_bind_text64(m_statement, index + 1, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8));
}
void
SqliteStatement::bind(int index, std::span<const std::byte> bytes)
{
  // A zero-length blob, not NULL, even when the span's pointer is null.
  static constexpr char k_empty = 0;
  const void* data = bytes.empty() ? static_cast<const void*>(&k_empty) : bytes.data();
  check_bind(sqlite3_bind_blob64(m_statement, index + 1, data, bytes.size(), SQLITE_TRANSIENT));
}
void
SqliteStatement::bind(int index, Date value)
{
  bind(index, std::string_view(db::format_date(value)));
}
void
SqliteStatement::bind(int index, Time value)
{
  bind(index, std::string_view(db::format_time(value)));
}
void
SqliteStatement::bind(int index, Timestamp value)
{
  bind(index, std::string_view(db::format_timestamp(value)));
}
void
SqliteStatement::bind(int index, TimestampTz value)
{
  bind(index, std::string_view(db::format_timestamptz(value)));
}
void
SqliteStatement::bind(int index, const Decimal& value)
{
  bind(index, std::string_view(value.text));
}
void
SqliteStatement::bind(int index, const Uuid& value)
{
  bind(index, std::string_view(value.to_string()));
}
void
SqliteStatement::bind_json(int index, std::string_view json_text)
{
  bind(index, json_text);
}

bool
SqliteStatement::step()
{
  int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) {
    return true;
  }
  m_done = true;
  if (rc != SQLITE_DONE) {
    sqlite3_reset(m_statement);
    fail();
  }
  return false;
}

void
SqliteStatement::execute(db::Fetch)
{
  // SQLite always streams: a buffered run is the same steps, read as they come.
  sqlite3_reset(m_statement);
  m_done = false;
  m_row_pending = step();
  m_affected = sqlite3_changes64(m_db);
  m_last_insert_id = sqlite3_last_insert_rowid(m_db);
  if (!m_row_pending) {
    sqlite3_reset(m_statement);
  }
}

bool
SqliteStatement::next()
{
  if (m_row_pending) {
    m_row_pending = false;
    return true;
  }
  if (m_done) {
    return false;
  }
  if (step()) {
    return true;
  }
  sqlite3_reset(m_statement);
  return false;
}

void
SqliteStatement::reset()
{
  m_row_pending = false;
  m_done = true;
  sqlite3_reset(m_statement);
}

int
SqliteStatement::column_count() const
{
  return sqlite3_column_count(m_statement);
}

std::string_view
SqliteStatement::column_name(int column) const
{
  const char* name = sqlite3_column_name(m_statement, column);
  return name ? std::string_view(name) : std::string_view();
}

db::ColumnFamily
SqliteStatement::column_family(int column) const
{
  using db::ColumnFamily;
  const char* declared = sqlite3_column_decltype(m_statement, column);
  if (!declared) {
    return ColumnFamily::unknown; // an expression: SQLite does not say
  }
  std::string upper = upper_case(declared);
  auto starts = [&](std::string_view prefix) { return upper.rfind(prefix, 0) == 0; };
  if (starts("BOOL")) {
    return ColumnFamily::boolean;
  }
  if (upper.find("INT") != std::string::npos) {
    return ColumnFamily::integer;
  }
  if (starts("REAL") || starts("DOUBLE") || starts("FLOAT")) {
    return ColumnFamily::real;
  }
  if (starts("NUMERIC") || starts("DECIMAL")) {
    return ColumnFamily::decimal;
  }
  if (starts("BLOB") || starts("BYTEA")) {
    return ColumnFamily::bytes;
  }
  if (starts("TIMESTAMPTZ") || starts("TIMESTAMP WITH TIME ZONE")) {
    return ColumnFamily::timestamptz;
  }
  if (starts("TIMESTAMP") || starts("DATETIME")) {
    return ColumnFamily::timestamp;
  }
  if (starts("DATE")) {
    return ColumnFamily::date;
  }
  if (starts("TIME")) {
    return ColumnFamily::time;
  }
  if (starts("UUID")) {
    return ColumnFamily::uuid;
  }
  if (starts("JSON")) {
    return ColumnFamily::json;
  }
  return ColumnFamily::text;
}

bool
SqliteStatement::is_null(int column) const
{
  return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

void
SqliteStatement::require_value(int column) const
{
  if (is_null(column)) {
    throw DatabaseError(fmt::format("sqlite: column {} ('{}') is NULL where a value was expected",
                                    column, column_name(column)),
                        m_sql);
  }
}

void
SqliteStatement::unreadable(int column, std::string_view as) const
{
  throw DatabaseError(fmt::format("sqlite: column {} ('{}') holds '{}', which is not a {}", column,
                                  column_name(column), get_text(column), as),
                      m_sql);
}

bool
SqliteStatement::get_bool(int column) const
{
  return get_int64(column) != 0;
}

std::int64_t
SqliteStatement::get_int64(int column) const
{
  require_value(column);
  int type = sqlite3_column_type(m_statement, column);
  if (type != SQLITE_INTEGER) {
    unreadable(column, "integer");
  }
  return sqlite3_column_int64(m_statement, column);
}

double
SqliteStatement::get_double(int column) const
{
  require_value(column);
  int type = sqlite3_column_type(m_statement, column);
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
    unreadable(column, "number");
  }
  return sqlite3_column_double(m_statement, column);
}

std::string_view
SqliteStatement::get_text(int column) const
{
  require_value(column);
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
  return {text, static_cast<size_t>(sqlite3_column_bytes(m_statement, column))};
}

std::span<const std::byte>
SqliteStatement::get_bytes(int column) const
{
  require_value(column);
  const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(m_statement, column));
  return {data, static_cast<size_t>(sqlite3_column_bytes(m_statement, column))};
}

Date
SqliteStatement::get_date(int column) const
{
  auto value = db::parse_date(get_text(column));
  if (!value) {
    unreadable(column, "date");
  }
  return *value;
}

Time
SqliteStatement::get_time(int column) const
{
  auto value = db::parse_time(get_text(column));
  if (!value) {
    unreadable(column, "time");
  }
  return *value;
}

Timestamp
SqliteStatement::get_timestamp(int column) const
{
  auto value = db::parse_timestamp(get_text(column));
  if (!value) {
    unreadable(column, "timestamp");
  }
  return *value;
}

TimestampTz
SqliteStatement::get_timestamptz(int column) const
{
  auto value = db::parse_timestamptz(get_text(column));
  if (!value) {
    unreadable(column, "timestamp with a time zone");
  }
  return *value;
}

Decimal
SqliteStatement::get_decimal(int column) const
{
  require_value(column);
  if (sqlite3_column_type(m_statement, column) == SQLITE_FLOAT) {
    // NUMERIC affinity stored a REAL: its shortest exact spelling.
    char buffer[64];
    auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, sqlite3_column_double(m_statement, column),
                      std::chars_format::fixed);
    return Decimal{std::string(buffer, end)};
  }
  auto value = Decimal::parse(get_text(column));
  if (!value) {
    unreadable(column, "decimal");
  }
  return *value;
}

Uuid
SqliteStatement::get_uuid(int column) const
{
  auto value = Uuid::parse(get_text(column));
  if (!value) {
    unreadable(column, "uuid");
  }
  return *value;
}

std::string_view
SqliteStatement::get_json(int column) const
{
  return get_text(column);
}

} // namespace orm::dialect::sqlite
