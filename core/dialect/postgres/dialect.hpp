#pragma once

#include "core/dialect/dialect.hpp"
#include "core/dialect/postgres/connection.hpp"
#include "core/dialect/postgres/flavor.hpp"
#include "core/dialect/postgres/hooks.hpp"
#include "core/dialect/postgres/store.hpp"

namespace orm::dialect::postgres {

class PostgresDialect : public Dialect
{
public:
  std::string_view name() const override { return "postgres"; }
  const diff::DiffHooks& hooks() const override { return m_hooks; }
  migrate::Plan plan(const diff::Changes& changes) const override;
  std::vector<std::string> create_statements(const schema::Schema& schema) const override;

private:
  PostgresHooks m_hooks;
};

// A connection whose search_path is the managed schema (default public), with the session's
// statement_timeout and lock_timeout set.
class PostgresSession : public Session
{
public:
  PostgresSession(const std::string& url, const ConnectOptions& options);

  const Dialect& dialect() const override { return m_dialect; }
  db::Connection& connection() override { return m_connection; }
  const db::SqlFlavor& flavor() const override { return m_flavor; }
  schema::Schema inspect() override;
  migrate::Store& store() override { return m_store; }

private:
  PostgresDialect m_dialect;
  std::string m_schema;
  PgConnection m_connection;
  PostgresStore m_store;
  PostgresFlavor m_flavor;
};

} // namespace orm::dialect::postgres
