#include "core/dialect/mysql/dialect.hpp"

#include "core/dialect/mysql/inspect.hpp"
#include "core/dialect/mysql/plan.hpp"
#include "core/diff/differ.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace orm::dialect::mysql {

namespace {

constexpr const char* k_set_lock_wait_timeout = "SET SESSION lock_wait_timeout = {}";
constexpr const char* k_set_mariadb_statement_timeout = "SET SESSION max_statement_time = {:.3f}";
// MySQL limits SELECT statements only.
constexpr const char* k_set_mysql_statement_timeout = "SET SESSION MAX_EXECUTION_TIME = {}";

} // namespace

migrate::Plan
MysqlDialect::plan(const diff::Changes& changes) const
{
  return mysql::plan(changes, m_hooks.server());
}

std::vector<std::string>
MysqlDialect::create_statements(const schema::Schema& schema) const
{
  return mysql::create_statements(schema);
}

MysqlSession::MysqlSession(const std::string& url, const ConnectOptions& options)
    : m_connection(url), m_dialect(m_connection.server()), m_store(m_connection)
{
  // lock_wait_timeout (metadata locks DDL waits for) has a resolution of seconds.
  if (options.ddl_lock_timeout_ms) {
    m_connection.execute(fmt::format(k_set_lock_wait_timeout,
                                     std::max(1, (*options.ddl_lock_timeout_ms + 999) / 1000)));
  }
  if (options.statement_timeout_ms) {
    bool mariadb = m_connection.server().kind == ServerKind::mariadb;
    m_connection.execute(
        mariadb
            ? fmt::format(k_set_mariadb_statement_timeout, *options.statement_timeout_ms / 1000.0)
            : fmt::format(k_set_mysql_statement_timeout, *options.statement_timeout_ms));
  }
}

schema::Schema
MysqlSession::inspect()
{
  // In the canonical form (bool defaults as true/false, expressions as the server prints them).
  return diff::normalized(mysql::inspect(m_connection), m_dialect.hooks());
}

} // namespace orm::dialect::mysql
