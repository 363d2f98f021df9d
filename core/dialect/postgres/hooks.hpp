#pragma once

#include "core/diff/hooks.hpp"

namespace orm::dialect::postgres {

// What PostgreSQL stores, so that a database migrated to the models compares equal to them.
class PostgresHooks : public diff::DiffHooks
{
public:
  void normalize(schema::Table& table) const override;
  // CREATE TABLE cannot reference a table that does not exist yet.
  bool allows_forward_references() const override { return false; }
};

} // namespace orm::dialect::postgres
