#pragma once

#include "core/models/cursor.hpp"
#include "core/schema/type.hpp"

namespace orm::models {

// A column type: `varchar(255)`, `decimal(10, 2)`, `enum('a', 'b')`, `raw('citext')`, ...
schema::Type parse_type(Cursor& in);

} // namespace orm::models
