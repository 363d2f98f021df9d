#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/migrate/progress.hpp"

#include <string_view>

// What recovering from a crash in the middle of a migration needs to know about a statement.
namespace orm::dialect::mysql {

// Whether `statement` can run inside a transaction: DML can; every other statement commits
// implicitly. (DML on a table of a non-transactional engine, MyISAM, is not undone either.)
bool runs_in_transaction(std::string_view statement);

// Whether `statement`, which the server ran to its end after its client died, took effect, read
// from information_schema. DDL is atomic on both servers, so one object the statement creates,
// drops or renames answers for the whole statement; a statement that only redefines what exists
// (MODIFY COLUMN, SET DEFAULT, COMMENT, a drop and add of the same name) is harmless to run
// again. Anything else is unknown.
migrate::Effect effect_of(MysqlConnection& connection, std::string_view statement);

} // namespace orm::dialect::mysql
