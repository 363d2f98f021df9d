#pragma once

#include "core/db/connection.hpp"

#include <memory>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace orm::dialect::postgres {

struct ConnDeleter
{
  void operator()(pg_conn* connection) const;
};

struct ResultDeleter
{
  void operator()(pg_result* result) const;
};
using ResultHandle = std::unique_ptr<pg_result, ResultDeleter>;

// Takes `result` (null when libpq ran out of memory or lost the server) and throws unless it is a
// success: "postgres: <message> (SQLSTATE <code>)" with `sql` and the SQLSTATE, as the
// core/db/errors.hpp kind the SQLSTATE stands for (23505 UniqueViolation, 40001 TransientError,
// ...), every text of `secrets` scrubbed from the message.
ResultHandle checked(pg_conn* connection, pg_result* result, const std::string& sql,
                     const std::vector<std::string>& secrets);

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
  std::vector<std::string> m_secrets; // the URL's password texts, never shown in a message
  int m_prepared = 0;                 // statements prepared so far: their names are orm_<n>
};

// The SQLSTATE a failed connection stands for, from libpq's message: 28P01 bad password,
// 3D000 unknown database, 28000 rejected role, 08001 anything else (refused, timed out, DNS).
std::string connection_sqlstate(const std::string& message);
// Double quotes, doubled inside: my"table -> "my""table".
std::string quote_identifier(const std::string& name);

} // namespace orm::dialect::postgres
