#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "tests/support/servers.hpp"

#include <memory>
#include <stdexcept>
#include <string>

namespace orm::test {

// A database of its own on the MariaDB or MySQL test server (mysql_server_url()), dropped at the
// end, so tests run in parallel.
class ScratchDatabase
{
public:
  ScratchDatabase() : m_admin(mysql_server_url()), m_name(unique_name("orm_test"))
  {
    if (testing_mysql8() && m_admin.server().kind != dialect::mysql::ServerKind::mysql) {
      throw std::runtime_error("ORM_TEST_MYSQL8_URL names a MariaDB server, not MySQL");
    }
    m_admin.execute("CREATE DATABASE `" + m_name + "`");
    std::string server = mysql_server_url();
    m_url = server.substr(0, server.rfind('/') + 1) + m_name;
    m_connection = std::make_unique<dialect::mysql::MysqlConnection>(m_url);
  }
  ~ScratchDatabase()
  {
    try {
      m_admin.execute("DROP DATABASE IF EXISTS `" + m_name + "`");
    } catch (...) { // the server went away: nothing left to clean
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  dialect::mysql::MysqlConnection& connection() { return *m_connection; }
  const std::string& url() const { return m_url; }
  const std::string& name() const { return m_name; }

  // Drops every table, for the next case on the same database.
  void clear()
  {
    auto tables = m_connection->query(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
    m_connection->execute("SET FOREIGN_KEY_CHECKS = 0");
    for (size_t i = 0; i < tables.rows.size(); ++i) {
      m_connection->execute("DROP TABLE `" + tables.text(i, 0) + "`");
    }
    m_connection->execute("SET FOREIGN_KEY_CHECKS = 1");
  }

private:
  dialect::mysql::MysqlConnection m_admin;
  std::string m_name;
  std::string m_url;
  std::unique_ptr<dialect::mysql::MysqlConnection> m_connection;
};

} // namespace orm::test
