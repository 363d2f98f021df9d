#pragma once

#include "core/diff/change.hpp"
#include "core/schema/schema.hpp"

#include <map>
#include <optional>
#include <string>

namespace orm::diff {

// Old name -> new name of the columns of `to` that carry a `was` hint naming a column of `from`
// that `to` no longer has.
std::map<std::string, std::string> column_renames(const schema::Table& from,
                                                  const schema::Table& to);

// The changes inside one table (`from` already under the name of `to`), or nothing when equal.
// `renames` is column_renames(from, to).
std::optional<ModifyTable> diff_table(const schema::Table& from, const schema::Table& to,
                                      const std::map<std::string, std::string>& renames);

} // namespace orm::diff
