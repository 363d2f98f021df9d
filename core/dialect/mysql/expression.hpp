#pragma once

#include "core/dialect/mysql/connection.hpp"

#include <string>
#include <string_view>

namespace orm::dialect::mysql {

// SQL expressions (checks, expression defaults, generated columns, index expressions) in one form
// for what the models say and what MariaDB or MySQL print back, so that the two compare equal:
// identifiers in backticks, keywords and function names in lowercase, the server's spelling of
// aliased functions (MariaDB: lower -> lcase, now -> current_timestamp; MySQL: lcase -> lower,
// current_timestamp -> now; both: substring -> substr), != as <>, && as and, || as or, % as mod,
// strings in single quotes with a quote inside doubled and without the charset introducer MySQL
// adds (_utf8mb4'x' -> 'x'), only the parentheses the operators' precedence needs (MySQL
// prints ((`a` > -(1)) and (`b` > 0)), MariaDB `a` > -1 and `b` > 0), one space between tokens
// but none inside parentheses or before a comma; NOT rewritten as both servers rewrite it
// (pushed down through AND and OR into the comparisons: not (a > 5 or b) is `a` <= 5 and
// `b` = 0 on MariaDB, `a` <= 5 and 0 = `b` on MySQL), x NOT LIKE y on both.
std::string canonical_expression(std::string_view text, ServerKind server);

// MySQL 8 and later report expressions in information_schema (COLUMN_DEFAULT of an expression
// default, GENERATION_EXPRESSION, CHECK_CLAUSE, STATISTICS.EXPRESSION) with every quote and
// backslash escaped by a backslash: lower(_utf8mb4\'it\\\'s\') is lower(_utf8mb4'it\'s'); and
// MySQL 9 encodes their non-ASCII characters twice ('é' as 'Ã©'), which is undone.
std::string unescaped_information_schema(std::string_view text);

} // namespace orm::dialect::mysql
