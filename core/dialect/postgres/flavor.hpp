#pragma once

#include "core/db/sql_flavor.hpp"

namespace orm::dialect::postgres {

// The wire protocol counts parameters in 16 bits.
class PostgresFlavor : public db::SqlFlavor
{
public:
  std::string_view dialect() const override { return "postgres"; }
  std::string quote(std::string_view identifier) const override;
  std::string placeholder(int index) const override;
  bool insert_returning() const override { return true; }
  std::size_t max_parameters() const override { return 65535; }
};

} // namespace orm::dialect::postgres
