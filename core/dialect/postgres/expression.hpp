#pragma once

#include <string>
#include <string_view>

namespace orm::dialect::postgres {

// One spelling for SQL expressions that PostgreSQL stores alike, so that what the models say and
// what pg_get_expr(..., true) gives back compare equal. The result is still valid SQL:
// - unquoted words in lower case; "plain" quoted names unquoted when they need no quotes;
// - casts of literals dropped ('x'::text -> 'x', '-1'::integer -> -1, NULL::text -> null),
//   and the casts of names to text that PostgreSQL adds (title::text -> title);
// - `x = ANY (ARRAY[a, b])` written back as `x in (a, b)`, `<> ALL` as `not in`;
// - parentheses that precedence makes redundant removed (around the whole expression, around
//   one token, around a comparison next to AND/OR/NOT);
// - one space between tokens, none inside (), [], around :: and . or before a call's (.
std::string normalize_expression(std::string_view sql);

// True when `sql` (normalised) is one name, such as an index part `(email)`; sets `name`.
bool is_single_name(std::string_view sql, std::string& name);

// `text` as a string literal, the one way orm writes one: 'text' with quotes doubled, or, when
// `text` holds a backslash or a control character other than a tab, E'..' with backslash
// escapes (\\, \n, \r, \xHH), which standard_conforming_strings does not change; so no line
// of a literal orm writes starts a line of its own in a migration file.
std::string literal(std::string_view text);

} // namespace orm::dialect::postgres
