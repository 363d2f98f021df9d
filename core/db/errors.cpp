#include "core/db/errors.hpp"

namespace orm {

void
throw_violation(Violation kind, std::string constraint, const std::string& message,
                std::string statement, std::string sqlstate)
{
  switch (kind) {
  case Violation::unique:
    throw UniqueViolation(std::move(constraint), message, std::move(statement),
                          std::move(sqlstate));
  case Violation::foreign_key:
    throw ForeignKeyViolation(std::move(constraint), message, std::move(statement),
                              std::move(sqlstate));
  case Violation::not_null:
    throw NotNullViolation(std::move(constraint), message, std::move(statement),
                           std::move(sqlstate));
  case Violation::check:
    break;
  }
  throw CheckViolation(std::move(constraint), message, std::move(statement), std::move(sqlstate));
}

} // namespace orm
