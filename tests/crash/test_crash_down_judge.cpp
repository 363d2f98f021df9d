// The down crash suite's judge on databases and history rows left the ways a broken revert would
// leave them: it must fail what the suite could otherwise never see fail.

#include "tests/crash/down_judge.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm::test::crash;
using orm::test::TempDir;

namespace {

// Two migrations: a table and its index (two steps), then a second table; reverted, the second
// table goes first, then the index, then the first table.
const std::vector<std::pair<std::string, std::string>> k_files = {
    {"20260101000000_a.sql", "-- orm:up\nCREATE TABLE a (x INTEGER);\n\nCREATE INDEX a_x ON a "
                             "(x);\n\n-- orm:down\nDROP INDEX a_x;\n\nDROP TABLE a;\n"},
    {"20260101000001_b.sql", "-- orm:up\nCREATE TABLE b (x INTEGER);\n\n-- orm:down\nDROP TABLE "
                             "b;\n"}};

// The reference of those two migrations, snapshotted after each down statement on a real SQLite
// file.
DownReference
two_migrations(const TempDir& dir)
{
  DownReference reference;
  reference.chain.folder = dir.path();
  for (const auto& [name, content] : k_files) {
    reference.chain.files.push_back(orm::migrate::parse_migration(name, content));
    reference.chain.versions.push_back(reference.chain.files.back().version);
    reference.chain.statements.push_back(reference.chain.files.back().up);
  }
  auto database = fresh_database(Flavour::sqlite, dir.path());
  for (const auto& file : reference.chain.files) {
    for (const auto& statement : file.up) {
      database->execute(statement);
    }
  }
  reference.boundaries = {0, 1, 3};
  size_t done = 0;
  reference.snapshots[done] = database->snapshot();
  for (auto file = reference.chain.files.rbegin(); file != reference.chain.files.rend(); ++file) {
    for (const auto& statement : file->down) {
      database->execute(statement);
      reference.snapshots[++done] = database->snapshot();
    }
  }
  return reference;
}

RecordedRow
applied(const std::string& version, int total)
{
  return {version, total, total, ""};
}

// A row of migration a (2 statements) being reverted.
RecordedRow
reverting(int still_applied, int reverted, bool in_flight)
{
  return {"20260101000000", still_applied, 2, "", true, reverted, in_flight};
}

} // namespace

TEST_CASE("down judge: the history must say which prefix of the reverse statements is left",
          "[crash][judge]")
{
  TempDir dir;
  auto reference = two_migrations(dir);
  const auto& s = reference.snapshots;
  std::vector<RecordedRow> both = {applied("20260101000000", 2), applied("20260101000001", 1)};
  CHECK(judge_down(reference, both, s.at(0), Flavour::mysql).consistent);
  CHECK_FALSE(judge_down(reference, both, s.at(1), Flavour::mysql).consistent);
  // b reverted, then a's index dropped: its row counts a's first step only.
  std::vector<RecordedRow> part = {reverting(1, 0, false)};
  CHECK(judge_down(reference, part, s.at(2), Flavour::mysql).consistent);
  CHECK_FALSE(judge_down(reference, part, s.at(1), Flavour::mysql).consistent);
  CHECK_FALSE(judge_down(reference, part, s.at(3), Flavour::mysql).consistent);
  // The index's drop in flight: before or after it, nothing else.
  std::vector<RecordedRow> in_flight = {reverting(2, 0, true)};
  CHECK(judge_down(reference, in_flight, s.at(1), Flavour::mysql).consistent);
  CHECK(judge_down(reference, in_flight, s.at(2), Flavour::mysql).consistent);
  CHECK_FALSE(judge_down(reference, in_flight, s.at(3), Flavour::mysql).consistent);
  // A row that stands inside a step, or an up row left incomplete by a down.
  CHECK_FALSE(judge_down(reference, {reverting(2, 1, false)}, s.at(2), Flavour::mysql).consistent);
  CHECK_FALSE(
      judge_down(reference, {{"20260101000000", 1, 2, ""}}, s.at(2), Flavour::mysql).consistent);
  // A transactional migration is reverted whole or not at all.
  CHECK_FALSE(judge_down(reference, part, s.at(2), Flavour::sqlite).consistent);
  CHECK(judge_down(reference, {applied("20260101000000", 2)}, s.at(1), Flavour::sqlite).consistent);
}

TEST_CASE("down judge: status must show the migration being reverted as failed, with its reason",
          "[crash][judge]")
{
  TempDir dir;
  auto reference = two_migrations(dir);
  std::vector<RecordedRow> rows = {reverting(2, 0, true)};
  auto judgement = judge_down(reference, rows, reference.snapshots.at(1), Flavour::mysql);
  REQUIRE(judgement.consistent);
  const std::string pending = "  pending    20260101000001_b";
  auto shown = [&](const std::string& state, const std::string& more) {
    return std::vector<StatusEntry>{
        {state, "20260101000000_a", "  " + state + " 20260101000000_a" + more},
        {"pending", "20260101000001_b", pending}};
  };
  const auto& versions = reference.chain.versions;
  CHECK_FALSE(down_status_problem(shown("applied", ""), versions, rows, judgement).empty());
  CHECK_FALSE(down_status_problem(shown("failed", "\n  being reverted"), versions, rows, judgement)
                  .empty());
  CHECK(down_status_problem(shown("failed", "\n  being reverted; it may have been applied"),
                            versions, rows, judgement)
            .empty());
  std::vector<StatusEntry> wrong_pending =
      shown("failed", "\n  being reverted; may have been applied");
  wrong_pending[1].state = "applied";
  CHECK_FALSE(down_status_problem(wrong_pending, versions, rows, judgement).empty());
}
