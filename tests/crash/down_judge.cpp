#include "tests/crash/down_judge.hpp"

#include "tests/crash/crash_judge.hpp"

#include <fmt/format.h>

#include <optional>

namespace orm::test::crash {

namespace {

// How many of `file`'s down statements a revert has run when its row says `row`; none when the
// row stands inside a step or past its reverse.
std::optional<size_t>
down_statements_run(const migrate::MigrationFile& file, const RecordedRow& row)
{
  auto steps = migrate::steps_of(file);
  size_t count = 0;
  int covered = 0;
  while (count < steps.size() && covered < row.applied) {
    covered += static_cast<int>(steps[count].up.size());
    ++count;
  }
  if (covered != row.applied) {
    return std::nullopt;
  }
  size_t run = static_cast<size_t>(row.reverted);
  if (row.reverted > 0 && (count == 0 || run >= steps[count - 1].down.size())) {
    return std::nullopt;
  }
  for (size_t s = count; s < steps.size(); ++s) {
    run += steps[s].down.size();
  }
  return run;
}

} // namespace

DownJudgement
judge_down(const DownReference& reference, const std::vector<RecordedRow>& rows,
           const std::string& snapshot, Flavour flavour)
{
  const Chain& chain = reference.chain;
  size_t migrations = chain.versions.size();
  DownJudgement judgement;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i >= migrations || rows[i].version != chain.versions[i]) {
      judgement.why = "orm_migrations has " + rows[i].version + " where the chain has " +
                      (i < migrations ? chain.versions[i] : "no more migrations");
      return judgement;
    }
    if (!rows[i].fully_applied() && i + 1 != rows.size()) {
      judgement.why = "an incomplete history row that is not the newest: " + rows[i].version;
      return judgement;
    }
  }
  size_t reverted = migrations - rows.size();
  size_t recorded = reference.boundaries[reverted];
  std::string recorded_text = fmt::format("{} migrations still applied", rows.size());
  std::vector<size_t> candidates{recorded};
  if (!rows.empty() && !rows.back().fully_applied()) {
    const RecordedRow& row = rows.back();
    judgement.interrupted = static_cast<int>(rows.size()) - 1;
    judgement.in_flight = row.in_flight;
    const auto& file = chain.files[rows.size() - 1];
    if (!statement_by_statement(flavour)) {
      judgement.why = "a transactional migration's history row is not complete: " + row.version;
      return judgement;
    }
    auto run = down_statements_run(file, row);
    if (!row.reverting || !row.error.empty() || static_cast<size_t>(row.total) != file.up.size() ||
        !run) {
      judgement.why = fmt::format(
          "the history row of {} says direction {}, {} of {} statements applied, {} reverted of "
          "the newest step, in flight {}, error '{}'",
          row.version, row.reverting ? "down" : "up", row.applied, row.total, row.reverted,
          row.in_flight, row.error);
      return judgement;
    }
    recorded = reference.boundaries[reverted] + *run;
    recorded_text = fmt::format(
        "{} migrations fully applied, then {} of the {} down statements of {}{}", rows.size() - 1,
        *run, file.down.size(), row.version, row.in_flight ? ", the next in flight" : "");
    candidates = {recorded};
    if (row.in_flight) {
      candidates.push_back(recorded + 1);
    }
  }
  for (size_t k : candidates) {
    auto expected = reference.snapshots.find(k);
    if (expected != reference.snapshots.end() && expected->second == snapshot) {
      judgement.consistent = true;
      judgement.why = fmt::format("consistent: the history records {}; the database is the "
                                  "chain after {} down statements",
                                  recorded_text, k);
      return judgement;
    }
  }
  std::string actual = "no prefix of the chain's down statements";
  for (const auto& [k, expected] : reference.snapshots) {
    if (expected == snapshot) {
      actual = fmt::format("the chain after {} down statements", k);
      break;
    }
  }
  auto expected = reference.snapshots.find(recorded);
  judgement.why = fmt::format(
      "the history records {}, but the database matches {}; first difference from the recorded "
      "state: {}",
      recorded_text, actual,
      expected == reference.snapshots.end() ? "no snapshot of it"
                                            : first_difference(snapshot, expected->second));
  return judgement;
}

std::string
down_status_problem(const std::vector<StatusEntry>& shown, const std::vector<std::string>& versions,
                    const std::vector<RecordedRow>& rows, const DownJudgement& judgement)
{
  if (shown.size() != versions.size()) {
    return fmt::format("{} migrations listed, the chain has {}", shown.size(), versions.size());
  }
  for (size_t m = 0; m < shown.size(); ++m) {
    const auto& entry = shown[m];
    if (static_cast<int>(m) == judgement.interrupted) {
      if (entry.state != "failed" || entry.text.find("being reverted") == std::string::npos) {
        return fmt::format("{} is shown as '{}', not as failed while being reverted",
                           entry.migration, entry.text);
      }
      if (judgement.in_flight && entry.text.find("may have been applied") == std::string::npos) {
        return fmt::format("{} is shown as '{}', which does not say that the down statement in "
                           "flight may have been applied",
                           entry.migration, entry.text);
      }
    } else if (entry.state != (m < rows.size() ? "applied" : "pending")) {
      return fmt::format("{} is shown {}, but its history row says {}", entry.migration,
                         entry.state, m < rows.size() ? "applied" : "nothing (pending)");
    }
  }
  return "";
}

} // namespace orm::test::crash
