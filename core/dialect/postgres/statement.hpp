#pragma once

#include "core/db/statement.hpp"
#include "core/dialect/postgres/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orm::dialect::postgres {

// A server-side prepared statement (PQprepare under a name unique on its connection), its
// parameter types inferred by the server. Parameters go and results come in text format: values
// are formatted and parsed here per column type (bytea as \x hex, timestamptz with its offset,
// booleans t/f). A streaming run uses single-row mode: one PGresult per row.
class PgStatement : public db::Statement
{
public:
  // Prepares and describes `sql` as `name`; `secrets` (the connection's, which outlives the
  // statement) are scrubbed from error messages.
  PgStatement(pg_conn* connection, std::string sql, std::string name,
              const std::vector<std::string>& secrets);
  ~PgStatement() override;
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

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
  std::int64_t last_insert_id() const override { return 0; }

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
  ResultHandle checked_result(pg_result* result) const;
  // The slot of parameter `index`, which must exist.
  std::optional<std::string>& param(int index);
  // Takes the next result of a streaming run: true on a row, false when the run is done.
  bool take_streamed();
  // Reads and drops what is left of a streaming run, so that the connection is free again.
  void drain();
  void require_value(int column) const;
  [[noreturn]] void unreadable(int column, std::string_view as) const;

  pg_conn* m_conn;
  std::string m_sql;
  std::string m_name;
  const std::vector<std::string>& m_secrets;
  ResultHandle m_description;                       // PQdescribePrepared: parameters and columns
  std::vector<std::optional<std::string>> m_params; // text format; nullopt is NULL
  ResultHandle m_result;                            // the buffered rows, or the streamed row
  int m_row = -1;                                   // the current row of m_result
  bool m_streaming = false;                         // a streaming run has results left to take
  std::int64_t m_affected = 0;
  // The current row's bytea values, decoded on first read (a getter is const).
  mutable std::vector<std::optional<Bytes>> m_bytes;
};

} // namespace orm::dialect::postgres
