#include "core/dialect/mysql/expression.hpp"

#include "core/dialect/mysql/expression_logic.hpp"
#include "core/dialect/mysql/expression_tokens.hpp"

#include "core/dialect/mysql/types.hpp"

namespace orm::dialect::mysql {

std::string
canonical_expression(std::string_view text, ServerKind server)
{
  Tokens tokens = tokens_of(text);
  drop_charset_introducers(tokens);
  classify(tokens, server);
  replace_exclamation_marks(tokens);
  drop_doubled_parentheses(tokens);
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
  return result;
}

} // namespace orm::dialect::mysql
