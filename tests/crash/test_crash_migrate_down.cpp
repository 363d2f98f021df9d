// The crash suite for `orm migrate down --to 0 --force`: the 30-migration chain applied whole,
// its revert killed with SIGKILL at random moments, each trial judged by the test's own catalog
// queries and history rows, then recovered with `orm migrate down` (or `resume` first), and the
// chain applied again. ORM_CRASH_SEED and ORM_CRASH_TRIALS rerun one.

#include "tests/crash/crash_judge.hpp"
#include "tests/crash/crash_run.hpp"
#include "tests/crash/down_judge.hpp"
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

// Each MySQL trial applies the whole chain first (2 to 3 s), so it runs fewer trials by default.
constexpr int k_default_trials = 25;
constexpr int k_default_mysql_trials = 15;
const std::vector<std::string> k_down_to_empty = {"migrate", "down", "--to", "0", "--force"};
// `orm migrate up` of the whole chain after the recovery costs 1 to 3 s, so every
// k_up_again_every-th trial does it.
constexpr int k_up_again_every = 5;

// The database after each down statement of the chain, run by the test itself from the whole
// chain applied; each migration's end must be what orm left there.
void
add_statement_snapshots(DownReference& reference, Flavour flavour, const TempDir& dir)
{
  auto database = fresh_database(flavour, dir.path());
  auto up =
      run_orm_to_the_end(reference.chain.folder, joined(database->orm_flags(), {"migrate", "up"}));
  INFO(up.out);
  REQUIRE(up.exit_code == 0);
  REQUIRE(database->snapshot() == reference.applied_snapshot);
  size_t done = 0;
  for (size_t j = 0; j < reference.chain.files.size(); ++j) {
    const auto& file = reference.chain.files[reference.chain.files.size() - 1 - j];
    for (const auto& statement : file.down) {
      database->execute(statement);
      reference.snapshots[++done] = database->snapshot();
    }
    INFO("after migration " << file.version << " reverted by hand: "
                            << first_difference(reference.snapshots[done],
                                                reference.boundary_snapshots[j + 1]));
    REQUIRE(reference.snapshots[done] == reference.boundary_snapshots[j + 1]);
  }
}

// The chain applied again to the reverted reference database (a copy of it where it can be
// copied), then `orm migrate down --to 0 --force` uninterrupted: the time a trial's run takes.
microseconds
timed_whole_revert(const DownReference& reference, CrashDatabase& database)
{
  if (database.can_copy()) {
    database.load_copy(reference.applied_copy);
  } else {
    auto up =
        run_orm_to_the_end(reference.chain.folder, joined(database.orm_flags(), {"migrate", "up"}));
    INFO(up.out);
    REQUIRE(up.exit_code == 0);
  }
  REQUIRE(database.snapshot() == reference.applied_snapshot);
  auto run =
      run_orm_to_the_end(reference.chain.folder, joined(database.orm_flags(), k_down_to_empty));
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  REQUIRE(database.snapshot() == reference.empty_snapshot);
  return run.elapsed;
}

// orm applies the whole chain, then reverts it one migration at a time, uninterrupted: how long
// each revert takes, what the database is after each, and, where migrations run statement by
// statement, the snapshots between down statements.
DownReference
build_reference(Flavour flavour, const TempDir& dir)
{
  std::filesystem::create_directories(dir / "project");
  DownReference reference;
  reference.chain = write_chain(dir / "project", flavour);
  const Chain& chain = reference.chain;
  auto database = fresh_database(flavour, dir.path());
  reference.empty_snapshot = database->snapshot();
  auto up = run_orm_to_the_end(chain.folder, joined(database->orm_flags(), {"migrate", "up"}));
  INFO(up.out);
  REQUIRE(up.exit_code == 0);
  INFO(row_summary(*database));
  REQUIRE(rows_intact(*database, flavour));
  reference.applied_snapshot = database->snapshot();
  if (database->can_copy()) {
    reference.applied_copy = dir / "applied";
    database->save_copy(reference.applied_copy);
  }
  reference.boundaries.push_back(0);
  reference.boundary_snapshots.push_back(reference.applied_snapshot);
  for (size_t j = 0; j < chain.files.size(); ++j) {
    auto run = run_orm_to_the_end(chain.folder,
                                  joined(database->orm_flags(), {"migrate", "down", "--force"}));
    INFO(run.out);
    REQUIRE(run.exit_code == 0);
    reference.durations.push_back(run_duration(run.out, "reverted"));
    reference.boundaries.push_back(reference.boundaries.back() +
                                   chain.files[chain.files.size() - 1 - j].down.size());
    reference.boundary_snapshots.push_back(database->snapshot());
  }
  INFO("after every migration reverted: " << first_difference(reference.boundary_snapshots.back(),
                                                              reference.empty_snapshot));
  REQUIRE(reference.boundary_snapshots.back() == reference.empty_snapshot);
  REQUIRE(database->history().empty());
  reference.whole_revert = timed_whole_revert(reference, *database);
  for (size_t j = 0; j < reference.boundaries.size(); ++j) {
    reference.snapshots[reference.boundaries[j]] = reference.boundary_snapshots[j];
  }
  if (statement_by_statement(flavour)) {
    add_statement_snapshots(reference, flavour, dir);
  }
  return reference;
}

// The sum of the one-at-a-time reverts' own times, printed beside the whole revert's.
microseconds
one_at_a_time(const DownReference& reference)
{
  microseconds all{0};
  for (auto duration : reference.durations) {
    all += duration;
  }
  return all;
}

struct Tally
{
  int trials = 0;
  int killed = 0;
  int consistent = 0;
  int part_way = 0;
  int truthful = 0;
  int resumed = 0;
  int recovered = 0;
  int applied_again = 0;
};

// After the recovery: the empty database, and the chain applied again as the reference had it.
bool
check_applied_again(Flavour flavour, const DownReference& reference, CrashDatabase& database)
{
  auto up =
      run_orm_to_the_end(reference.chain.folder,
                         joined(database.orm_flags(), joined({"migrate", "up"}, k_lock_timeout)));
  INFO("orm migrate up after the recovery: " << up.out);
  CHECK(up.exit_code == 0);
  auto snapshot = database.snapshot();
  INFO(
      "after applying the chain again: " << first_difference(snapshot, reference.applied_snapshot));
  CHECK(snapshot == reference.applied_snapshot);
  auto rows = database.history();
  bool complete = rows.size() == reference.chain.versions.size();
  for (const auto& row : rows) {
    complete = complete && row.fully_applied();
  }
  CHECK(complete);
  bool intact = rows_intact(database, flavour);
  INFO(row_summary(database));
  CHECK(intact);
  return up.exit_code == 0 && snapshot == reference.applied_snapshot && complete && intact;
}

void
run_trial(Flavour flavour, const DownReference& reference, const TempDir& dir, std::uint64_t seed,
          int index, Tally& tally)
{
  std::mt19937_64 random(seed);
  // A share of the time, so that a seed means the same moment on a faster or slower machine.
  double share = std::uniform_real_distribution<double>(0.0, 1.0)(random);
  bool resume_first = std::bernoulli_distribution(0.5)(random);
  auto window = reference.whole_revert;
  microseconds delay(static_cast<std::int64_t>(share * static_cast<double>(window.count())));
  INFO(fmt::format(
      "{} trial, seed {} (rerun: ORM_CRASH_SEED={} ORM_CRASH_TRIALS=1): the whole "
      "chain applied, then `orm migrate down --to 0 --force` killed after {:.1f} % "
      "of the {} ms it takes uninterrupted ({} ms), recovered with {}",
      to_string(flavour), seed, seed, share * 100, window.count() / 1000, delay.count() / 1000,
      resume_first ? "`migrate resume` first when one is interrupted" : "`migrate down`"));
  ++tally.trials;

  auto database = fresh_database(flavour, dir.path());
  auto flags = database->orm_flags();
  const auto& folder = reference.chain.folder;
  if (database->can_copy()) {
    database->load_copy(reference.applied_copy);
  } else {
    auto up = run_orm_to_the_end(folder, joined(flags, {"migrate", "up"}));
    INFO(up.out);
    REQUIRE(up.exit_code == 0);
  }
  auto killed =
      run_orm_killed_after(folder, joined(flags, joined(k_down_to_empty, k_lock_timeout)), delay);
  INFO("the killed run " << (killed.killed ? "was killed" : "ended by itself") << ": "
                         << killed.out);
  tally.killed += killed.killed ? 1 : 0;
  if (!killed.killed) {
    CHECK(killed.exit_code == 0);
  }
  database->wait_for_dead_clients();

  // 1. Right after the kill: a prefix of the chain's reverts, and a history that says which.
  auto rows = database->history();
  auto judgement = judge_down(reference, rows, database->snapshot(), flavour);
  INFO("right after the kill: " << judgement.why);
  CHECK(judgement.consistent);
  tally.consistent += judgement.consistent ? 1 : 0;
  tally.part_way += judgement.interrupted >= 0 ? 1 : 0;

  // 2. Status: exit 0, the migration being reverted never shown applied.
  auto status = run_orm_to_the_end(folder, joined(flags, {"migrate", "status"}));
  INFO("orm migrate status, what is neither applied nor pending: " << interrupted_text(status.out));
  CHECK(status.exit_code == 0);
  auto shown = status_entries(status.out);
  std::string untruthful = down_status_problem(shown, reference.chain.versions, rows, judgement);
  INFO("status: " << (untruthful.empty() ? "truthful" : untruthful));
  bool truthful = status.exit_code == 0 && untruthful.empty();
  CHECK(truthful);
  tally.truthful += truthful ? 1 : 0;

  // 3. Recovery: `resume` first in some trials, when a migration is shown part way, then down.
  bool recovered = true;
  if (resume_first && any_interrupted(shown)) {
    auto resume =
        run_orm_to_the_end(folder, joined(flags, joined({"migrate", "resume"}, k_lock_timeout)));
    INFO("orm migrate resume: " << resume.out);
    CHECK(resume.exit_code == 0);
    recovered = resume.exit_code == 0;
    tally.resumed += 1;
  }
  auto down = run_orm_to_the_end(folder, joined(flags, joined(k_down_to_empty, k_lock_timeout)));
  INFO("orm migrate down --to 0 --force: " << down.out);
  CHECK(down.exit_code == 0);
  recovered = recovered && down.exit_code == 0;
  if (!recovered) {
    return;
  }

  // 4. The end: the empty database, no history row, and the chain can be applied again.
  auto final_snapshot = database->snapshot();
  INFO("after recovery: " << first_difference(final_snapshot, reference.empty_snapshot));
  CHECK(final_snapshot == reference.empty_snapshot);
  auto final_rows = database->history();
  CHECK(final_rows.empty());
  bool empty = final_snapshot == reference.empty_snapshot && final_rows.empty();
  tally.recovered += empty ? 1 : 0;
  if (empty && index % k_up_again_every == 0) {
    tally.applied_again += check_applied_again(flavour, reference, *database) ? 1 : 0;
  }
}

void
run_crash_trials(Flavour flavour)
{
  auto start = Clock::now();
  TempDir dir;
  DownReference reference = build_reference(flavour, dir);
  auto seed = base_seed();
  int count = trials(flavour == Flavour::mysql ? k_default_mysql_trials : k_default_trials);
  Tally tally;
  for (int t = 0; t < count; ++t) {
    run_trial(flavour, reference, dir, seed + static_cast<std::uint64_t>(t), t, tally);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << fmt::format(
      "crash suite, migrate down, {}: {} trials (seeds {}..{}), {} killed mid-run, {} "
      "consistent right after the kill, {} with a migration part way, {} with a truthful "
      "status, {} resumed first, {} recovered to the empty database, {} applied again to the "
      "chain's end; uninterrupted revert {} ms (the migrations one at a time: {} ms, and a "
      "process each), {:.1f} s in all\n",
      to_string(flavour), tally.trials, seed, seed + static_cast<std::uint64_t>(count) - 1,
      tally.killed, tally.consistent, tally.part_way, tally.truthful, tally.resumed,
      tally.recovered, tally.applied_again, reference.whole_revert.count() / 1000,
      one_at_a_time(reference).count() / 1000, seconds);
}

} // namespace

TEST_CASE("migrate down killed at random moments: sqlite", "[crash][sqlite]")
{
  run_crash_trials(Flavour::sqlite);
}

TEST_CASE("migrate down killed at random moments: postgres", "[crash][postgres]")
{
  run_crash_trials(Flavour::postgres);
}

TEST_CASE("migrate down killed at random moments: postgres no-transaction", "[crash][postgres]")
{
  run_crash_trials(Flavour::postgres_no_transaction);
}

TEST_CASE("migrate down killed at random moments: mysql", "[crash][mysql]")
{
  run_crash_trials(Flavour::mysql);
}
