#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace orm::dialect {

// ((x)) is (x) unless x is a list (`in ((1, 2))` is not `in (1, 2)`): every doubled pair of
// `tokens` dropped in one pass, before a pair-by-pair rewrite that would rescan the text once per
// layer. `is(token, "(")` tells a dialect's punctuation.
template <typename Token, typename IsPunct>
void
drop_doubled_parentheses(std::vector<Token>& tokens, IsPunct is)
{
  std::vector<size_t> match(tokens.size(), tokens.size());
  std::vector<bool> has_comma(tokens.size(), false);
  std::vector<size_t> open;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (is(tokens[i], "(")) {
      open.push_back(i);
    } else if (is(tokens[i], ")") && !open.empty()) {
      match[open.back()] = i;
      open.pop_back();
    } else if (is(tokens[i], ",") && !open.empty()) {
      has_comma[open.back()] = true;
    }
  }
  std::vector<bool> dropped(tokens.size(), false);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    size_t inner = i + 1;
    if (match[i] < tokens.size() && match[inner] + 1 == match[i] && !has_comma[inner]) {
      dropped[inner] = dropped[match[inner]] = true;
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!dropped[i]) {
      if (kept != i) {
        tokens[kept] = std::move(tokens[i]);
      }
      ++kept;
    }
  }
  tokens.resize(kept);
}

} // namespace orm::dialect
