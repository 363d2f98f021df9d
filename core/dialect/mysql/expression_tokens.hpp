#pragma once

#include "core/dialect/mysql/connection.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

// The tokens of a MySQL expression, for canonical_expression (expression.hpp): read, classified,
// and grouped by their parentheses and CASE ... END.
namespace orm::dialect::mysql {

enum class TokenKind
{
  word,
  function,
  identifier,
  string,
  number,
  punct
};

struct Token
{
  TokenKind kind;
  std::string text; // identifiers unquoted; everything else as written
};

using Tokens = std::vector<Token>;

template <size_t N>
inline bool
contains(const std::string_view (&words)[N], std::string_view word)
{
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

// Words, backticked names, strings (in canonical_string's quoting), numbers and punctuation.
Tokens tokens_of(std::string_view text);

bool is_punct(const Token& token, std::string_view text);

bool is_word(const Token& token, std::string_view lower);

// MySQL prints a string in an expression with the connection's character set as an introducer:
// _utf8mb4'x'. _binary changes what the string is and stays.
void drop_charset_introducers(Tokens& tokens);

// Words become keywords, function names or backticked identifiers.
void classify(Tokens& tokens, ServerKind server);

// The index of the parenthesis closing the one at `open`; tokens.size() when there is none.
size_t closing(const Tokens& tokens, size_t open);

// The index of the END closing the CASE at `start`; tokens.size() when there is none.
size_t case_end(const Tokens& tokens, size_t start);

// Drops one pair of redundant parentheses; false when there is none.
bool drop_redundant_parentheses(Tokens& tokens);

// The index after the group that starts at `i`: a parenthesized one, CASE ... END, or one token.
size_t after_group(const Tokens& tokens, size_t i);

} // namespace orm::dialect::mysql
