#include "core/dialect/sqlite/sql_scanner.hpp"

#include "core/util/strings.hpp"

#include <cctype>

namespace orm::dialect::sqlite {

namespace {

bool
is_word_start(char c)
{
  auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;
}

bool
is_word_char(char c)
{
  return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

bool
is_digit(char c)
{
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The end of a literal that starts at `start` and is closed by `close`, a doubled `close`
// standing for itself.
size_t
end_of_quoted(std::string_view sql, size_t start, char close)
{
  size_t i = start + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

size_t
end_of_number(std::string_view sql, size_t i)
{
  if (sql.substr(i, 2) == "0x" || sql.substr(i, 2) == "0X") {
    i += 2;
    while (i < sql.size() && std::isxdigit(static_cast<unsigned char>(sql[i]))) {
      ++i;
    }
    return i;
  }
  while (i < sql.size() && (is_digit(sql[i]) || sql[i] == '.')) {
    ++i;
  }
  if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
    size_t exponent = i + 1;
    if (exponent < sql.size() && (sql[exponent] == '+' || sql[exponent] == '-')) {
      ++exponent;
    }
    if (exponent < sql.size() && is_digit(sql[exponent])) {
      i = exponent;
      while (i < sql.size() && is_digit(sql[i])) {
        ++i;
      }
    }
  }
  return i;
}

// Skips whitespace and comments from `i`; returns the position of the next token.
size_t
skip_space(std::string_view sql, size_t i)
{
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      size_t end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (sql.substr(i, 2) == "/*") {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

// The index of the ')' that closes the '(' at `open`, or tokens.size() when unbalanced.
size_t
matching(const std::vector<Token>& tokens, size_t open)
{
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], '(')) {
      ++depth;
    } else if (is_punct(tokens[i], ')') && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

// The source text from token `first` to token `last` inclusive, canonically spaced.
std::string
text_between(std::string_view sql, const std::vector<Token>& tokens, size_t first, size_t last)
{
  if (first > last || last >= tokens.size()) {
    return {};
  }
  size_t end = tokens[last].offset + tokens[last].text.size();
  return canonical_sql(sql.substr(tokens[first].offset, end - tokens[first].offset));
}

// Token ranges [first, last) of the comma-separated items between tokens[open] and its match.
std::vector<std::pair<size_t, size_t>>
split_list(const std::vector<Token>& tokens, size_t open)
{
  std::vector<std::pair<size_t, size_t>> items;
  size_t close = matching(tokens, open);
  size_t start = open + 1;
  for (size_t i = open + 1; i < close; ++i) {
    if (is_punct(tokens[i], '(')) {
      i = matching(tokens, i);
    } else if (is_punct(tokens[i], ',')) {
      items.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < close) {
    items.emplace_back(start, close);
  }
  return items;
}

size_t
find_punct(const std::vector<Token>& tokens, char c, size_t from = 0)
{
  for (size_t i = from; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], c)) {
      return i;
    }
  }
  return tokens.size();
}

std::vector<std::string>
identifiers_in_parentheses(const std::vector<Token>& tokens, size_t open)
{
  std::vector<std::string> names;
  for (auto [first, last] : split_list(tokens, open)) {
    names.push_back(identifier_of(tokens[first]));
  }
  return names;
}

// One column definition or table constraint: tokens [first, last). `column` is empty for a
// table constraint.
void
parse_definition(std::string_view sql, const std::vector<Token>& tokens, size_t first, size_t last,
                 const std::string& column, TableText& text)
{
  std::string pending_name;
  for (size_t i = first; i < last; ++i) {
    const Token& token = tokens[i];
    if (is_keyword(token, "CONSTRAINT") && i + 1 < last) {
      pending_name = identifier_of(tokens[++i]);
    } else if (is_keyword(token, "CHECK") && i + 1 < last && is_punct(tokens[i + 1], '(')) {
      size_t close = matching(tokens, i + 1);
      text.checks.push_back({pending_name, text_between(sql, tokens, i + 2, close - 1)});
      pending_name.clear();
      i = close;
    } else if (is_keyword(token, "FOREIGN") && i + 2 < last && is_punct(tokens[i + 2], '(')) {
      size_t open = i + 2;
      size_t close = matching(tokens, open);
      if (close + 2 < last && is_keyword(tokens[close + 1], "REFERENCES") &&
          !pending_name.empty()) {
        text.foreign_key_names.push_back({pending_name, identifiers_in_parentheses(tokens, open),
                                          identifier_of(tokens[close + 2])});
      }
      pending_name.clear();
      i = close + 1;
    } else if (is_keyword(token, "REFERENCES") && i + 1 < last && !column.empty()) {
      if (!pending_name.empty()) {
        text.foreign_key_names.push_back({pending_name, {column}, identifier_of(tokens[i + 1])});
      }
      pending_name.clear();
      ++i;
    } else if (is_keyword(token, "AUTOINCREMENT")) {
      text.autoincrement = true;
    } else if (is_punct(token, '(')) {
      i = matching(tokens, i);
    } else if (token.kind == TokenKind::word) {
      pending_name.clear(); // CONSTRAINT x names only the constraint right after it
    }
  }
}

bool
starts_table_constraint(const Token& token)
{
  for (const char* keyword : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (is_keyword(token, keyword)) {
      return true;
    }
  }
  return false;
}

} // namespace

std::vector<Token>
scan(std::string_view sql)
{
  std::vector<Token> tokens;
  size_t i = skip_space(sql, 0);
  bool space_before = false;
  while (i < sql.size()) {
    size_t start = i;
    char c = sql[i];
    TokenKind kind = TokenKind::punct;
    if (c == '\'') {
      kind = TokenKind::string;
      i = end_of_quoted(sql, i, '\'');
    } else if (c == '"' || c == '`') {
      kind = TokenKind::quoted;
      i = end_of_quoted(sql, i, c);
    } else if (c == '[') {
      kind = TokenKind::quoted;
      i = end_of_quoted(sql, i, ']');
    } else if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
      kind = TokenKind::blob;
      i = end_of_quoted(sql, i + 1, '\'');
    } else if (is_digit(c) || (c == '.' && i + 1 < sql.size() && is_digit(sql[i + 1]))) {
      kind = TokenKind::number;
      i = end_of_number(sql, i);
    } else if (is_word_start(c)) {
      kind = TokenKind::word;
      while (i < sql.size() && is_word_char(sql[i])) {
        ++i;
      }
    } else {
      ++i;
    }
    tokens.push_back({kind, sql.substr(start, i - start), start, space_before});
    size_t next = skip_space(sql, i);
    space_before = next != i;
    i = next;
  }
  return tokens;
}

bool
is_keyword(const Token& token, std::string_view keyword)
{
  return token.kind == TokenKind::word && util::equals_icase(token.text, keyword);
}

bool
is_punct(const Token& token, char c)
{
  return token.kind == TokenKind::punct && token.text.size() == 1 && token.text[0] == c;
}

std::string
identifier_of(const Token& token)
{
  if (token.kind != TokenKind::quoted && token.kind != TokenKind::string) {
    return std::string(token.text);
  }
  char close = token.text.front() == '[' ? ']' : token.text.front();
  std::string_view inner = token.text.substr(1);
  if (!inner.empty() && inner.back() == close) {
    inner.remove_suffix(1);
  }
  std::string name;
  for (size_t i = 0; i < inner.size(); ++i) {
    name += inner[i];
    if (close != ']' && inner[i] == close && i + 1 < inner.size() && inner[i + 1] == close) {
      ++i;
    }
  }
  return name;
}

std::string
string_value_of(const Token& token)
{
  return identifier_of(token);
}

std::string
quote_identifier(std::string_view name)
{
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

std::string
string_literal(std::string_view text)
{
  return util::sql_string_literal(text);
}

std::string
canonical_sql(std::string_view text)
{
  std::string result;
  for (const auto& token : scan(text)) {
    if (token.space_before && !result.empty()) {
      result += ' ';
    }
    result += token.text;
  }
  return result;
}

bool
mentions_identifier(std::string_view sql, std::string_view identifier)
{
  for (const auto& token : scan(sql)) {
    if ((token.kind == TokenKind::word || token.kind == TokenKind::quoted) &&
        util::equals_icase(identifier_of(token), identifier)) {
      return true;
    }
  }
  return false;
}

TableText
parse_create_table(std::string_view sql)
{
  TableText text;
  auto tokens = scan(sql);
  size_t open = find_punct(tokens, '(');
  if (open == tokens.size()) {
    return text; // CREATE TABLE ... AS SELECT
  }
  for (auto [first, last] : split_list(tokens, open)) {
    bool constraint = starts_table_constraint(tokens[first]);
    std::string column = constraint ? std::string() : identifier_of(tokens[first]);
    parse_definition(sql, tokens, constraint ? first : first + 1, last, column, text);
  }
  return text;
}

IndexText
parse_create_index(std::string_view sql)
{
  IndexText text;
  auto tokens = scan(sql);
  size_t open = find_punct(tokens, '(');
  if (open == tokens.size()) {
    return text;
  }
  for (auto [first, last] : split_list(tokens, open)) {
    if (last > first + 1 &&
        (is_keyword(tokens[last - 1], "ASC") || is_keyword(tokens[last - 1], "DESC"))) {
      --last;
    }
    if (last > first + 2 && is_keyword(tokens[last - 2], "COLLATE")) {
      last -= 2;
    }
    text.parts.push_back(strip_outer_parentheses(text_between(sql, tokens, first, last - 1)));
  }
  size_t close = matching(tokens, open);
  if (close + 2 < tokens.size() && is_keyword(tokens[close + 1], "WHERE")) {
    text.where = text_between(sql, tokens, close + 2, tokens.size() - 1);
  }
  return text;
}

std::string
strip_outer_parentheses(std::string_view text)
{
  std::string result = canonical_sql(text);
  auto tokens = scan(result);
  // Every `(`'s match in one pass, so that many layers cost no more than one.
  std::vector<size_t> match(tokens.size(), tokens.size());
  std::vector<size_t> open;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], '(')) {
      open.push_back(i);
    } else if (is_punct(tokens[i], ')') && !open.empty()) {
      match[open.back()] = i;
      open.pop_back();
    }
  }
  size_t layers = 0;
  while (2 * layers + 1 < tokens.size() && is_punct(tokens[layers], '(') &&
         match[layers] == tokens.size() - 1 - layers) {
    ++layers;
  }
  if (layers == 0) {
    return result;
  }
  return text_between(result, tokens, layers, tokens.size() - 1 - layers);
}

} // namespace orm::dialect::sqlite
