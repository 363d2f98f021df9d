#pragma once

#include "core/dialect/postgres/connection.hpp"
#include "core/migrate/progress.hpp"

#include <string_view>

// What recovering from a crash in a `-- orm:no-transaction` migration needs to know about a
// statement PostgreSQL cannot run in a transaction.
namespace orm::dialect::postgres {

// Whether `statement`, which the server ran to its end after its client died, took effect:
// CREATE INDEX CONCURRENTLY did when its index is there and valid (an invalid one, left by a
// build that failed, is dropped so that the statement can run again), DROP INDEX CONCURRENTLY
// when the index is gone; REINDEX, VACUUM, ANALYZE and REFRESH MATERIALIZED VIEW are harmless to
// run again. Anything else is unknown.
migrate::Effect effect_of(PgConnection& connection, std::string_view statement);

} // namespace orm::dialect::postgres
