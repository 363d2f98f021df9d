#include "core/util/strings.hpp"

#include <catch2/catch.hpp>

using namespace orm::util;

TEST_CASE("squeeze_spaces collapses whitespace outside quotes only", "[util]")
{
  CHECK(squeeze_spaces("  a \n\t b  ") == "a b");
  CHECK(squeeze_spaces("x <> 'a  b'   and  \"c  d\" = 1") == "x <> 'a  b' and \"c  d\" = 1");
  CHECK(squeeze_spaces("'it''s  ok'  x") == "'it''s  ok' x");
}

TEST_CASE("string helpers", "[util]")
{
  CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(join({"a", "b"}, ", ") == "a, b");
  CHECK(sql_string_literal("it's") == "'it''s'");
  CHECK(equals_icase("Table", "tABLE"));
  CHECK(starts_with_icase("POSTGRES://x", "postgres://"));
  CHECK(to_upper("abc") == "ABC");
}
