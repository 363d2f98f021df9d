#include "core/dialect/postgres/expression.hpp"

#include <catch2/catch.hpp>

using orm::dialect::postgres::is_single_name;
using orm::dialect::postgres::normalize_expression;

TEST_CASE("postgres: expressions as written and as pg_get_expr gives them normalise alike",
          "[postgres]")
{
  const std::vector<std::pair<std::string, std::string>> same = {
      {"karma >= 0", "(karma >= 0)"},
      {"a > 0 AND b > 0", "(a > 0) and (b > 0)"},
      {"status = ANY (ARRAY['a'::text, 'b'::text])", "status IN ('a', 'b')"},
      {"status <> ALL (ARRAY['a'::text])", "status not in ('a')"},
      {"b > '-1'::integer", "b > -1"},
      {"score > 0::numeric", "score > 0"},
      {"score > (0)::numeric", "score>0"},
      {"lower(title)", "LOWER( title )"},
      {"lower('X'::text)", "lower('X')"},
      {"\"karma\" >= 0", "karma >= 0"},
      {"published AND score > 0::numeric", "(published and score > 0)"},
      {"NOT (a = 1 OR b = 2)", "not (a = 1 or b = 2)"},
  };
  for (const auto& [stored, written] : same) {
    CAPTURE(stored, written);
    CHECK(normalize_expression(stored) == normalize_expression(written));
  }
  // Parentheses that change the meaning stay.
  CHECK(normalize_expression("(a + b) * c") == "(a + b) * c");
  CHECK(normalize_expression("a AND (b OR c)") == "a and (b or c)");
  CHECK(normalize_expression("\"order\" > 0") == "\"order\" > 0");
  CHECK(normalize_expression("\"User\" = 'It''s'") == "\"User\" = 'It''s'");
  // Rows and lists keep their parentheses: (1, 2) is not 1, 2.
  CHECK(normalize_expression("(a, b) in ((1, 2), (3, 4))") == "(a, b) in ((1, 2), (3, 4))");
  CHECK(normalize_expression("(a, b) = (1, 2)") == "(a, b) = (1, 2)");
  std::string name;
  CHECK(is_single_name("(email)", name));
  CHECK(name == "email");
  CHECK(is_single_name("\"Mixed \"\"q\"\"\"", name));
  CHECK(name == "Mixed \"q\"");
  CHECK_FALSE(is_single_name("lower(email)", name));
}

TEST_CASE("postgres: a check nested as deep as the models allow reads as one level", "[postgres]")
{
  std::string deep = std::string(1000, '(') + "a > 0 and (b < 1 or c = 2)" + std::string(1000, ')');
  CHECK(normalize_expression(deep) == normalize_expression("a > 0 and (b < 1 or c = 2)"));
  std::string name;
  CHECK(is_single_name(std::string(1000, '(') + "email" + std::string(1000, ')'), name));
  CHECK(name == "email");
}

TEST_CASE("postgres: literals mean the same whatever standard_conforming_strings says",
          "[postgres]")
{
  using orm::dialect::postgres::literal;
  CHECK(literal("plain -- # /* */ é") == "'plain -- # /* */ é'");
  CHECK(literal("it's \"q\"\ttab") == "'it''s \"q\"\ttab'");
  CHECK(literal("a\\b") == "E'a\\\\b'");
  CHECK(literal("\\'") == "E'\\\\'''");
  CHECK(literal("x\n-- orm:down\r\x01") == "E'x\\n-- orm:down\\r\\x01'");
  // E'..' strings, as pg_get_expr prints them with standard_conforming_strings off, read as the
  // standard spelling.
  CHECK(normalize_expression("E'a\\\\b'::text") == "'a\\b'");
  CHECK(normalize_expression("e'it\\'s'") == "'it''s'");
  CHECK(normalize_expression("E'\\n\\x41\\101\\u00e9'") == "'\nAA\xC3\xA9'");
  CHECK(normalize_expression(literal("x\n-- orm:down\\")) == "'x\n-- orm:down\\'");
  CHECK(normalize_expression("name = 'e'") == "name = 'e'");
}
