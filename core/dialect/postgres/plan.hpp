#pragma once

#include "core/diff/change.hpp"
#include "core/migrate/plan.hpp"
#include "core/schema/schema.hpp"

#include <string>
#include <vector>

namespace orm::dialect::postgres {

// The steps that carry out `changes` on PostgreSQL, each with the statements that revert it.
// Everything is altered in place (ALTER TABLE, ALTER TYPE, CREATE/DROP INDEX, COMMENT ON); the
// whole migration runs in one transaction. Names are unqualified: the session's search_path is
// the managed schema.
migrate::Plan plan(const diff::Changes& changes);

// CREATE TYPE, CREATE TABLE, CREATE INDEX and COMMENT statements for `schema`, foreign keys
// added last so that cycles work (`orm inspect --format sql`).
std::vector<std::string> create_statements(const schema::Schema& schema);

} // namespace orm::dialect::postgres
