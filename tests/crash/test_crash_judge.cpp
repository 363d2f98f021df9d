// The crash suite's judge on databases left the ways a broken runner would leave them: it must
// fail what the suite could otherwise never see fail on the transactional paths.

#include "tests/crash/crash_judge.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace orm::test::crash;
using orm::test::TempDir;

namespace {

const std::vector<std::string> k_versions = {"20260101000000", "20260101000001"};
const std::vector<std::vector<std::string>> k_statements = {
    {"CREATE TABLE a (id INTEGER)", "CREATE TABLE b (id INTEGER)"},
    {"CREATE TABLE c (id INTEGER)"}};

// Two migrations of two and one statements, snapshotted after each statement on a real SQLite
// file.
Reference
two_migrations(const TempDir& dir)
{
  Reference reference;
  reference.chain = {dir.path(), k_versions, k_statements, {}};
  reference.boundaries = {0, 2, 3};
  auto database = fresh_database(Flavour::sqlite, dir.path());
  reference.snapshots[0] = database->snapshot();
  size_t done = 0;
  for (const auto& statements : k_statements) {
    for (const auto& statement : statements) {
      database->execute(statement);
      reference.snapshots[++done] = database->snapshot();
    }
  }
  reference.final_snapshot = reference.snapshots[3];
  return reference;
}

// The snapshot of a database with the first `count` statements of the chain applied.
std::string
after_statements(const TempDir& dir, size_t count)
{
  auto database = fresh_database(Flavour::sqlite, dir.path());
  size_t done = 0;
  for (const auto& statements : k_statements) {
    for (const auto& statement : statements) {
      if (done++ < count) {
        database->execute(statement);
      }
    }
  }
  return database->snapshot();
}

RecordedRow
row(size_t migration, int applied)
{
  return {k_versions[migration], applied, static_cast<int>(k_statements[migration].size()), ""};
}

} // namespace

TEST_CASE("judge: a transactional migration is there with its row or not at all", "[crash][judge]")
{
  TempDir dir;
  auto reference = two_migrations(dir);
  CHECK(judge(reference, {}, after_statements(dir, 0), Flavour::sqlite, 0).consistent);
  CHECK(judge(reference, {row(0, 2)}, after_statements(dir, 2), Flavour::sqlite, 0).consistent);
  // Half of a migration, or a whole one without its history row, or a row without its schema.
  CHECK_FALSE(judge(reference, {}, after_statements(dir, 1), Flavour::sqlite, 0).consistent);
  CHECK_FALSE(judge(reference, {}, after_statements(dir, 2), Flavour::sqlite, 0).consistent);
  CHECK_FALSE(judge(reference, {row(0, 2), row(1, 1)}, after_statements(dir, 2), Flavour::sqlite, 0)
                  .consistent);
  CHECK_FALSE(judge(reference, {row(0, 1)}, after_statements(dir, 1), Flavour::sqlite, 0)
                  .consistent); // an incomplete row on a transactional path
  // A migration applied before the killed run may not disappear.
  CHECK_FALSE(judge(reference, {}, after_statements(dir, 0), Flavour::sqlite, 1).consistent);
}

TEST_CASE("judge: statement by statement, the history says which prefix, or one less",
          "[crash][judge]")
{
  TempDir dir;
  auto reference = two_migrations(dir);
  auto exact = judge(reference, {row(0, 1)}, after_statements(dir, 1), Flavour::mysql, 0);
  CHECK(exact.consistent);
  CHECK(exact.applied_beyond_history == -1);
  CHECK(exact.interrupted == 0);
  auto in_flight = judge(reference, {row(0, 0)}, after_statements(dir, 1), Flavour::mysql, 0);
  CHECK(in_flight.consistent);
  CHECK(in_flight.applied_beyond_history == 1);
  CHECK_FALSE(judge(reference, {row(0, 0)}, after_statements(dir, 2), Flavour::mysql, 0)
                  .consistent); // two statements beyond the history
  CHECK_FALSE(judge(reference, {row(0, 1)}, after_statements(dir, 0), Flavour::mysql, 0)
                  .consistent); // the history counts a statement the catalog lacks
  CHECK_FALSE(judge(reference, {row(1, 1)}, after_statements(dir, 3), Flavour::mysql, 0)
                  .consistent); // a row out of the chain's order
}

TEST_CASE("judge: status must say that a statement in flight may have been applied",
          "[crash][judge]")
{
  TempDir dir;
  auto reference = two_migrations(dir);
  auto in_flight = judge(reference, {row(0, 0)}, after_statements(dir, 1), Flavour::mysql, 0);
  auto silent = status_entries("database: x\n"
                               "  failed     20260101000000_one  2026-01-01T00:00:00Z\n"
                               "             0 of 2 statements applied; \n"
                               "  pending    20260101000001_two\n");
  CHECK_FALSE(status_problem(silent, k_versions, {row(0, 0)}, in_flight).empty());
  auto told = status_entries("database: x\n"
                             "  interrupted 20260101000000_one  2026-01-01T00:00:00Z\n"
                             "             interrupted during statement 1: may have been applied\n"
                             "  pending    20260101000001_two\n");
  CHECK(status_problem(told, k_versions, {row(0, 0)}, in_flight).empty());
  CHECK(any_interrupted(told));
  auto shown_applied = status_entries("  applied    20260101000000_one\n"
                                      "  pending    20260101000001_two\n");
  CHECK_FALSE(status_problem(shown_applied, k_versions, {row(0, 0)}, in_flight).empty());
}
