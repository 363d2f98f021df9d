#pragma once

#include "core/dialect/dialect.hpp"
#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/flavor.hpp"
#include "core/dialect/sqlite/hooks.hpp"
#include "core/dialect/sqlite/store.hpp"

namespace orm::dialect::sqlite {

class SqliteDialect : public Dialect
{
public:
  std::string_view name() const override { return "sqlite"; }
  const diff::DiffHooks& hooks() const override { return m_hooks; }
  migrate::Plan plan(const diff::Changes& changes) const override;
  std::vector<std::string> create_statements(const schema::Schema& schema) const override;

private:
  SqliteHooks m_hooks;
};

class SqliteSession : public Session
{
public:
  explicit SqliteSession(const std::string& path);

  const Dialect& dialect() const override { return m_dialect; }
  db::Connection& connection() override { return m_connection; }
  const db::SqlFlavor& flavor() const override { return m_flavor; }
  schema::Schema inspect() override;
  migrate::Store& store() override { return m_store; }

private:
  SqliteDialect m_dialect;
  SqliteConnection m_connection;
  SqliteStore m_store;
  SqliteFlavor m_flavor;
};

} // namespace orm::dialect::sqlite
