#include "core/models/lexer.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using orm::models::Lexer;
using orm::models::Token;
using Kind = orm::models::Token::Kind;

namespace {
const size_t k_max_nesting = static_cast<size_t>(orm::models::k_max_nesting);
} // namespace

namespace {

// Tokens point into their source, so the test keeps every source alive.
std::vector<Token>
tokens_of(const std::string& text)
{
  static std::vector<std::unique_ptr<std::string>> sources;
  sources.push_back(std::make_unique<std::string>(text));
  Lexer lexer(*sources.back(), "t.orm");
  std::vector<Token> tokens;
  do {
    tokens.push_back(lexer.next());
  } while (tokens.back().kind != Kind::end);
  return tokens;
}

std::string
error_of(const std::string& text)
{
  try {
    tokens_of(text);
  } catch (const orm::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("lexer: kinds, values and positions", "[models]")
{
  auto tokens = tokens_of("table \"Or\"\"der\" {\n  n decimal(10, -2.5)? 'it''s'\n}");
  REQUIRE(tokens.size() == 16);
  CHECK(tokens[0].kind == Kind::word);
  CHECK(tokens[0].value == "table");
  CHECK(tokens[1].kind == Kind::quoted_name);
  CHECK(tokens[1].value == "Or\"der");
  CHECK(tokens[1].source == "\"Or\"\"der\"");
  CHECK(tokens[1].position.column == 7);
  CHECK(tokens[2].value == "{");
  CHECK(tokens[3].kind == Kind::newline);
  CHECK(tokens[4].value == "n");
  CHECK(tokens[4].position.line == 2);
  CHECK(tokens[4].position.column == 3);
  CHECK(tokens[6].kind == Kind::symbol);
  CHECK(tokens[7].kind == Kind::number);
  CHECK(tokens[7].value == "10");
  CHECK(tokens[9].kind == Kind::number);
  CHECK(tokens[9].value == "-2.5");
  CHECK(tokens[11].value == "?");
  CHECK(tokens[12].kind == Kind::string);
  CHECK(tokens[12].value == "it's");
  CHECK(tokens[12].position.column == 24);
  CHECK(tokens[13].kind == Kind::newline);
  CHECK(tokens[14].value == "}");
  CHECK(tokens[14].position.line == 3);
  CHECK(tokens[15].kind == Kind::end);
}

TEST_CASE("lexer: comments are skipped, newlines inside parentheses are not tokens", "[models]")
{
  auto tokens = tokens_of("a // x 'unterminated\nb /* c\n d */ e (\n f\n) g");
  std::vector<std::string> values;
  for (const auto& token : tokens) {
    values.push_back(token.kind == Kind::newline ? "NL" : token.value);
  }
  CHECK(values == std::vector<std::string>{"a", "NL", "b", "e", "(", "f", ")", "g", ""});
  CHECK(tokens[3].position.line == 3);
  CHECK(tokens[3].position.column == 7);
}

TEST_CASE("lexer: invalid characters and non-ASCII bare words are single invalid tokens",
          "[models]")
{
  auto tokens = tokens_of("@ café - 1.");
  CHECK(tokens[0].kind == Kind::invalid);
  CHECK(tokens[0].value == "@");
  CHECK(tokens[1].kind == Kind::invalid);
  CHECK(tokens[1].value == "café");
  CHECK(tokens[2].kind == Kind::invalid);
  CHECK(tokens[2].value == "-");
  CHECK(tokens[3].kind == Kind::number);
  CHECK(tokens[3].value == "1");
  CHECK(tokens[4].kind == Kind::invalid);
  CHECK(tokens[4].value == ".");
}

TEST_CASE("lexer: describe", "[models]")
{
  auto tokens = tokens_of("users 'abc' \"Q\"\n");
  CHECK(orm::models::describe(tokens[0]) == "'users'");
  CHECK(orm::models::describe(tokens[1]) == "string 'abc'");
  CHECK(orm::models::describe(tokens[2]) == "'\"Q\"'");
  CHECK(orm::models::describe(tokens[3]) == "end of line");
  CHECK(orm::models::describe(tokens[4]) == "end of file");
  auto long_string = tokens_of("'" + std::string(50, 'x') + "'");
  CHECK(orm::models::describe(long_string[0]) == "string '" + std::string(39, 'x') + "...");
}

TEST_CASE("lexer: parenthesised raw text", "[models]")
{
  Lexer lexer("(a  >\n ')(' /* note */ and f((b)) // c\n) next", "t.orm");
  Token open = lexer.next();
  REQUIRE(open.value == "(");
  auto raw = lexer.read_parenthesized(open.position);
  CHECK(raw.text == "a > ')(' and f((b))");
  CHECK(raw.end.line == 3);
  CHECK(raw.end.column == 1);
  Token after = lexer.next();
  CHECK(after.value == "next");
  CHECK(lexer.next().kind == Kind::end);
}

TEST_CASE("lexer: raw SQL nests 1000 levels deep, and no deeper", "[models]")
{
  auto nested = [](size_t depth) { // inside the `(` that opens the raw text
    return "(" + std::string(depth, '(') + "a" + std::string(depth, ')') + ")\n";
  };
  std::string source = nested(k_max_nesting);
  Lexer lexer(source, "t.orm");
  Token open = lexer.next();
  auto raw = lexer.read_parenthesized(open.position);
  CHECK(raw.text.size() == 2 * k_max_nesting + 1);
  CHECK(lexer.next().kind == Kind::newline);

  std::string too_deep = "\n  " + nested(k_max_nesting + 1);
  Lexer refused(too_deep, "t.orm");
  refused.next();
  Token refused_open = refused.next();
  // The 1001st `(` inside the raw text, at column 3 + 1001.
  CHECK_THROWS_WITH(refused.read_parenthesized(refused_open.position),
                    "t.orm:2:1004: parentheses nested more than 1000 levels deep");

  std::string line =
      "a and " + std::string(k_max_nesting, '(') + "b" + std::string(k_max_nesting, ')') + "\n";
  CHECK(Lexer(line, "t.orm").read_rest_of_line().text == line.substr(0, line.size() - 1));
  std::string line_too_deep = "a and " + std::string(k_max_nesting + 1, '(') + "b";
  CHECK_THROWS_WITH(Lexer(line_too_deep, "t.orm").read_rest_of_line(),
                    "t.orm:1:1007: parentheses nested more than 1000 levels deep");
}

TEST_CASE("lexer: rest of line", "[models]")
{
  Lexer lexer(" a and (b or\n c) // comment\n}", "t.orm");
  auto raw = lexer.read_rest_of_line();
  CHECK(raw.text == "a and (b or c)");
  CHECK(lexer.next().kind == Kind::newline);

  Lexer braced("x = '}' }", "t.orm");
  CHECK(braced.read_rest_of_line().text == "x = '}'");
  CHECK(braced.next().value == "}");
}

TEST_CASE("lexer: errors name the opening position", "[models]")
{
  CHECK(error_of("a\n  'abc") == "t.orm:2:3: expected end of string, found end of file");
  CHECK(error_of("x \"abc") == "t.orm:1:3: expected end of quoted name, found end of file");
  CHECK(error_of("x /* abc\n\n") == "t.orm:1:3: expected end of comment, found end of file");

  Lexer unbalanced("x\n (a (b)", "t.orm");
  unbalanced.next();
  unbalanced.next();
  Token open = unbalanced.next();
  CHECK_THROWS_WITH(unbalanced.read_parenthesized(open.position),
                    "t.orm:2:2: expected ')', found end of file");

  std::string deep_source(100000, '(');
  Lexer deep(deep_source, "t.orm");
  Token deep_open = deep.next();
  CHECK_THROWS_WITH(deep.read_parenthesized(deep_open.position),
                    "t.orm:1:1002: parentheses nested more than 1000 levels deep");

  Lexer stray("a) b", "t.orm");
  CHECK_THROWS_WITH(stray.read_rest_of_line(), "t.orm:1:2: expected end of line, found ')'");
  Lexer open_line("a (b", "t.orm");
  CHECK_THROWS_WITH(open_line.read_rest_of_line(), "t.orm:1:3: expected ')', found end of file");
}
