#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/diff/hooks.hpp"

namespace orm::dialect::mysql {

// What MySQL or MariaDB stores, so that a database migrated to the models compares equal to
// them. Branches on the server where the two differ (function spellings in expressions).
class MysqlHooks : public diff::DiffHooks
{
public:
  explicit MysqlHooks(ServerInfo server) : m_server(server) {}

  void normalize(schema::Table& table) const override;
  bool allows_forward_references() const override { return false; }

  const ServerInfo& server() const { return m_server; }

private:
  ServerInfo m_server;
};

} // namespace orm::dialect::mysql
