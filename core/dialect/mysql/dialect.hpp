#pragma once

#include "core/dialect/dialect.hpp"
#include "core/dialect/mysql/connection.hpp"
#include "core/dialect/mysql/flavor.hpp"
#include "core/dialect/mysql/hooks.hpp"
#include "core/dialect/mysql/store.hpp"

namespace orm::dialect::mysql {

// Without a connection (offline planning), the dialect assumes MariaDB 10.11.
class MysqlDialect : public Dialect
{
public:
  explicit MysqlDialect(ServerInfo server = {}) : m_hooks(server) {}

  std::string_view name() const override { return "mysql"; }
  const diff::DiffHooks& hooks() const override { return m_hooks; }
  migrate::Plan plan(const diff::Changes& changes) const override;
  std::vector<std::string> create_statements(const schema::Schema& schema) const override;

private:
  MysqlHooks m_hooks;
};

class MysqlSession : public Session
{
public:
  MysqlSession(const std::string& url, const ConnectOptions& options);

  const Dialect& dialect() const override { return m_dialect; }
  db::Connection& connection() override { return m_connection; }
  const db::SqlFlavor& flavor() const override { return m_flavor; }
  schema::Schema inspect() override;
  migrate::Store& store() override { return m_store; }

private:
  MysqlConnection m_connection;
  MysqlDialect m_dialect;
  MysqlStore m_store;
  MysqlFlavor m_flavor;
};

} // namespace orm::dialect::mysql
