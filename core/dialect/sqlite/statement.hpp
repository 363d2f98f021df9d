#pragma once

#include "core/db/statement.hpp"

#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace orm::dialect::sqlite {

// A sqlite3_stmt prepared with SQLITE_PREPARE_PERSISTENT. Dates and times are stored as ISO 8601
// text (what CURRENT_TIMESTAMP writes), timestamptz in UTC with "+00:00", booleans as 0/1,
// decimals as text (NUMERIC affinity keeps up to 15 significant digits exactly), uuids as text.
class SqliteStatement : public db::Statement
{
public:
  SqliteStatement(sqlite3* db, std::string sql);
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

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
  [[noreturn]] void fail() const;
  void check_bind(int rc) const;
  // Steps once: true on a row, false when done.
  bool step();
  void require_value(int column) const;
  [[noreturn]] void unreadable(int column, std::string_view as) const;

  sqlite3* m_db;
  sqlite3_stmt* m_statement = nullptr;
  std::string m_sql;
  bool m_row_pending = false; // execute() stepped onto a row that next() has not yet handed out
  bool m_done = true;
  std::int64_t m_affected = 0;
  std::int64_t m_last_insert_id = 0;
};

} // namespace orm::dialect::sqlite
