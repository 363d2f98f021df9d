#pragma once

#include "core/diff/hooks.hpp"

namespace orm::dialect::postgres {

// NAMEDATALEN - 1: PostgreSQL cuts a longer name silently.
inline constexpr schema::NameLimit k_name_limit{63, schema::NameLimit::Unit::bytes};

// What PostgreSQL stores, so that a database migrated to the models compares equal to them.
class PostgresHooks : public diff::DiffHooks
{
public:
  void normalize(schema::Table& table) const override;
  // CREATE TABLE cannot reference a table that does not exist yet.
  bool allows_forward_references() const override { return false; }
  std::optional<schema::NameLimit> name_limit() const override { return k_name_limit; }
};

} // namespace orm::dialect::postgres
