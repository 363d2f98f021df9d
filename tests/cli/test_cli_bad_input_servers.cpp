// Bad-input suite, URLs that reach (or miss) the PostgreSQL and MySQL test servers: wrong
// passwords, unknown databases, unreachable ports and the servers' own schemas and databases.
// makemigrations must exit with the documented code, never print the password, and write nothing.

#include "core/dialect/postgres/connection.hpp"
#include "tests/support/bad_input.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using orm::test::BadInput;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

// `url` with its first `from` replaced by `to`.
std::string
replaced(std::string url, const std::string& from, const std::string& to)
{
  auto at = url.find(from);
  REQUIRE(at != std::string::npos);
  return url.replace(at, from.size(), to);
}

// The ":port" of `url`, as the test servers' URLs spell it (host:port/database).
std::string
port_of(const std::string& url)
{
  size_t path = url.find('/', url.rfind('@'));
  size_t colon = url.rfind(':', path);
  return url.substr(colon, path - colon);
}

// `url` naming the database `name` instead of its own.
std::string
with_database(const std::string& url, const std::string& name)
{
  return url.substr(0, url.rfind('/') + 1) + name;
}

BadInput
server_case(std::string name, const std::string& url, int exit_code, std::string message,
            std::string secret, const std::string& flags = "")
{
  return {.name = std::move(name),
          .args = "makemigrations " + flags,
          .exit_code = exit_code,
          .message = std::move(message),
          .environment = "ORM_DATABASE_URL='" + url + "'",
          .secret = std::move(secret)};
}

void
run_server_cases(const std::vector<BadInput>& cases, const orm::test::ReadCatalog& catalog)
{
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      TempDir dir;
      write_file(dir / "models.orm", orm::test::k_base_models);
      orm::test::check_bad_input(item, dir.path(), catalog);
    }
  }
}

} // namespace

TEST_CASE("bad input: PostgreSQL URLs and schemas", "[cli][bad-input][postgres]")
{
  const std::string url = orm::test::postgres_url();
  const std::string pw = "orm-test-pw";
  auto admin = std::make_shared<orm::dialect::postgres::PgConnection>(url);
  orm::test::ReadCatalog system_schemas = [admin] {
    auto result = admin->query(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE n.nspname IN ('pg_catalog', 'information_schema', 'pg_toast') AND "
        "c.relname IN ('orm_migrations', 'users') ORDER BY 1, 2");
    return std::to_string(result.rows.size());
  };
  run_server_cases(
      {
          server_case("wrong password", replaced(url, pw, "wrong-pw"), 3, "28P01", "wrong-pw"),
          server_case("wrong password, percent-encoded", replaced(url, pw, "wr%40ng-pw"), 3,
                      "28P01", "wr@ng-pw"),
          server_case("wrong password in the query",
                      replaced(url, ":" + pw, "") + "?password=wrong-pw", 3, "28P01", "wrong-pw"),
          server_case("unknown user", replaced(url, "//postgres:", "//nobody_here:"), 3,
                      "nobody_here", pw),
          server_case("unknown database", with_database(url, "no_such_database"), 3, "3D000", pw),
          server_case("a database that takes no connections", with_database(url, "template0"), 3,
                      "template0", pw),
          server_case("unreachable port", replaced(url, port_of(url), ":1") + "?connect_timeout=2",
                      3, "postgres:****@", pw),
          server_case("unresolvable host", replaced(url, "127.0.0.1", "no-such-host.invalid"), 3,
                      "no-such-host.invalid", pw),
          server_case("an unknown libpq parameter", url + "?frobnicate=1", 3,
                      "invalid connection option \"frobnicate\"", pw),
          server_case("sslmode=require on a server without TLS", url + "?sslmode=require", 3,
                      "postgres:****@", pw),
          server_case("--schema pg_catalog", url, 2, "pg_catalog", pw, "--schema pg_catalog"),
          server_case("--schema information_schema", url, 2, "information_schema", pw,
                      "--schema information_schema"),
          server_case("--schema pg_toast", url, 2, "pg_toast", pw, "--schema pg_toast"),
          server_case("--schema pg_anything", url, 2, "pg_anything", pw, "--schema pg_anything"),
      },
      system_schemas);
}

TEST_CASE("bad input: MySQL URLs and system databases", "[cli][bad-input][mysql]")
{
  const std::string url = orm::test::mysql_server_url();
  const std::string pw = "orm-test-pw";
  auto admin = std::make_shared<orm::dialect::mysql::MysqlConnection>(url);
  orm::test::ReadCatalog system_databases = [admin] {
    auto result = admin->query(
        "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN "
        "('mysql', 'sys', 'information_schema', 'performance_schema') AND TABLE_NAME IN "
        "('orm_migrations', 'users')");
    return std::to_string(result.rows.size());
  };
  std::string port = port_of(url).substr(1);
  run_server_cases(
      {
          server_case("wrong password", replaced(url, pw, "wrong-pw"), 3, "ERROR 1045 (28000)",
                      "wrong-pw"),
          server_case("wrong password, percent-encoded", replaced(url, pw, "wr%40ng-pw"), 3,
                      "ERROR 1045 (28000)", "wr@ng-pw"),
          server_case("unknown user", replaced(url, "orm:", "nobody_here:"), 3, "nobody_here:****@",
                      pw),
          server_case("unknown database", with_database(url, "no_such_database"), 3,
                      "ERROR 1049 (42000)", pw),
          server_case("unreachable port", replaced(url, ":" + port, ":1") + "?connect_timeout=2", 3,
                      "ERROR 2002", pw),
          server_case("a socket that is not there",
                      replaced(url, "@127.0.0.1:" + port, "@localhost") +
                          "?socket=/nonexistent/mysqld.sock",
                      3, "/nonexistent/mysqld.sock", pw),
          server_case("the mysql database", url, 2, "mysql", pw),
          server_case("the sys database", with_database(url, "sys"), 2, "sys", pw),
          server_case("the information_schema database", with_database(url, "information_schema"),
                      2, "information_schema", pw),
          server_case("the performance_schema database", with_database(url, "performance_schema"),
                      2, "performance_schema", pw),
          server_case("MYSQL, a database that is not there on a case-sensitive server",
                      with_database(url, "MYSQL"), 3, "ERROR 1049", pw),
      },
      system_databases);
}
