#pragma once

#include "core/schema/schema.hpp"

#include <string>

namespace orm::diff {

// What differs between two definitions of one index, foreign key or check, both sides spelled
// with only the aspects that differ: "(body) -> (body(768))", "unique -> not unique",
// "on delete cascade -> on delete no action".
std::string spell_difference(const schema::Index& from, const schema::Index& to);
std::string spell_difference(const schema::ForeignKey& from, const schema::ForeignKey& to);
std::string spell_difference(const schema::Check& from, const schema::Check& to);

} // namespace orm::diff
