#pragma once

#include "core/diff/hooks.hpp"

namespace orm::dialect::sqlite {

// What SQLite stores, so that a database migrated to the models compares equal to them.
class SqliteHooks : public diff::DiffHooks
{
public:
  void normalize(schema::Table& table) const override;
  bool allows_forward_references() const override { return true; }
};

} // namespace orm::dialect::sqlite
