#pragma once

#include "core/dialect/mysql/connection.hpp"

#include <string>
#include <string_view>

namespace orm::dialect::mysql {

// SQL expressions (checks, expression defaults, index expressions) in the form MariaDB and MySQL
// print them back, so that the text in the models and the text information_schema reports
// compare equal: identifiers in backticks, keywords and function names in lowercase, the
// server's spelling of aliased functions (MariaDB: lower -> lcase, length -> octet_length),
// one space between tokens but none inside parentheses or before a comma, no enclosing
// parentheses. String literals are left alone.
std::string canonical_expression(std::string_view text, ServerKind server);

} // namespace orm::dialect::mysql
