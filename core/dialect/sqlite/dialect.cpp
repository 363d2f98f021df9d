#include "core/dialect/sqlite/dialect.hpp"

#include "core/dialect/sqlite/inspect.hpp"
#include "core/dialect/sqlite/plan.hpp"

namespace orm::dialect::sqlite {

migrate::Plan
SqliteDialect::plan(const diff::Changes& changes) const
{
  return sqlite::plan(changes);
}

std::vector<std::string>
SqliteDialect::create_statements(const schema::Schema& schema) const
{
  return sqlite::create_statements(schema);
}

SqliteSession::SqliteSession(const std::string& path) : m_connection(path), m_store(m_connection) {}

schema::Schema
SqliteSession::inspect()
{
  return sqlite::inspect(m_connection);
}

} // namespace orm::dialect::sqlite
