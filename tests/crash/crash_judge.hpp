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

// The chain of one flavour and what an uninterrupted run of it looks like.
struct Reference
{
  Chain chain;
  // boundaries[m]: the chain's statements in migrations 0..m-1.
  std::vector<size_t> boundaries;
  // The database after m migrations applied by orm, uninterrupted; and a copy of it where the
  // database can be copied (SQLite), so a trial can start there.
  std::vector<std::string> boundary_snapshots;
  std::vector<std::filesystem::path> copies;
  // The database after the chain's first k statements: after each statement where migrations
  // run statement by statement (applied by the test itself), else at the boundaries.
  std::map<size_t, std::string> snapshots;
  std::string final_snapshot;
  // What each migration took, and what one orm process takes beyond its migrations.
  std::vector<std::chrono::microseconds> durations;
  std::chrono::microseconds startup{0};
};

// The state right after a kill, judged against the reference.
struct Judgement
{
  bool consistent = false;
  std::string why; // what was found: what is wrong, or which prefix it is
  // The interrupted migration's statement that the history does not count as applied, but the
  // catalog shows applied (the history row was not written after it committed); -1 when none.
  int applied_beyond_history = -1;
  int interrupted = -1; // index of the migration whose row is incomplete; -1 when none
};

// Judges the database right after a kill, by its history rows and its snapshot, when `prefix`
// migrations were applied before the killed run: a prefix of the chain, at a migration boundary
// where migrations are transactions, that the history records (or records all but the
// statement in flight).
Judgement judge(const Reference& reference, const std::vector<RecordedRow>& rows,
                const std::string& snapshot, Flavour flavour, int prefix);

// What `orm migrate status` gets wrong about the database right after the kill; empty when
// nothing: every migration applied or pending as its history row says, the interrupted one shown
// neither, and saying its statement in flight may have been applied when the catalog shows it was.
std::string status_problem(const std::vector<StatusEntry>& shown,
                           const std::vector<std::string>& versions,
                           const std::vector<RecordedRow>& rows, const Judgement& judgement);

// The first line where two snapshots differ, for messages.
std::string first_difference(const std::string& actual, const std::string& expected);

} // namespace orm::test::crash
