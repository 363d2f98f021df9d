#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/diff/change.hpp"
#include "core/migrate/plan.hpp"
#include "core/schema/schema.hpp"

#include <string>
#include <vector>

namespace orm::dialect::mysql {

// The steps that carry out `changes` on MySQL or MariaDB: one statement per change (CREATE,
// DROP and RENAME TABLE; ALTER TABLE ADD/DROP/MODIFY/RENAME COLUMN, ADD/DROP INDEX, ADD/DROP
// FOREIGN KEY, ADD/DROP CHECK, primary key, COMMENT), each with the statement that reverts it,
// so that the progress a failed migration records is meaningful.
migrate::Plan plan(const diff::Changes& changes, const ServerInfo& server);

// CREATE TABLE statements for every table of `schema`, foreign keys included.
std::vector<std::string> create_statements(const schema::Schema& schema);

} // namespace orm::dialect::mysql
