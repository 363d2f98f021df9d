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

std::optional<std::string>
string_literal_value(std::string_view literal)
{
  if (literal.size() < 2 || literal.front() != '\'' || literal.back() != '\'') {
    return std::nullopt;
  }
  std::string value;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] == '\'') {
      if (literal[i + 1] != '\'' || i + 2 == literal.size()) {
        return std::nullopt; // a quote that ends the string before its end
      }
      ++i;
    }
    value += literal[i];
  }
  return value;
}

} // namespace orm::dialect
