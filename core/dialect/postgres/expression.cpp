#include "core/dialect/postgres/expression.hpp"

#include "core/dialect/parentheses.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace orm::dialect::postgres {

namespace {

enum class TokenKind
{
  word,
  quoted_name,
  string,
  number,
  punct
};

struct Token
{
  TokenKind kind;
  std::string text; // words lower-cased; names and strings with their quotes
};

// Reserved words that must stay quoted when used as names (PostgreSQL's reserved keywords).
constexpr std::array k_reserved = {
    "all",          "analyse",
    "analyze",      "and",
    "any",          "array",
    "as",           "asc",
    "asymmetric",   "both",
    "case",         "cast",
    "check",        "collate",
    "column",       "constraint",
    "create",       "current_catalog",
    "current_date", "current_role",
    "current_time", "current_timestamp",
    "current_user", "default",
    "deferrable",   "desc",
    "distinct",     "do",
    "else",         "end",
    "except",       "false",
    "fetch",        "for",
    "foreign",      "from",
    "grant",        "group",
    "having",       "in",
    "initially",    "intersect",
    "into",         "lateral",
    "leading",      "limit",
    "localtime",    "localtimestamp",
    "not",          "null",
    "offset",       "on",
    "only",         "or",
    "order",        "placing",
    "primary",      "references",
    "returning",    "select",
    "session_user", "some",
    "symmetric",    "table",
    "then",         "to",
    "trailing",     "true",
    "union",        "unique",
    "user",         "using",
    "variadic",     "when",
    "where",        "window",
    "with",         "authorization",
    "binary",       "collation",
    "concurrently", "cross",
    "freeze",       "full",
    "ilike",        "inner",
    "is",           "isnull",
    "join",         "left",
    "like",         "natural",
    "notnull",      "outer",
    "overlaps",     "right",
    "similar",      "tablesample",
    "verbose",
};

// Words that continue a type name after `::`: character varying, timestamp with time zone.
constexpr std::array k_type_continuations = {"varying", "precision", "with",
                                             "without", "time",      "zone"};

constexpr std::string_view k_operator_chars = "+-*/<>=~!@#%^&|`?";

bool
is_word_start(char c)
{
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool
is_word_char(char c)
{
  return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// The quoted run that starts at `i` with `quote`; a doubled quote stays inside.
size_t
quoted_end(std::string_view sql, size_t i, char quote)
{
  for (size_t j = i + 1; j < sql.size(); ++j) {
    if (sql[j] == quote) {
      if (j + 1 < sql.size() && sql[j + 1] == quote) {
        ++j;
        continue;
      }
      return j + 1;
    }
  }
  return sql.size();
}

// Where the E'..' string at `i` (at its quote) ends: a backslash escapes the next character.
size_t
escape_string_end(std::string_view sql, size_t i)
{
  for (size_t j = i + 1; j < sql.size(); ++j) {
    if (sql[j] == '\\') {
      ++j;
    } else if (sql[j] == '\'') {
      if (j + 1 < sql.size() && sql[j + 1] == '\'') {
        ++j;
        continue;
      }
      return j + 1;
    }
  }
  return sql.size();
}

// `code` (a Unicode scalar value) in UTF-8.
std::string
utf8_of(unsigned long code)
{
  std::string bytes;
  if (code < 0x80) {
    bytes += static_cast<char>(code);
  } else if (code < 0x800) {
    bytes += static_cast<char>(0xC0 | (code >> 6));
    bytes += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    bytes += static_cast<char>(0xE0 | (code >> 12));
    bytes += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    bytes += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    bytes += static_cast<char>(0xF0 | (code >> 18));
    bytes += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    bytes += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    bytes += static_cast<char>(0x80 | (code & 0x3F));
  }
  return bytes;
}

// The number of up to `most` digits of `base` at `at`, and their value.
std::pair<size_t, unsigned long>
digits_at(std::string_view text, size_t at, size_t most, int base)
{
  size_t count = 0;
  unsigned long value = 0;
  while (count < most && at + count < text.size()) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[at + count])));
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : base;
    if (digit >= base) {
      break;
    }
    value = value * static_cast<unsigned long>(base) + static_cast<unsigned long>(digit);
    ++count;
  }
  return {count, value};
}

// The text of the body of an E'..' string, its escapes read as PostgreSQL reads them.
std::string
escape_string_value(std::string_view body)
{
  std::string value;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
      ++i;
    } else if (c == '\\' && i + 1 < body.size()) {
      char next = body[++i];
      std::pair<size_t, unsigned long> code{0, 0};
      switch (next) {
      case 'b':
        c = '\b';
        break;
      case 'f':
        c = '\f';
        break;
      case 'n':
        c = '\n';
        break;
      case 'r':
        c = '\r';
        break;
      case 't':
        c = '\t';
        break;
      case 'x':
        code = digits_at(body, i + 1, 2, 16);
        break;
      case 'u':
        code = digits_at(body, i + 1, 4, 16);
        break;
      case 'U':
        code = digits_at(body, i + 1, 8, 16);
        break;
      default:
        code = digits_at(body, i, 3, 8);
        if (code.first > 0) {
          --i; // the first digit is `next`
        }
        c = next;
      }
      if (code.first > 0) {
        value += next == 'u' || next == 'U' ? utf8_of(code.second)
                                            : std::string(1, static_cast<char>(code.second));
        i += code.first;
        continue;
      }
    }
    value += c;
  }
  return value;
}

std::vector<Token>
tokenize(std::string_view sql)
{
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    size_t end = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '\'') {
      end = quoted_end(sql, i, '\'');
      tokens.push_back({TokenKind::string, std::string(sql.substr(i, end - i))});
    } else if ((c == 'e' || c == 'E') && i + 1 < sql.size() && sql[i + 1] == '\'' &&
               (i == 0 || !is_word_char(sql[i - 1]))) {
      // E'a\\b' reads as 'a\b', as standard_conforming_strings prints it.
      end = escape_string_end(sql, i + 1);
      std::string_view body = sql.substr(i + 2, end - i - 3);
      tokens.push_back({TokenKind::string, util::sql_string_literal(escape_string_value(body))});
    } else if (c == '"') {
      end = quoted_end(sql, i, '"');
      tokens.push_back({TokenKind::quoted_name, std::string(sql.substr(i, end - i))});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() &&
                std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      while (end < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[end])) ||
                                  sql[end] == '.' || sql[end] == 'e' || sql[end] == 'E')) {
        ++end;
      }
      tokens.push_back({TokenKind::number, std::string(sql.substr(i, end - i))});
    } else if (is_word_start(c)) {
      while (end < sql.size() && is_word_char(sql[end])) {
        ++end;
      }
      tokens.push_back({TokenKind::word, util::to_lower(sql.substr(i, end - i))});
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      end = i + 2;
      tokens.push_back({TokenKind::punct, "::"});
    } else if (k_operator_chars.find(c) != std::string_view::npos) {
      while (end < sql.size() && k_operator_chars.find(sql[end]) != std::string_view::npos) {
        ++end;
      }
      tokens.push_back({TokenKind::punct, std::string(sql.substr(i, end - i))});
    } else {
      tokens.push_back({TokenKind::punct, std::string(1, c)});
    }
    i = end;
  }
  return tokens;
}

bool
is(const Token& token, std::string_view text)
{
  return (token.kind == TokenKind::punct || token.kind == TokenKind::word) && token.text == text;
}

bool
is_reserved(std::string_view word)
{
  return std::find(k_reserved.begin(), k_reserved.end(), word) != k_reserved.end();
}

// "karma" -> karma when the quotes change nothing.
void
unquote_plain_names(std::vector<Token>& tokens)
{
  for (auto& token : tokens) {
    if (token.kind != TokenKind::quoted_name || token.text.size() < 3) {
      continue;
    }
    std::string inner = token.text.substr(1, token.text.size() - 2);
    bool plain = (std::islower(static_cast<unsigned char>(inner[0])) || inner[0] == '_') &&
                 std::all_of(inner.begin(), inner.end(), [](char c) {
                   return std::islower(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                 });
    if (plain && !is_reserved(inner)) {
      token = {TokenKind::word, inner};
    }
  }
}

bool
is_number_text(std::string_view text)
{
  if (!text.empty() && text[0] == '-') {
    text.remove_prefix(1);
  }
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
         });
}

// The index after a type name that starts at `i` (after `::`): words, (args), [].
size_t
skip_type_name(const std::vector<Token>& tokens, size_t i)
{
  if (i >= tokens.size() ||
      (tokens[i].kind != TokenKind::word && tokens[i].kind != TokenKind::quoted_name)) {
    return i;
  }
  ++i;
  while (i + 1 < tokens.size() && is(tokens[i], ".")) { // schema-qualified
    i += 2;
  }
  auto continues = [&](size_t j) {
    return j < tokens.size() && tokens[j].kind == TokenKind::word &&
           std::find(k_type_continuations.begin(), k_type_continuations.end(), tokens[j].text) !=
               k_type_continuations.end();
  };
  while (continues(i)) {
    ++i;
  }
  if (i < tokens.size() && is(tokens[i], "(")) {
    while (i < tokens.size() && !is(tokens[i], ")")) {
      ++i;
    }
    ++i;
    while (continues(i)) {
      ++i;
    }
  }
  while (i + 1 < tokens.size() && is(tokens[i], "[") && is(tokens[i + 1], "]")) {
    i += 2;
  }
  return i;
}

// 'x'::text -> 'x'; '-1'::integer and (0)::numeric -> -1, 0; NULL::text -> null;
// title::text -> title.
std::vector<Token>
drop_literal_casts(const std::vector<Token>& tokens)
{
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // (number)::type
    if (is(tokens[i], "(") && i + 3 < tokens.size() && tokens[i + 1].kind == TokenKind::number &&
        is(tokens[i + 2], ")") && is(tokens[i + 3], "::")) {
      out.push_back(tokens[i + 1]);
      i = skip_type_name(tokens, i + 4) - 1;
      continue;
    }
    // name::text: the cast PostgreSQL adds where a varchar column meets a text function.
    bool name = tokens[i].kind == TokenKind::word || tokens[i].kind == TokenKind::quoted_name;
    if (name && !is_reserved(tokens[i].text) && i + 2 < tokens.size() && is(tokens[i + 1], "::") &&
        (is(tokens[i + 2], "text") || (is(tokens[i + 2], "character") && i + 3 < tokens.size() &&
                                       is(tokens[i + 3], "varying")))) {
      out.push_back(tokens[i]);
      i = skip_type_name(tokens, i + 2) - 1;
      continue;
    }
    out.push_back(tokens[i]);
    bool literal = tokens[i].kind == TokenKind::string || tokens[i].kind == TokenKind::number ||
                   is(tokens[i], "null");
    if (literal && i + 1 < tokens.size() && is(tokens[i + 1], "::")) {
      size_t after = skip_type_name(tokens, i + 2);
      if (after == i + 2) {
        continue;
      }
      Token& kept = out.back();
      std::string inner = kept.kind == TokenKind::string && kept.text.size() >= 2
                              ? kept.text.substr(1, kept.text.size() - 2)
                              : std::string();
      const Token& type = tokens[i + 2];
      bool numeric_type =
          type.kind == TokenKind::word &&
          (type.text == "integer" || type.text == "bigint" || type.text == "smallint" ||
           type.text == "numeric" || type.text == "real" || type.text == "double");
      if (kept.kind == TokenKind::string && numeric_type && is_number_text(inner)) {
        kept = {TokenKind::number, inner};
      }
      i = after - 1;
    }
  }
  return out;
}

// A minus sign that starts a number (after an operator, '(' or ',') joins it: - 1 -> -1.
std::vector<Token>
join_negative_numbers(const std::vector<Token>& tokens)
{
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool unary =
        out.empty() || out.back().kind == TokenKind::punct ||
        (out.back().kind == TokenKind::word && is_reserved(out.back().text) &&
         out.back().text != "null" && out.back().text != "true" && out.back().text != "false");
    if (unary && is(tokens[i], "-") && i + 1 < tokens.size() &&
        tokens[i + 1].kind == TokenKind::number && !is(out.empty() ? tokens[i] : out.back(), ")")) {
      out.push_back({TokenKind::number, "-" + tokens[i + 1].text});
      ++i;
      continue;
    }
    out.push_back(tokens[i]);
  }
  return out;
}

// Index of the ')' matching the '(' at `open`, or tokens.size().
size_t
matching(const std::vector<Token>& tokens, size_t open, std::string_view open_text = "(",
         std::string_view close_text = ")")
{
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (is(tokens[i], open_text)) {
      ++depth;
    } else if (is(tokens[i], close_text) && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

// x = ANY (ARRAY[a, b]) -> x in (a, b); x <> ALL (ARRAY[a, b]) -> x not in (a, b).
std::vector<Token>
any_array_to_in(const std::vector<Token>& tokens)
{
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool any = is(tokens[i], "=") && i + 4 < tokens.size() && is(tokens[i + 1], "any");
    bool all = is(tokens[i], "<>") && i + 4 < tokens.size() && is(tokens[i + 1], "all");
    if ((any || all) && is(tokens[i + 2], "(") && is(tokens[i + 3], "array") &&
        is(tokens[i + 4], "[")) {
      size_t close_bracket = matching(tokens, i + 4, "[", "]");
      size_t close_paren = close_bracket + 1;
      if (close_paren < tokens.size() && is(tokens[close_paren], ")")) {
        if (all) {
          out.push_back({TokenKind::word, "not"});
        }
        out.push_back({TokenKind::word, "in"});
        out.push_back({TokenKind::punct, "("});
        out.insert(out.end(), tokens.begin() + static_cast<long>(i) + 5,
                   tokens.begin() + static_cast<long>(close_bracket));
        out.push_back({TokenKind::punct, ")"});
        i = close_paren;
        continue;
      }
    }
    out.push_back(tokens[i]);
  }
  return out;
}

bool
is_logical(const Token& token)
{
  return is(token, "and") || is(token, "or") || is(token, "not");
}

bool
is_boundary(const std::vector<Token>& tokens, size_t i, bool before)
{
  if (before ? i == 0 : i + 1 >= tokens.size()) {
    return true;
  }
  const Token& next = tokens[before ? i - 1 : i + 1];
  return is(next, "(") || is(next, ")") || is(next, ",");
}

// A word before '(' makes it a call's or a list's parentheses, which must stay.
bool
is_call(const std::vector<Token>& tokens, size_t open)
{
  return open > 0 &&
         (tokens[open - 1].kind == TokenKind::word ||
          tokens[open - 1].kind == TokenKind::quoted_name) &&
         !is_logical(tokens[open - 1]);
}

// A row or a list: (1, 2) is never the same as 1, 2.
bool
has_top_level_comma(const std::vector<Token>& tokens, size_t open, size_t close)
{
  int depth = 0;
  for (size_t i = open + 1; i < close; ++i) {
    depth += is(tokens[i], "(") ? 1 : is(tokens[i], ")") ? -1 : 0;
    if (depth == 0 && is(tokens[i], ",")) {
      return true;
    }
  }
  return false;
}

bool
has_top_level_logical(const std::vector<Token>& tokens, size_t open, size_t close)
{
  int depth = 0;
  for (size_t i = open + 1; i < close; ++i) {
    if (is(tokens[i], "(")) {
      ++depth;
    } else if (is(tokens[i], ")")) {
      --depth;
    } else if (depth == 0 && (is_logical(tokens[i]) || is(tokens[i], "is"))) {
      return true;
    }
  }
  return false;
}

// Removes one pair of redundant parentheses; false when there is none.
bool
remove_redundant_parentheses(std::vector<Token>& tokens)
{
  for (size_t open = 0; open < tokens.size(); ++open) {
    if (!is(tokens[open], "(") || is_call(tokens, open)) {
      continue;
    }
    size_t close = matching(tokens, open);
    if (close >= tokens.size() || close == open + 1 || has_top_level_comma(tokens, open, close)) {
      continue;
    }
    bool bounded = is_boundary(tokens, open, true) && is_boundary(tokens, close, false);
    bool single = close == open + 2;
    bool beside_logical = (is_boundary(tokens, open, true) || is_logical(tokens[open - 1])) &&
                          (is_boundary(tokens, close, false) || is_logical(tokens[close + 1]));
    bool comparison = beside_logical && !has_top_level_logical(tokens, open, close);
    if (bounded || single || comparison) {
      tokens.erase(tokens.begin() + static_cast<long>(close));
      tokens.erase(tokens.begin() + static_cast<long>(open));
      return true;
    }
  }
  return false;
}


bool
space_between(const Token& left, const Token& right)
{
  if (is(left, "(") || is(left, "[") || is(right, ")") || is(right, "]") || is(right, ",") ||
      is(left, "::") || is(right, "::") || is(left, ".") || is(right, ".")) {
    return false;
  }
  if (is(right, "(") || is(right, "[")) {
    return !(left.kind == TokenKind::word || left.kind == TokenKind::quoted_name) ||
           is_logical(left) || is(left, "in");
  }
  return true;
}

std::string
render(const std::vector<Token>& tokens)
{
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && space_between(tokens[i - 1], tokens[i])) {
      out += ' ';
    }
    out += tokens[i].text;
  }
  return out;
}

} // namespace

std::string
normalize_expression(std::string_view sql)
{
  std::vector<Token> tokens = tokenize(sql);
  unquote_plain_names(tokens);
  tokens = any_array_to_in(join_negative_numbers(drop_literal_casts(tokens)));
  dialect::drop_doubled_parentheses(tokens, is);
  while (remove_redundant_parentheses(tokens)) {
  }
  return render(tokens);
}

bool
is_single_name(std::string_view sql, std::string& name)
{
  std::vector<Token> tokens = tokenize(sql);
  unquote_plain_names(tokens);
  dialect::drop_doubled_parentheses(tokens, is);
  while (remove_redundant_parentheses(tokens)) {
  }
  if (tokens.size() != 1) {
    return false;
  }
  if (tokens[0].kind == TokenKind::word && !is_reserved(tokens[0].text)) {
    name = tokens[0].text;
    return true;
  }
  if (tokens[0].kind == TokenKind::quoted_name) {
    std::string inner = tokens[0].text.substr(1, tokens[0].text.size() - 2);
    name.clear();
    for (size_t i = 0; i < inner.size(); ++i) {
      name += inner[i];
      if (inner[i] == '"') {
        ++i;
      }
    }
    return true;
  }
  return false;
}

std::string
literal(std::string_view text)
{
  bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == '\\' || (static_cast<unsigned char>(c) < 0x20 && c != '\t');
  });
  if (plain) {
    return util::sql_string_literal(text);
  }
  std::string result = "E'";
  for (char c : text) {
    if (c == '\\' || c == '\'') {
      result += c;
      result += c;
    } else if (c == '\n') {
      result += "\\n";
    } else if (c == '\r') {
      result += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      result += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
    } else {
      result += c;
    }
  }
  return result + "'";
}

} // namespace orm::dialect::postgres
