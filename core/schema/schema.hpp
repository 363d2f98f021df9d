#pragma once

#include "core/schema/type.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orm::schema {

// Fields added after the first release carry `{}` so that aggregate initialisers that stop
// before them stay free of -Wmissing-field-initializers.

// A column default. Literals are kept in canonical models-language spelling:
// numbers as written (0, -1.5), strings quoted ('abc'), true, false, null.
struct Default
{
  enum class Kind
  {
    literal,
    now,
    expression
  };
  Kind kind = Kind::literal;
  std::string text; // the literal, or the raw SQL expression; empty for `now`

  bool operator==(const Default&) const = default;
};

struct Column
{
  std::string name;
  Type type;
  bool nullable = false;
  std::optional<Default> default_value;
  bool autoincrement = false;
  std::string comment;
  std::string renamed_from; // models-only rename hint (`was old_name`); never introspected
  std::string collation{};
  std::string charset{};        // MySQL
  bool on_update_now = false;   // MySQL ON UPDATE CURRENT_TIMESTAMP
  std::string generated{};      // generated column expression, raw SQL; empty: not generated
  bool generated_stored = true; // STORED, else VIRTUAL; meaningful only when generated is set
  bool identity_always{};       // PostgreSQL GENERATED ALWAYS, else BY DEFAULT; with autoincrement
  // PostgreSQL, database-only: the sequence a serial column owns and takes its nextval default
  // from (an autoincrement column made with `serial`, not as an identity). Only inspect sets it;
  // the differ never compares it, so a serial and an identity BY DEFAULT diff alike.
  std::string serial_sequence{};

  bool operator==(const Column&) const = default;
};

// One key part of an index: a column, or a raw SQL expression.
struct IndexPart
{
  std::string column;
  std::string expression;
  bool descending = false;
  int prefix_length = 0; // MySQL key prefix; 0: the whole column
  enum class NullsOrder
  {
    unspecified,
    first,
    last
  };
  NullsOrder nulls = NullsOrder::unspecified;

  bool operator==(const IndexPart&) const = default;
};

// Plain and unique indexes; `unique (a, b)` table constraints are unique indexes too.
struct Index
{
  std::string name;
  std::vector<IndexPart> parts;
  bool unique = false;
  std::string where;    // partial index predicate, raw SQL
  std::string method{}; // empty: the default (btree); "hash", "gin", "gist", "fulltext", ...
  std::vector<std::string> include{}; // PostgreSQL INCLUDE columns
  bool concurrently = false;          // models-only creation hint: never introspected nor compared

  bool operator==(const Index&) const = default;
};

enum class ReferentialAction
{
  no_action,
  restrict,
  cascade,
  set_null,
  set_default
};

struct ForeignKey
{
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  bool deferrable = false;
  bool initially_deferred = false; // only when deferrable
  std::string match{};             // empty (the default), "full", "simple" or "partial"

  bool operator==(const ForeignKey&) const = default;
};

struct Check
{
  std::string name;
  std::string expression; // raw SQL, without the surrounding parentheses

  bool operator==(const Check&) const = default;
};

// A trigger or view, kept as the database's own text. They are not declared in the models: the
// differ never adds or drops one, and a dialect that rebuilds a table recreates them.
struct StoredObject
{
  std::string name;
  std::string sql;

  bool operator==(const StoredObject&) const = default;
};

struct Table
{
  std::string name;
  std::vector<Column> columns;          // declaration order
  std::vector<std::string> primary_key; // column names, key order; empty: none
  std::vector<Index> indexes;           // sorted by name
  std::vector<ForeignKey> foreign_keys; // sorted by name
  std::vector<Check> checks;            // sorted by name
  std::string comment;
  std::string renamed_from; // models-only rename hint
  std::string engine{};     // MySQL table options
  std::string charset{};
  std::string collation{};
  std::vector<StoredObject> triggers{}; // database-only, sorted by name
  std::vector<StoredObject> views{};    // database-only: the views that read this table

  bool operator==(const Table&) const = default;

  const Column* find_column(std::string_view wanted) const;
  Column* find_column(std::string_view wanted);
  const Index* find_index(std::string_view wanted) const;
  const ForeignKey* find_foreign_key(std::string_view wanted) const;
  const Check* find_check(std::string_view wanted) const;
};

struct Schema
{
  std::vector<Table> tables; // sorted by name

  bool operator==(const Schema&) const = default;

  const Table* find_table(std::string_view wanted) const;
  Table* find_table(std::string_view wanted);
};

// Puts tables, indexes, foreign keys and checks in name order, the canonical form every
// producer (parser, inspector) returns so that equality and output are deterministic.
void sort_canonically(Schema& schema);
void sort_canonically(Table& table);

// Default names, the same on every dialect: users_email_key, posts_author_id_fkey, ...
std::string index_name(const std::string& table, const std::vector<std::string>& columns,
                       bool unique);
std::string foreign_key_name(const std::string& table, const std::vector<std::string>& columns);
std::string check_name(const std::string& table, const std::string& column, int ordinal);

const char* to_string(ReferentialAction action);    // "cascade", "set null", ...
const char* to_string(IndexPart::NullsOrder nulls); // "", "nulls first", "nulls last"

} // namespace orm::schema
