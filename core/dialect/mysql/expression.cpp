#include "core/dialect/mysql/expression.hpp"

#include "core/dialect/mysql/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <span>
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

template <size_t N>
bool
contains(const std::string_view (&words)[N], std::string_view word)
{
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

// A string literal quoted one way: in single quotes, a quote inside doubled, other backslash
// escapes as written. The models say 'it''s', both servers print 'it\'s', and without
// ANSI_QUOTES "it's" is the same string.
std::string
canonical_string(std::string_view literal)
{
  char quote = literal.front();
  if (literal.size() < 2 || literal.back() != quote) {
    return std::string(literal); // unterminated: left alone
  }
  std::string result = "'";
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    char c = literal[i];
    if (c == '\\' && i + 2 < literal.size()) {
      char next = literal[++i];
      if (next == '\'' || next == '"') {
        c = next;
      } else {
        result += '\\';
        result += next;
        continue;
      }
    } else if (c == quote && i + 2 < literal.size() && literal[i + 1] == quote) {
      ++i;
    }
    result += c;
    if (c == '\'') {
      result += '\'';
    }
  }
  return result + "'";
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

bool
is_keyword(std::string_view lower)
{
  return contains(k_keywords, lower);
}

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

// NOT, AND, OR and XOR over boolean terms ("leaves": comparisons, operands), so that both
// servers' rewriting of NOT can be done to the models too. Both push a NOT down through AND and
// OR (De Morgan) and into a comparison (`not (a > 5)` is `a <= 5`, `not (a in (1))` is
// `a not in (1)`, `not (a is null)` is `a is not null`), drop NOT NOT and negate the first
// operand of an XOR; NOT over <=>, REGEXP or IS TRUE (MariaDB) stays. They differ over a term
// that is no comparison: MariaDB writes `a = 0` for a column and `!(...)` for anything else,
// MySQL `0 = x` for anything; and where such a term is an operand of AND or OR: MariaDB writes
// `a <> 0` for a column, MySQL `0 <> x` for anything (of XOR too).
struct Logic
{
  enum Kind
  {
    leaf,
    negation,
    conjunction,
    disjunction,
    exclusive // XOR: two children, from the left
  };
  Kind kind = leaf;
  std::vector<Token> tokens; // a leaf's
  std::vector<Logic> children;
};

using Tokens = std::vector<Token>;

constexpr std::string_view k_comparisons[] = {"=", "<>", "<", "<=", ">", ">=", "<=>"};
constexpr std::string_view k_negatable[] = {"in", "like", "between", "regexp", "rlike"};

bool
is_comparison(const Token& token)
{
  return (token.kind == TokenKind::punct && contains(k_comparisons, token.text)) ||
         is_word(token, "is") ||
         (token.kind == TokenKind::word && contains(k_negatable, token.text));
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

// The comparison a leaf is (the last one outside parentheses: they group from the left);
// tokens.size() when it is none.
size_t
top_comparison(const Tokens& tokens)
{
  size_t found = tokens.size();
  for (size_t i = 0; i < tokens.size(); i = after_group(tokens, i)) {
    if (is_comparison(tokens[i]) && !(i > 0 && is_word(tokens[i - 1], "is"))) {
      found = i;
    }
  }
  return found;
}

// A comparison, TRUE or FALSE, or one of the logical operators, in parentheses or not.
bool
is_boolean_tokens(std::span<const Token> tokens)
{
  while (tokens.size() > 2 && is_punct(tokens.front(), "(") &&
         closing(std::vector<Token>(tokens.begin(), tokens.end()), 0) == tokens.size() - 1) {
    tokens = tokens.subspan(1, tokens.size() - 2);
  }
  std::vector<Token> inner(tokens.begin(), tokens.end());
  if ((inner.size() == 1 && (is_word(inner[0], "true") || is_word(inner[0], "false"))) ||
      (!inner.empty() && inner[0].kind == TokenKind::function && inner[0].text == "regexp_like" &&
       after_group(inner, 1) == inner.size())) {
    return true;
  }
  for (size_t i = 0; i < inner.size(); i = after_group(inner, i)) {
    if (is_word(inner[i], "and") || is_word(inner[i], "or") || is_word(inner[i], "xor") ||
        is_word(inner[i], "not")) {
      return true;
    }
  }
  return top_comparison(inner) < inner.size();
}

Tokens rewrite_sequence(const Tokens& tokens, ServerKind server);

// A leaf with the expressions inside its parentheses and CASEs rewritten.
Tokens
rewritten_inside(const Tokens& tokens, ServerKind server)
{
  Tokens result;
  for (size_t i = 0; i < tokens.size();) {
    size_t next = after_group(tokens, i);
    if (next > i + 1) {
      bool parenthesized = is_punct(tokens[i], "(");
      size_t last = next - 1;
      bool closed = parenthesized ? is_punct(tokens[last], ")") : is_word(tokens[last], "end");
      result.push_back(tokens[i]);
      Tokens inner(tokens.begin() + static_cast<long>(i) + 1,
                   tokens.begin() + static_cast<long>(closed ? last : next));
      for (auto& token : rewrite_sequence(inner, server)) {
        result.push_back(std::move(token));
      }
      if (closed) {
        result.push_back(tokens[last]);
      }
    } else {
      result.push_back(tokens[i]);
    }
    i = next;
  }
  return result;
}

class LogicParser
{
public:
  LogicParser(const Tokens& tokens, ServerKind server) : m_tokens(tokens), m_server(server) {}

  Logic parse() { return disjunction(); }

  bool at_end() const { return m_pos >= m_tokens.size(); }

  // An operand was missing (`not`, `a and`): the text is left as written.
  bool failed() const { return m_failed; }

private:
  bool at_word(std::string_view word) const { return !at_end() && is_word(m_tokens[m_pos], word); }

  Logic disjunction()
  {
    Logic left = exclusive();
    while (at_word("or")) {
      ++m_pos;
      left = Logic{Logic::disjunction, {}, {std::move(left), exclusive()}};
    }
    return left;
  }

  Logic exclusive()
  {
    Logic left = conjunction();
    while (at_word("xor")) {
      ++m_pos;
      left = Logic{Logic::exclusive, {}, {std::move(left), conjunction()}};
    }
    return left;
  }

  Logic conjunction()
  {
    Logic left = negation();
    while (at_word("and")) {
      ++m_pos;
      left = Logic{Logic::conjunction, {}, {std::move(left), negation()}};
    }
    return left;
  }

  Logic negation()
  {
    if (at_word("not")) {
      ++m_pos;
      return Logic{Logic::negation, {}, {negation()}};
    }
    size_t start = m_pos;
    int betweens = 0;
    while (!at_end()) {
      const Token& token = m_tokens[m_pos];
      if (is_word(token, "or") || is_word(token, "xor") ||
          (is_word(token, "and") && betweens == 0)) {
        break;
      }
      if (is_word(token, "between")) {
        ++betweens;
      } else if (is_word(token, "and")) {
        --betweens;
      }
      m_pos = after_group(m_tokens, m_pos);
    }
    m_failed = m_failed || m_pos == start;
    return leaf_of(Tokens(m_tokens.begin() + static_cast<long>(start),
                          m_tokens.begin() + static_cast<long>(m_pos)));
  }

  // (x) is x; x NOT LIKE y is NOT (x LIKE y), and so for IN, BETWEEN, REGEXP.
  Logic leaf_of(Tokens tokens) const
  {
    if (!tokens.empty() && is_punct(tokens.front(), "(") &&
        closing(tokens, 0) == tokens.size() - 1) {
      Tokens inner(tokens.begin() + 1, tokens.end() - 1);
      bool list = false;
      for (size_t i = 0; i < inner.size(); i = after_group(inner, i)) {
        list = list || is_punct(inner[i], ",");
      }
      if (!list && !inner.empty()) {
        LogicParser parser(inner, m_server);
        Logic result = parser.parse();
        if (parser.at_end() && !parser.failed()) {
          return result;
        }
      }
    }
    tokens = rewritten_inside(tokens, m_server);
    size_t top = top_comparison(tokens);
    if (top < tokens.size() && top > 0 && is_word(tokens[top - 1], "not") &&
        contains(k_negatable, tokens[top].text)) {
      tokens.erase(tokens.begin() + static_cast<long>(top) - 1);
      return Logic{Logic::negation, {}, {leaf_of(std::move(tokens))}};
    }
    if (top + 1 < tokens.size() && is_word(tokens[top], "is")) {
      size_t what = top + (is_word(tokens[top + 1], "not") ? 2 : 1);
      if (what < tokens.size() && is_word(tokens[what], "unknown")) {
        tokens[what].text = "null"; // IS UNKNOWN is IS NULL
      }
      // MySQL: a IS TRUE is (0 <> a) IS TRUE.
      if (what < tokens.size() && m_server == ServerKind::mysql &&
          (is_word(tokens[what], "true") || is_word(tokens[what], "false"))) {
        Tokens operand(tokens.begin(), tokens.begin() + static_cast<long>(top));
        if (!is_boolean_tokens(operand)) {
          Tokens result = {
              {TokenKind::number, "0"}, {TokenKind::punct, "<>"}, {TokenKind::punct, "("}};
          result.insert(result.end(), operand.begin(), operand.end());
          result.push_back({TokenKind::punct, ")"});
          result.insert(result.end(), tokens.begin() + static_cast<long>(top), tokens.end());
          tokens = parenthesized_tokens(std::move(result), top + 4);
        }
      }
    }
    // a IN (1) is a = 1, on both.
    if (top + 3 < tokens.size() && is_word(tokens[top], "in") && is_punct(tokens[top + 1], "(") &&
        closing(tokens, top + 1) == tokens.size() - 1) {
      bool single = true;
      for (size_t i = top + 2; i + 1 < tokens.size(); i = after_group(tokens, i)) {
        single = single && !is_punct(tokens[i], ",");
      }
      if (single) {
        tokens.pop_back();
        tokens.erase(tokens.begin() + static_cast<long>(top) + 1);
        tokens[top] = {TokenKind::punct, "="};
      }
    }
    // MySQL: a REGEXP b is regexp_like(a, b).
    if (top < tokens.size() && m_server == ServerKind::mysql &&
        (is_word(tokens[top], "regexp") || is_word(tokens[top], "rlike"))) {
      tokens[top] = {TokenKind::punct, ","};
      tokens.insert(tokens.begin(),
                    {{TokenKind::function, "regexp_like"}, {TokenKind::punct, "("}});
      tokens.push_back({TokenKind::punct, ")"});
    }
    return Logic{Logic::leaf, std::move(tokens), {}};
  }

  // (0 <> (a)) IS ..., with the parentheses around the comparison that end at `end`.
  static Tokens parenthesized_tokens(Tokens tokens, size_t end)
  {
    tokens.insert(tokens.begin() + static_cast<long>(end), {TokenKind::punct, ")"});
    tokens.insert(tokens.begin(), {TokenKind::punct, "("});
    return tokens;
  }

  const Tokens& m_tokens;
  ServerKind m_server;
  size_t m_pos = 0;
  bool m_failed = false;
};

Logic
leaf(Tokens tokens)
{
  return Logic{Logic::leaf, std::move(tokens), {}};
}

bool
is_boolean(const Logic& logic)
{
  return logic.kind != Logic::leaf || is_boolean_tokens(logic.tokens);
}

Tokens
parenthesized(Tokens tokens)
{
  tokens.insert(tokens.begin(), {TokenKind::punct, "("});
  tokens.push_back({TokenKind::punct, ")"});
  return tokens;
}

// 0 <op> x (MySQL) or x <op> 0 (MariaDB).
Logic
compared_with_zero(const Tokens& tokens, std::string_view op, ServerKind server)
{
  Tokens zero = {{TokenKind::number, "0"}, {TokenKind::punct, std::string(op)}};
  Tokens operand = parenthesized(tokens);
  if (server == ServerKind::mysql) {
    zero.insert(zero.end(), operand.begin(), operand.end());
    return leaf(std::move(zero));
  }
  operand.push_back(zero[1]);
  operand.push_back(zero[0]);
  return leaf(std::move(operand));
}

// A term that is no comparison as an operand of AND, OR (and on MySQL XOR).
Logic
truth(Logic logic, ServerKind server)
{
  if (is_boolean(logic) ||
      (server == ServerKind::mariadb &&
       !(logic.tokens.size() == 1 && logic.tokens[0].kind == TokenKind::identifier))) {
    return logic;
  }
  return compared_with_zero(logic.tokens, "<>", server);
}

Logic normalised(Logic logic, ServerKind server);

Logic
negated(Logic logic, ServerKind server)
{
  switch (logic.kind) {
  case Logic::negation: {
    Logic inner = std::move(logic.children[0]);
    return is_boolean(inner) ? inner : compared_with_zero(inner.tokens, "<>", server);
  }
  case Logic::conjunction:
  case Logic::disjunction:
    for (auto& child : logic.children) {
      child = negated(std::move(child), server);
    }
    logic.kind = logic.kind == Logic::conjunction ? Logic::disjunction : Logic::conjunction;
    return normalised(std::move(logic), server);
  case Logic::exclusive:
    logic.children[0] = negated(std::move(logic.children[0]), server);
    return normalised(std::move(logic), server);
  case Logic::leaf:
    break;
  }
  Tokens& tokens = logic.tokens;
  size_t top = top_comparison(tokens);
  if (top == tokens.size()) {
    if (is_boolean(logic)) {
      if (server == ServerKind::mariadb && tokens.size() == 1) {
        return leaf({{TokenKind::number, is_word(tokens[0], "true") ? "0" : "1"}});
      }
    } else if (server == ServerKind::mysql ||
               (tokens.size() == 1 && tokens[0].kind == TokenKind::identifier)) {
      return compared_with_zero(tokens, "=", server);
    }
    return Logic{Logic::negation, {}, {std::move(logic)}};
  }
  Token& op = tokens[top];
  constexpr std::pair<std::string_view, std::string_view> k_complements[] = {
      {"=", "<>"}, {"<>", "="}, {"<", ">="}, {">=", "<"}, {">", "<="}, {"<=", ">"}};
  for (const auto& [from, to] : k_complements) {
    if (op.kind == TokenKind::punct && op.text == from) {
      op.text = to;
      return logic;
    }
  }
  if (is_word(op, "is") && top + 1 < tokens.size()) {
    bool is_not = is_word(tokens[top + 1], "not");
    size_t what = top + (is_not ? 2 : 1);
    bool toggles = what < tokens.size() &&
                   (is_word(tokens[what], "null") ||
                    (server == ServerKind::mysql &&
                     (is_word(tokens[what], "true") || is_word(tokens[what], "false"))));
    if (toggles) {
      if (is_not) {
        tokens.erase(tokens.begin() + static_cast<long>(top) + 1);
      } else {
        tokens.insert(tokens.begin() + static_cast<long>(top) + 1, {TokenKind::word, "not"});
      }
      return logic;
    }
  }
  return Logic{Logic::negation, {}, {std::move(logic)}};
}

// NOT pushed down, AND and OR flattened, their operands compared with 0 where the server does.
Logic
normalised(Logic logic, ServerKind server)
{
  if (logic.kind == Logic::leaf) {
    return logic;
  }
  if (logic.kind == Logic::negation) {
    return negated(normalised(std::move(logic.children[0]), server), server);
  }
  std::vector<Logic> children;
  for (auto& child : logic.children) {
    Logic done = normalised(std::move(child), server);
    if (done.kind == logic.kind && logic.kind != Logic::exclusive) {
      for (auto& grandchild : done.children) {
        children.push_back(std::move(grandchild));
      }
    } else if (logic.kind != Logic::exclusive || server == ServerKind::mysql) {
      children.push_back(truth(std::move(done), server));
    } else {
      children.push_back(std::move(done));
    }
  }
  logic.children = std::move(children);
  return logic;
}

void
print(const Logic& logic, Tokens& out, bool nested)
{
  if (logic.kind == Logic::leaf) {
    Tokens tokens = nested ? parenthesized(logic.tokens) : logic.tokens;
    out.insert(out.end(), tokens.begin(), tokens.end());
    return;
  }
  if (logic.kind == Logic::negation) {
    const Logic& inner = logic.children[0];
    size_t top = inner.kind == Logic::leaf ? top_comparison(inner.tokens) : 0;
    if (inner.kind == Logic::leaf && top < inner.tokens.size() &&
        contains(k_negatable, inner.tokens[top].text)) {
      Tokens tokens = inner.tokens; // x NOT LIKE y, as MariaDB prints it
      tokens.insert(tokens.begin() + static_cast<long>(top), {TokenKind::word, "not"});
      print(leaf(std::move(tokens)), out, nested);
      return;
    }
    out.push_back({TokenKind::punct, "("});
    out.push_back({TokenKind::word, "not"});
    print(inner, out, true);
    out.push_back({TokenKind::punct, ")"});
    return;
  }
  std::string_view op = logic.kind == Logic::conjunction   ? "and"
                        : logic.kind == Logic::disjunction ? "or"
                                                           : "xor";
  out.push_back({TokenKind::punct, "("});
  for (size_t i = 0; i < logic.children.size(); ++i) {
    if (i > 0) {
      out.push_back({TokenKind::word, std::string(op)});
    }
    print(logic.children[i], out, true);
  }
  out.push_back({TokenKind::punct, ")"});
}

// Every expression in a list (a call's arguments, a CASE's parts) rewritten.
Tokens
rewrite_sequence(const Tokens& tokens, ServerKind server)
{
  Tokens result;
  size_t start = 0;
  for (size_t i = 0; i <= tokens.size(); i = i < tokens.size() ? after_group(tokens, i) : i + 1) {
    bool boundary = i == tokens.size() || is_punct(tokens[i], ",") || is_word(tokens[i], "when") ||
                    is_word(tokens[i], "then") || is_word(tokens[i], "else");
    if (!boundary) {
      continue;
    }
    Tokens part(tokens.begin() + static_cast<long>(start), tokens.begin() + static_cast<long>(i));
    LogicParser parser(part, server);
    Logic logic = parser.parse();
    if (part.empty() || !parser.at_end() || parser.failed()) {
      result.insert(result.end(), part.begin(), part.end());
    } else {
      print(normalised(std::move(logic), server), result, false);
    }
    if (i < tokens.size()) {
      result.push_back(tokens[i]);
    }
    start = i + 1;
  }
  return result;
}

// MariaDB's !x is NOT x with the precedence of a unary minus: (not (x)).
void
replace_exclamation_marks(Tokens& tokens)
{
  for (size_t i = tokens.size(); i-- > 0;) {
    if (!is_punct(tokens[i], "!") || i + 1 == tokens.size()) {
      continue;
    }
    size_t end = i + 1;
    while (end < tokens.size() && (is_punct(tokens[end], "!") || is_punct(tokens[end], "~") ||
                                   is_punct(tokens[end], "-") || is_punct(tokens[end], "+"))) {
      ++end;
    }
    if (end == tokens.size()) {
      continue;
    }
    end = after_group(tokens, end + (tokens[end].kind == TokenKind::function ? 1 : 0));
    tokens.insert(tokens.begin() + static_cast<long>(end),
                  {{TokenKind::punct, ")"}, {TokenKind::punct, ")"}});
    tokens[i] = {TokenKind::punct, "("};
    tokens.insert(tokens.begin() + static_cast<long>(i) + 1,
                  {{TokenKind::word, "not"}, {TokenKind::punct, "("}});
  }
}

} // namespace

std::string
canonical_expression(std::string_view text, ServerKind server)
{
  std::vector<Token> tokens = tokens_of(text);
  drop_charset_introducers(tokens);
  classify(tokens, server);
  replace_exclamation_marks(tokens);
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
