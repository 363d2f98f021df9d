#pragma once

#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"

#include <optional>

namespace orm::diff {

// Brings the names of `table` within the database's limit: a derived name (of an index, foreign
// key or check the models leave unnamed) that is too long is shortened; a table, column or given
// name that is too long is an Error(config) naming it and the limit. No limit: nothing to do.
void fit_names(schema::Table& table, const std::optional<schema::NameLimit>& limit);

} // namespace orm::diff
