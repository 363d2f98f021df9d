#pragma once

#include <set>
#include <string>
#include <string_view>

// C++ names for SQL names: the generator writes table and column names verbatim where it can and
// changes only what C++ cannot take.
namespace orm::codegen {

// `name` made a valid C++ identifier: characters other than letters, digits and `_` become `_`,
// a leading digit gets `_` before it, a C++ keyword gets `_` after it (order -> order_).
std::string cpp_identifier(std::string_view name);

// A struct name from a table name: the words split at `_` (and anything not a letter or digit),
// the last made singular (users -> User, categories -> Category, addresses -> Address,
// boxes -> Box, post_tags -> PostTag, status -> Status, people -> Person), each capitalised.
std::string struct_name(std::string_view table);

// The table name with its last word singular, as written otherwise: user_profiles -> user_profile.
std::string singular_name(std::string_view table);

// A type name in CamelCase from any name ("order_status" -> OrderStatus), valid C++.
std::string camel_case(std::string_view name);

// `wanted`, or `wanted` with `_2`, `_3`, ... after it, whichever is not in `taken`; added to it.
std::string unique_in(std::set<std::string>& taken, const std::string& wanted);

} // namespace orm::codegen
