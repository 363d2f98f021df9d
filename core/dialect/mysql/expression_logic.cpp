#include "core/dialect/mysql/expression_logic.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <utility>

namespace orm::dialect::mysql {

namespace {

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

constexpr std::string_view k_comparisons[] = {"=", "<>", "<", "<=", ">", ">=", "<=>"};
constexpr std::string_view k_negatable[] = {"in", "like", "between", "regexp", "rlike"};

bool
is_comparison(const Token& token)
{
  return (token.kind == TokenKind::punct && contains(k_comparisons, token.text)) ||
         is_word(token, "is") ||
         (token.kind == TokenKind::word && contains(k_negatable, token.text));
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
  LogicParser(const Tokens& tokens, ServerKind server)
      : LogicParser(tokens, 0, tokens.size(), server)
  {
  }

  Logic parse() { return disjunction(); }

  bool at_end() const { return m_pos >= m_end; }

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
      m_pos = std::min(after_group(m_tokens, m_pos), m_end); // a CASE without END ends here
    }
    m_failed = m_failed || m_pos == start;
    if (auto inside = logic_inside(m_tokens, start, m_pos)) {
      return std::move(*inside);
    }
    return comparison_of(Tokens(m_tokens.begin() + static_cast<long>(start),
                                m_tokens.begin() + static_cast<long>(m_pos)));
  }

  // (x) is x, when x is no list: parsed in place, so that each level of nesting costs no copy.
  std::optional<Logic> logic_inside(const Tokens& tokens, size_t begin, size_t end) const
  {
    if (end - begin < 3 || !is_punct(tokens[begin], "(") || closing(tokens, begin) != end - 1) {
      return std::nullopt;
    }
    for (size_t i = begin + 1; i < end - 1; i = after_group(tokens, i)) {
      if (is_punct(tokens[i], ",")) {
        return std::nullopt;
      }
    }
    LogicParser parser(tokens, begin + 1, end - 1, m_server);
    Logic result = parser.parse();
    if (!parser.at_end() || parser.failed()) {
      return std::nullopt;
    }
    return result;
  }

  // (x) is x; x NOT LIKE y is NOT (x LIKE y), and so for IN, BETWEEN, REGEXP.
  Logic leaf_of(Tokens tokens) const
  {
    if (auto inside = logic_inside(tokens, 0, tokens.size())) {
      return std::move(*inside);
    }
    return comparison_of(std::move(tokens));
  }

  Logic comparison_of(Tokens tokens) const
  {
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

  // The tokens [begin, end) of `tokens`, which must outlive the parser.
  LogicParser(const Tokens& tokens, size_t begin, size_t end, ServerKind server)
      : m_tokens(tokens), m_server(server), m_pos(begin), m_end(end)
  {
  }

  const Tokens& m_tokens;
  ServerKind m_server;
  size_t m_pos = 0;
  size_t m_end = 0;
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

} // namespace

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

} // namespace orm::dialect::mysql
