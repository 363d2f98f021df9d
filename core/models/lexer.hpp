#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace orm::models {

// 1-based; the column counts bytes.
struct Position
{
  int line = 1;
  int column = 1;
};

struct Token
{
  enum class Kind
  {
    word,
    quoted_name,
    string,
    number,
    symbol,
    newline,
    end,
    invalid
  };
  Kind kind = Kind::end;
  std::string value;       // the unescaped name or string; the text of anything else
  std::string_view source; // the exact source text, for messages
  Position position;
};

// Raw SQL taken verbatim from the source (comments removed), whitespace-squeezed.
struct RawText
{
  std::string text;
  Position end; // where the capture stopped: the closing `)`, or the end of the line
};

// Throws Error(config) "<file>:<line>:<col>: <message>".
[[noreturn]] void throw_error_at(std::string_view file, Position position,
                                 std::string_view message);

// How a token reads in "found ..." messages: 'users', string 'abc', end of line, end of file.
std::string describe(const Token& token);

// How deep parentheses may nest inside raw SQL (a check, a default, an index expression, a where):
// deep enough for any real expression, and shallow enough that the recursive expression
// normalisers of the dialects stay far from the end of the stack.
inline constexpr int k_max_nesting = 1000;

// Turns models-language source into tokens on demand. Newlines are tokens except inside
// parentheses; `//` and `/* */` comments are skipped.
// The text must outlive the lexer and its tokens, which point into it.
class Lexer
{
public:
  Lexer(std::string_view text, std::string_view file);

  Token next();
  // Called right after a `(` token: the text up to its matching `)`, which is consumed.
  RawText read_parenthesized(Position open);
  // The text up to the end of the line, a comment or a `}`; parentheses in it may span lines.
  RawText read_rest_of_line();

  std::string_view file() const { return m_file; }

private:
  bool at_end() const { return m_offset >= m_text.size(); }
  char peek(size_t ahead = 0) const;
  bool at_comment() const;
  Position position() const;
  void advance();
  [[noreturn]] void fail_too_deep() const;
  void skip_blanks();
  void skip_comment();
  std::string read_quoted();
  void append_quoted(std::string& text);

  std::string_view m_text;
  std::string_view m_file;
  size_t m_offset = 0;
  size_t m_line_start = 0;
  int m_line = 1;
  int m_paren_depth = 0;
};

} // namespace orm::models
