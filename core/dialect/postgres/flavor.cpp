#include "core/dialect/postgres/flavor.hpp"

#include "core/dialect/postgres/connection.hpp"

namespace orm::dialect::postgres {

std::string
PostgresFlavor::quote(std::string_view identifier) const
{
  return quote_identifier(std::string(identifier));
}

std::string
PostgresFlavor::placeholder(int index) const
{
  return "$" + std::to_string(index + 1);
}

} // namespace orm::dialect::postgres
