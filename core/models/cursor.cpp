#include "core/models/cursor.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <charconv>

namespace orm::models {

namespace {

// The index of the `)` that closes the `(` at text[0], skipping quoted text.
size_t
matching_paren(const std::string& text)
{
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      quote = c == quote ? 0 : quote;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

} // namespace

Cursor::Cursor(std::string_view text, std::string_view file) : m_lexer(text, file)
{
  advance();
}

void
Cursor::fail_at(Position position, const std::string& message) const
{
  throw_error_at(m_lexer.file(), position, message);
}

void
Cursor::fail_expected(const std::string& what) const
{
  fail_at(m_token.position, fmt::format("expected {}, found {}", what, describe(m_token)));
}

void
Cursor::check_once(bool& seen, Position at, const std::string& message) const
{
  if (seen) {
    fail_at(at, message);
  }
  seen = true;
}

bool
Cursor::is_keyword(std::string_view keyword) const
{
  return m_token.kind == Token::Kind::word && util::equals_icase(m_token.value, keyword);
}

bool
Cursor::are_keywords(std::initializer_list<std::string_view> keywords) const
{
  Lexer ahead = m_lexer;
  Token token = m_token;
  size_t checked = 0;
  for (auto keyword : keywords) {
    if (checked++ > 0) {
      token = ahead.next();
    }
    if (token.kind != Token::Kind::word || !util::equals_icase(token.value, keyword)) {
      return false;
    }
  }
  return true;
}

bool
Cursor::is_symbol(char symbol) const
{
  return m_token.kind == Token::Kind::symbol && m_token.value[0] == symbol;
}

bool
Cursor::is_name() const
{
  return m_token.kind == Token::Kind::word || m_token.kind == Token::Kind::quoted_name;
}

bool
Cursor::at_line_end() const
{
  return m_token.kind == Token::Kind::newline || m_token.kind == Token::Kind::end || is_symbol('}');
}

void
Cursor::expect_keyword(std::string_view keyword)
{
  if (!is_keyword(keyword)) {
    fail_expected(fmt::format("'{}'", keyword));
  }
  advance();
}

void
Cursor::expect_symbol(char symbol)
{
  if (!is_symbol(symbol)) {
    fail_expected(fmt::format("'{}'", symbol));
  }
  advance();
}

std::string
Cursor::expect_name(const std::string& what)
{
  if (!is_name() || m_token.value.empty()) {
    fail_expected(what);
  }
  std::string name = m_token.value;
  advance();
  return name;
}

std::optional<std::string>
Cursor::optional_name()
{
  if (!is_name()) {
    return std::nullopt;
  }
  return expect_name("a name");
}

std::string
Cursor::expect_string(const std::string& what)
{
  if (m_token.kind != Token::Kind::string) {
    fail_expected(what);
  }
  std::string value = m_token.value;
  advance();
  return value;
}

int
Cursor::expect_int(const std::string& what, int minimum, int maximum)
{
  int value = 0;
  const std::string& text = m_token.value;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (m_token.kind != Token::Kind::number || error != std::errc() ||
      end != text.data() + text.size() || value < minimum || value > maximum) {
    fail_expected(what);
  }
  advance();
  return value;
}

std::string
Cursor::expect_parenthesized(const std::string& what)
{
  if (!is_symbol('(')) {
    fail_expected("'('");
  }
  RawText raw = m_lexer.read_parenthesized(m_token.position);
  if (raw.text.empty()) {
    fail_at(raw.end, fmt::format("expected {}, found ')'", what));
  }
  advance();
  return raw.text;
}

std::string
Cursor::expect_where()
{
  Position at = m_token.position;
  RawText raw = m_lexer.read_rest_of_line();
  advance();
  if (raw.text.empty()) {
    fail_expected("a condition");
  }
  const std::string& text = raw.text;
  if (text.front() == '(' && matching_paren(text) == text.size() - 1) {
    std::string inner = util::squeeze_spaces(std::string_view(text).substr(1, text.size() - 2));
    if (inner.empty()) {
      fail_at(at, "expected a condition, found '()'");
    }
    return inner;
  }
  return text;
}

void
Cursor::expect_line_end()
{
  if (m_token.kind == Token::Kind::newline) {
    advance();
  } else if (!at_line_end()) {
    fail_expected("end of line");
  }
}

} // namespace orm::models
