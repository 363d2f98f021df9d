#pragma once

#include "core/db/connection.hpp"
#include "core/schema/schema.hpp"

#include <string>

namespace orm::dialect::postgres {

// The tables of PostgreSQL schema `schema_name` (orm_migrations aside), from pg_catalog with one
// query per object kind for the whole schema: tables, columns, enum values, primary keys,
// indexes, foreign keys, checks.
schema::Schema inspect(db::Connection& connection, const std::string& schema_name);

} // namespace orm::dialect::postgres
