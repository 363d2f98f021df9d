#pragma once

#include "core/schema/schema.hpp"

#include <string>
#include <vector>

namespace orm::models {

// The name an unnamed index gets; an expression part counts as its text reduced to
// [a-z0-9_]: lower(title) -> lower_title.
std::string default_index_name(const std::string& table,
                               const std::vector<schema::IndexPart>& parts, bool unique);

// Unnamed table-level checks are numbered in declaration order: users_check, users_check2, ...
std::string default_table_check_name(const std::string& table, int ordinal);

} // namespace orm::models
