#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/schema/schema.hpp"

namespace orm::dialect::mysql {

// The whole schema of the connection's database from information_schema, canonically sorted,
// without orm's history table: one query per object kind (tables, columns, indexes, foreign
// keys, checks) whatever the number of tables. The index MySQL creates implicitly for a foreign
// key (named after it) is left out, and MariaDB's json (longtext with a json_valid check) is json.
schema::Schema inspect(MysqlConnection& connection);

} // namespace orm::dialect::mysql
