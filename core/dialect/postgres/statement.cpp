#include "core/dialect/postgres/statement.hpp"
#include "core/util/strings.hpp"

#include "core/db/value_text.hpp"
#include "core/util/error.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <charconv>

namespace orm::dialect::postgres {

namespace {

// Type OIDs of pg_catalog's built-in types (fixed since PostgreSQL 8; see pg_type.dat).
enum : Oid
{
  k_bool = 16,
  k_bytea = 17,
  k_int8 = 20,
  k_int2 = 21,
  k_int4 = 23,
  k_oid = 26,
  k_json = 114,
  k_float4 = 700,
  k_float8 = 701,
  k_date = 1082,
  k_time = 1083,
  k_timestamp = 1114,
  k_timestamptz = 1184,
  k_numeric = 1700,
  k_uuid = 2950,
  k_jsonb = 3802,
};

constexpr const char* k_deallocate = "DEALLOCATE {}";

template <typename Number>
std::string
number_text(Number value)
{
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

// The whole of `text` as a Number, or nothing.
template <typename Number>
std::optional<Number>
parse_number(std::string_view text)
{
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// bytea's hex output ("\x00ff"), or nothing for anything else (bytea_output = escape).
std::optional<Bytes>
parse_bytea(std::string_view text)
{
  if (!text.starts_with("\\x") || text.size() % 2 != 0) {
    return std::nullopt;
  }
  Bytes bytes;
  bytes.reserve(text.size() / 2 - 1);
  for (size_t i = 2; i < text.size(); i += 2) {
    int high = util::hex_digit_value(text[i]);
    int low = util::hex_digit_value(text[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    bytes.push_back(static_cast<std::byte>(high * 16 + low));
  }
  return bytes;
}

std::int64_t
command_tuples(PGresult* result)
{
  return parse_number<std::int64_t>(PQcmdTuples(result)).value_or(0);
}

} // namespace

PgStatement::PgStatement(pg_conn* connection, std::string sql, std::string name,
                         const std::vector<std::string>& secrets)
    : m_conn(connection), m_sql(std::move(sql)), m_name(std::move(name)), m_secrets(secrets)
{
  checked_result(PQprepare(m_conn, m_name.c_str(), m_sql.c_str(), 0, nullptr));
  m_description = checked_result(PQdescribePrepared(m_conn, m_name.c_str()));
  m_params.resize(PQnparams(m_description.get()));
}

PgStatement::~PgStatement()
{
  // The connection may be gone bad or be in a failed transaction: the name then dies with the
  // session, which is no harm.
  drain();
  ResultHandle ignored(PQexec(m_conn, fmt::format(k_deallocate, quote_identifier(m_name)).c_str()));
}

ResultHandle
PgStatement::checked_result(pg_result* result) const
{
  return checked(m_conn, result, m_sql, m_secrets);
}

int
PgStatement::parameter_count() const
{
  return static_cast<int>(m_params.size());
}

std::optional<std::string>&
PgStatement::param(int index)
{
  if (index < 0 || index >= parameter_count()) {
    throw DatabaseError(fmt::format("postgres: parameter {} is out of range: the statement has {}",
                                    index, parameter_count()),
                        m_sql);
  }
  return m_params[index];
}

void
PgStatement::bind_null(int index)
{
  param(index).reset();
}
void
PgStatement::bind(int index, bool value)
{
  param(index) = value ? "t" : "f";
}
void
PgStatement::bind(int index, std::int64_t value)
{
  param(index) = number_text(value);
}
void
PgStatement::bind(int index, double value)
{
  param(index) = number_text(value); // shortest text that reads back as the same double
}
void
PgStatement::bind(int index, std::string_view text)
{
  param(index) = std::string(text);
}
void
PgStatement::bind(int index, std::span<const std::byte> bytes)
{
  static constexpr const char* k_hex = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + bytes.size() * 2);
  for (std::byte b : bytes) {
    auto value = std::to_integer<unsigned>(b);
    text += k_hex[value >> 4];
    text += k_hex[value & 0xf];
  }
  param(index) = std::move(text);
}
void
PgStatement::bind(int index, Date value)
{
  param(index) = db::format_date(value);
}
void
PgStatement::bind(int index, Time value)
{
  param(index) = db::format_time(value);
}
void
PgStatement::bind(int index, Timestamp value)
{
  param(index) = db::format_timestamp(value);
}
void
PgStatement::bind(int index, TimestampTz value)
{
  param(index) = db::format_timestamptz(value);
}
void
PgStatement::bind(int index, const Decimal& value)
{
  param(index) = value.text;
}
void
PgStatement::bind(int index, const Uuid& value)
{
  param(index) = value.to_string();
}
void
PgStatement::bind_json(int index, std::string_view json_text)
{
  param(index) = std::string(json_text);
}

void
PgStatement::execute(db::Fetch fetch)
{
  reset();
  std::vector<const char*> values;
  values.reserve(m_params.size());
  for (const auto& param : m_params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  int count = static_cast<int>(values.size());
  if (fetch == db::Fetch::buffered) {
    m_result = checked_result(
        PQexecPrepared(m_conn, m_name.c_str(), count, values.data(), nullptr, nullptr, 0));
    m_affected = command_tuples(m_result.get());
    return;
  }
  if (!PQsendQueryPrepared(m_conn, m_name.c_str(), count, values.data(), nullptr, nullptr, 0)) {
    checked_result(nullptr); // throws with the connection's message
  }
  m_streaming = true;
  if (!PQsetSingleRowMode(m_conn)) {
    drain();
    throw DatabaseError("postgres: cannot read the rows one at a time", m_sql);
  }
  m_affected = 0;
  // The first result now, so that an error shows here as it does for a buffered run.
  take_streamed();
}

bool
PgStatement::take_streamed()
{
  ResultHandle result(PQgetResult(m_conn));
  if (!result) {
    m_streaming = false;
    return false;
  }
  if (PQresultStatus(result.get()) == PGRES_SINGLE_TUPLE) {
    m_result = std::move(result);
    m_row = -1;
    return true;
  }
  // The end of the rows (PGRES_TUPLES_OK, no row), a command's result, or an error: the
  // connection is free only once libpq's results are all taken.
  m_result.reset();
  m_row = -1;
  drain();
  ResultHandle done = checked_result(result.release());
  m_affected = command_tuples(done.get());
  return false;
}

void
PgStatement::drain()
{
  // Reading the rest rather than PQcancel: a cancel would abort the caller's transaction.
  while (m_streaming) {
    ResultHandle rest(PQgetResult(m_conn));
    m_streaming = rest != nullptr;
  }
}

bool
PgStatement::next()
{
  m_bytes.clear();
  if (m_result && m_row + 1 < PQntuples(m_result.get())) {
    ++m_row;
    return true;
  }
  m_result.reset();
  m_row = -1;
  if (m_streaming && take_streamed()) {
    m_row = 0;
    return true;
  }
  return false;
}

void
PgStatement::reset()
{
  drain();
  m_result.reset();
  m_row = -1;
  m_bytes.clear();
}

int
PgStatement::column_count() const
{
  return PQnfields(m_description.get());
}

std::string_view
PgStatement::column_name(int column) const
{
  const char* name = PQfname(m_description.get(), column);
  return name ? std::string_view(name) : std::string_view();
}

db::ColumnFamily
PgStatement::column_family(int column) const
{
  using db::ColumnFamily;
  switch (PQftype(m_description.get(), column)) {
  case k_bool:
    return ColumnFamily::boolean;
  case k_int2:
  case k_int4:
  case k_int8:
  case k_oid:
    return ColumnFamily::integer;
  case k_float4:
  case k_float8:
    return ColumnFamily::real;
  case k_numeric:
    return ColumnFamily::decimal;
  case k_bytea:
    return ColumnFamily::bytes;
  case k_date:
    return ColumnFamily::date;
  case k_time:
    return ColumnFamily::time;
  case k_timestamp:
    return ColumnFamily::timestamp;
  case k_timestamptz:
    return ColumnFamily::timestamptz;
  case k_uuid:
    return ColumnFamily::uuid;
  case k_json:
  case k_jsonb:
    return ColumnFamily::json;
  default:
    return ColumnFamily::text; // text, varchar, enums, intervals...: every value reads as text
  }
}

bool
PgStatement::is_null(int column) const
{
  if (!m_result || m_row < 0 || column < 0 || column >= PQnfields(m_result.get())) {
    throw DatabaseError(m_result && m_row >= 0
                            ? fmt::format("postgres: column {} is out of range: the result has {}",
                                          column, PQnfields(m_result.get()))
                            : std::string("postgres: there is no current row: call next() first"),
                        m_sql);
  }
  return PQgetisnull(m_result.get(), m_row, column);
}

void
PgStatement::require_value(int column) const
{
  if (is_null(column)) {
    throw DatabaseError(fmt::format("postgres: column {} ('{}') is NULL where a value was expected",
                                    column, column_name(column)),
                        m_sql);
  }
}

void
PgStatement::unreadable(int column, std::string_view as) const
{
  throw DatabaseError(fmt::format("postgres: column {} ('{}') holds '{}', which is not a {}",
                                  column, column_name(column), get_text(column), as),
                      m_sql);
}

bool
PgStatement::get_bool(int column) const
{
  std::string_view text = get_text(column);
  if (text != "t" && text != "f") {
    unreadable(column, "boolean");
  }
  return text == "t";
}

std::int64_t
PgStatement::get_int64(int column) const
{
  auto value = parse_number<std::int64_t>(get_text(column));
  if (!value) {
    unreadable(column, "integer");
  }
  return *value;
}

double
PgStatement::get_double(int column) const
{
  // from_chars reads the server's NaN, Infinity and -Infinity too.
  auto value = parse_number<double>(get_text(column));
  if (!value) {
    unreadable(column, "number");
  }
  return *value;
}

std::string_view
PgStatement::get_text(int column) const
{
  require_value(column);
  return {PQgetvalue(m_result.get(), m_row, column),
          static_cast<size_t>(PQgetlength(m_result.get(), m_row, column))};
}

std::span<const std::byte>
PgStatement::get_bytes(int column) const
{
  std::string_view text = get_text(column);
  m_bytes.resize(PQnfields(m_result.get()));
  auto& decoded = m_bytes[column];
  if (!decoded) {
    decoded = parse_bytea(text);
    if (!decoded) {
      unreadable(column, "bytea in hex form");
    }
  }
  return *decoded;
}

Date
PgStatement::get_date(int column) const
{
  auto value = db::parse_date(get_text(column));
  if (!value) {
    unreadable(column, "date");
  }
  return *value;
}

Time
PgStatement::get_time(int column) const
{
  auto value = db::parse_time(get_text(column));
  if (!value) {
    unreadable(column, "time");
  }
  return *value;
}

Timestamp
PgStatement::get_timestamp(int column) const
{
  auto value = db::parse_timestamp(get_text(column));
  if (!value) {
    unreadable(column, "timestamp");
  }
  return *value;
}

TimestampTz
PgStatement::get_timestamptz(int column) const
{
  auto value = db::parse_timestamptz(get_text(column));
  if (!value) {
    unreadable(column, "timestamp with a time zone");
  }
  return *value;
}

Decimal
PgStatement::get_decimal(int column) const
{
  auto value = Decimal::parse(get_text(column));
  if (!value) {
    unreadable(column, "decimal");
  }
  return *value;
}

Uuid
PgStatement::get_uuid(int column) const
{
  auto value = Uuid::parse(get_text(column));
  if (!value) {
    unreadable(column, "uuid");
  }
  return *value;
}

std::string_view
PgStatement::get_json(int column) const
{
  return get_text(column);
}

} // namespace orm::dialect::postgres
