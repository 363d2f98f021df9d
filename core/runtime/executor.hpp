#pragma once

#include "core/db/sql_flavor.hpp"
#include "core/db/statement.hpp"

#include <cstdint>
#include <string>

namespace orm {

// What a query runs on: a checked-out connection, or a transaction on one. The builders and the
// generated lookups take an Executor&, so the same code runs inside and outside a transaction.
class Executor
{
public:
  virtual ~Executor() = default;

  virtual const db::SqlFlavor& flavor() const = 0;
  // The prepared statement for `sql` from this connection's statement cache (prepared on first
  // use). The reference stays valid until the connection goes back to its pool.
  virtual db::Statement& statement(const std::string& sql) = 0;

  // Makes the SQL of a query whose shape is fixed at compile time (a generated lookup, an insert
  // with a given set of columns): `shape` tells apart the variants one maker writes.
  using SqlMaker = std::string (*)(const db::SqlFlavor& flavor, std::uint64_t shape);
  // The cached statement of (make_sql, shape), prepared on first use: the hot path, which builds
  // no SQL text once the statement is cached.
  virtual db::Statement& statement(SqlMaker make_sql, std::uint64_t shape = 0) = 0;
};

// Resets a statement when the scope ends, however it ends: a statement left on a row holds its
// connection (on SQLite, a read lock that blocks every writer).
class ResetOnExit
{
public:
  explicit ResetOnExit(db::Statement& statement) : m_statement(statement) {}
  ~ResetOnExit()
  {
    try {
      m_statement.reset();
    } catch (...) { // a destructor must not throw; the next execute() reports a broken connection
    }
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
  db::Statement& m_statement;
};

} // namespace orm
