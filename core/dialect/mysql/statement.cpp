#include "core/dialect/mysql/statement.hpp"

#include "core/db/errors.hpp"
#include "core/db/value_text.hpp"

#include <mysql.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <optional>

namespace orm::dialect::mysql {

namespace {

// A result buffer holds this much of a string column; longer values are fetched again whole
// (mysql_stmt_fetch_column), so a longtext column does not cost 4 GB per statement.
constexpr unsigned long k_max_buffer = 8192;
constexpr unsigned k_binary_charset = 63;

// The name between `open` and the next `close` after `prefix` in a server message, or "".
std::string
quoted_after(std::string_view message, std::string_view prefix, char quote)
{
  size_t start = message.find(prefix);
  if (start == std::string_view::npos) {
    return "";
  }
  start += prefix.size();
  size_t end = message.find(quote, start);
  return end == std::string_view::npos ? "" : std::string(message.substr(start, end - start));
}

// The constraint or column a violation names, from the server's message.
std::optional<std::pair<Violation, std::string>>
violation_of(unsigned code, std::string_view message)
{
  switch (code) {
  case 1062: { // Duplicate entry '...' for key 'name' (MySQL 8+: 'table.name')
    size_t key = message.rfind(" for key '");
    std::string name;
    if (key != std::string_view::npos) {
      std::string_view rest = message.substr(key + 10);
      name = std::string(rest.substr(0, rest.rfind('\'')));
    }
    if (size_t dot = name.rfind('.'); dot != std::string::npos) {
      name.erase(0, dot + 1);
    }
    return std::pair{Violation::unique, name};
  }
  case 1216: // the old forms of 1451/1452, which name no constraint
  case 1217:
  case 1451:
  case 1452:
    return std::pair{Violation::foreign_key, quoted_after(message, "CONSTRAINT `", '`')};
  case 1048: // Column 'name' cannot be null
  case 1364: // Field 'name' doesn't have a default value
    return std::pair{Violation::not_null, quoted_after(message, "'", '\'')};
  case 3819: // MySQL: Check constraint 'name' is violated.
    return std::pair{Violation::check, quoted_after(message, "'", '\'')};
  case 4025: // MariaDB: CONSTRAINT `name` failed for `db`.`table`
    return std::pair{Violation::check, quoted_after(message, "CONSTRAINT `", '`')};
  default:
    return std::nullopt;
  }
}

bool
is_integer(enum_field_types type)
{
  switch (type) {
  case MYSQL_TYPE_TINY:
  case MYSQL_TYPE_SHORT:
  case MYSQL_TYPE_INT24:
  case MYSQL_TYPE_LONG:
  case MYSQL_TYPE_LONGLONG:
  case MYSQL_TYPE_YEAR:
    return true;
  default:
    return false;
  }
}

bool
is_temporal(enum_field_types type)
{
  switch (type) {
  case MYSQL_TYPE_DATE:
  case MYSQL_TYPE_NEWDATE:
  case MYSQL_TYPE_TIME:
  case MYSQL_TYPE_DATETIME:
  case MYSQL_TYPE_TIMESTAMP:
    return true;
  default:
    return false;
  }
}

MYSQL_TIME
time_of(std::chrono::sys_days day, std::chrono::microseconds in_day, enum_mysql_timestamp_type type)
{
  using namespace std::chrono;
  year_month_day date(day);
  hh_mm_ss<microseconds> clock(in_day);
  MYSQL_TIME value{};
  value.year = static_cast<unsigned>(static_cast<int>(date.year()));
  value.month = static_cast<unsigned>(date.month());
  value.day = static_cast<unsigned>(date.day());
  value.hour = static_cast<unsigned>(clock.hours().count());
  value.minute = static_cast<unsigned>(clock.minutes().count());
  value.second = static_cast<unsigned>(clock.seconds().count());
  value.second_part = static_cast<unsigned long>(clock.subseconds().count());
  value.time_type = type;
  return value;
}

} // namespace

void
StatementDeleter::operator()(MYSQL_STMT* statement) const
{
  mysql_stmt_close(statement);
}

void
MetadataDeleter::operator()(MYSQL_RES* metadata) const
{
  mysql_free_result(metadata);
}

// One parameter's value, in storage the MYSQL_BIND points at until it is rebound.
struct MysqlStatement::Parameter
{
  signed char tiny = 0;
  std::int64_t integer = 0;
  double real = 0;
  MYSQL_TIME time{};
  std::string text;
  unsigned long length = 0;
  my_bool null = 1;
};

// One result column: its field, its buffer and what the last fetch wrote there.
struct MysqlStatement::Column
{
  std::string name;
  enum_field_types type = MYSQL_TYPE_NULL; // the field as described when bound
  unsigned flags = 0;
  unsigned charset = 0;
  db::ColumnFamily family = db::ColumnFamily::unknown;
  std::vector<char> buffer; // an int64, a double, a MYSQL_TIME or the first bytes of a string
  std::string whole;        // a string longer than the buffer, fetched again
  unsigned long length = 0;
  my_bool null = 0;
  my_bool truncated = 0;
  bool is_long = false; // this row's value is in `whole`
};

MysqlStatement::MysqlStatement(MYSQL* connection, std::string sql)
    : m_connection(connection), m_statement(mysql_stmt_init(connection)), m_sql(std::move(sql))
{
  if (!m_statement) {
    throw DatabaseError(
        fmt::format("mysql: cannot prepare a statement: {}", mysql_error(m_connection)), m_sql,
        std::to_string(mysql_errno(m_connection)));
  }
  if (mysql_stmt_prepare(m_statement.get(), m_sql.data(),
                         static_cast<unsigned long>(m_sql.size())) != 0) {
    fail();
  }
  unsigned long count = mysql_stmt_param_count(m_statement.get());
  m_params.resize(count);
  m_param_binds.resize(count);
  for (unsigned long i = 0; i < count; ++i) {
    MYSQL_BIND& bind = m_param_binds[i];
    std::memset(&bind, 0, sizeof bind);
    bind.buffer_type = MYSQL_TYPE_NULL;
    bind.is_null = &m_params[i].null;
    bind.length = &m_params[i].length;
  }
  bind_columns();
}

MysqlStatement::~MysqlStatement() = default;

int
MysqlStatement::parameter_count() const
{
  return static_cast<int>(m_params.size());
}

int
MysqlStatement::column_count() const
{
  return static_cast<int>(m_columns.size());
}

void
MysqlStatement::fail() const
{
  MYSQL_STMT* statement = m_statement.get();
  unsigned code = mysql_stmt_errno(statement);
  std::string text = mysql_stmt_error(statement);
  std::string message =
      fmt::format("mysql: ERROR {} ({}): {}", code, mysql_stmt_sqlstate(statement), text);
  std::string number = std::to_string(code);
  if (auto violation = violation_of(code, text)) {
    throw_violation(violation->first, violation->second, message, m_sql, number);
  }
  if (code == 1213 || code == 1205) { // deadlock, lock wait timeout
    throw TransientError(message, m_sql, number);
  }
  throw DatabaseError(message, m_sql, number);
}

MysqlStatement::Parameter&
MysqlStatement::parameter(int index, int buffer_type)
{
  if (index < 0 || index >= parameter_count()) {
    throw DatabaseError(fmt::format("mysql: parameter {} out of range (the statement has {})",
                                    index, parameter_count()),
                        m_sql);
  }
  MYSQL_BIND& bind = m_param_binds[index];
  if (bind.buffer_type != static_cast<enum_field_types>(buffer_type)) {
    bind.buffer_type = static_cast<enum_field_types>(buffer_type);
    m_params_changed = true;
  }
  Parameter& param = m_params[index];
  param.null = 0;
  return param;
}

void
MysqlStatement::bind_null(int index)
{
  parameter(index, MYSQL_TYPE_NULL).null = 1;
}

void
MysqlStatement::bind(int index, bool value)
{
  Parameter& param = parameter(index, MYSQL_TYPE_TINY);
  param.tiny = value ? 1 : 0;
  m_param_binds[index].buffer = &param.tiny;
}

void
MysqlStatement::bind(int index, std::int64_t value)
{
  Parameter& param = parameter(index, MYSQL_TYPE_LONGLONG);
  param.integer = value;
  m_param_binds[index].buffer = &param.integer;
}

void
MysqlStatement::bind(int index, double value)
{
  Parameter& param = parameter(index, MYSQL_TYPE_DOUBLE);
  param.real = value;
  m_param_binds[index].buffer = &param.real;
}

void
MysqlStatement::bind_text(int index, int buffer_type, std::string_view text)
{
  Parameter& param = parameter(index, buffer_type);
  param.text.assign(text.data(), text.size());
  param.length = static_cast<unsigned long>(text.size());
  MYSQL_BIND& bind = m_param_binds[index];
  if (bind.buffer != param.text.data()) {
    bind.buffer = param.text.data();
    m_params_changed = true;
  }
  bind.buffer_length = param.length;
}

void
MysqlStatement::bind(int index, std::string_view text)
{
  bind_text(index, MYSQL_TYPE_STRING, text);
}

void
MysqlStatement::bind(int index, std::span<const std::byte> bytes)
{
  bind_text(index, MYSQL_TYPE_BLOB,
            std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void
MysqlStatement::bind_time(int index, int buffer_type, const MYSQL_TIME& value)
{
  Parameter& param = parameter(index, buffer_type);
  param.time = value;
  m_param_binds[index].buffer = &param.time;
}

void
MysqlStatement::bind(int index, Date value)
{
  bind_time(index, MYSQL_TYPE_DATE,
            time_of(std::chrono::sys_days(value), {}, MYSQL_TIMESTAMP_DATE));
}

void
MysqlStatement::bind(int index, Time value)
{
  MYSQL_TIME time = time_of(std::chrono::sys_days(), value.since_midnight, MYSQL_TIMESTAMP_TIME);
  time.year = time.month = time.day = 0;
  bind_time(index, MYSQL_TYPE_TIME, time);
}

void
MysqlStatement::bind(int index, Timestamp value)
{
  auto day = std::chrono::floor<std::chrono::days>(value);
  bind_time(index, MYSQL_TYPE_DATETIME,
            time_of(std::chrono::sys_days(day.time_since_epoch()), value - day,
                    MYSQL_TIMESTAMP_DATETIME));
}

void
MysqlStatement::bind(int index, TimestampTz value)
{
  using namespace std::chrono;
  // TIMESTAMP's range; outside it the server would store 0000-00-00 00:00:00 or refuse.
  constexpr sys_seconds k_first{seconds(1)};
  constexpr sys_seconds k_last{seconds(std::numeric_limits<std::int32_t>::max())};
  if (value < k_first || value >= k_last + seconds(1)) {
    throw DatabaseError(
        fmt::format("mysql: parameter {}: timestamptz {} is outside TIMESTAMP's range "
                    "1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC",
                    index, db::format_timestamptz(value)),
        m_sql);
  }
  auto day = floor<days>(value);
  bind_time(index, MYSQL_TYPE_TIMESTAMP, time_of(day, value - day, MYSQL_TIMESTAMP_DATETIME));
}

void
MysqlStatement::bind(int index, const Decimal& value)
{
  bind_text(index, MYSQL_TYPE_NEWDECIMAL, value.text);
}

void
MysqlStatement::bind(int index, const Uuid& value)
{
  bind_text(index, MYSQL_TYPE_STRING, value.to_string());
}

void
MysqlStatement::bind_json(int index, std::string_view json_text)
{
  bind_text(index, MYSQL_TYPE_STRING, json_text);
}

bool
MysqlStatement::columns_changed() const
{
  // The server describes the result again at each run: `SELECT ?` or a table altered since the
  // statement was prepared may give other types than the prepare did. (MYSQL_STMT's fields are
  // public in mariadb_stmt.h; reading them saves copying the metadata on every run.)
  MYSQL_STMT* statement = m_statement.get();
  if (mysql_stmt_field_count(statement) != m_columns.size()) {
    return true;
  }
  for (unsigned c = 0; c < m_columns.size(); ++c) {
    const MYSQL_FIELD& field = statement->fields[c];
    const Column& column = m_columns[c];
    if (field.type != column.type || field.flags != column.flags ||
        field.charsetnr != column.charset) {
      return true;
    }
  }
  return false;
}

void
MysqlStatement::bind_columns()
{
  std::unique_ptr<MYSQL_RES, MetadataDeleter> metadata(
      mysql_stmt_result_metadata(m_statement.get()));
  unsigned count = metadata ? mysql_num_fields(metadata.get()) : 0;
  const MYSQL_FIELD* fields = metadata ? mysql_fetch_fields(metadata.get()) : nullptr;
  m_columns.clear();
  m_columns.resize(count);
  m_column_binds.assign(count, MYSQL_BIND{});
  for (unsigned c = 0; c < count; ++c) {
    Column& column = m_columns[c];
    const MYSQL_FIELD& field = fields[c];
    column.name.assign(field.name, field.name_length);
    column.type = field.type;
    column.flags = field.flags;
    column.charset = field.charsetnr;
    MYSQL_BIND& bind = m_column_binds[c];
    bool binary = field.charsetnr == k_binary_charset;
    using db::ColumnFamily;
    if (is_integer(field.type)) {
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.is_unsigned = (field.flags & UNSIGNED_FLAG) != 0;
      column.buffer.resize(sizeof(std::int64_t));
      column.family = field.type == MYSQL_TYPE_TINY && field.length == 1 ? ColumnFamily::boolean
                                                                         : ColumnFamily::integer;
    } else if (field.type == MYSQL_TYPE_FLOAT || field.type == MYSQL_TYPE_DOUBLE) {
      bind.buffer_type = MYSQL_TYPE_DOUBLE;
      column.buffer.resize(sizeof(double));
      column.family = ColumnFamily::real;
    } else if (is_temporal(field.type)) {
      bind.buffer_type = field.type;
      column.buffer.resize(sizeof(MYSQL_TIME));
      column.family = field.type == MYSQL_TYPE_TIME        ? ColumnFamily::time
                      : field.type == MYSQL_TYPE_DATETIME  ? ColumnFamily::timestamp
                      : field.type == MYSQL_TYPE_TIMESTAMP ? ColumnFamily::timestamptz
                                                           : ColumnFamily::date;
    } else {
      bind.buffer_type = binary ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
      column.buffer.resize(std::clamp<unsigned long>(field.length, 64, k_max_buffer));
      MARIADB_CONST_STRING format{};
      bool json = field.type == MYSQL_TYPE_JSON ||
                  (mariadb_field_attr(&format, &field, MARIADB_FIELD_ATTR_FORMAT_NAME) == 0 &&
                   std::string_view(format.str, format.length) == "json");
      column.family = json ? ColumnFamily::json
                      : field.type == MYSQL_TYPE_DECIMAL || field.type == MYSQL_TYPE_NEWDECIMAL
                          ? ColumnFamily::decimal
                      : binary && (field.flags & ENUM_FLAG) == 0 && (field.flags & SET_FLAG) == 0
                          ? ColumnFamily::bytes
                          : ColumnFamily::text;
    }
    bind.buffer = column.buffer.data();
    bind.buffer_length = static_cast<unsigned long>(column.buffer.size());
    bind.length = &column.length;
    bind.is_null = &column.null;
    bind.error = &column.truncated;
  }
  if (count > 0 && mysql_stmt_bind_result(m_statement.get(), m_column_binds.data()) != 0) {
    fail();
  }
}

void
MysqlStatement::execute(db::Fetch fetch)
{
  MYSQL_STMT* statement = m_statement.get();
  if (m_has_result) {
    mysql_stmt_free_result(statement);
    m_has_result = false;
  }
  m_on_row = false;
  if (m_params_changed && !m_param_binds.empty()) {
    if (mysql_stmt_bind_param(statement, m_param_binds.data()) != 0) {
      fail();
    }
    m_params_changed = false;
  }
  if (mysql_stmt_execute(statement) != 0) {
    fail();
  }
  m_has_result = mysql_stmt_field_count(statement) > 0;
  m_streaming = fetch == db::Fetch::streaming;
  if (columns_changed()) {
    bind_columns();
  }
  if (m_has_result && fetch == db::Fetch::buffered && mysql_stmt_store_result(statement) != 0) {
    fail();
  }
  my_ulonglong affected = mysql_stmt_affected_rows(statement);
  m_affected = affected == static_cast<my_ulonglong>(-1) ? 0 : static_cast<std::int64_t>(affected);
  m_last_insert_id = static_cast<std::int64_t>(mysql_stmt_insert_id(statement));
}

void
MysqlStatement::read_long_values()
{
  for (unsigned c = 0; c < m_columns.size(); ++c) {
    Column& column = m_columns[c];
    column.is_long = false;
    if (!column.truncated || column.null || column.length <= column.buffer.size()) {
      continue;
    }
    column.whole.resize(column.length);
    MYSQL_BIND bind;
    std::memset(&bind, 0, sizeof bind);
    bind.buffer_type = m_column_binds[c].buffer_type;
    bind.buffer = column.whole.data();
    bind.buffer_length = column.length;
    unsigned long length = 0;
    bind.length = &length;
    if (mysql_stmt_fetch_column(m_statement.get(), &bind, c, 0) != 0) {
      fail();
    }
    column.is_long = true;
  }
}

bool
MysqlStatement::next()
{
  if (!m_has_result) {
    return false;
  }
  int rc = mysql_stmt_fetch(m_statement.get());
  if (rc == 0 || rc == MYSQL_DATA_TRUNCATED) {
    m_on_row = true;
    if (rc == MYSQL_DATA_TRUNCATED) {
      read_long_values();
    } else {
      for (Column& column : m_columns) {
        column.is_long = false;
      }
    }
    return true;
  }
  m_on_row = false;
  m_has_result = false;
  if (rc == MYSQL_NO_DATA) {
    mysql_stmt_free_result(m_statement.get());
    return false;
  }
  fail();
}

void
MysqlStatement::reset()
{
  m_on_row = false;
  if (m_has_result) {
    m_has_result = false;
    // A streaming run's remaining rows are read off the wire and dropped (the server sends them
    // all regardless), so the connection takes commands again.
    mysql_stmt_free_result(m_statement.get());
    if (m_streaming && mysql_stmt_reset(m_statement.get()) != 0) {
      fail();
    }
  }
}

std::string_view
MysqlStatement::column_name(int column) const
{
  return m_columns.at(column).name;
}

db::ColumnFamily
MysqlStatement::column_family(int column) const
{
  return m_columns.at(column).family;
}

bool
MysqlStatement::is_null(int column) const
{
  if (!m_on_row) {
    throw DatabaseError("mysql: no current row to read (call next() first)", m_sql);
  }
  return m_columns.at(column).null != 0;
}

const MysqlStatement::Column&
MysqlStatement::value_of(int column) const
{
  if (is_null(column)) {
    throw DatabaseError(fmt::format("mysql: column {} ('{}') is NULL where a value was expected",
                                    column, column_name(column)),
                        m_sql);
  }
  return m_columns[column];
}

void
MysqlStatement::unreadable(int column, std::string_view as) const
{
  throw DatabaseError(fmt::format("mysql: column {} ('{}', field type {}) cannot be read as a {}",
                                  column, column_name(column),
                                  static_cast<int>(m_columns[column].type), as),
                      m_sql);
}

bool
MysqlStatement::get_bool(int column) const
{
  return get_int64(column) != 0;
}

std::int64_t
MysqlStatement::get_int64(int column) const
{
  const Column& value = value_of(column);
  if (is_integer(value.type)) {
    std::uint64_t bits;
    std::memcpy(&bits, value.buffer.data(), sizeof bits);
    if (m_column_binds[column].is_unsigned && bits > std::numeric_limits<std::int64_t>::max()) {
      throw DatabaseError(fmt::format("mysql: column {} ('{}') holds {}, beyond int64", column,
                                      column_name(column), bits),
                          m_sql);
    }
    return static_cast<std::int64_t>(bits);
  }
  if (value.family == db::ColumnFamily::decimal) { // SUM() of integers is a DECIMAL
    std::string_view text = get_text(column);
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) {
      return number;
    }
  }
  unreadable(column, "integer");
}

double
MysqlStatement::get_double(int column) const
{
  const Column& value = value_of(column);
  if (value.family == db::ColumnFamily::real) {
    double number;
    std::memcpy(&number, value.buffer.data(), sizeof number);
    return number;
  }
  if (is_integer(value.type)) {
    return static_cast<double>(get_int64(column));
  }
  if (value.family == db::ColumnFamily::decimal) {
    std::string_view text = get_text(column);
    double number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) {
      return number;
    }
  }
  unreadable(column, "number");
}

std::string_view
MysqlStatement::get_text(int column) const
{
  const Column& value = value_of(column);
  if (m_column_binds[column].buffer_type != MYSQL_TYPE_STRING &&
      m_column_binds[column].buffer_type != MYSQL_TYPE_BLOB) {
    unreadable(column, "text");
  }
  if (value.is_long) {
    return value.whole;
  }
  return {value.buffer.data(), value.length};
}

std::span<const std::byte>
MysqlStatement::get_bytes(int column) const
{
  std::string_view text = get_text(column);
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

namespace {

const MYSQL_TIME&
time_in(const std::vector<char>& buffer)
{
  return *reinterpret_cast<const MYSQL_TIME*>(buffer.data());
}

std::optional<Date>
date_of(const MYSQL_TIME& value)
{
  using namespace std::chrono;
  Date date{year(static_cast<int>(value.year)), month(value.month), day(value.day)};
  return date.ok() ? std::optional(date) : std::nullopt;
}

std::chrono::microseconds
clock_of(const MYSQL_TIME& value)
{
  using namespace std::chrono;
  return hours(value.hour) + minutes(value.minute) + seconds(value.second) +
         microseconds(value.second_part);
}

} // namespace

Date
MysqlStatement::get_date(int column) const
{
  const Column& value = value_of(column);
  if (!is_temporal(value.type) || value.type == MYSQL_TYPE_TIME) {
    unreadable(column, "date");
  }
  auto date = date_of(time_in(value.buffer));
  if (!date) {
    unreadable(column, "date (it is a zero or invalid date)");
  }
  return *date;
}

Time
MysqlStatement::get_time(int column) const
{
  const Column& value = value_of(column);
  const MYSQL_TIME& time = time_in(value.buffer);
  if (value.type != MYSQL_TYPE_TIME || time.neg || time.day != 0 || time.hour >= 24) {
    unreadable(column, "time of day");
  }
  return Time{clock_of(time)};
}

Timestamp
MysqlStatement::get_timestamp(int column) const
{
  Date date = get_date(column);
  return std::chrono::local_days(date) + clock_of(time_in(m_columns[column].buffer));
}

TimestampTz
MysqlStatement::get_timestamptz(int column) const
{
  // TIMESTAMP values come in the session's time zone, which the runtime sets to UTC.
  Date date = get_date(column);
  return std::chrono::sys_days(date) + clock_of(time_in(m_columns[column].buffer));
}

Decimal
MysqlStatement::get_decimal(int column) const
{
  const Column& value = value_of(column);
  if (is_integer(value.type)) {
    std::uint64_t bits;
    std::memcpy(&bits, value.buffer.data(), sizeof bits);
    return Decimal{m_column_binds[column].is_unsigned
                       ? std::to_string(bits)
                       : std::to_string(static_cast<std::int64_t>(bits))};
  }
  auto decimal = Decimal::parse(get_text(column));
  if (!decimal) {
    unreadable(column, "decimal");
  }
  return *decimal;
}

Uuid
MysqlStatement::get_uuid(int column) const
{
  auto uuid = Uuid::parse(get_text(column));
  if (!uuid) {
    unreadable(column, "uuid");
  }
  return *uuid;
}

std::string_view
MysqlStatement::get_json(int column) const
{
  return get_text(column);
}

} // namespace orm::dialect::mysql
