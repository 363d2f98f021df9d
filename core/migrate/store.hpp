#pragma once

#include "core/migrate/migration_file.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace orm::migrate {

enum class Direction
{
  up,
  down
};

// One row of the history table orm_migrations.
struct HistoryRow
{
  std::string version;
  std::string name;
  std::string checksum;
  std::string applied_at; // ISO 8601, UTC
  std::int64_t execution_ms = 0;
  int statements_applied = 0; // progress, for databases without transactional DDL
  int statements_total = 0;
  std::string error; // the failing statement and the server's message; empty when it succeeded
  // The way the migration was being run when it stopped: down while it is partly reverted.
  Direction direction = Direction::up;
  // While it is being reverted: the down statements of the step that ends at statement
  // `statements_applied` that have run already.
  int statements_reverted = 0;
  // A statement outside a transaction was started and its outcome is not recorded: the client
  // died while the server ran it (see migrate/progress.hpp).
  bool in_flight = false;

  bool complete() const
  {
    return error.empty() && statements_applied == statements_total && statements_reverted == 0 &&
           !in_flight && direction == Direction::up;
  }
};

// `orm migrate resume`: what to do with the statement it would run first, the one that failed or
// that was running when orm was interrupted.
enum class FirstStatement
{
  verify, // in flight: ask the catalog whether it took effect; failed: run it again
  skip,   // the user says it took effect (or is not needed): continue after it
  retry,  // the user says it did not take effect: run it again
};

// Held while migrations run; released in the destructor.
class Lock
{
public:
  virtual ~Lock() = default;
};

// What the runner needs from a database: the history table, a migration lock, and applying one
// migration together with its history row. Each dialect implements it in dialect/<name>/store.*.
class Store
{
public:
  virtual ~Store() = default;

  // Creates orm_migrations when it does not exist.
  virtual void ensure_history() = 0;
  // The rows, by version; empty when the table does not exist yet.
  virtual std::vector<HistoryRow> history() = 0;
  // Blocks until no other orm process migrates this database, or throws after `timeout`.
  virtual std::unique_ptr<Lock> lock(std::chrono::milliseconds timeout) = 0;
  // Applies `migration` in `direction` and inserts (up) or deletes (down) its history row, in one
  // transaction where the database allows. Re-checks the history inside that transaction and
  // returns false, doing nothing, when another process already did it.
  virtual bool apply(const MigrationFile& migration, Direction direction) = 0;
  // `orm migrate resolve`: records `migration` as completely applied with its current checksum
  // (replacing any row), or removes the row of `version`, without running any SQL.
  virtual void record_applied(const MigrationFile& migration) = 0;
  virtual void forget(const std::string& version) = 0;

  // Databases without transactional DDL leave a failed migration's row with its progress. These
  // continue it from the statement that failed (`orm migrate resume`), or revert just the
  // statements it applied (`orm migrate down`), and throw Error(migration) where a migration is
  // never left half applied.
  virtual void resume(const MigrationFile& migration, const HistoryRow& row, FirstStatement first);
  virtual void revert_partial(const MigrationFile& migration, const HistoryRow& row);
};

} // namespace orm::migrate
