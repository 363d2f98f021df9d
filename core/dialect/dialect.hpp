#pragma once

#include "core/db/connection.hpp"
#include "core/db/sql_flavor.hpp"
#include "core/diff/change.hpp"
#include "core/diff/hooks.hpp"
#include "core/migrate/plan.hpp"
#include "core/migrate/store.hpp"
#include "core/schema/schema.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace orm::dialect {

// The offline half of a dialect: what planning needs, without a database.
class Dialect
{
public:
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0; // "sqlite", "postgres", "mysql"
  virtual const diff::DiffHooks& hooks() const = 0;
  // The statements (each with its reverse) that carry out `changes`.
  virtual migrate::Plan plan(const diff::Changes& changes) const = 0;
  // CREATE statements for a whole schema (`orm inspect --format sql`).
  virtual std::vector<std::string> create_statements(const schema::Schema& schema) const = 0;
};

// A live database of some dialect.
class Session
{
public:
  virtual ~Session() = default;

  virtual const Dialect& dialect() const = 0;
  virtual db::Connection& connection() = 0;
  // How the data-access runtime spells SQL for this server.
  virtual const db::SqlFlavor& flavor() const = 0;
  // The whole schema, canonically sorted, without orm's own tables. One query per object kind.
  virtual schema::Schema inspect() = 0;
  virtual migrate::Store& store() = 0;
};

// Session settings beyond the URL.
struct ConnectOptions
{
  std::string schema;                      // PostgreSQL schema to manage; empty: "public"
  std::optional<int> statement_timeout_ms; // SET statement_timeout (where supported)
  std::optional<int> ddl_lock_timeout_ms;  // SET lock_timeout: how long DDL waits for a table lock
};

// "sqlite", "postgres" or "mysql" from a URL's scheme; throws Error(config) naming `source`
// (--database-url, DATABASE_URL, orm.toml:1:16, ...) for anything else.
std::string dialect_name_of(std::string_view url, std::string_view source = "the database URL");
// Throws Error(config) for an unknown name.
std::unique_ptr<Dialect> make_dialect(std::string_view name);
// Reads `url` as connect() would, without connecting; throws Error(config) naming `source`.
void check_url(const std::string& url, std::string_view source);
// Connects; throws Error(config) naming `source` for a malformed URL, DatabaseError (password
// masked) when the database cannot be reached.
std::unique_ptr<Session> connect(const std::string& url, const ConnectOptions& options = {},
                                 std::string_view source = "the database URL");

} // namespace orm::dialect
