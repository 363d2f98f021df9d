#pragma once

#include "core/db/statement.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace orm::db {

using Value = std::optional<std::string>; // nullopt is SQL NULL

struct Result
{
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;

  // The value at (row, column), "" for NULL.
  std::string text(size_t row, size_t column) const { return rows[row][column].value_or(""); }
};

// A live database connection. Implementations own their client handle (RAII) and throw
// orm::DatabaseError carrying the statement and SQLSTATE on failure.
class Connection
{
public:
  virtual ~Connection() = default;

  // Runs one statement (or, where the client allows, a script) and discards any result.
  virtual void execute(const std::string& sql) = 0;
  // Runs one statement with positional parameters, written in the dialect's placeholder syntax.
  virtual Result query(const std::string& sql, const std::vector<Value>& params = {}) = 0;

  // A typed prepared statement (placeholders as for query()); it must not outlive this connection.
  virtual std::unique_ptr<Statement> prepare(const std::string& sql) = 0;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// Rolls back in its destructor unless commit() was called (libpqxx style).
class Transaction
{
public:
  explicit Transaction(Connection& connection) : m_connection(connection) { m_connection.begin(); }
  ~Transaction()
  {
    if (m_open) {
      try {
        m_connection.rollback();
      } catch (...) { // a destructor must not throw; the connection is being abandoned anyway
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit()
  {
    m_connection.commit();
    m_open = false;
  }

private:
  Connection& m_connection;
  bool m_open = true;
};

} // namespace orm::db
