#pragma once

#include "core/diff/change.hpp"
#include "core/schema/schema.hpp"
#include "core/util/strings.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// SQL text that every dialect spells the same way (standard SQL). Each dialect's folder keeps
// what it spells its own way.
namespace orm::dialect {

// " ON DELETE CASCADE ON UPDATE SET NULL"; NO ACTION, the default, is left out.
std::string referential_actions_sql(const schema::ForeignKey& foreign_key);

// The text of a literal in the models' spelling, 'it''s' -> it's (what util::sql_string_literal
// writes); nothing when `literal` is not one quoted string. Dialects re-quote it their own way.
std::optional<std::string> string_literal_value(std::string_view literal);

// The strings refuse_characters looks at.
enum class StringPlaces
{
  all,      // defaults, enum values and comments
  comments, // table and column comments only
};

// Refuses, before anything is written, a string that `changes` would write in `places` (a
// column's default or enum value, a column or table comment) holding one of `characters`, which
// the dialect cannot store or write exactly: Error(config), exit 2, naming the table and column,
// `why` saying why.
void refuse_characters(const diff::Changes& changes, StringPlaces places,
                       std::string_view characters, std::string_view why);

// True when a string that `changes` would write in `places` holds one of `characters`.
bool writes_any_of(const diff::Changes& changes, StringPlaces places, std::string_view characters);

// `"a", "b"`: the names quoted by the dialect's `quote` and joined.
template <typename Quote>
std::string
quoted_list(const std::vector<std::string>& names, Quote quote)
{
  std::vector<std::string> quoted;
  for (const auto& name : names) {
    quoted.push_back(quote(name));
  }
  return util::join(quoted, ", ");
}

} // namespace orm::dialect
