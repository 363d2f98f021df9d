#include "core/dialect/mysql/expression.hpp"

#include "core/dialect/mysql/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace orm::dialect::mysql {

namespace {

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

// Words that are never column names in an expression.
constexpr std::string_view k_keywords[] = {
    "and",          "or",           "not",       "xor",
    "in",           "is",           "null",      "like",
    "between",      "case",         "when",      "then",
    "else",         "end",          "true",      "false",
    "div",          "mod",          "as",        "escape",
    "regexp",       "rlike",        "binary",    "collate",
    "interval",     "unknown",      "distinct",  "current_timestamp",
    "current_date", "current_time", "localtime", "localtimestamp",
    "cast",         "char",         "signed",    "unsigned",
    "date",         "time",         "datetime",  "decimal",
    "json",         "key"};

// Keywords that a parenthesis may follow without making them a function call: `in (1, 2)`.
constexpr std::string_view k_operators[] = {
    "and",  "or",   "not",  "xor",    "in",    "is",     "like", "between", "case",
    "when", "then", "else", "regexp", "rlike", "escape", "as",   "distinct"};

struct Alias
{
  std::string_view written;
  std::string_view printed;
};

// MariaDB prints these functions under another name.
constexpr Alias k_mariadb_aliases[] = {
    {"lower", "lcase"},         {"upper", "ucase"},
    {"length", "octet_length"}, {"character_length", "char_length"},
    {"substring", "substr"},    {"now", "current_timestamp"},
};

bool
is_word_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

std::vector<Token>
tokens_of(std::string_view text)
{
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || c == '"') {
      size_t start = i++;
      while (i < text.size()) {
        if (text[i] == '\\') {
          i += 2;
        } else if (text[i] == c && i + 1 < text.size() && text[i + 1] == c) {
          i += 2;
        } else if (text[i++] == c) {
          break;
        }
      }
      std::string literal(text.substr(start, i - start));
      // Without ANSI_QUOTES "x" is a string too; the server prints it 'x'.
      if (c == '"') {
        std::string inner;
        for (size_t k = 1; k + 1 < literal.size(); ++k) {
          inner += literal[k];
          if (literal[k] == '\'') {
            inner += '\'';
          } else if (literal[k] == '"' && literal[k + 1] == '"') {
            ++k;
          }
        }
        literal = "'" + inner + "'";
      }
      tokens.push_back({TokenKind::string, literal});
    } else if (c == '`') {
      std::string name;
      for (++i; i < text.size(); ++i) {
        if (text[i] == '`' && i + 1 < text.size() && text[i + 1] == '`') {
          name += '`';
          ++i;
        } else if (text[i] == '`') {
          ++i;
          break;
        } else {
          name += text[i];
        }
      }
      tokens.push_back({TokenKind::identifier, name});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < text.size() &&
                std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t start = i;
      while (i < text.size() && (is_word_char(text[i]) || text[i] == '.')) {
        ++i;
      }
      tokens.push_back({TokenKind::number, std::string(text.substr(start, i - start))});
    } else if (is_word_char(c)) {
      size_t start = i;
      while (i < text.size() && is_word_char(text[i])) {
        ++i;
      }
      tokens.push_back({TokenKind::word, std::string(text.substr(start, i - start))});
    } else {
      // Two-character operators stay together.
      std::string op(1, c);
      if (i + 1 < text.size() && std::string_view("<>=!|&").find(c) != std::string_view::npos &&
          std::string_view("<>=|&").find(text[i + 1]) != std::string_view::npos) {
        op += text[i + 1];
      }
      i += op.size();
      tokens.push_back({TokenKind::punct, op == "!=" ? "<>" : op});
    }
  }
  return tokens;
}

bool
is_keyword(std::string_view lower)
{
  return std::find(std::begin(k_keywords), std::end(k_keywords), lower) != std::end(k_keywords);
}

bool
is_punct(const Token& token, std::string_view text)
{
  return token.kind == TokenKind::punct && token.text == text;
}

// Words become keywords, function names or backticked identifiers.
void
classify(std::vector<Token>& tokens, ServerKind server)
{
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto& token = tokens[i];
    if (token.kind != TokenKind::word) {
      continue;
    }
    std::string lower = util::to_lower(token.text);
    bool operator_word =
        std::find(std::begin(k_operators), std::end(k_operators), lower) != std::end(k_operators);
    bool call = !operator_word && i + 1 < tokens.size() && is_punct(tokens[i + 1], "(");
    if (call) {
      token.kind = TokenKind::function;
      token.text = lower;
      if (server == ServerKind::mariadb) {
        for (const auto& alias : k_mariadb_aliases) {
          if (alias.written == lower) {
            token.text = std::string(alias.printed);
          }
        }
      }
    } else if (is_keyword(lower)) {
      token.text = lower;
    } else {
      token.kind = TokenKind::identifier;
    }
  }
}

// True when the parenthesis at `open` closes at the last token.
bool
encloses_all(const std::vector<Token>& tokens, size_t open, size_t end)
{
  int depth = 0;
  for (size_t i = open; i < end; ++i) {
    if (is_punct(tokens[i], "(")) {
      ++depth;
    } else if (is_punct(tokens[i], ")") && --depth == 0) {
      return i + 1 == end;
    }
  }
  return false;
}

} // namespace

std::string
canonical_expression(std::string_view text, ServerKind server)
{
  std::vector<Token> tokens = tokens_of(text);
  size_t begin = 0;
  size_t end = tokens.size();
  while (end - begin >= 2 && is_punct(tokens[begin], "(") && encloses_all(tokens, begin, end)) {
    ++begin;
    --end;
  }
  std::vector<Token> kept(tokens.begin() + static_cast<long>(begin),
                          tokens.begin() + static_cast<long>(end));
  classify(kept, server);
  std::string result;
  for (size_t i = 0; i < kept.size(); ++i) {
    const auto& token = kept[i];
    bool no_space = i == 0 || is_punct(token, ")") || is_punct(token, ",") ||
                    is_punct(kept[i - 1], "(") ||
                    (is_punct(token, "(") && kept[i - 1].kind == TokenKind::function);
    if (!no_space) {
      result += ' ';
    }
    result += token.kind == TokenKind::identifier ? quote_identifier(token.text) : token.text;
  }
  return result;
}

} // namespace orm::dialect::mysql
