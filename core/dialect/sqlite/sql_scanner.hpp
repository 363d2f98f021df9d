#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orm::dialect::sqlite {

// A small tokenizer for the SQL text SQLite keeps in sqlite_schema.sql, enough to recover what
// the pragmas do not report: CHECK constraints, foreign key names, AUTOINCREMENT, index
// expressions and partial index predicates.

enum class TokenKind
{
  word,
  quoted,
  string,
  number,
  blob,
  punct
};

struct Token
{
  TokenKind kind;
  std::string_view text; // a view into the scanned SQL
  size_t offset;
  bool space_before; // whitespace or a comment separates it from the previous token
};

// Comments are skipped; an unterminated literal runs to the end of the text.
std::vector<Token> scan(std::string_view sql);

bool is_keyword(const Token& token, std::string_view keyword);
bool is_punct(const Token& token, char c);
// The identifier a word or quoted token names: "a""b" -> a"b, [x] -> x, `x` -> x.
std::string identifier_of(const Token& token);
// 'it''s' -> it's
std::string string_value_of(const Token& token);

// "name" with inner quotes doubled: always quoted, so reserved words and mixed case are safe.
std::string quote_identifier(std::string_view name);

// 'text' with inner quotes doubled: the one way orm writes a string. SQLite strings have no
// escapes, so it means the same everywhere; a NUL or carriage return, which a migration file
// cannot carry in it, is refused at plan time.
std::string string_literal(std::string_view text);

// The text with comments dropped and every run of whitespace between tokens made one space;
// literals and quoted identifiers are left alone.
std::string canonical_sql(std::string_view text);

// True when an identifier token in `sql` names `identifier` (case-insensitively).
bool mentions_identifier(std::string_view sql, std::string_view identifier);

// What the CREATE TABLE text declares beyond the pragmas.
struct TableText
{
  struct Check
  {
    std::string name; // empty when unnamed
    std::string expression;
  };
  struct ForeignKeyName
  {
    std::string name;
    std::vector<std::string> columns;
    std::string ref_table;
  };
  std::vector<Check> checks;
  std::vector<ForeignKeyName> foreign_key_names; // named foreign keys only
  bool autoincrement = false;
};

TableText parse_create_table(std::string_view sql);

// The key parts of a CREATE INDEX text, without ASC/DESC/COLLATE, and its WHERE predicate.
struct IndexText
{
  std::vector<std::string> parts;
  std::string where;
};

IndexText parse_create_index(std::string_view sql);

// "((expr))" -> "expr": drops parentheses that enclose the whole text, canonically spaced.
std::string strip_outer_parentheses(std::string_view text);

} // namespace orm::dialect::sqlite
