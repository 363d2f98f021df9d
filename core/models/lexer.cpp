#include "core/models/lexer.hpp"

#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

namespace orm::models {

namespace {

const size_t k_max_described_length = 40;

bool
is_name_start(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
is_name_char(char c)
{
  return is_name_start(c) || is_digit(c);
}

bool
is_non_ascii(char c)
{
  return static_cast<unsigned char>(c) >= 0x80;
}

bool
is_utf8_continuation(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Long tokens (strings, garbage) are cut and control bytes escaped so that a message stays on
// one short, printable line.
std::string
shorten(std::string_view text)
{
  size_t length = std::min(text.find('\n'), text.size());
  if (length > k_max_described_length) {
    length = k_max_described_length;
  }
  while (length < text.size() && length > 0 && is_utf8_continuation(text[length])) {
    --length;
  }
  std::string result;
  for (char c : text.substr(0, length)) {
    bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    result += control ? fmt::format("\\x{:02x}", static_cast<unsigned char>(c)) : std::string(1, c);
  }
  return length < text.size() ? result + "..." : result;
}

} // namespace

void
throw_error_at(std::string_view file, Position position, std::string_view message)
{
  throw Error(ErrorKind::config,
              fmt::format("{}:{}:{}: {}", file, position.line, position.column, message));
}

std::string
describe(const Token& token)
{
  switch (token.kind) {
  case Token::Kind::newline:
    return "end of line";
  case Token::Kind::end:
    return "end of file";
  case Token::Kind::string:
    return "string " + shorten(token.source);
  default:
    return "'" + shorten(token.source) + "'";
  }
}

Lexer::Lexer(std::string_view text, std::string_view file) : m_text(text), m_file(file) {}

char
Lexer::peek(size_t ahead) const
{
  return m_offset + ahead < m_text.size() ? m_text[m_offset + ahead] : '\0';
}

bool
Lexer::at_comment() const
{
  return peek() == '/' && (peek(1) == '/' || peek(1) == '*');
}

Position
Lexer::position() const
{
  return {m_line, static_cast<int>(m_offset - m_line_start) + 1};
}

void
Lexer::advance()
{
  if (m_text[m_offset] == '\n') {
    ++m_line;
    m_line_start = m_offset + 1;
  }
  ++m_offset;
}

void
Lexer::skip_comment()
{
  Position start = position();
  bool block = peek(1) == '*';
  advance();
  advance();
  while (!at_end()) {
    if (!block && peek() == '\n') {
      return;
    }
    if (block && peek() == '*' && peek(1) == '/') {
      advance();
      advance();
      return;
    }
    advance();
  }
  if (block) {
    throw_error_at(m_file, start, "expected end of comment, found end of file");
  }
}

void
Lexer::skip_blanks()
{
  while (!at_end()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
        (c == '\n' && m_paren_depth > 0)) {
      advance();
    } else if (at_comment()) {
      skip_comment();
    } else {
      return;
    }
  }
}

// Reads '...' or "..." where a doubled quote stands for one; returns the unescaped content.
std::string
Lexer::read_quoted()
{
  Position start = position();
  char quote = peek();
  advance();
  std::string value;
  while (!at_end()) {
    char c = peek();
    advance();
    if (c != quote) {
      value += c;
    } else if (peek() == quote && !at_end()) {
      value += c;
      advance();
    } else {
      return value;
    }
  }
  throw_error_at(m_file, start,
                 quote == '\'' ? "expected end of string, found end of file"
                               : "expected end of quoted name, found end of file");
}

void
Lexer::append_quoted(std::string& text)
{
  size_t begin = m_offset;
  read_quoted();
  text += m_text.substr(begin, m_offset - begin);
}

Token
Lexer::next()
{
  skip_blanks();
  Token token;
  token.position = position();
  size_t begin = m_offset;
  if (at_end()) {
    token.kind = Token::Kind::end;
    return token;
  }
  char c = peek();
  if (c == '\n') {
    token.kind = Token::Kind::newline;
    advance();
  } else if (is_name_start(c) || is_non_ascii(c)) {
    // A bare word with non-ASCII bytes is one invalid token, so the message shows all of it.
    bool ascii = true;
    while (!at_end() && (is_name_char(peek()) || is_non_ascii(peek()))) {
      ascii = ascii && !is_non_ascii(peek());
      advance();
    }
    token.kind = ascii ? Token::Kind::word : Token::Kind::invalid;
  } else if (is_digit(c) || (c == '-' && is_digit(peek(1)))) {
    token.kind = Token::Kind::number;
    advance();
    while (is_digit(peek())) {
      advance();
    }
    if (peek() == '.' && is_digit(peek(1))) {
      advance();
      while (is_digit(peek())) {
        advance();
      }
    }
  } else if (c == '\'' || c == '"') {
    token.kind = c == '\'' ? Token::Kind::string : Token::Kind::quoted_name;
    token.value = read_quoted();
  } else if (std::string_view("{}(),?").find(c) != std::string_view::npos) {
    token.kind = Token::Kind::symbol;
    m_paren_depth += c == '(' ? 1 : 0;
    m_paren_depth -= c == ')' && m_paren_depth > 0 ? 1 : 0;
    advance();
  } else {
    token.kind = Token::Kind::invalid;
    advance();
  }
  token.source = m_text.substr(begin, m_offset - begin);
  if (token.kind != Token::Kind::string && token.kind != Token::Kind::quoted_name) {
    token.value = std::string(token.source);
  }
  return token;
}

void
Lexer::fail_too_deep() const
{
  throw_error_at(m_file, position(),
                 fmt::format("parentheses nested more than {} levels deep", k_max_nesting));
}

RawText
Lexer::read_parenthesized(Position open)
{
  std::string text;
  int depth = 1;
  while (!at_end()) {
    char c = peek();
    if (at_comment()) {
      skip_comment();
      text += ' ';
      continue;
    }
    if (c == '\'' || c == '"') {
      append_quoted(text);
      continue;
    }
    if (c == '(' && ++depth > k_max_nesting + 1) { // the enclosing `(` is not raw SQL
      fail_too_deep();
    }
    depth -= c == ')' ? 1 : 0;
    if (depth == 0) {
      Position close = position();
      advance();
      --m_paren_depth;
      return {util::squeeze_spaces(text), close};
    }
    text += c;
    advance();
  }
  throw_error_at(m_file, open, "expected ')', found end of file");
}

RawText
Lexer::read_rest_of_line()
{
  std::string text;
  int depth = 0;
  Position first_open;
  while (!at_end()) {
    char c = peek();
    if (depth == 0 && (c == '\n' || c == '}' || at_comment())) {
      break;
    }
    if (at_comment()) {
      skip_comment();
      text += ' ';
      continue;
    }
    if (c == '\'' || c == '"') {
      append_quoted(text);
      continue;
    }
    if (c == '(' && depth++ == 0) {
      first_open = position();
    }
    if (depth > k_max_nesting) {
      fail_too_deep();
    }
    if (c == ')' && depth-- == 0) {
      throw_error_at(m_file, position(), "expected end of line, found ')'");
    }
    text += c;
    advance();
  }
  if (depth > 0) {
    throw_error_at(m_file, first_open, "expected ')', found end of file");
  }
  return {util::squeeze_spaces(text), position()};
}

} // namespace orm::models
