#pragma once

#include "core/diff/change.hpp"
#include "core/migrate/plan.hpp"
#include "core/workflow/project.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace orm::workflow {

struct MakeOptions
{
  std::string name;
  bool offline = false; // diff against orm.state instead of the database
  bool empty = false;   // an empty migration for hand-written SQL
  std::chrono::system_clock::time_point now;
};

// A migration computed but not yet written.
struct PendingMigration
{
  diff::Changes changes;
  migrate::Plan plan;
  std::vector<std::string> summary;  // describe(changes)
  std::vector<std::string> warnings; // of every step
  std::string version;
  std::string name; // slug
  std::string file_name;
  std::string content;
  std::string dialect;

  bool nothing_to_do() const { return changes.empty(); }
};

// Diffs the models against the database (which must have every migration applied) or, offline,
// against orm.state, and renders the migration. Writes nothing.
PendingMigration make_migration(const Project& project, const MakeOptions& options);

// Writes the migration file, rewrites orm.sum and records the models in orm.state, as one atomic
// change of the migration directory.
std::string write_migration(const Project& project, const PendingMigration& migration);

} // namespace orm::workflow
