// The crash suite for `orm migrate up`: a 30-migration chain killed with SIGKILL at random
// moments, each trial judged by the test's own catalog queries and row counts, then recovered
// with `orm migrate status`, `resume` and `up`. ORM_CRASH_SEED and ORM_CRASH_TRIALS rerun one.

#include "tests/crash/crash_judge.hpp"
#include "tests/crash/crash_run.hpp"
#include "tests/crash/killed_run.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <random>

using namespace orm::test::crash;
using orm::test::TempDir;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

constexpr int k_default_trials = 25;

// The database after each statement of the chain, applied by the test itself; each migration's
// end must be what orm left there.
void
add_statement_snapshots(Reference& reference, Flavour flavour, const TempDir& dir)
{
  auto database = fresh_database(flavour, dir.path());
  size_t done = 0;
  for (size_t m = 0; m < reference.chain.statements.size(); ++m) {
    for (const auto& statement : reference.chain.statements[m]) {
      database->execute(statement);
      reference.snapshots[++done] = database->snapshot();
    }
    INFO("after migration " << reference.chain.versions[m] << " applied by hand: "
                            << first_difference(reference.snapshots[done],
                                                reference.boundary_snapshots[m + 1]));
    REQUIRE(reference.snapshots[done] == reference.boundary_snapshots[m + 1]);
  }
}

// orm applies the chain one migration at a time, uninterrupted, into the reference database:
// how long each takes, what the database is after each (and a copy of it, where it can be
// copied), and, where migrations run statement by statement, the snapshots between statements.
Reference
build_reference(Flavour flavour, const TempDir& dir)
{
  std::filesystem::create_directories(dir / "project");
  Reference reference;
  reference.chain = write_chain(dir / "project", flavour);
  const Chain& chain = reference.chain;
  auto database = fresh_database(flavour, dir.path());
  reference.boundaries.push_back(0);
  reference.boundary_snapshots.push_back(database->snapshot());
  reference.copies.emplace_back();
  microseconds startup{0};
  for (size_t m = 0; m < chain.versions.size(); ++m) {
    auto run =
        run_orm_to_the_end(chain.folder, joined(database->orm_flags(), {"migrate", "up", "1"}));
    INFO(run.out);
    REQUIRE(run.exit_code == 0);
    reference.durations.push_back(run_duration(run.out, "applied"));
    startup += run.elapsed - reference.durations.back();
    reference.boundaries.push_back(reference.boundaries.back() + chain.statements[m].size());
    reference.boundary_snapshots.push_back(database->snapshot());
    reference.copies.push_back(database->can_copy() ? dir / ("after_" + std::to_string(m + 1))
                                                    : std::filesystem::path());
    if (database->can_copy()) {
      database->save_copy(reference.copies.back());
    }
  }
  reference.startup = startup / static_cast<int>(chain.versions.size());
  reference.final_snapshot = reference.boundary_snapshots.back();
  INFO(row_summary(*database));
  REQUIRE(rows_intact(*database, flavour));
  for (size_t m = 0; m < reference.boundaries.size(); ++m) {
    reference.snapshots[reference.boundaries[m]] = reference.boundary_snapshots[m];
  }
  if (statement_by_statement(flavour)) {
    add_statement_snapshots(reference, flavour, dir);
  }
  return reference;
}

// How long `orm migrate up` runs once `prefix` migrations are applied.
microseconds
remaining_time(const Reference& reference, int prefix)
{
  microseconds rest = reference.startup;
  for (size_t m = static_cast<size_t>(prefix); m < reference.durations.size(); ++m) {
    rest += reference.durations[m];
  }
  return rest;
}

struct Tally
{
  int trials = 0;
  int killed = 0;
  int consistent = 0;
  int truthful = 0;
  int recovered = 0;
  int lost_or_doubled = 0;
};

void
run_trial(Flavour flavour, const Reference& reference, const TempDir& dir, std::uint64_t seed,
          Tally& tally)
{
  std::mt19937_64 random(seed);
  int migrations = static_cast<int>(reference.chain.versions.size());
  int prefix = std::uniform_int_distribution<int>(0, migrations - 1)(random);
  // A share of the time, so that a seed means the same moment on a faster or slower machine.
  double share = std::uniform_real_distribution<double>(0.0, 1.0)(random);
  auto window = remaining_time(reference, prefix);
  microseconds delay(static_cast<std::int64_t>(share * static_cast<double>(window.count())));
  INFO(fmt::format("{} trial, seed {} (rerun: ORM_CRASH_SEED={} ORM_CRASH_TRIALS=1): {} "
                   "migrations applied first, then `orm migrate up` killed after {:.1f} % of "
                   "the {} ms it takes uninterrupted ({} ms)",
                   to_string(flavour), seed, seed, prefix, share * 100, window.count() / 1000,
                   delay.count() / 1000));
  ++tally.trials;

  auto database = fresh_database(flavour, dir.path());
  auto flags = database->orm_flags();
  const auto& folder = reference.chain.folder;
  if (prefix > 0 && database->can_copy()) {
    database->load_copy(reference.copies[static_cast<size_t>(prefix)]);
  } else if (prefix > 0) {
    auto first =
        run_orm_to_the_end(folder, joined(flags, {"migrate", "up", std::to_string(prefix)}));
    INFO(first.out);
    REQUIRE(first.exit_code == 0);
  }
  auto killed =
      run_orm_killed_after(folder, joined(flags, joined({"migrate", "up"}, k_lock_timeout)), delay);
  INFO("the killed run " << (killed.killed ? "was killed" : "ended by itself") << ": "
                         << killed.out);
  tally.killed += killed.killed ? 1 : 0;
  if (!killed.killed) {
    CHECK(killed.exit_code == 0);
  }
  database->wait_for_dead_clients();

  // 1. Right after the kill: a prefix of the chain, and a history that says which.
  auto rows = database->history();
  auto judgement = judge(reference, rows, database->snapshot(), flavour, prefix);
  INFO("right after the kill: " << judgement.why);
  CHECK(judgement.consistent);
  tally.consistent += judgement.consistent ? 1 : 0;

  // 2. Status: exit 0, every migration shown as the database has it.
  auto status = run_orm_to_the_end(folder, joined(flags, {"migrate", "status"}));
  INFO("orm migrate status, what is neither applied nor pending: " << interrupted_text(status.out));
  CHECK(status.exit_code == 0);
  auto shown = status_entries(status.out);
  std::string untruthful = status_problem(shown, reference.chain.versions, rows, judgement);
  INFO("status: " << (untruthful.empty() ? "truthful" : untruthful));
  bool truthful = status.exit_code == 0 && untruthful.empty();
  CHECK(truthful);
  tally.truthful += truthful ? 1 : 0;

  // 3. Recovery: resume when status shows a migration part way, then up.
  bool recovered = true;
  if (any_interrupted(shown)) {
    auto resume =
        run_orm_to_the_end(folder, joined(flags, joined({"migrate", "resume"}, k_lock_timeout)));
    INFO("orm migrate resume: " << resume.out);
    CHECK(resume.exit_code == 0);
    recovered = resume.exit_code == 0;
  }
  auto up = run_orm_to_the_end(folder, joined(flags, joined({"migrate", "up"}, k_lock_timeout)));
  INFO("orm migrate up: " << up.out);
  CHECK(up.exit_code == 0);
  recovered = recovered && up.exit_code == 0;
  if (!recovered) {
    return;
  }

  // 4. The end: the reference's catalog, every history row complete, no row lost or doubled.
  auto final_snapshot = database->snapshot();
  INFO("after recovery: " << first_difference(final_snapshot, reference.final_snapshot));
  CHECK(final_snapshot == reference.final_snapshot);
  auto final_rows = database->history();
  bool complete = final_rows.size() == reference.chain.versions.size();
  for (const auto& row : final_rows) {
    complete = complete && row.complete();
  }
  CHECK(complete);
  bool intact = rows_intact(*database, flavour);
  INFO(row_summary(*database));
  CHECK(intact);
  auto final_status = run_orm_to_the_end(folder, joined(flags, {"migrate", "status", "--check"}));
  INFO("orm migrate status --check: " << final_status.out);
  CHECK(final_status.exit_code == 0);
  tally.lost_or_doubled += intact ? 0 : 1;
  tally.recovered += final_snapshot == reference.final_snapshot && complete && intact &&
                             final_status.exit_code == 0
                         ? 1
                         : 0;
}

void
run_crash_trials(Flavour flavour)
{
  auto start = Clock::now();
  TempDir dir;
  Reference reference = build_reference(flavour, dir);
  auto seed = base_seed();
  int count = trials(k_default_trials);
  Tally tally;
  for (int t = 0; t < count; ++t) {
    run_trial(flavour, reference, dir, seed + static_cast<std::uint64_t>(t), tally);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << fmt::format("crash suite, {}: {} trials (seeds {}..{}), {} killed mid-run, {} "
                           "consistent right after the kill, {} with a truthful status, {} "
                           "recovered, {} lost or doubled rows; uninterrupted run {} ms, {:.1f} s "
                           "in all\n",
                           to_string(flavour), tally.trials, seed,
                           seed + static_cast<std::uint64_t>(count) - 1, tally.killed,
                           tally.consistent, tally.truthful, tally.recovered, tally.lost_or_doubled,
                           remaining_time(reference, 0).count() / 1000, seconds);
}

} // namespace

TEST_CASE("migrate up killed at random moments: sqlite", "[crash][sqlite]")
{
  run_crash_trials(Flavour::sqlite);
}

TEST_CASE("migrate up killed at random moments: postgres", "[crash][postgres]")
{
  run_crash_trials(Flavour::postgres);
}

TEST_CASE("migrate up killed at random moments: postgres no-transaction", "[crash][postgres]")
{
  run_crash_trials(Flavour::postgres_no_transaction);
}

TEST_CASE("migrate up killed at random moments: mysql", "[crash][mysql]")
{
  run_crash_trials(Flavour::mysql);
}
