#include "core/dialect/mysql/dialect.hpp"

#include "core/dialect/mysql/inspect.hpp"
#include "core/dialect/mysql/plan.hpp"
#include "core/diff/differ.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace orm::dialect::mysql {

namespace {

constexpr const char* k_set_lock_wait_timeout = "SET SESSION lock_wait_timeout = {}";
constexpr const char* k_set_mariadb_statement_timeout = "SET SESSION max_statement_time = {:.3f}";
// MySQL limits SELECT statements only.
constexpr const char* k_set_mysql_statement_timeout = "SET SESSION MAX_EXECUTION_TIME = {}";

// The server's own schemas: managing one would plan the drop of every system table in it.
constexpr std::string_view k_system_databases[] = {"mysql", "sys", "information_schema",
                                                   "performance_schema"};

void
refuse_system_database(const std::string& database)
{
  std::string name = util::to_lower(database);
  if (std::ranges::find(k_system_databases, name) != std::end(k_system_databases)) {
    throw Error(ErrorKind::config,
                fmt::format("refusing to manage the server's system database `{}`: put your "
                            "application's database in the URL",
                            database));
  }
}

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
  refuse_system_database(m_connection.database());
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
  schema::Schema read = mysql::inspect(m_connection);
  // inspect read the database's defaults again: the hooks follow an ALTER DATABASE.
  m_dialect = MysqlDialect(m_connection.server());
  // In the canonical form (bool defaults as true/false, expressions as the server prints them).
  return diff::normalized(read, m_dialect.hooks());
}

} // namespace orm::dialect::mysql
