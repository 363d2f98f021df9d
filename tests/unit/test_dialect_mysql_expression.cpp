// Expressions as the models write them and as MariaDB and MySQL print them back (the server
// texts are copied from information_schema of MariaDB 10.11 and MySQL 9.7) read the same.

#include "core/dialect/mysql/expression.hpp"

#include <catch2/catch.hpp>

using namespace orm::dialect::mysql;

namespace {

struct Case
{
  const char* written; // in the models
  const char* printed; // by the server
  const char* canonical;
};

void
check_cases(ServerKind server, const std::vector<Case>& cases)
{
  for (const auto& [written, printed, canonical] : cases) {
    INFO(written << "  /  " << printed);
    CHECK(canonical_expression(written, server) == canonical);
    CHECK(canonical_expression(printed, server) == canonical);
    CHECK(canonical_expression(canonical, server) == canonical);
  }
}

} // namespace

TEST_CASE("mysql expressions: MySQL's parentheses, introducers and spellings",
          "[mysql][expression]")
{
  check_cases(
      ServerKind::mysql,
      {
          {"lower('X')", "lower(_utf8mb4'X')", "lower('X')"},
          {"LCASE(UCASE('x'))", "lower(upper(_utf8mb4'x'))", "lower(upper('x'))"},
          {"current_timestamp(6)", "now(6)", "now(6)"},
          {"localtime", "now()", "now()"},
          {"current_date", "curdate()", "curdate()"},
          {"substring('abc', 1, 2) = mid('abc', 1, 2)",
           "(substr(_utf8mb4'abc',1,2) = substr(_utf8mb4'abc',1,2))",
           "substr('abc', 1, 2) = substr('abc', 1, 2)"},
          {"octet_length(s) + character_length(s)", "(length(`s`) + char_length(`s`))",
           "length(`s`) + char_length(`s`)"},
          {"substring_index(email, '@', -1)", "substring_index(`email`,_utf8mb4'@',-(1))",
           "substring_index(`email`, '@', - 1)"},
          {"karma >= -1", "(`karma` >= -(1))", "`karma` >= - 1"},
          {"tag <> post_id and tag in (1, 2, 3)", "((`tag` <> `post_id`) and (`tag` in (1,2,3)))",
           "`tag` <> `post_id` and `tag` in (1, 2, 3)"},
          {"1 + 2 * 3", "(1 + (2 * 3))", "1 + 2 * 3"},
          {"(a + b) * 2", "((`a` + `b`) * 2)", "(`a` + `b`) * 2"},
          {"a - (b - 1)", "(`a` - (`b` - 1))", "`a` - (`b` - 1)"},
          {"a - b - 1", "((`a` - `b`) - 1)", "`a` - `b` - 1"},
          {"a between 1 and 10 and s like 'a%'",
           "((`a` between 1 and 10) and (`s` like _utf8mb4'a%'))",
           "`a` between 1 and 10 and `s` like 'a%'"},
          {"a not between 1 and 2 and s not in ('x', 'y')",
           "((`a` not between 1 and 2) and (`s` not in (_utf8mb4'x',_utf8mb4'y')))",
           "`a` not between 1 and 2 and `s` not in ('x', 'y')"},
          {"a is null or (a > 0 and b > 0)", "((`a` is null) or ((`a` > 0) and (`b` > 0)))",
           "`a` is null or `a` > 0 and `b` > 0"},
          {"(a is not null or b > 0) and b < 9", "(((`a` is not null) or (`b` > 0)) and (`b` < 9))",
           "(`a` is not null or `b` > 0) and `b` < 9"},
          {"s xor a > 0", "(`s` xor (`a` > 0))", "0 <> `s` xor `a` > 0"},
          {"case when a > 0 then b else 0 end >= 0",
           "((case when (`a` > 0) then `b` else 0 end) >= 0)",
           "case when `a` > 0 then `b` else 0 end >= 0"},
          {"if(1 > 0, 3, 4) + ifnull(null, 1)", "(if((1 > 0),3,4) + ifnull(NULL,1))",
           "if(1 > 0, 3, 4) + ifnull(null, 1)"},
          {"5 DIV 2 + 5 MOD 2 + 5 % 3", "(((5 DIV 2) + (5 % 2)) + (5 % 3))",
           "5 div 2 + 5 mod 2 + 5 mod 3"},
          {"~1 & 3 | 4 ^ 1", "((~(1) & 3) | (4 ^ 1))", "~ 1 & 3 | 4 ^ 1"},
          {"1 << 2 >> 1", "((1 << 2) >> 1)", "1 << 2 >> 1"},
          {"(a + b) * (a - b) > -a", "(((`a` + `b`) * (`a` - `b`)) > -(`a`))",
           "(`a` + `b`) * (`a` - `b`) > - `a`"},
          {"a <=> b OR a = 1 = 1", "((`a` <=> `b`) or ((`a` = 1) = 1))",
           "`a` <=> `b` or `a` = 1 = 1"},
          {"s <> 'it''s' and s <> \"q\" and s <> 'back\\\\slash'",
           "((`s` <> _utf8mb4'it\\'s') and (`s` <> _utf8mb4'q') and (`s` <> "
           "_utf8mb4'back\\\\slash'))",
           "`s` <> 'it''s' and `s` <> 'q' and `s` <> 'back\\\\slash'"},
          {"now() + interval 1 day", "(now() + interval 1 day)", "now() + interval 1 day"},
          {"s collate utf8mb4_bin <> 'A'", "((`s` collate utf8mb4_bin) <> _utf8mb4'A')",
           "`s` collate utf8mb4_bin <> 'A'"},
          {"_binary'x' = b", "(_binary'x' = `b`)", "_binary 'x' = `b`"},
          {"title <> 'x' and title not like '%!%'",
           "((`title` <> _utf8mb4'x') and (not((`title` like _utf8mb4'%!%'))))",
           "`title` <> 'x' and `title` not like '%!%'"},
          {"concat(lower(a), 'x') not like b", "(not((concat(lower(`a`),_utf8mb4'x') like `b`)))",
           "concat(lower(`a`), 'x') not like `b`"},
          {"a + (b) * 2 not like 'x' or b", "((not(((`a` + (`b` * 2)) like _utf8mb4'x'))) or `b`)",
           "`a` + `b` * 2 not like 'x' or 0 <> `b`"},
      });
}

TEST_CASE("mysql expressions: MariaDB's spellings", "[mysql][expression]")
{
  check_cases(
      ServerKind::mariadb,
      {
          {"(a + b) * (a - b) > -a", "(`a` + `b`) * (`a` - `b`) > -`a`",
           "(`a` + `b`) * (`a` - `b`) > - `a`"},
          {"s <> 'it''s'", "`s` <> 'it\\'s'", "`s` <> 'it''s'"},
          {"5 % 3", "5 MOD 3", "5 mod 3"},
          {"localtime()", "current_timestamp()", "current_timestamp()"},
          {"NOW(6)", "current_timestamp(6)", "current_timestamp(6)"},
          {"(a > 0) and (b > 0)", "`a` > 0 and `b` > 0", "`a` > 0 and `b` > 0"},
          {"a <= 0 or a > 1 && b > 1 || b < 0", "`a` <= 0 or `a` > 1 and `b` > 1 or `b` < 0",
           "`a` <= 0 or `a` > 1 and `b` > 1 or `b` < 0"},
          {"lower(name) = upper(name)", "lcase(`name`) = ucase(`name`)",
           "lcase(`name`) = ucase(`name`)"},
      });
}

TEST_CASE("mysql expressions: the parentheses the precedence needs stay", "[mysql][expression]")
{
  for (ServerKind server : {ServerKind::mariadb, ServerKind::mysql}) {
    CHECK(canonical_expression("(a > 0 or b > 0) and c > 0", server) ==
          "(`a` > 0 or `b` > 0) and `c` > 0");
    CHECK(canonical_expression("not (a <=> b)", server) == "not `a` <=> `b`");
    CHECK(canonical_expression("-(a + b)", server) == "- (`a` + `b`)");
    CHECK(canonical_expression("a in (1, 2)", server) == "`a` in (1, 2)");
    CHECK(canonical_expression("(1, 2) = (a, b)", server) == "(1, 2) = (`a`, `b`)");
    CHECK(canonical_expression("a - (b + c)", server) == "`a` - (`b` + `c`)");
    CHECK(canonical_expression("(a * b) / c", server) == "`a` * `b` / `c`");
    CHECK(canonical_expression("a / (b * c)", server) == "`a` / (`b` * `c`)");
    CHECK(canonical_expression("(((a)))", server) == "`a`");
    CHECK(canonical_expression("cast((a) as char)", server) == "cast((`a`) as char)");
    CHECK(canonical_expression("(a between 1 and 2) and b > 0", server) ==
          "`a` between 1 and 2 and `b` > 0");
  }
}

// Both servers rewrite NOT (the texts are what MariaDB 10.11 and MySQL 9.7 store for a CHECK,
// a generated column and a DEFAULT (expr), with columns a, b of type int and s varchar).
TEST_CASE("mysql expressions: NOT reads as MariaDB rewrites it", "[mysql][expression]")
{
  check_cases(ServerKind::mariadb,
              {
                  {"not (a = 5)", "`a` <> 5", "`a` <> 5"},
                  {"not (a <> 5)", "`a` = 5", "`a` = 5"},
                  {"not (a < 5)", "`a` >= 5", "`a` >= 5"},
                  {"not (a <= 5)", "`a` > 5", "`a` > 5"},
                  {"not a > 5", "`a` <= 5", "`a` <= 5"},
                  {"NOT (a >= 5)", "`a` < 5", "`a` < 5"},
                  {"!(a > 5)", "`a` <= 5", "`a` <= 5"},
                  {"not (a is null)", "`a` is not null", "`a` is not null"},
                  {"not (a is not null)", "`a` is null", "`a` is null"},
                  {"not (a is unknown)", "`a` is not null", "`a` is not null"},
                  {"not (a in (1, 2))", "`a` not in (1,2)", "`a` not in (1, 2)"},
                  {"not (a not in (1, 2))", "`a` in (1,2)", "`a` in (1, 2)"},
                  {"a not in (1)", "`a` <> 1", "`a` <> 1"},
                  {"not (s like 'x%')", "`s`  not like 'x%'", "`s` not like 'x%'"},
                  {"not (s not like 'x%')", "`s` like 'x%'", "`s` like 'x%'"},
                  {"not (s like 'x' escape '!')", "`s`  not like 'x' escape '!'",
                   "`s` not like 'x' escape '!'"},
                  {"not (a between 1 and 5)", "`a` not between 1 and 5", "`a` not between 1 and 5"},
                  {"not (a not between b and c + 1)", "`a` between `b` and `c` + 1",
                   "`a` between `b` and `c` + 1"},
                  {"not (a > 5 and a < 3)", "`a` <= 5 or `a` >= 3", "`a` <= 5 or `a` >= 3"},
                  {"not (a > 5 or a < 3)", "`a` <= 5 and `a` >= 3", "`a` <= 5 and `a` >= 3"},
                  {"not (not (a > 5))", "`a` > 5", "`a` > 5"},
                  {"not (a > 5 and not (b < 3))", "`a` <= 5 or `b` < 3", "`a` <= 5 or `b` < 3"},
                  {"not (a > 5 and (b < 3 or b > 10))", "`a` <= 5 or `b` >= 3 and `b` <= 10",
                   "`a` <= 5 or `b` >= 3 and `b` <= 10"},
                  {"not (a = 5 and (b = 3 and c = 2))", "`a` <> 5 or `b` <> 3 or `c` <> 2",
                   "`a` <> 5 or `b` <> 3 or `c` <> 2"},
                  {"not (a > 5 and b < 3 or c = 2)", "(`a` <= 5 or `b` >= 3) and `c` <> 2",
                   "(`a` <= 5 or `b` >= 3) and `c` <> 2"},
                  {"not (a > 5 && b < 3)", "`a` <= 5 or `b` >= 3", "`a` <= 5 or `b` >= 3"},
                  {"not (a = 1 xor b = 2 xor c = 3)", "`a` <> 1 xor `b` = 2 xor `c` = 3",
                   "`a` <> 1 xor `b` = 2 xor `c` = 3"},
                  {"not (a xor b)", "`a` = 0 xor `b`", "`a` = 0 xor `b`"},
                  {"not a", "`a` = 0", "`a` = 0"},
                  {"not (not a)", "`a` <> 0", "`a` <> 0"},
                  {"not (a and b > 0)", "`a` = 0 or `b` <= 0", "`a` = 0 or `b` <= 0"},
                  {"a or b > 0", "`a` <> 0 or `b` > 0", "`a` <> 0 or `b` > 0"},
                  {"not (a + 1)", "!(`a` + 1)", "not `a` + 1"},
                  {"not (not (a + 1))", "`a` + 1 <> 0", "`a` + 1 <> 0"},
                  {"not coalesce(a, 0)", "!coalesce(`a`,0)", "not coalesce(`a`, 0)"},
                  {"not true", "0", "0"},
                  {"not (a <=> 5)", "!(`a` <=> 5)", "not `a` <=> 5"},
                  {"not (s regexp 'x')", "!(`s` regexp 'x')", "`s` not regexp 'x'"},
                  {"not (a > 5 is true)", "!(`a` > 5 is true)", "not `a` > 5 is true"},
                  {"not (a > 5) = 1", "`a` > 5 <> 1", "`a` > 5 <> 1"},
                  {"(not (a > 5)) + 1", "(`a` <= 5) + 1", "(`a` <= 5) + 1"},
                  {"if(not (a > 1), 1, 0)", "if(`a` <= 1,1,0)", "if(`a` <= 1, 1, 0)"},
                  {"not (lower(s) = 'x')", "lcase(`s`) <> 'x'", "lcase(`s`) <> 'x'"},
                  {"not (a > 5 and a < 3) and b > 0", "(`a` <= 5 or `a` >= 3) and `b` > 0",
                   "(`a` <= 5 or `a` >= 3) and `b` > 0"},
              });
}

TEST_CASE("mysql expressions: NOT reads as MySQL rewrites it", "[mysql][expression]")
{
  check_cases(
      ServerKind::mysql,
      {
          {"not (a = 5)", "(`a` <> 5)", "`a` <> 5"},
          {"not (a < 5)", "(`a` >= 5)", "`a` >= 5"},
          {"not (a is not null)", "(`a` is null)", "`a` is null"},
          {"not (a in (1, 2))", "(`a` not in (1,2))", "`a` not in (1, 2)"},
          {"not (s like 'x%')", "(not((`s` like _utf8mb3'x%')))", "`s` not like 'x%'"},
          {"not (s not like 'x%')", "(`s` like _utf8mb3'x%')", "`s` like 'x%'"},
          {"not (a between 1 and 5)", "(`a` not between 1 and 5)", "`a` not between 1 and 5"},
          {"not (a > 5 and (b < 3 or b > 10))", "((`a` <= 5) or ((`b` >= 3) and (`b` <= 10)))",
           "`a` <= 5 or `b` >= 3 and `b` <= 10"},
          {"not (a = 5) and not (b = 3 or c = 4)", "((`a` <> 5) and ((`b` <> 3) and (`c` <> 4)))",
           "`a` <> 5 and `b` <> 3 and `c` <> 4"},
          {"not (a xor b)", "((0 = `a`) xor (0 <> `b`))", "0 = `a` xor 0 <> `b`"},
          {"not a", "(0 = `a`)", "0 = `a`"},
          {"not (not a)", "(0 <> `a`)", "0 <> `a`"},
          {"a and b > 0", "((0 <> `a`) and (`b` > 0))", "0 <> `a` and `b` > 0"},
          {"not (a + 1)", "(0 = (`a` + 1))", "0 = `a` + 1"},
          {"not (case when a > 0 then 1 else 0 end)",
           "(0 = (case when (`a` > 0) then 1 else 0 end))",
           "0 = case when `a` > 0 then 1 else 0 end"},
          {"not true", "(not(true))", "not true"},
          {"not json_valid(s)", "(not(json_valid(`s`)))", "0 = json_valid(`s`)"},
          {"not (a <=> 5)", "(not((`a` <=> 5)))", "not `a` <=> 5"},
          {"not (s regexp 'x')", "(not(regexp_like(`s`,_utf8mb3'x')))",
           "not regexp_like(`s`, 'x')"},
          {"not (s not regexp 'x')", "regexp_like(`s`,_utf8mb3'x')", "regexp_like(`s`, 'x')"},
          {"not (a > 5 is true)", "((`a` > 5) is not true)", "`a` > 5 is not true"},
          {"not (a is true)", "((0 <> `a`) is not true)", "0 <> `a` is not true"},
          {"a in (1)", "(`a` = 1)", "`a` = 1"},
          {"coalesce(not (a > 5), 0)", "coalesce((`a` <= 5),0)", "coalesce(`a` <= 5, 0)"},
          {"not (s = 'it''s')", "(`s` <> _utf8mb3'it\\'s')", "`s` <> 'it''s'"},
      });
}

TEST_CASE("mysql expressions: an operand missing around NOT, AND or OR leaves the text as written",
          "[mysql][expression]")
{
  for (ServerKind server : {ServerKind::mariadb, ServerKind::mysql}) {
    CHECK(canonical_expression("not", server) == "not");
    CHECK(canonical_expression("a AND", server) == "`a` and");
    CHECK(canonical_expression("or b", server) == "or `b`");
    CHECK(canonical_expression("not (a in ())", server) == "`a` not in ()");
  }
}

TEST_CASE("mysql expressions: MySQL's information_schema escapes quotes and backslashes",
          "[mysql][expression]")
{
  CHECK(unescaped_information_schema("lower(_utf8mb4\\'it\\\\\\'s\\')") ==
        "lower(_utf8mb4'it\\'s')");
  CHECK(unescaped_information_schema("(`a` + 1)") == "(`a` + 1)");
  CHECK(unescaped_information_schema("_utf8mb4\\'a\\\\\\\\b\\'") == "_utf8mb4'a\\\\b'");
}

TEST_CASE("mysql expressions: a check nested as deep as the models allow reads as one level",
          "[mysql][expression]")
{
  std::string deep = std::string(1000, '(') + "a > 0 and (b < 1 or c = 2)" + std::string(1000, ')');
  for (auto server : {ServerKind::mariadb, ServerKind::mysql}) {
    CHECK(canonical_expression(deep, server) ==
          canonical_expression("a > 0 and (b < 1 or c = 2)", server));
  }
  // A list stays a list: `in ((1, 2))` compares with a row.
  CHECK(canonical_expression("(a, b) in (((1, 2)))", ServerKind::mysql) ==
        canonical_expression("(a, b) in ((1, 2))", ServerKind::mysql));
  CHECK(canonical_expression("(a, b) in ((1, 2))", ServerKind::mysql) !=
        canonical_expression("(a, b) in (1, 2)", ServerKind::mysql));
}
