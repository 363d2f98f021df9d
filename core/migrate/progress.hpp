#pragma once

#include "core/migrate/store.hpp"

#include <chrono>
#include <string>

namespace orm::migrate {

// What applying with progress needs from a database without transactional DDL (MySQL): run one
// statement, and keep the history row up to date after each.
class ProgressTarget
{
public:
  virtual ~ProgressTarget() = default;

  virtual void execute(const std::string& sql) = 0;
  // Inserts or replaces the row of `migration`: `applied` of `total` statements, no error.
  virtual void start(const MigrationFile& migration, int applied, int total) = 0;
  virtual void progress(const std::string& version, int applied, const std::string& error) = 0;
  // The migration is complete: records its checksum, time and duration.
  virtual void finish(const MigrationFile& migration, std::chrono::milliseconds elapsed) = 0;
  virtual void remove(const std::string& version) = 0;
};

// Runs the up statements of `migration` from the `from`-th on, one by one, recording progress
// after each; on failure records the failing statement and the server's error in the row and
// throws DatabaseError saying how far it got.
void apply_with_progress(ProgressTarget& target, const MigrationFile& migration, int from);

// Reverts the first `applied` up statements of `migration` step by step, newest first, lowering
// the recorded progress after each step; removes the row at the end. Throws Error(migration) when
// the statements that revert them are not known (a step applied in part).
void revert_with_progress(ProgressTarget& target, const MigrationFile& migration, int applied);

} // namespace orm::migrate
