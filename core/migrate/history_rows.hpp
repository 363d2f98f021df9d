#pragma once

#include "core/db/connection.hpp"
#include "core/migrate/store.hpp"

#include <vector>

namespace orm::migrate {

// The rows of a history query whose columns are, in order: version, name, checksum, applied_at,
// execution_ms, statements_applied, statements_total, error, and where the database runs
// statements outside transactions, direction ('up' or 'down'), statements_reverted, in_flight
// (0 or 1). A number column holding anything
// else (a row edited by hand) is a DatabaseError naming the version.
std::vector<HistoryRow> history_rows(const db::Result& result);

} // namespace orm::migrate
