#pragma once

#include "core/migrate/store.hpp"

#include <optional>
#include <string>

namespace orm::migrate {

// What the catalog says about a statement that was running when the client died.
enum class Effect
{
  took_effect,
  no_effect, // or running it again is harmless
  unknown,
};

// The next state of a migration's history row; no row deletes it.
struct RowChange
{
  std::string version;
  std::optional<HistoryRow> row;
};

// What running a migration statement by statement needs from a database without transactional
// DDL (MySQL, PostgreSQL's `-- orm:no-transaction` files).
//
// The crash guarantee: the row never lags behind the database. A statement the database can run
// in a transaction commits together with the row's next state. Any other statement is marked in
// flight in the row first; if orm dies while it runs, the server still finishes it, and the next
// resume asks the catalog whether it took effect instead of running it again blindly. Writes
// are merged: the row is written once per statement outside a transaction and once at the end.
class ProgressTarget
{
public:
  virtual ~ProgressTarget() = default;

  // Runs `statement` and applies `change` in one transaction, when the database can run
  // `statement` inside one; returns false, having changed nothing, when it cannot. Throws
  // DatabaseError (after rolling back) when the statement fails.
  virtual bool execute_with(const std::string& statement, const RowChange& change) = 0;
  // Runs `statement` on its own: it commits by itself.
  virtual void execute(const std::string& statement) = 0;
  virtual void write(const RowChange& change) = 0;
  // Whether `statement`, which was running when the client died, took effect, read from the
  // catalog. The server has finished it by then: its session held the migration lock.
  virtual Effect effect_of(const std::string& statement) = 0;
};

// A row for `migration` with `applied` of its statements applied and nothing else to say.
HistoryRow new_row(const MigrationFile& migration, int applied);

// Runs every up statement of `migration`, which has no history row yet.
void apply_with_progress(ProgressTarget& target, const MigrationFile& migration);

// Continues `migration` from its history row: settles the first statement as `first` says, then
// goes on in the direction it was interrupted in (reverting when it was being reverted). Throws
// Error(migration) naming the statement when an interrupted statement's effect cannot be told.
void resume_with_progress(ProgressTarget& target, const MigrationFile& migration,
                          const HistoryRow& row, FirstStatement first);

// Reverts what `row` says was applied of `migration`, step by step, newest first, and removes
// the row. Throws Error(migration) when that ends inside a step whose reverse is not known.
void revert_with_progress(ProgressTarget& target, const MigrationFile& migration,
                          const HistoryRow& row);

} // namespace orm::migrate
