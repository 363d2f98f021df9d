#include "core/util/error.hpp"
#include "core/workflow/toml.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using workflow::read_flat_toml;

namespace {

std::string
error_of(const std::string& text)
{
  try {
    read_flat_toml(text, "orm.toml");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::config);
    return error.what();
  }
  FAIL("no error for " << text);
  return "";
}

} // namespace

TEST_CASE("toml: strings, integers and booleans with their positions", "[workflow][toml]")
{
  auto settings = read_flat_toml("# comment\ndatabase_url = \"sqlite://x\"  # why\n"
                                 "lock_timeout = -5\nflag = true\nname = 'C:\\x'\n",
                                 "orm.toml");
  REQUIRE(settings.size() == 4);
  CHECK(std::get<std::string>(settings["database_url"].value) == "sqlite://x");
  CHECK(settings["database_url"].line == 2);
  CHECK(settings["database_url"].column == 16);
  CHECK(std::get<std::int64_t>(settings["lock_timeout"].value) == -5);
  CHECK(std::get<bool>(settings["flag"].value));
  CHECK(std::get<std::string>(settings["name"].value) == "C:\\x");
}

TEST_CASE("toml: errors name file, line, column and the key", "[workflow][toml]")
{
  CHECK(error_of("a = 1\na = 2\n").find("orm.toml:2:") != std::string::npos);
  CHECK(error_of("a = 1\na = 2\n").find("a: ") != std::string::npos);
  CHECK(error_of("a = 1\na = 2\n").find("redefine") != std::string::npos);
  std::string too_big = error_of("lock_timeout = 99999999999999999999\n");
  CHECK(too_big.find("orm.toml:1:") != std::string::npos);
  CHECK(too_big.find("lock_timeout: ") != std::string::npos);
  CHECK(error_of("x = 1.5\n") == "orm.toml:1:5: x: expected a string, an integer or true/false, "
                                 "found a number with a fraction");
  // One level of tables reads as dotted keys; a table inside one is refused.
  CHECK(read_flat_toml("[generate]\ncpp = \"a.hpp\"\n", "orm.toml").count("generate.cpp") == 1);
  CHECK(error_of("[a.b]\nx = 1\n").find("a.b: expected a string") != std::string::npos);
  CHECK(error_of("x = [1]\n").find("found an array") != std::string::npos);
  CHECK(error_of("database_url = sqlite://x\n").find("orm.toml:1:16: database_url: ") == 0);
}

TEST_CASE("toml: a password in a line toml++ cannot read is masked", "[workflow][toml]")
{
  for (const std::string text : {"database_url = postgres://u:PASSWORD@h/db\n",
                                 "database_url = \"postgres://u:PASSWORD@h/db\n",
                                 "database_url = \"postgres://u:PASS\\zzWORD@h/db\"\n",
                                 "database_url = \"postgres://u@h/db?password=PASSWORD\" x\n"}) {
    CAPTURE(text);
    std::string message = error_of(text);
    CHECK(message.find("PASS") == std::string::npos);
    CHECK(message.find("WORD") == std::string::npos);
    CHECK(message.find("orm.toml:1:") == 0);
  }
}
