#pragma once

#include "core/db/connection.hpp"

#include <memory>
#include <string>

struct pg_conn;

namespace orm::dialect::postgres {

struct ConnDeleter
{
  void operator()(pg_conn* connection) const;
};

// RAII over PGconn*. Placeholders are `$1`, `$2`, ... execute() accepts a script of several
// statements. Errors carry the server's message, the statement and the SQLSTATE.
class PgConnection : public db::Connection
{
public:
  // `url` is a postgres:// or postgresql:// URL, read by util::parse_url and handed to libpq as
  // keywords and values (PG* environment variables fill what it leaves out); every query
  // parameter is a libpq keyword; connect_timeout defaults to 10 s when the URL has none.
  explicit PgConnection(const std::string& url);

  void execute(const std::string& sql) override;
  db::Result query(const std::string& sql, const std::vector<db::Value>& params = {}) override;
  std::unique_ptr<db::Statement> prepare(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;

private:
  std::unique_ptr<pg_conn, ConnDeleter> m_conn;
};

// The SQLSTATE a failed connection stands for, from libpq's message: 28P01 bad password,
// 3D000 unknown database, 28000 rejected role, 08001 anything else (refused, timed out, DNS).
std::string connection_sqlstate(const std::string& message);
// Double quotes, doubled inside: my"table -> "my""table".
std::string quote_identifier(const std::string& name);

} // namespace orm::dialect::postgres
