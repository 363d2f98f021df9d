#pragma once

#include "tests/crash/crash_chain.hpp"
#include "tests/crash/crash_database.hpp"
#include "tests/crash/status_report.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace orm::test::crash {

// The chain applied whole, and what an uninterrupted `orm migrate down` of it looks like. The
// chain's down statements are numbered in the order a revert runs them: the newest migration's
// down section first, each section in file order.
struct DownReference
{
  Chain chain;
  std::string empty_snapshot;         // the fresh database
  std::string applied_snapshot;       // the whole chain applied
  std::filesystem::path applied_copy; // where the database can be copied (SQLite)
  // boundaries[j]: the down statements of the newest j migrations.
  std::vector<size_t> boundaries;
  // The database after the newest j migrations were reverted by orm, one at a time.
  std::vector<std::string> boundary_snapshots;
  // The database after the chain's first k down statements: after each statement where
  // migrations run statement by statement (applied by the test itself), else at the boundaries.
  std::map<size_t, std::string> snapshots;
  // durations[j]: what reverting the newest migration took once j were reverted, one orm
  // process each; and what one `orm migrate down --to 0 --force` of the whole chain takes.
  std::vector<std::chrono::microseconds> durations;
  std::chrono::microseconds whole_revert{0};
};

// The state right after a kill of `orm migrate down`, judged against the reference.
struct DownJudgement
{
  bool consistent = false;
  std::string why;      // what was found: what is wrong, or which prefix it is
  int interrupted = -1; // index of the migration whose revert was begun; -1 when none
  bool in_flight = false;
};

// Judges the database right after a kill of `orm migrate down --to 0`: the snapshot after a
// prefix of the chain's down statements (a migration boundary where migrations are
// transactions), with history rows for the migrations still applied, complete but for the one
// being reverted, whose row says how far its revert went (or all but the statement in flight).
DownJudgement judge_down(const DownReference& reference, const std::vector<RecordedRow>& rows,
                         const std::string& snapshot, Flavour flavour);

// What `orm migrate status` gets wrong right after the kill; empty when nothing: the migrations
// with a complete row shown applied, those without one pending, the one being reverted shown
// failed, with its reason (being reverted; a statement in flight may have been applied).
std::string down_status_problem(const std::vector<StatusEntry>& shown,
                                const std::vector<std::string>& versions,
                                const std::vector<RecordedRow>& rows,
                                const DownJudgement& judgement);

} // namespace orm::test::crash
