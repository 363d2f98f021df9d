#pragma once

#include "core/diff/change.hpp"
#include "core/migrate/plan.hpp"
#include "core/schema/schema.hpp"

#include <string>
#include <vector>

namespace orm::dialect::sqlite {

// The steps that carry out `changes` on SQLite, each with the statements that revert it: ALTER
// TABLE where SQLite can, otherwise a rebuild of the table (create, copy rows, drop, rename).
// The caller runs them with foreign_keys OFF and checks foreign_key_check before committing.
migrate::Plan plan(const diff::Changes& changes);

// CREATE TABLE and CREATE INDEX statements for every table of `schema`.
std::vector<std::string> create_statements(const schema::Schema& schema);

} // namespace orm::dialect::sqlite
