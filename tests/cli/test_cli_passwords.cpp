// Passwords never shown: every malformed or refused URL of issue #8, on PostgreSQL and on MySQL
// (MariaDB and MySQL 9.7), at -q, default, -v and -vv, in text and JSON, from the flag, the
// environment and orm.toml; and the same passwords accepted by the real servers.

#include "core/dialect/postgres/connection.hpp"
#include "core/util/strings.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

// A password with every character that used to cut a URL short, as written and encoded.
const std::string k_secret = "S3cr3t/Pa#ss?word";
const std::string k_secret_encoded = "S3cr3t%2FPa%23ss%3Fword";
// Every text of it that must never be printed: each piece is in all of its forms.
const std::vector<std::string> k_never_shown = {"S3cr3t",  "Pa#ss",     "Pa%23ss",
                                                "ss?word", "ss%3Fword", "zzPa"};

struct Case
{
  std::string what;
  std::string url;
  int exit_code;
  std::string expected; // in stderr
};

// The URL's host and port ("127.0.0.1:55432") and database ("postgres").
struct Server
{
  std::string scheme;
  std::string user;
  std::string host_port;
  std::string database;
};

Server
server_of(const std::string& url)
{
  size_t start = url.find("://") + 3;
  size_t at = url.rfind('@');
  size_t slash = url.find('/', at);
  size_t query = url.find('?', slash);
  std::string userinfo = url.substr(start, at - start);
  return {url.substr(0, start), userinfo.substr(0, userinfo.find(':')),
          url.substr(at + 1, slash - at - 1), url.substr(slash + 1, query - slash - 1)};
}

// The malformed and refused URLs of issue #8 against `server`, `refused` being the server's
// text for a wrong password and `unreachable` its text for a closed port.
std::vector<Case>
cases_for(const Server& server, const std::string& parameters, const std::string& refused,
          const std::string& unreachable)
{
  std::string head = server.scheme + server.user;
  std::string tail = "/" + server.database;
  std::string more = parameters.empty() ? "" : "&" + parameters;
  std::string query = parameters.empty() ? "" : "?" + parameters;
  return {
      {"a wrong password with / # ? as they are",
       head + ":" + k_secret + "@" + server.host_port + tail + query, 3, refused},
      {"a wrong password percent-encoded",
       head + ":" + k_secret_encoded + "@" + server.host_port + tail + query, 3, refused},
      {"a wrong ?password=, encoded",
       head + "@" + server.host_port + tail + "?password=" + k_secret_encoded + more, 3, refused},
      {"a wrong ?password=, as it is",
       head + "@" + server.host_port + tail + "?" + (parameters.empty() ? "" : parameters + "&") +
           "password=" + k_secret,
       3, refused},
      {"bad percent-encoding", head + ":S3cr3t%zzPa#ss@" + server.host_port + tail, 2,
       "the password has a '%' that is not followed by two hex digits"},
      {"bad percent-encoding in ?password=",
       head + "@" + server.host_port + tail + "?password=S3cr3t%zzPa#ss", 2,
       "the password parameter has a '%'"},
      {"an IPv6 address without its ']'", head + ":" + k_secret + "@[::1" + tail, 2,
       "the IPv6 address after '[' has no closing ']'"},
      {"no scheme", server.user + ":" + k_secret + "@" + server.host_port + tail, 2,
       "it does not start with a scheme and '://'"},
      {"a scheme without //",
       server.scheme.substr(0, server.scheme.size() - 2) + server.user + ":" + k_secret + "@" +
           server.host_port + tail,
       2, "it does not start with a scheme and '://'"},
      {"an unreachable port", head + ":" + k_secret + "@127.0.0.1:1" + tail + query, 3,
       unreachable},
  };
}

void
check_never_shown(const orm::test::RunResult& result)
{
  for (const auto& piece : k_never_shown) {
    CHECK(result.out.find(piece) == std::string::npos);
    CHECK(result.err.find(piece) == std::string::npos);
  }
}

// Every case at -q, default, -v and -vv, through text and JSON commands.
void
check_every_verbosity(const TempDir& dir, const Case& c, const std::string& extra_flags = "")
{
  for (std::string verbosity : {"-q", "", "-v", "-vv"}) {
    for (std::string command : {"migrate status", "migrate status --format json",
                                "inspect --format json", "makemigrations --check --format json"}) {
      auto result = run_orm(dir.path(),
                            verbosity + " --database-url '" + c.url + "' " + extra_flags + command);
      INFO(c.what << ": orm " << verbosity << " " << command << "\nstdout: " << result.out
                  << "\nstderr: " << result.err);
      CHECK(result.exit_code == c.exit_code);
      CHECK(result.err.find(c.expected) != std::string::npos);
      check_never_shown(result);
      if (c.exit_code == 2) {
        CHECK(result.err.find("--database-url: invalid database URL") != std::string::npos);
      }
      if (!verbosity.empty() && verbosity != "-q" && c.exit_code == 3) {
        CHECK(result.err.find("debug: database ") != std::string::npos);
        CHECK(result.err.find("(from --database-url)") != std::string::npos);
      }
    }
  }
}

// The same URL from DATABASE_URL and from orm.toml: errors name where it came from.
void
check_every_source(const TempDir& dir, const Case& c)
{
  auto from_environment = run_orm(dir.path(), "-vv migrate status", "DATABASE_URL='" + c.url + "'");
  INFO(c.what << " from DATABASE_URL: " << from_environment.err);
  CHECK(from_environment.exit_code == c.exit_code);
  check_never_shown(from_environment);
  TempDir project;
  write_file(project / "models.orm", "");
  write_file(project / "orm.toml", "# test\ndatabase_url = \"" + c.url + "\"\n");
  auto from_file = run_orm(project.path(), "-vv migrate status --format json");
  INFO(c.what << " from orm.toml: " << from_file.err);
  CHECK(from_file.exit_code == c.exit_code);
  check_never_shown(from_file);
  if (c.exit_code == 2) {
    CHECK(from_environment.err.find("error: DATABASE_URL: invalid database URL") !=
          std::string::npos);
    CHECK(from_file.err.find("error: orm.toml:2:16: database_url: invalid database URL") !=
          std::string::npos);
  }
}

// Runs `body` and then `cleanup`, even when a REQUIRE inside `body` throws.
void
with_cleanup(const std::function<void()>& body, const std::function<void()>& cleanup)
{
  try {
    body();
  } catch (...) {
    cleanup();
    throw;
  }
  cleanup();
}

// Connects with the password in every accepted form and checks nothing shows it.
void
check_accepted(const TempDir& dir, const std::vector<std::string>& urls,
               const std::string& extra_flags)
{
  for (const auto& url : urls) {
    for (std::string verbosity : {"-q", "", "-vv"}) {
      for (std::string command : {"migrate status --format json", "inspect --format json",
                                  "makemigrations --check --format json"}) {
        auto result = run_orm(dir.path(),
                              verbosity + " --database-url '" + url + "' " + extra_flags + command);
        INFO(url << ": orm " << verbosity << " " << command << "\nstdout: " << result.out
                 << "\nstderr: " << result.err);
        CHECK(result.exit_code == 0);
        check_never_shown(result);
      }
    }
    auto status = run_orm(dir.path(), "--database-url '" + url + "' " + extra_flags +
                                          "migrate status --format json");
    CHECK(status.out.find("\"database\": \"") != std::string::npos);
    CHECK(status.out.find("****") != std::string::npos);
  }
}

} // namespace

TEST_CASE("passwords: never shown by any PostgreSQL URL error, at any verbosity",
          "[postgres][cli][passwords]")
{
  TempDir dir;
  write_file(dir / "models.orm", "");
  auto server = server_of(orm::test::postgres_url());
  for (const auto& c : cases_for(
           server, "", "password authentication failed for user \"postgres\" (SQLSTATE 28P01)",
           "(SQLSTATE 08001)")) {
    check_every_verbosity(dir, c);
    check_every_source(dir, c);
  }
}

TEST_CASE("passwords: PostgreSQL accepts a password with / # ? @ raw, encoded and as ?password=",
          "[postgres][cli][passwords]")
{
  orm::test::PostgresScratchSchema scratch;
  orm::dialect::postgres::PgConnection admin(orm::test::postgres_url());
  std::string role = orm::test::unique_name("orm_pw");
  std::string password = k_secret + "@x";
  admin.execute("CREATE ROLE " + role + " LOGIN PASSWORD " +
                orm::util::sql_string_literal(password));
  with_cleanup(
      [&] {
        admin.execute("GRANT ALL ON SCHEMA " + scratch.name() + " TO " + role);
        TempDir dir;
        write_file(dir / "models.orm", "");
        auto server = server_of(orm::test::postgres_url());
        std::string at = "@" + server.host_port + "/" + server.database;
        check_accepted(dir,
                       {"postgres://" + role + ":" + password + at,
                        "postgresql://" + role + ":" + k_secret_encoded + "%40x" + at,
                        "postgres://" + role + at + "?password=" + k_secret + "%40x"},
                       "--schema " + scratch.name() + " ");
      },
      [&] { admin.execute("DROP OWNED BY " + role + "; DROP ROLE " + role); });
}

TEST_CASE("passwords: never shown by any MySQL URL error, at any verbosity",
          "[mysql][cli][passwords]")
{
  TempDir dir;
  write_file(dir / "models.orm", "");
  auto server = server_of(orm::test::mysql_server_url());
  server.database = "orm_no_database";
  for (const auto& c : cases_for(server, "connect_timeout=5", "ERROR 1045 (28000): Access denied",
                                 "ERROR 2002 (HY000)")) {
    check_every_verbosity(dir, c);
    check_every_source(dir, c);
  }
}

TEST_CASE("passwords: MySQL accepts a password with / # ? @ raw, encoded and as ?password=",
          "[mysql][cli][passwords]")
{
  orm::test::ScratchDatabase database;
  auto& admin = database.connection();
  std::string user = orm::test::unique_name("orm_pw");
  std::string password = k_secret + "@x";
  admin.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
  with_cleanup(
      [&] {
        admin.execute("GRANT ALL ON `" + database.name() + "`.* TO '" + user + "'@'%'");
        TempDir dir;
        write_file(dir / "models.orm", "");
        auto server = server_of(database.url());
        std::string at = "@" + server.host_port + "/" + server.database;
        check_accepted(dir,
                       {"mysql://" + user + ":" + password + at,
                        "mariadb://" + user + ":" + k_secret_encoded + "%40x" + at,
                        "mysql://" + user + at + "?password=" + k_secret + "%40x"},
                       "");
      },
      [&] { admin.execute("DROP USER '" + user + "'@'%'"); });
}
