#include "core/dialect/postgres/dialect.hpp"

#include "core/dialect/postgres/inspect.hpp"
#include "core/dialect/postgres/plan.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::dialect::postgres {

namespace {

constexpr const char* k_default_schema = "public";
constexpr const char* k_set_search_path = "SET search_path TO {}";
constexpr const char* k_set_statement_timeout = "SET statement_timeout = {}";
constexpr const char* k_set_lock_timeout = "SET lock_timeout = {}";

// The server's own schemas (PostgreSQL reserves every name that starts with pg_): managing one
// would plan the drop of every catalog table in it.
const std::string&
unless_system_schema(const std::string& schema)
{
  if (schema.starts_with("pg_") || schema == "information_schema") {
    throw Error(ErrorKind::config,
                fmt::format("refusing to manage the system schema \"{}\": choose your "
                            "application's schema with --schema",
                            schema));
  }
  return schema;
}

} // namespace

migrate::Plan
PostgresDialect::plan(const diff::Changes& changes) const
{
  return postgres::plan(changes);
}

std::vector<std::string>
PostgresDialect::create_statements(const schema::Schema& schema) const
{
  return postgres::create_statements(schema);
}

PostgresSession::PostgresSession(const std::string& url, const ConnectOptions& options)
    : m_schema(options.schema.empty() ? k_default_schema : unless_system_schema(options.schema)),
      m_connection(url), m_store(m_connection, m_schema)
{
  m_connection.execute(fmt::format(k_set_search_path, quote_identifier(m_schema)));
  if (options.statement_timeout_ms) {
    m_connection.execute(fmt::format(k_set_statement_timeout, *options.statement_timeout_ms));
  }
  if (options.ddl_lock_timeout_ms) {
    m_connection.execute(fmt::format(k_set_lock_timeout, *options.ddl_lock_timeout_ms));
  }
}

schema::Schema
PostgresSession::inspect()
{
  return postgres::inspect(m_connection, m_schema);
}

} // namespace orm::dialect::postgres
