#include "core/dialect/mysql/expression.hpp"

#include "core/dialect/mysql/expression_logic.hpp"
#include "core/dialect/mysql/expression_tokens.hpp"
#include "core/dialect/mysql/types.hpp"
#include "core/dialect/parentheses.hpp"

namespace orm::dialect::mysql {

std::string
canonical_expression(std::string_view text, ServerKind server)
{
  Tokens tokens = tokens_of(text);
  drop_charset_introducers(tokens);
  classify(tokens, server);
  replace_exclamation_marks(tokens);
  dialect::drop_doubled_parentheses(tokens, is_punct);
  tokens = rewrite_sequence(tokens, server);
  while (drop_redundant_parentheses(tokens)) {
  }
  std::string result;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    bool no_space = i == 0 || is_punct(token, ")") || is_punct(token, ",") ||
                    is_punct(tokens[i - 1], "(") ||
                    (is_punct(token, "(") && tokens[i - 1].kind == TokenKind::function);
    if (!no_space) {
      result += ' ';
    }
    result += token.kind == TokenKind::identifier ? quote_identifier(token.text) : token.text;
  }
  return result;
}

namespace {

// The length of the UTF-8 sequence that `lead` starts, 0 for a byte no sequence starts with.
size_t
utf8_length(unsigned char lead)
{
  return lead < 0x80           ? 1
         : (lead >> 5) == 0x6  ? 2
         : (lead >> 4) == 0xE  ? 3
         : (lead >> 3) == 0x1E ? 4
                               : 0;
}

// True when `text` is well-formed UTF-8 with at least one character beyond ASCII.
bool
is_multibyte_utf8(std::string_view text)
{
  bool multibyte = false;
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_length(static_cast<unsigned char>(text[i]));
    if (length == 0 || i + length > text.size()) {
      return false;
    }
    for (size_t j = 1; j < length; ++j) {
      if ((static_cast<unsigned char>(text[i + j]) & 0xC0) != 0x80) {
        return false;
      }
    }
    multibyte = multibyte || length > 1;
    i += length;
  }
  return multibyte;
}

// MySQL 9 reports an expression's non-ASCII text encoded twice: its UTF-8 bytes taken as Latin-1
// characters and encoded again ('é' as 'Ã©'). The bytes back, when they are UTF-8; else `text`.
std::string
utf8_encoded_once(const std::string& text)
{
  std::string bytes;
  for (size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      bytes += text[i++];
    } else if ((lead == 0xC2 || lead == 0xC3) && i + 1 < text.size()) {
      bytes += static_cast<char>(((lead & 0x03) << 6) |
                                 (static_cast<unsigned char>(text[i + 1]) & 0x3F));
      i += 2;
    } else {
      return text; // a character beyond Latin-1: not encoded twice
    }
  }
  return is_multibyte_utf8(bytes) ? bytes : text;
}

} // namespace

std::string
unescaped_information_schema(std::string_view text)
{
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
    }
    result += text[i];
  }
  return utf8_encoded_once(result);
}

} // namespace orm::dialect::mysql
