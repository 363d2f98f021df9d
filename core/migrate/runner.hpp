#pragma once

#include "core/migrate/directory.hpp"
#include "core/migrate/store.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orm::migrate {

enum class MigrationState
{
  applied,
  pending,
  modified, // applied, but the file's checksum differs from the history row
  missing,  // in the history, but the file is gone
  failed,   // partly applied (databases without transactional DDL)
};

const char* to_string(MigrationState state);

// How far a partly applied migration's row got and what stopped it, in words: "interrupted
// during statement 3 of 5: it may have been applied".
std::string describe_progress(const HistoryRow& row);

struct StatusEntry
{
  std::string version;
  std::string name;
  MigrationState state = MigrationState::pending;
  std::optional<HistoryRow> row;
};

struct RunOptions
{
  std::optional<int> steps;              // up: all by default; down: 1 by default
  std::optional<std::string> to_version; // up: up to and including; down: down to, excluding
  bool dry_run = false;
  bool force = false; // down: run irreversible migrations too
  std::chrono::milliseconds lock_timeout{60000};
};

// Reported for every migration run (or that would run, on a dry run).
struct RunEvent
{
  const MigrationFile* migration = nullptr;
  Direction direction = Direction::up;
  bool skipped = false;      // another process had already done it
  bool out_of_order = false; // up: older than a migration applied before it (a merged branch)
  std::chrono::milliseconds elapsed{0};
};

// What the user says a migration's real state is, after repairing it by hand.
enum class Resolution
{
  applied,
  rolled_back
};

class Runner
{
public:
  Runner(Store& store, const MigrationDirectory& directory);

  std::vector<StatusEntry> status();
  // Return the migrations run, in order. Throw Error(migration) for an irreversible migration
  // without force, a modified or failed one in the way, or an unknown target version. `down`
  // reverts a partly applied newest migration too: only the statements it applied.
  std::vector<RunEvent> up(const RunOptions& options,
                           const std::function<void(const RunEvent&)>& on_event = {});
  std::vector<RunEvent> down(const RunOptions& options,
                             const std::function<void(const RunEvent&)>& on_event = {});

  // Continues the oldest partly applied migration in the direction it was run (its file may have
  // been corrected meanwhile, keeping its number of statements), after settling the statement
  // that failed or was interrupted as `first` says; nothing when none is partly applied.
  std::optional<RunEvent> resume(std::chrono::milliseconds lock_timeout, FirstStatement first,
                                 const std::function<void(const RunEvent&)>& on_event = {});

  // Records the user's word for one migration's state; throws Error(usage) for a version that
  // has no file (applied) or no history row (rolled back).
  void resolve(const std::string& version, Resolution resolution,
               std::chrono::milliseconds lock_timeout);

private:
  Store& m_store;
  const MigrationDirectory& m_directory;
};

} // namespace orm::migrate
