#pragma once

#include "core/db/sql_flavor.hpp"

namespace orm::dialect::mysql {

// Prepared statements take 65,535 parameters. MySQL has no INSERT ... RETURNING; MariaDB 10.5+
// has, but a prepared INSERT ... RETURNING run a second time left libmariadb waiting for a reply
// that never came (seen on 10.11), so both servers read a new row back by its last insert id.
class MysqlFlavor : public db::SqlFlavor
{
public:
  std::string_view dialect() const override { return "mysql"; }
  std::string quote(std::string_view identifier) const override;
  std::string placeholder(int index) const override;
  bool insert_returning() const override { return false; }
  std::size_t max_parameters() const override { return 65535; }
};

} // namespace orm::dialect::mysql
