#include "core/util/mask.hpp"

#include <catch2/catch.hpp>

using namespace orm::util;

TEST_CASE("mask_url hides every password of a URL and nothing else", "[util][mask]")
{
  CHECK(mask_url("postgres://user:secret@host:5432/db") == "postgres://user:****@host:5432/db");
  CHECK(mask_url("mysql://root:p%40ss@127.0.0.1/app?ssl-mode=DISABLED") ==
        "mysql://root:****@127.0.0.1/app?ssl-mode=DISABLED");
  CHECK(mask_url("postgres://u:S3cr3t/Pa#ss?w@rd@h/db") == "postgres://u:****@h/db");
  CHECK(mask_url("postgres://u@h/db?sslmode=require&PassWord=x%26y&password=z") ==
        "postgres://u@h/db?sslmode=require&PassWord=****&password=****");
  CHECK(mask_url("postgres://h/db?password=a&b&c=d&password=e&f") ==
        "postgres://h/db?password=****&c=d&password=****");
  CHECK(mask_url("u:PASSWORD@localhost/db") == "u:****@localhost/db");
  CHECK(mask_url("postgres://u:PASSWORD/db") == "postgres://u:****/db");
  CHECK(mask_url("postgres://h:5432/db") == "postgres://h:5432/db");
  CHECK(mask_url("postgres://[::1]:5432/db") == "postgres://[::1]:5432/db");
  CHECK(mask_url("postgres://user@host/db") == "postgres://user@host/db");
  CHECK(mask_url("sqlite://db.sqlite3") == "sqlite://db.sqlite3");
  CHECK(mask_url("sqlite:db.sqlite3") == "sqlite:db.sqlite3");
  CHECK(mask_url("not a url") == "not a url");
}

TEST_CASE("mask_urls_in masks the URLs of a message", "[util][mask]")
{
  CHECK(mask_urls_in("cannot connect to postgres://u:pw@h/db?password=x: refused, see "
                     "'mysql://a:b@c/d'.") ==
        "cannot connect to postgres://u:****@h/db?password=****: refused, see "
        "'mysql://a:****@c/d'.");
  CHECK(mask_urls_in("no url here: a:b@c") == "no url here: a:b@c");
}

TEST_CASE("password_texts and scrub", "[util][mask]")
{
  auto texts = password_texts("postgres://u:S3cr3t%2Fx@h/db?password=PASS%zz");
  CHECK(texts == std::vector<std::string>{"S3cr3t/x", "S3cr3t%2Fx", "PASS%zz"});
  CHECK(scrub("user \"S3cr3t/x\" and S3cr3t%2Fx", texts) == "user \"****\" and ****");
  CHECK(scrub("a pw b", {"pw"}) == "a pw b"); // too short to look for
  CHECK(scrub("abcd abcdef", {"abcd", "abcdef"}) == "**** ****");
}
