#pragma once

#include "core/db/sql_flavor.hpp"

namespace orm::dialect::mysql {

// MariaDB 10.5+ has INSERT ... RETURNING, MySQL none; prepared statements take 65,535 parameters.
class MysqlFlavor : public db::SqlFlavor
{
public:
  explicit MysqlFlavor(bool insert_returning) : m_insert_returning(insert_returning) {}
  std::string_view dialect() const override { return "mysql"; }
  std::string quote(std::string_view identifier) const override;
  std::string placeholder(int index) const override;
  bool insert_returning() const override { return m_insert_returning; }
  std::size_t max_parameters() const override { return 65535; }

private:
  bool m_insert_returning;
};

} // namespace orm::dialect::mysql
