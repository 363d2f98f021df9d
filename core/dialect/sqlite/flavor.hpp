#pragma once

#include "core/db/sql_flavor.hpp"

namespace orm::dialect::sqlite {

// SQLite 3.35+ has RETURNING; 32,766 is SQLITE_MAX_VARIABLE_NUMBER's default since 3.32.
class SqliteFlavor : public db::SqlFlavor
{
public:
  std::string_view dialect() const override { return "sqlite"; }
  std::string quote(std::string_view identifier) const override;
  std::string placeholder(int index) const override;
  bool insert_returning() const override { return true; }
  std::size_t max_parameters() const override { return 32766; }
};

} // namespace orm::dialect::sqlite
