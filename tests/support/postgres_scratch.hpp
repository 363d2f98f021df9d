#pragma once

#include "core/dialect/dialect.hpp"
#include "core/dialect/postgres/connection.hpp"
#include "tests/support/servers.hpp"

#include <memory>
#include <string>

namespace orm::test {

// The PostgreSQL test server's URL (ORM_TEST_POSTGRES_URL); fails the test when unset.
inline std::string
postgres_url()
{
  return server_url("ORM_TEST_POSTGRES_URL");
}

// A PostgreSQL schema of its own for one test case, dropped with everything in it at the end, so
// that test cases run in parallel on one server.
class PostgresScratchSchema
{
public:
  PostgresScratchSchema() : m_name(unique_name("orm_pg")), m_admin(postgres_url())
  {
    m_admin.execute("CREATE SCHEMA " + dialect::postgres::quote_identifier(m_name));
  }
  ~PostgresScratchSchema()
  {
    try {
      m_admin.execute("DROP SCHEMA " + dialect::postgres::quote_identifier(m_name) + " CASCADE");
    } catch (...) { // a destructor must not throw; a leftover schema harms no other test
    }
  }
  PostgresScratchSchema(const PostgresScratchSchema&) = delete;
  PostgresScratchSchema& operator=(const PostgresScratchSchema&) = delete;

  const std::string& name() const { return m_name; }
  // A session managing this schema.
  std::unique_ptr<dialect::Session> session() const
  {
    dialect::ConnectOptions options;
    options.schema = m_name;
    return dialect::connect(postgres_url(), options);
  }
  // Empties the schema for the next round of a test.
  void reset()
  {
    std::string quoted = dialect::postgres::quote_identifier(m_name);
    m_admin.execute("DROP SCHEMA " + quoted + " CASCADE; CREATE SCHEMA " + quoted);
  }

private:
  std::string m_name;
  dialect::postgres::PgConnection m_admin;
};

// A database of its own (for what needs a whole database: the CLI examples), dropped at the end.
class PostgresScratchDatabase
{
public:
  PostgresScratchDatabase() : m_name(unique_name("orm_db")), m_admin(postgres_url())
  {
    m_admin.execute("CREATE DATABASE " + m_name);
  }
  ~PostgresScratchDatabase()
  {
    try {
      m_admin.execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) { // a destructor must not throw; a leftover database harms no other test
    }
  }
  PostgresScratchDatabase(const PostgresScratchDatabase&) = delete;
  PostgresScratchDatabase& operator=(const PostgresScratchDatabase&) = delete;

  // The server URL with this database in place of the server's.
  std::string url() const
  {
    std::string base = postgres_url();
    size_t query = base.find('?');
    std::string tail = query == std::string::npos ? "" : base.substr(query);
    std::string head = base.substr(0, query);
    return head.substr(0, head.rfind('/') + 1) + m_name + tail;
  }

private:
  std::string m_name;
  dialect::postgres::PgConnection m_admin;
};

} // namespace orm::test
