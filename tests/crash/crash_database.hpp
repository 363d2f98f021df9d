#pragma once

#include "core/db/connection.hpp"
#include "tests/crash/crash_chain.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace orm::test::crash {

// One row of orm_migrations, read by the test's own query.
struct RecordedRow
{
  std::string version;
  int applied = 0;
  int total = 0;
  std::string error;
  // The progress of a revert, on the servers (SQLite's table has no such columns).
  bool reverting = false; // direction 'down'
  int reverted = 0;       // down statements run of the newest applied step
  bool in_flight = false;

  bool complete() const { return applied == total && error.empty(); }
  // Complete, and no revert of it begun.
  bool fully_applied() const { return complete() && !reverting && reverted == 0 && !in_flight; }
};

// A fresh scratch database for one trial (or one reference), seen through the test's own
// connection, never through orm.
class CrashDatabase
{
public:
  virtual ~CrashDatabase() = default;

  // The global flags that point orm at this database.
  virtual std::vector<std::string> orm_flags() const = 0;
  // Returns once no session of a killed orm is left on the server, so the statement it was
  // running has ended (committed or rolled back) and its migration lock is free.
  virtual void wait_for_dead_clients() = 0;
  // The schema as the catalog shows it (orm_migrations left out) and every table's row count,
  // as sorted text lines: equal texts are equal databases.
  virtual std::string snapshot() = 0;
  // orm_migrations by version; empty when the table does not exist.
  virtual std::vector<RecordedRow> history() = 0;
  // Runs one statement of a migration, as orm would (for the reference databases).
  virtual void execute(const std::string& statement) = 0;
  // The integer a one-value query returns.
  virtual std::int64_t number(const std::string& query) = 0;

  // Where the database is a file (SQLite): copies it while no one writes, and replaces it by a
  // copy, so that a trial starts where the reference was.
  virtual bool can_copy() const { return false; }
  virtual void save_copy(const std::filesystem::path& /*copy*/) {}
  virtual void load_copy(const std::filesystem::path& /*copy*/) {}
};

// A new empty database for `flavour`; SQLite files go into `folder`.
std::unique_ptr<CrashDatabase> fresh_database(Flavour flavour, const std::filesystem::path& folder);

// What the implementations share: the query of orm_migrations (the same on every dialect; the
// servers read the revert's progress too, k_select_progress) and its rows, a result as snapshot
// lines ("kind: a | b | c"), and the row count of each table.
extern const char* const k_select_recorded;
extern const char* const k_select_progress;
std::vector<RecordedRow> recorded_rows(const db::Result& result);
std::string as_lines(const std::string& kind, const db::Result& result);
std::string row_counts(db::Connection& connection, const std::vector<std::string>& quoted_tables);

std::unique_ptr<CrashDatabase> fresh_sqlite_database(const std::filesystem::path& folder);
std::unique_ptr<CrashDatabase> fresh_postgres_database();
std::unique_ptr<CrashDatabase> fresh_mysql_database();

} // namespace orm::test::crash
