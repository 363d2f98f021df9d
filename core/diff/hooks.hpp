#pragma once

#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"

#include <optional>

namespace orm::diff {

// What the diff engine asks of a dialect. The engine itself never tests which dialect it serves.
class DiffHooks
{
public:
  virtual ~DiffHooks() = default;

  // Brings a table, from the models or from the database, to the canonical form this dialect
  // stores (types it cannot tell apart merged, defaults spelled one way, unsupported parts such
  // as comments dropped), so that a database migrated to the models compares equal to them.
  virtual void normalize(schema::Table& table) const = 0;

  // True when CREATE TABLE may reference a table that does not exist yet (SQLite). Otherwise
  // foreign keys of a cycle are added after all the tables are created.
  virtual bool allows_forward_references() const = 0;

  // The longest table, column, index or constraint name the database keeps; none: no limit.
  virtual std::optional<schema::NameLimit> name_limit() const = 0;
};

} // namespace orm::diff
