#pragma once

#include "core/schema/schema.hpp"

#include <string>
#include <vector>

namespace orm::schema {

// The name an unnamed index gets; an expression part counts as its text reduced to
// [a-z0-9_]: lower(title) -> lower_title.
std::string default_index_name(const std::string& table, const std::vector<IndexPart>& parts,
                               bool unique);

// Unnamed table-level checks are numbered in declaration order: users_check, users_check2, ...
std::string default_table_check_name(const std::string& table, int ordinal);

// True when `name` is one that orm derives for the index, foreign key or check of `table` (so a
// name written in the models that equals it counts as derived too).
bool is_default_name(const Table& table, const Index& index);
bool is_default_name(const Table& table, const ForeignKey& foreign_key);
bool is_default_name(const Table& table, const Check& check);

// The longest name a database keeps: PostgreSQL counts bytes, MySQL characters.
struct NameLimit
{
  enum class Unit
  {
    bytes,
    characters
  };
  size_t length;
  Unit unit;
};

// The length of a UTF-8 name in the limit's unit.
size_t name_length(const std::string& name, const NameLimit& limit);

// `name` itself when it fits; else its longest prefix (whole UTF-8 characters) that leaves room
// for `_` and the first 8 hex digits of the SHA-256 of the whole name, as Django and Hibernate
// shorten: deterministic, and two long names that share the prefix still differ.
std::string shortened(const std::string& name, const NameLimit& limit);

} // namespace orm::schema
