#pragma once

#include "core/db/connection.hpp"
#include "core/schema/schema.hpp"

namespace orm::dialect::sqlite {

// The whole schema of a SQLite database, canonically sorted, without SQLite's own tables and
// orm's history table. One query per object kind, whatever the number of tables.
schema::Schema inspect(db::Connection& connection);

} // namespace orm::dialect::sqlite
