#pragma once

#include "core/db/connection.hpp"
#include "core/migrate/plan.hpp"

#include <string>
#include <vector>

namespace orm::test {

// Every step's up statements, in order.
std::vector<std::string> up_statements(const migrate::Plan& plan);
// What the down section runs: the steps' downs, last step first.
std::vector<std::string> down_statements(const migrate::Plan& plan);

// Runs statements on SQLite as the runner does: foreign keys off, one transaction, and
// `PRAGMA foreign_key_check` required empty before COMMIT (a failed REQUIRE otherwise).
void apply_on_sqlite(db::Connection& connection, const std::vector<std::string>& statements);

} // namespace orm::test
