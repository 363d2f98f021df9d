#pragma once

#include "core/db/connection.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct st_mysql;

namespace orm::dialect::mysql {

// What a mysql:// or mariadb:// URL says:
// mysql://user:password@host:port/database?ssl-mode=required&charset=utf8mb4&connect_timeout=10
// mysql://user@localhost/database?socket=/run/mysqld/mysqld.sock
struct UrlParts
{
  std::string user;
  std::string password;
  std::string host = "localhost";
  unsigned port = 3306;
  std::string database;
  std::string socket;
  std::string ssl_mode = "preferred"; // disabled, preferred, required, verify_ca, verify_identity
  std::string charset = "utf8mb4";
  std::optional<unsigned> connect_timeout_s;
  std::string display;              // the URL with its password masked, for messages
  std::vector<std::string> secrets; // the password's texts, scrubbed from the client's messages
};

// Throws Error(config) "<source>: invalid ... URL '<masked>': ..." for a URL it cannot read.
// `?password=` stands for the userinfo's password.
UrlParts parse_url(const std::string& url, std::string_view source = "the database URL");

enum class ServerKind
{
  mariadb,
  mysql
};

// Detected at connect time (the defaults read again by each inspect); the hooks branch on it
// where the two servers differ, and normalise options equal to the defaults away. Without a
// connection (offline planning): MariaDB 10.11 with InnoDB and no known database charset.
struct ServerInfo
{
  ServerKind kind = ServerKind::mariadb;
  int major = 10;
  int minor = 11;
  std::string default_engine = "InnoDB"; // @@default_storage_engine, as the server spells it
  std::string default_charset{};         // the database's, lowercase; empty when unknown
  std::string default_collation{};       // the database's, lowercase; empty when unknown
  bool default_collation_is_charset_default = true; // utf8mb4_general_ci for utf8mb4
  // Every character set's default collation (latin1 -> latin1_swedish_ci), lowercase; empty
  // offline.
  std::map<std::string, std::string> charset_collations{};
  // Read from a connected server; false offline, where MariaDB 10.11 is only assumed.
  bool connected = false;

  bool operator==(const ServerInfo&) const = default;
  // The default collation of `charset` (lowercase), empty when unknown.
  std::string default_collation_of(const std::string& charset) const;
  bool at_least(int wanted_major, int wanted_minor) const
  {
    return major > wanted_major || (major == wanted_major && minor >= wanted_minor);
  }
};

// "10.11.19-MariaDB-0+deb12u1" -> MariaDB 10.11; "8.0.36" -> MySQL 8.0.
ServerInfo server_info_of(const std::string& version);

struct MysqlDeleter
{
  void operator()(st_mysql* handle) const;
};
using MysqlHandle = std::unique_ptr<st_mysql, MysqlDeleter>;

// RAII over MYSQL*. Placeholders are `?`, filled in client side with escaped literals. execute()
// runs one statement. Errors are DatabaseError with "ERROR <number> (<SQLSTATE>)" in the message.
class MysqlConnection : public db::Connection
{
public:
  explicit MysqlConnection(const std::string& url);

  void execute(const std::string& sql) override;
  db::Result query(const std::string& sql, const std::vector<db::Value>& params = {}) override;
  std::unique_ptr<db::Statement> prepare(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;

  const ServerInfo& server() const { return m_server; }
  const std::string& database() const { return m_database; }
  // The URL with its password masked, for messages.
  const std::string& display_url() const { return m_display_url; }
  // The server's id for this connection (CONNECTION_ID()).
  unsigned long id() const;
  // Reads the default engine, the database's default charset and collation and every charset's
  // default collation again (one query): ALTER DATABASE may have changed them since connecting.
  // inspect() calls it first.
  void refresh_defaults();

private:
  [[noreturn]] void fail(const std::string& sql) const;
  std::string literal(const db::Value& value) const;

  MysqlHandle m_handle;
  std::string m_display_url;
  std::string m_database;
  ServerInfo m_server;
};

} // namespace orm::dialect::mysql
