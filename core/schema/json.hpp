#pragma once

#include "core/schema/schema.hpp"

#include <nlohmann/json.hpp>

namespace orm::schema {

// The schema as JSON for `orm inspect --format json`: tables, columns, keys, indexes, ...
nlohmann::ordered_json to_json(const Schema& schema);

} // namespace orm::schema
