#pragma once

#include <stdexcept>
#include <string>

namespace orm {

// Every failure the tool reports is an Error; its kind decides the documented exit code.
enum class ErrorKind {
  usage,     // bad flags or arguments (exit 2)
  config,    // orm.toml, URL or models file (exit 2)
  database,  // connecting, introspecting, a failed statement (exit 3)
  migration, // the migration directory or history is inconsistent (exit 3)
};

class Error : public std::runtime_error
{
public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  ErrorKind kind() const { return m_kind; }

private:
  ErrorKind m_kind;
};

// A database error carries the statement that failed and the server's SQLSTATE (or error code).
class DatabaseError : public Error
{
public:
  DatabaseError(const std::string& message, std::string statement = {}, std::string sqlstate = {})
    : Error(ErrorKind::database, message), m_statement(std::move(statement)),
      m_sqlstate(std::move(sqlstate))
  {
  }
  const std::string& statement() const { return m_statement; }
  const std::string& sqlstate() const { return m_sqlstate; }

private:
  std::string m_statement;
  std::string m_sqlstate;
};

} // namespace orm
