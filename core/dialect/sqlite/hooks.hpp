#pragma once

#include "core/diff/hooks.hpp"

namespace orm::dialect::sqlite {

// What SQLite stores, so that a database migrated to the models compares equal to them.
class SqliteHooks : public diff::DiffHooks
{
public:
  void normalize(schema::Table& table) const override;
  bool allows_forward_references() const override { return true; }
  std::optional<schema::NameLimit> name_limit() const override { return std::nullopt; }
};

} // namespace orm::dialect::sqlite
