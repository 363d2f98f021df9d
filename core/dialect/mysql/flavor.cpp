#include "core/dialect/mysql/flavor.hpp"

#include "core/dialect/mysql/types.hpp"

namespace orm::dialect::mysql {

std::string
MysqlFlavor::quote(std::string_view identifier) const
{
  return quote_identifier(std::string(identifier));
}

std::string
MysqlFlavor::placeholder([[maybe_unused]] int index) const
{
  return "?";
}

} // namespace orm::dialect::mysql
