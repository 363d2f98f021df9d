#pragma once

#include "core/db/values.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace orm::db {

// What a result column holds, as the server describes it: enough for raw SQL's first-run check
// that a C++ type can read it. `unknown` where the server does not say (SQLite expressions).
enum class ColumnFamily
{
  unknown,
  boolean,
  integer,
  real,
  decimal,
  text,
  bytes,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
};

// How execute() takes the rows.
enum class Fetch
{
  buffered,  // all rows at once (fastest for small results; the connection is free at once)
  streaming, // row by row in constant memory; the connection is busy until the last row or reset()
};

// A server-side prepared statement with typed binding and typed reading (sqlite3_stmt,
// PQprepare/PQexecPrepared, mysql_stmt_*). Owned by its connection's statement cache; it must not
// outlive the connection. Parameters and columns count from 0. Errors are orm::DatabaseError
// (or one of core/db/errors.hpp's subclasses), carrying the statement text and the SQLSTATE or
// server error code.
class Statement
{
public:
  virtual ~Statement() = default;

  virtual const std::string& sql() const = 0;
  virtual int parameter_count() const = 0;

  // Bound values stay until rebound; text and bytes are copied where the client needs them kept.
  virtual void bind_null(int index) = 0;
  virtual void bind(int index, bool value) = 0;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind(int index, double value) = 0;
  virtual void bind(int index, std::string_view text) = 0;
  virtual void bind(int index, std::span<const std::byte> bytes) = 0;
  virtual void bind(int index, Date value) = 0;
  virtual void bind(int index, Time value) = 0;
  virtual void bind(int index, Timestamp value) = 0;
  virtual void bind(int index, TimestampTz value) = 0;
  virtual void bind(int index, const Decimal& value) = 0;
  virtual void bind(int index, const Uuid& value) = 0;
  virtual void bind_json(int index, std::string_view json_text) = 0;

  // Runs the statement with the bound values, dropping any rows of an earlier run; the first row
  // (if any) is read by next().
  virtual void execute(Fetch fetch = Fetch::buffered) = 0;
  // Moves to the next row; false when there is none (and the statement is done).
  virtual bool next() = 0;
  // Ends a run early (a streaming one gives its connection back).
  virtual void reset() = 0;
  // Rows changed by the last run (INSERT/UPDATE/DELETE).
  virtual std::int64_t affected_rows() const = 0;
  // The AUTO_INCREMENT/rowid value of the last run's insert (SQLite, MySQL); 0 where none.
  virtual std::int64_t last_insert_id() const = 0;

  virtual int column_count() const = 0;
  virtual std::string_view column_name(int column) const = 0;
  virtual ColumnFamily column_family(int column) const = 0;

  // The current row's values. Reading a NULL as anything but is_null() throws DatabaseError;
  // text and bytes stay valid until next(), execute() or reset().
  virtual bool is_null(int column) const = 0;
  virtual bool get_bool(int column) const = 0;
  virtual std::int64_t get_int64(int column) const = 0;
  virtual double get_double(int column) const = 0;
  virtual std::string_view get_text(int column) const = 0;
  virtual std::span<const std::byte> get_bytes(int column) const = 0;
  virtual Date get_date(int column) const = 0;
  virtual Time get_time(int column) const = 0;
  virtual Timestamp get_timestamp(int column) const = 0;
  virtual TimestampTz get_timestamptz(int column) const = 0;
  virtual Decimal get_decimal(int column) const = 0;
  virtual Uuid get_uuid(int column) const = 0;
  virtual std::string_view get_json(int column) const = 0; // the JSON document's text
};

} // namespace orm::db
