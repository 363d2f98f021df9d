#pragma once

#include "core/db/statement.hpp"

#include <memory>
#include <string>
#include <vector>

struct st_mysql;
struct st_mysql_stmt;
struct st_mysql_res;
struct st_mysql_bind;
struct st_mysql_time;

namespace orm::dialect::mysql {

struct StatementDeleter
{
  void operator()(st_mysql_stmt* statement) const;
};
struct MetadataDeleter
{
  void operator()(st_mysql_res* metadata) const;
};

// A server-side prepared statement (mysql_stmt_*). Parameters are bound in owned buffers: bools
// as TINY, integers LONGLONG, dates and times as MYSQL_TIME with microseconds, decimals as
// NEWDECIMAL text, uuids as their 36-character text (the column is char(36)), JSON as text.
// timestamptz values are MYSQL_TIME in UTC (the sessions run with time_zone '+00:00') and must lie
// in TIMESTAMP's range, 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC, or bind() throws.
// Results are read by the columns' field types: tinyint(1) is boolean, DECIMAL exact text, binary
// strings (charset 63) bytes, DATETIME timestamp, TIMESTAMP timestamptz, JSON (MySQL's type,
// MariaDB's format=json metadata) json. A bigint unsigned above INT64_MAX is a DatabaseError from
// get_int64() (get_decimal() reads it exactly). Errors carry the server's error number as text
// ("1062") in sqlstate(), and "ERROR 1062 (23000): ..." with the real SQLSTATE in the message.
// String values longer than their buffer (at most 8 KiB a column) are fetched again whole. A
// streaming run holds the connection until its last row; reset() reads and drops what is left.
class MysqlStatement : public db::Statement
{
public:
  MysqlStatement(st_mysql* connection, std::string sql);
  ~MysqlStatement() override;
  MysqlStatement(const MysqlStatement&) = delete;
  MysqlStatement& operator=(const MysqlStatement&) = delete;

  const std::string& sql() const override { return m_sql; }
  int parameter_count() const override;

  void bind_null(int index) override;
  void bind(int index, bool value) override;
  void bind(int index, std::int64_t value) override;
  void bind(int index, double value) override;
  void bind(int index, std::string_view text) override;
  void bind(int index, std::span<const std::byte> bytes) override;
  void bind(int index, Date value) override;
  void bind(int index, Time value) override;
  void bind(int index, Timestamp value) override;
  void bind(int index, TimestampTz value) override;
  void bind(int index, const Decimal& value) override;
  void bind(int index, const Uuid& value) override;
  void bind_json(int index, std::string_view json_text) override;

  void execute(db::Fetch fetch) override;
  bool next() override;
  void reset() override;
  std::int64_t affected_rows() const override { return m_affected; }
  std::int64_t last_insert_id() const override { return m_last_insert_id; }

  int column_count() const override;
  std::string_view column_name(int column) const override;
  db::ColumnFamily column_family(int column) const override;

  bool is_null(int column) const override;
  bool get_bool(int column) const override;
  std::int64_t get_int64(int column) const override;
  double get_double(int column) const override;
  std::string_view get_text(int column) const override;
  std::span<const std::byte> get_bytes(int column) const override;
  Date get_date(int column) const override;
  Time get_time(int column) const override;
  Timestamp get_timestamp(int column) const override;
  TimestampTz get_timestamptz(int column) const override;
  Decimal get_decimal(int column) const override;
  Uuid get_uuid(int column) const override;
  std::string_view get_json(int column) const override;

private:
  struct Parameter;
  struct Column;

  [[noreturn]] void fail() const;
  Parameter& parameter(int index, int buffer_type);
  void bind_time(int index, int buffer_type, const st_mysql_time& value);
  void bind_text(int index, int buffer_type, std::string_view text);
  bool columns_changed() const;
  // Describes the result columns (again) and binds a buffer for each.
  void bind_columns();
  void read_long_values();
  const Column& value_of(int column) const;
  [[noreturn]] void unreadable(int column, std::string_view as) const;

  st_mysql* m_connection;
  std::unique_ptr<st_mysql_stmt, StatementDeleter> m_statement;
  std::string m_sql;
  std::vector<Parameter> m_params;
  std::vector<st_mysql_bind> m_param_binds;
  bool m_params_changed = true; // mysql_stmt_bind_param again before the next execute
  std::vector<Column> m_columns;
  std::vector<st_mysql_bind> m_column_binds;
  bool m_has_result = false; // a run's rows are open (free them before the next run)
  bool m_streaming = false;  // the open run is Fetch::streaming
  bool m_on_row = false;
  std::int64_t m_affected = 0;
  std::int64_t m_last_insert_id = 0;
};

} // namespace orm::dialect::mysql
