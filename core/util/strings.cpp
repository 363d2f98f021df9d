#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace orm::util {

std::string
to_lower(std::string_view text)
{
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string
to_upper(std::string_view text)
{
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

std::string_view
trim(std::string_view text)
{
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool
equals_icase(std::string_view a, std::string_view b)
{
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool
starts_with_icase(std::string_view text, std::string_view prefix)
{
  return text.size() >= prefix.size() && equals_icase(text.substr(0, prefix.size()), prefix);
}

std::vector<std::string>
split(std::string_view text, char separator)
{
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

std::string
join(const std::vector<std::string>& parts, std::string_view separator)
{
  std::string result;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      result += separator;
    }
    result += parts[i];
  }
  return result;
}

std::string
squeeze_spaces(std::string_view text)
{
  std::string result;
  bool pending_space = false;
  char quote = 0; // the quote we are inside, if any: whitespace there is data
  for (char c : trim(text)) {
    if (!quote && std::isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      result += ' ';
      pending_space = false;
    }
    if (quote && c == quote) {
      quote = 0;
    } else if (!quote && (c == '\'' || c == '"')) {
      quote = c;
    }
    result += c;
  }
  return result;
}

std::string
sql_string_literal(std::string_view text)
{
  std::string result = "'";
  for (char c : text) {
    result += c;
    if (c == '\'') {
      result += '\'';
    }
  }
  return result + "'";
}

int
hex_digit_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace orm::util
