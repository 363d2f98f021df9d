#pragma once

#include "core/util/error.hpp"

#include <string>

// Errors an application catches by kind, the same on every dialect. Each dialect's statement code
// classifies its server's errors into these (SQLSTATE 23505, MySQL 1062, SQLITE_CONSTRAINT_UNIQUE
// are all a UniqueViolation); the message never holds a password.
namespace orm {

enum class Violation
{
  unique,      // also a duplicate primary key
  foreign_key, // a missing parent, or a parent still referenced
  not_null,
  check,
};

class ConstraintViolation : public DatabaseError
{
public:
  // `constraint` is the constraint's or index's name where the server says it (SQLite names
  // the columns instead: "users.email"); `statement` the SQL that failed.
  ConstraintViolation(Violation kind, std::string constraint, const std::string& message,
                      std::string statement, std::string sqlstate)
      : DatabaseError(message, std::move(statement), std::move(sqlstate)), m_kind(kind),
        m_constraint(std::move(constraint))
  {
  }
  Violation violation() const { return m_kind; }
  const std::string& constraint() const { return m_constraint; }

private:
  Violation m_kind;
  std::string m_constraint;
};

class UniqueViolation : public ConstraintViolation
{
public:
  UniqueViolation(std::string constraint, const std::string& message, std::string statement,
                  std::string sqlstate)
      : ConstraintViolation(Violation::unique, std::move(constraint), message, std::move(statement),
                            std::move(sqlstate))
  {
  }
};

class ForeignKeyViolation : public ConstraintViolation
{
public:
  ForeignKeyViolation(std::string constraint, const std::string& message, std::string statement,
                      std::string sqlstate)
      : ConstraintViolation(Violation::foreign_key, std::move(constraint), message,
                            std::move(statement), std::move(sqlstate))
  {
  }
};

class NotNullViolation : public ConstraintViolation
{
public:
  // `constraint` is the column ("users.email") where the server names no constraint.
  NotNullViolation(std::string constraint, const std::string& message, std::string statement,
                   std::string sqlstate)
      : ConstraintViolation(Violation::not_null, std::move(constraint), message,
                            std::move(statement), std::move(sqlstate))
  {
  }
};

class CheckViolation : public ConstraintViolation
{
public:
  CheckViolation(std::string constraint, const std::string& message, std::string statement,
                 std::string sqlstate)
      : ConstraintViolation(Violation::check, std::move(constraint), message, std::move(statement),
                            std::move(sqlstate))
  {
  }
};

// A failure that running the same transaction again may cure: a serialization failure (40001),
// a deadlock (40P01, MySQL 1213), a lock wait timeout (MySQL 1205), SQLITE_BUSY.
class TransientError : public DatabaseError
{
public:
  using DatabaseError::DatabaseError;
};

// Throws the exception above that fits `kind`.
[[noreturn]] void throw_violation(Violation kind, std::string constraint,
                                  const std::string& message, std::string statement,
                                  std::string sqlstate);

} // namespace orm
