#include "core/runtime/connection.hpp"

#include <fmt/format.h>

namespace orm {

Connection::Connection(std::unique_ptr<dialect::Session> session) : m_session(std::move(session)) {}

// The statements go before the session that owns their connection.
Connection::~Connection()
{
  m_by_text.clear();
  m_by_maker.clear();
}

db::Statement&
Connection::statement(const std::string& sql)
{
  auto& cached = m_by_text[sql];
  if (!cached) {
    cached = raw().prepare(sql);
  }
  return *cached;
}

db::Statement&
Connection::statement(SqlMaker make_sql, std::uint64_t shape)
{
  auto& cached = m_by_maker[{make_sql, shape}];
  if (!cached) {
    cached = raw().prepare(make_sql(flavor(), shape));
  }
  return *cached;
}

void
Connection::begin()
{
  if (m_depth == 0) {
    raw().begin();
  } else {
    raw().execute(fmt::format("SAVEPOINT orm_{}", m_depth));
  }
  ++m_depth;
}

void
Connection::commit()
{
  --m_depth;
  if (m_depth == 0) {
    raw().commit();
  } else {
    raw().execute(fmt::format("RELEASE SAVEPOINT orm_{}", m_depth));
  }
}

void
Connection::rollback()
{
  --m_depth;
  if (m_depth == 0) {
    raw().rollback();
  } else {
    raw().execute(fmt::format("ROLLBACK TO SAVEPOINT orm_{}", m_depth));
    raw().execute(fmt::format("RELEASE SAVEPOINT orm_{}", m_depth));
  }
}

Transaction::~Transaction()
{
  if (m_open) {
    try {
      m_connection.rollback();
    } catch (...) { // a destructor must not throw; the connection reports the failure next
    }
  }
}

void
Transaction::commit()
{
  m_open = false;
  m_connection.commit();
}

void
check_column_count(const db::Statement& statement, int expected)
{
  if (statement.column_count() != expected) {
    throw Error(ErrorKind::database,
                fmt::format("the query returns {} columns where {} are read: {}",
                            statement.column_count(), expected, statement.sql()));
  }
}

} // namespace orm
