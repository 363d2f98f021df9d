#include "core/util/error.hpp"
#include "core/util/url.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace orm;
using util::parse_url;
using util::UrlForm;

namespace {

// The message of the config error parse_url throws for `text`.
std::string
error_of(const std::string& text)
{
  try {
    parse_url(text, "--database-url", UrlForm::network);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::config);
    return error.what();
  }
  FAIL("no error for " << text);
  return "";
}

} // namespace

TEST_CASE("url: the parts of a network URL, percent-decoded", "[util][url]")
{
  auto url = parse_url("PostgreSQL://app%40corp:p%40ss@db.local:6543/shop%2Fmain?sslmode=require"
                       "&application_name=orm%20cli",
                       "--database-url", UrlForm::network);
  CHECK(url.scheme == "postgresql");
  CHECK(url.user == "app@corp");
  CHECK(url.password == "p@ss");
  CHECK(url.host == "db.local");
  CHECK(url.port == 6543u);
  CHECK(url.database == "shop/main");
  REQUIRE(url.parameters.size() == 2);
  CHECK(*url.parameter("application_name") == "orm cli");
  CHECK(url.parameter("connect_timeout") == nullptr);
  CHECK(url.display == "PostgreSQL://app%40corp:****@db.local:6543/shop%2Fmain?sslmode=require"
                       "&application_name=orm%20cli");
  CHECK(url.source == "--database-url");
}

TEST_CASE("url: the userinfo ends at the last '@', so a password may hold @ / # ?", "[util][url]")
{
  auto url = parse_url("mysql://orm:S3cr3t/Pa#ss?w@rd@127.0.0.1:53306/app?charset=utf8",
                       "DATABASE_URL", UrlForm::network);
  CHECK(url.user == "orm");
  CHECK(url.password == "S3cr3t/Pa#ss?w@rd");
  CHECK(url.host == "127.0.0.1");
  CHECK(url.port == 53306u);
  CHECK(url.database == "app");
  CHECK(*url.parameter("charset") == "utf8");
  CHECK(url.display == "mysql://orm:****@127.0.0.1:53306/app?charset=utf8");
  CHECK(url.secrets == std::vector<std::string>{"S3cr3t/Pa#ss?w@rd"});
  auto encoded = parse_url("mysql://orm:S3cr3t%2FPa%23ss@h/app", "x", UrlForm::network);
  CHECK(encoded.password == "S3cr3t/Pa#ss");
  CHECK(encoded.secrets == std::vector<std::string>{"S3cr3t/Pa#ss", "S3cr3t%2FPa%23ss"});
}

TEST_CASE("url: hosts: IPv6 in brackets, none, a socket folder", "[util][url]")
{
  auto v6 = parse_url("postgres://u@[::1]:5432/db", "x", UrlForm::network);
  CHECK(v6.host == "::1");
  CHECK(v6.port == 5432u);
  auto bare_v6 = parse_url("postgres://[fe80::1%25eth0]/db", "x", UrlForm::network);
  CHECK(bare_v6.host == "fe80::1%25eth0");
  CHECK_FALSE(bare_v6.port);
  auto none = parse_url("postgres:///db?host=/var/run/postgresql", "x", UrlForm::network);
  CHECK(none.host.empty());
  CHECK(none.database == "db");
  CHECK(*none.parameter("host") == "/var/run/postgresql");
  auto socket = parse_url("postgres://u@%2Fvar%2Frun%2Fpostgresql/db", "x", UrlForm::network);
  CHECK(socket.host == "/var/run/postgresql");
  auto query_password = parse_url("postgres://u@h/db?password=PASS%26WORD", "x", UrlForm::network);
  CHECK_FALSE(query_password.password);
  CHECK(*query_password.parameter("password") == "PASS&WORD");
  CHECK(query_password.display == "postgres://u@h/db?password=****");
  CHECK(query_password.secrets == std::vector<std::string>{"PASS&WORD", "PASS%26WORD"});
  // An unencoded '&' in a password parameter: the value runs to the next "&key=".
  auto ampersand =
      parse_url("postgres://h/db?password=PASS&WORD&sslmode=require", "x", UrlForm::network);
  CHECK(*ampersand.parameter("password") == "PASS&WORD");
  CHECK(*ampersand.parameter("sslmode") == "require");
  CHECK(ampersand.display == "postgres://h/db?password=****&sslmode=require");
  CHECK_THROWS_WITH(parse_url("postgres://h/db?sslmode=require&oops", "x", UrlForm::network),
                    Catch::Contains("query parameter 2 is not key=value"));
}

TEST_CASE("url: path URLs keep what follows the scheme as written", "[util][url]")
{
  CHECK(parse_url("sqlite://db.sqlite3", "x", UrlForm::path).path == "db.sqlite3");
  CHECK(parse_url("sqlite:///tmp/a b%20c.db", "x", UrlForm::path).path == "/tmp/a b%20c.db");
  CHECK(parse_url("sqlite://:memory:", "x", UrlForm::path).path == ":memory:");
  CHECK(parse_url("SQLITE://x", "x", UrlForm::path).scheme == "sqlite");
}

TEST_CASE("url: malformed URLs are config errors naming the source, the password masked",
          "[util][url]")
{
  struct Case
  {
    std::string url;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"u:PASSWORD@localhost/db", "--database-url: invalid database URL 'u:****@localhost/db': it "
                                  "does not start with a scheme and '://'"},
      {"sqlite:db.sqlite3", "'sqlite:' must be followed by '//' (sqlite://...)"},
      {"postgres://u:PASS%zzWORD@h/db",
       "invalid database URL 'postgres://u:****@h/db': the password has a '%' that is not"},
      {"postgres://u:PASSWORD%@h/db", "the password has a '%'"},
      {"postgres://u:PASS%00WORD@h/db", "the password has a '%'"},
      {"postgres://u:PASSWORD@[::1/db", "'postgres://u:****@[::1/db': the IPv6 address after '[' "
                                        "has no closing ']'"},
      {"postgres://u:PASSWORD@[::1]x/db", "only ':port' may follow"},
      {"postgres://u:PASSWORD@h:0/db", "the port is not a number from 1 to 65535"},
      {"postgres://u:PASSWORD@h:65536/db", "the port is not a number from 1 to 65535"},
      {"postgres://u:PASSWORD@h:/db", "the port after ':' is missing"},
      {"postgres://u:PASSWORD/db", "'postgres://u:****/db': the port is not a number"},
      {"postgres://u@h/db?password=PASS%zzWORD", "?password=****': the password parameter has"},
      {"postgres://u@h/db?password=PASSWORD&%zz", "the password parameter has a '%'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.url);
    std::string message = error_of(c.url);
    CHECK(message.find(c.message) != std::string::npos);
    CHECK(message.find("PASS") == std::string::npos);
    CHECK(message.find("WORD") == std::string::npos);
  }
}

TEST_CASE("url: percent_decoded", "[util][url]")
{
  CHECK(util::percent_decoded("a%2fb%2F%25") == "a/b/%");
  CHECK_FALSE(util::percent_decoded("50%"));
  CHECK_FALSE(util::percent_decoded("%g0"));
  CHECK_FALSE(util::percent_decoded("%00"));
  CHECK(util::scheme_of("MySQL://x") == "mysql");
  CHECK_FALSE(util::scheme_of("sqlite:x"));
  CHECK_FALSE(util::scheme_of("://x"));
}
