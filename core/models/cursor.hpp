#pragma once

#include "core/models/lexer.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace orm::models {

// The parser's view of the token stream: the current token and the checks every grammar rule
// needs. Each expect_* consumes what it expects or throws "expected <what>, found <token>".
class Cursor
{
public:
  Cursor(std::string_view text, std::string_view file);

  const Token& token() const { return m_token; }
  void advance() { m_token = m_lexer.next(); }

  [[noreturn]] void fail_at(Position position, const std::string& message) const;
  [[noreturn]] void fail_expected(const std::string& what) const;
  // Throws `message` at `at` when `seen` is already set, then sets it.
  void check_once(bool& seen, Position at, const std::string& message) const;

  bool is_keyword(std::string_view keyword) const; // a bare word, any case
  // The current token and those after it are these bare words, any case; consumes nothing.
  bool are_keywords(std::initializer_list<std::string_view> keywords) const;
  bool is_symbol(char symbol) const;
  bool is_name() const;
  bool at_line_end() const; // a newline, `}` or the end of the file

  void expect_keyword(std::string_view keyword);
  void expect_symbol(char symbol);
  std::string expect_name(const std::string& what);
  std::optional<std::string> optional_name();
  std::string expect_string(const std::string& what);
  int expect_int(const std::string& what, int minimum, int maximum);
  // `( raw sql )`, which must not be empty.
  std::string expect_parenthesized(const std::string& what);
  // After `where`: `(expr)` or `expr` up to the end of the line.
  std::string expect_where();
  // Consumes a newline; leaves `}` and the end of the file for the caller.
  void expect_line_end();

private:
  Lexer m_lexer;
  Token m_token;
};

} // namespace orm::models
