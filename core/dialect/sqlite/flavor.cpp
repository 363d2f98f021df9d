#include "core/dialect/sqlite/flavor.hpp"

#include "core/dialect/sqlite/sql_scanner.hpp"

namespace orm::dialect::sqlite {

std::string
SqliteFlavor::quote(std::string_view identifier) const
{
  return quote_identifier(std::string(identifier));
}

std::string
SqliteFlavor::placeholder([[maybe_unused]] int index) const
{
  return "?";
}

} // namespace orm::dialect::sqlite
