#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orm::util {

std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string_view trim(std::string_view text);
bool starts_with_icase(std::string_view text, std::string_view prefix);
bool equals_icase(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// Collapses every run of whitespace outside '...' and "..." to one space; trims the ends.
std::string squeeze_spaces(std::string_view text);
// Doubles single quotes and wraps in quotes: it's -> 'it''s'.
std::string sql_string_literal(std::string_view text);

// The value of a hex digit (either case), -1 for any other character.
int hex_digit_value(char c);

} // namespace orm::util
