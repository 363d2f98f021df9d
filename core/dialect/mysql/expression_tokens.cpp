#include "core/dialect/mysql/expression_tokens.hpp"

#include "core/dialect/mysql/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <span>

namespace orm::dialect::mysql {

namespace {

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

// Both servers print these functions under another name.
constexpr Alias k_aliases[] = {
    {"character_length", "char_length"},
    {"substring", "substr"},
    {"mid", "substr"},
    {"current_date", "curdate"},
    {"current_time", "curtime"},
    {"power", "pow"},
    {"ceil", "ceiling"},
};

// MariaDB's spellings.
constexpr Alias k_mariadb_aliases[] = {
    {"lower", "lcase"},
    {"upper", "ucase"},
    {"length", "octet_length"},
    {"now", "current_timestamp"},
    {"localtime", "current_timestamp"},
    {"localtimestamp", "current_timestamp"},
};

// MySQL's (8.0 and later).
constexpr Alias k_mysql_aliases[] = {
    {"lcase", "lower"},           {"ucase", "upper"},   {"octet_length", "length"},
    {"current_timestamp", "now"}, {"localtime", "now"}, {"localtimestamp", "now"},
};

// Functions that may be written without parentheses; both servers print them as calls.
constexpr std::string_view k_niladic[] = {"current_timestamp", "localtime", "localtimestamp",
                                          "current_date", "current_time"};

bool
is_word_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// A string literal quoted one way: its text, read with backslash escapes, in single quotes with
// a quote doubled and a backslash, NUL, newline, carriage return and Ctrl-Z escaped. The models
// say 'it''s', both servers print 'it\'s', and without ANSI_QUOTES "it's" is the same string;
// MariaDB prints a newline as \n.
std::string
canonical_string(std::string_view literal)
{
  char quote = literal.front();
  if (literal.size() < 2 || literal.back() != quote) {
    return std::string(literal); // unterminated: left alone
  }
  std::string result = "'";
  for (char c : unescaped_string(literal.substr(1, literal.size() - 2), quote)) {
    switch (c) {
    case '\'':
      result += "''";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\0':
      result += "\\0";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\r':
      result += "\\r";
      break;
    case '\x1a':
      result += "\\Z";
      break;
    default:
      result += c;
    }
  }
  return result + "'";
}

} // namespace

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
      i = std::min(i, text.size());
      tokens.push_back({TokenKind::string, canonical_string(text.substr(start, i - start))});
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
      // Two- and three-character operators stay together.
      std::string op(1, c);
      if (i + 1 < text.size() && std::string_view("<>=!|&:").find(c) != std::string_view::npos &&
          std::string_view("<>=|&").find(text[i + 1]) != std::string_view::npos) {
        op += text[i + 1];
        if (op == "<=" && i + 2 < text.size() && text[i + 2] == '>') {
          op += '>';
        }
      }
      i += op.size();
      // Both servers print != as <>, && as and, || as or (without PIPES_AS_CONCAT); MariaDB
      // prints % as MOD, MySQL MOD as %: one spelling each.
      if (op == "&&" || op == "||" || op == "%") {
        tokens.push_back({TokenKind::word, op == "&&" ? "and" : op == "||" ? "or" : "mod"});
      } else {
        tokens.push_back({TokenKind::punct, op == "!=" ? "<>" : op});
      }
    }
  }
  return tokens;
}

namespace {

bool
is_keyword(std::string_view lower)
{
  return contains(k_keywords, lower);
}

} // namespace

bool
is_punct(const Token& token, std::string_view text)
{
  return token.kind == TokenKind::punct && token.text == text;
}

bool
is_word(const Token& token, std::string_view lower)
{
  return token.kind == TokenKind::word && token.text == lower;
}

// MySQL prints a string in an expression with the connection's character set as an introducer:
// _utf8mb4'x'. _binary changes what the string is and stays.
void
drop_charset_introducers(std::vector<Token>& tokens)
{
  std::vector<Token> kept;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    bool introducer = token.kind == TokenKind::word && token.text.size() > 1 &&
                      token.text[0] == '_' && util::to_lower(token.text) != "_binary" &&
                      i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::string;
    if (!introducer) {
      kept.push_back(token);
    }
  }
  tokens = std::move(kept);
}

namespace {

std::string
alias_of(const std::string& lower, ServerKind server)
{
  for (const auto& alias : k_aliases) {
    if (alias.written == lower) {
      return std::string(alias.printed);
    }
  }
  for (const auto& alias : server == ServerKind::mariadb
                               ? std::span<const Alias>(k_mariadb_aliases)
                               : std::span<const Alias>(k_mysql_aliases)) {
    if (alias.written == lower) {
      return std::string(alias.printed);
    }
  }
  return lower;
}

} // namespace

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
    bool operator_word = contains(k_operators, lower);
    bool call = !operator_word && i + 1 < tokens.size() && is_punct(tokens[i + 1], "(");
    // The word after COLLATE is a collation, after INTERVAL n a unit: neither is a column.
    bool follows_keyword =
        (i >= 1 && is_word(tokens[i - 1], "collate")) ||
        (i >= 2 && is_word(tokens[i - 2], "interval") && tokens[i - 1].kind != TokenKind::punct);
    bool niladic = !call && contains(k_niladic, lower);
    // _binary'x': an introducer (the others are gone), not a name.
    bool introducer = lower.size() > 1 && lower[0] == '_' && i + 1 < tokens.size() &&
                      tokens[i + 1].kind == TokenKind::string;
    if (call || niladic) {
      token.kind = TokenKind::function;
      token.text = alias_of(lower, server);
    } else if (is_keyword(lower) || follows_keyword || introducer) {
      token.text = lower;
    } else {
      token.kind = TokenKind::identifier;
    }
    if (niladic) {
      tokens.insert(tokens.begin() + static_cast<long>(i) + 1,
                    {{TokenKind::punct, "("}, {TokenKind::punct, ")"}});
    }
  }
}

// The index of the parenthesis closing the one at `open`; tokens.size() when there is none.
size_t
closing(const std::vector<Token>& tokens, size_t open)
{
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], "(")) {
      ++depth;
    } else if (is_punct(tokens[i], ")") && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

// The index of the END closing the CASE at `start`; tokens.size() when there is none.
size_t
case_end(const std::vector<Token>& tokens, size_t start)
{
  int depth = 0;
  for (size_t i = start; i < tokens.size(); ++i) {
    if (is_word(tokens[i], "case")) {
      ++depth;
    } else if (is_word(tokens[i], "end") && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

namespace {

// What a token is to the parentheses around it. MySQL prints every operation in parentheses,
// ((`a` > 0) and (`b` in (1,2))), MariaDB only those the precedence needs: the parentheses the
// precedence does not need are dropped, so both read `a` > 0 and `b` in (1, 2).
struct Role
{
  enum Kind
  {
    operand,  // a name, literal, call, NULL, ...
    open,     // (
    close,    // )
    boundary, // , CASE WHEN THEN ELSE END: an operand ends or starts here
    op,       // an operator of `precedence`
    unknown   // a word whose syntax this does not model (AS, FROM, USING, ...)
  };
  Kind kind = unknown;
  int precedence = 0; // MySQL's, 1 (OR) to 16 (INTERVAL)
};

constexpr int k_atom = 100; // the precedence of something without an operator

struct BinaryOperator
{
  std::string_view text;
  int precedence;
};

constexpr BinaryOperator k_binary_operators[] = {
    {":=", 0},   {"or", 1},     {"xor", 2},   {"and", 3},  {"=", 6},      {"<=>", 6},
    {">=", 6},   {">", 6},      {"<=", 6},    {"<", 6},    {"<>", 6},     {"is", 6},
    {"like", 6}, {"regexp", 6}, {"rlike", 6}, {"in", 6},   {"escape", 6}, {"between", 6},
    {"|", 7},    {"&", 8},      {"<<", 9},    {">>", 9},   {"+", 10},     {"-", 10},
    {"*", 11},   {"/", 11},     {"div", 11},  {"mod", 11}, {"^", 12},     {"collate", 15}};

constexpr std::string_view k_literal_words[] = {"null", "true", "false", "unknown"};

bool
ends_operand(const Token& token, const Role& role)
{
  return role.kind == Role::operand || role.kind == Role::close || is_word(token, "end");
}

std::vector<Role>
roles_of(const std::vector<Token>& tokens)
{
  std::vector<Role> roles(tokens.size());
  std::vector<int> open_betweens(1, 0); // per parenthesis depth: BETWEENs waiting for their AND
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    Role& role = roles[i];
    bool after_operand = i > 0 && ends_operand(tokens[i - 1], roles[i - 1]);
    if (token.kind == TokenKind::identifier || token.kind == TokenKind::string ||
        token.kind == TokenKind::number || token.kind == TokenKind::function) {
      role = {Role::operand};
    } else if (is_punct(token, "(")) {
      role = {Role::open};
      open_betweens.push_back(0);
    } else if (is_punct(token, ")")) {
      role = {Role::close};
      if (open_betweens.size() > 1) {
        open_betweens.pop_back();
      }
    } else if (is_punct(token, ",") || is_word(token, "case") || is_word(token, "when") ||
               is_word(token, "then") || is_word(token, "else") || is_word(token, "end")) {
      role = {Role::boundary};
    } else if (!after_operand &&
               (is_punct(token, "-") || is_punct(token, "+") || is_punct(token, "~"))) {
      role = {Role::op, 13};
    } else if (is_punct(token, "!")) {
      role = {Role::op, 14};
    } else if (is_word(token, "not")) {
      // x NOT IN, x IS NOT NULL: part of a comparison; otherwise the logical NOT.
      role = {Role::op, after_operand || (i > 0 && is_word(tokens[i - 1], "is")) ? 6 : 4};
    } else if ((is_word(token, "binary") || is_word(token, "_binary")) && !after_operand) {
      role = {Role::op, 15};
    } else if (is_word(token, "interval") && !after_operand) {
      role = {Role::op, 16};
    } else if (token.kind == TokenKind::word && (contains(k_literal_words, token.text) ||
                                                 (i >= 1 && is_word(tokens[i - 1], "collate")) ||
                                                 (i >= 2 && is_word(tokens[i - 2], "interval")))) {
      role = {Role::operand};
    } else if (is_word(token, "and") && open_betweens.back() > 0) {
      --open_betweens.back();
      role = {Role::op, 6}; // BETWEEN's
    } else {
      role = {Role::unknown};
      for (const auto& binary : k_binary_operators) {
        if (token.text == binary.text && token.kind != TokenKind::string) {
          role = {Role::op, binary.precedence};
        }
      }
      if (is_word(token, "between")) {
        ++open_betweens.back();
      }
    }
  }
  return roles;
}

// The lowest precedence of the operators directly inside the parentheses at `open` and `close`:
// k_atom when there is none, -1 when they hold something else than one expression (a list,
// a word this does not model).
int
lowest_precedence_inside(const std::vector<Token>& tokens, const std::vector<Role>& roles,
                         size_t open, size_t close)
{
  int lowest = k_atom;
  for (size_t i = open + 1; i < close; ++i) {
    if (roles[i].kind == Role::open) {
      i = closing(tokens, i);
    } else if (is_word(tokens[i], "case")) {
      i = case_end(tokens, i);
    } else if (roles[i].kind == Role::op) {
      lowest = std::min(lowest, roles[i].precedence);
    } else if (roles[i].kind != Role::operand) {
      return -1;
    }
  }
  return open + 1 < close ? lowest : -1;
}

bool
is_edge(const Role& role)
{
  return role.kind == Role::open || role.kind == Role::close || role.kind == Role::boundary;
}

// True when the parentheses at `open` and `close` change nothing: what they hold binds tighter
// than the operator before them, and at least as tight as the one after (operators of one
// precedence group from the left).
bool
redundant(const std::vector<Token>& tokens, const std::vector<Role>& roles, size_t open,
          size_t close)
{
  if (open > 0 &&
      (tokens[open - 1].kind == TokenKind::function || is_word(tokens[open - 1], "in"))) {
    return false; // a call's or a list's
  }
  int inside = lowest_precedence_inside(tokens, roles, open, close);
  if (inside < 0) {
    return false;
  }
  bool before = open == 0 || is_edge(roles[open - 1]) ||
                (roles[open - 1].kind == Role::op && inside > roles[open - 1].precedence);
  bool after = close + 1 == tokens.size() || is_edge(roles[close + 1]) ||
               (roles[close + 1].kind == Role::op && inside >= roles[close + 1].precedence);
  return before && after;
}

} // namespace

// Drops one pair of redundant parentheses; false when there is none.
bool
drop_redundant_parentheses(std::vector<Token>& tokens)
{
  std::vector<Role> roles = roles_of(tokens);
  for (size_t open = 0; open < tokens.size(); ++open) {
    if (roles[open].kind != Role::open) {
      continue;
    }
    size_t close = closing(tokens, open);
    if (close < tokens.size() && redundant(tokens, roles, open, close)) {
      tokens.erase(tokens.begin() + static_cast<long>(close));
      tokens.erase(tokens.begin() + static_cast<long>(open));
      return true;
    }
  }
  return false;
}


// The index after the group that starts at `i`: a parenthesized one, CASE ... END, or one token.
size_t
after_group(const Tokens& tokens, size_t i)
{
  if (is_punct(tokens[i], "(")) {
    return std::min(closing(tokens, i), tokens.size() - 1) + 1;
  }
  if (is_word(tokens[i], "case")) {
    return std::min(case_end(tokens, i), tokens.size() - 1) + 1;
  }
  return i + 1;
}

} // namespace orm::dialect::mysql
