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
  // Tables, columns, indexes, foreign keys and checks alike, on MariaDB 10.11 and MySQL 9.7 (error
  // 1059 beyond).
  std::optional<schema::NameLimit> name_limit() const override
  {
    return schema::NameLimit{64, schema::NameLimit::Unit::characters};
  }

  const ServerInfo& server() const { return m_server; }

private:
  ServerInfo m_server;
};

} // namespace orm::dialect::mysql
