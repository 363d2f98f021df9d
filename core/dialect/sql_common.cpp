#include "core/dialect/sql_common.hpp"

#include "core/util/strings.hpp"

namespace orm::dialect {

std::string
referential_actions_sql(const schema::ForeignKey& foreign_key)
{
  std::string sql;
  if (foreign_key.on_delete != schema::ReferentialAction::no_action) {
    sql += " ON DELETE " + util::to_upper(schema::to_string(foreign_key.on_delete));
  }
  if (foreign_key.on_update != schema::ReferentialAction::no_action) {
    sql += " ON UPDATE " + util::to_upper(schema::to_string(foreign_key.on_update));
  }
  return sql;
}

} // namespace orm::dialect
