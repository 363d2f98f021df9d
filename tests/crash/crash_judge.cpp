#include "tests/crash/crash_judge.hpp"

#include <fmt/format.h>

namespace orm::test::crash {

namespace {

// Where the k-th statement of the chain lies: "migration 4 (20260101000003_x) statement 2 of 5".
std::string
position(const Reference& reference, size_t k)
{
  for (size_t m = 0; m + 1 < reference.boundaries.size(); ++m) {
    if (k <= reference.boundaries[m + 1] && k > reference.boundaries[m]) {
      return fmt::format("{} of the {} statements of migration {} ({})",
                         k - reference.boundaries[m], reference.chain.statements[m].size(), m + 1,
                         reference.chain.versions[m]);
    }
  }
  return "no statement of the chain";
}

} // namespace

std::string
first_difference(const std::string& actual, const std::string& expected)
{
  size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) {
    ++at;
  }
  size_t line = actual.rfind('\n', at == 0 ? 0 : at - 1);
  line = line == std::string::npos ? 0 : line + 1;
  auto line_of = [line](const std::string& text) {
    return text.substr(line, text.find('\n', line) - line);
  };
  return "database has '" + line_of(actual) + "', expected '" + line_of(expected) + "'";
}

Judgement
judge(const Reference& reference, const std::vector<RecordedRow>& rows, const std::string& snapshot,
      Flavour flavour, int prefix)
{
  const Chain& chain = reference.chain;
  Judgement judgement;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i >= chain.versions.size() || rows[i].version != chain.versions[i]) {
      judgement.why = "orm_migrations has " + rows[i].version + " where the chain has " +
                      (i < chain.versions.size() ? chain.versions[i] : "no more migrations");
      return judgement;
    }
    if (!rows[i].complete() && i + 1 != rows.size()) {
      judgement.why = "an incomplete history row that is not the newest: " + rows[i].version;
      return judgement;
    }
  }
  if (rows.size() < static_cast<size_t>(prefix)) {
    judgement.why = fmt::format("{} history rows after {} migrations were applied before the run",
                                rows.size(), prefix);
    return judgement;
  }
  std::vector<size_t> candidates;
  size_t recorded = reference.boundaries[rows.size()];
  std::string recorded_text = fmt::format("{} complete migrations", rows.size());
  if (!rows.empty() && !rows.back().complete()) {
    const RecordedRow& row = rows.back();
    judgement.interrupted = static_cast<int>(rows.size()) - 1;
    size_t total = chain.statements[rows.size() - 1].size();
    if (!statement_by_statement(flavour)) {
      judgement.why = "a transactional migration's history row is incomplete: " + row.version;
      return judgement;
    }
    if (static_cast<size_t>(row.total) != total || row.applied < 0 ||
        static_cast<size_t>(row.applied) > total) {
      judgement.why = fmt::format("the history row of {} says {} of {} statements", row.version,
                                  row.applied, row.total);
      return judgement;
    }
    recorded = reference.boundaries[rows.size() - 1] + static_cast<size_t>(row.applied);
    recorded_text = fmt::format("{} complete migrations, then {} of the {} statements of {}",
                                rows.size() - 1, row.applied, total, row.version);
    candidates.push_back(recorded);
    if (static_cast<size_t>(row.applied) < total) {
      candidates.push_back(recorded + 1); // the statement in flight when orm was killed
    }
  } else {
    candidates.push_back(recorded);
  }
  bool recorded_matches = false;
  for (size_t k : candidates) {
    if (reference.snapshots.at(k) == snapshot) {
      judgement.consistent = true;
      recorded_matches = recorded_matches || k == recorded;
      if (k != recorded) {
        judgement.applied_beyond_history = rows.back().applied + 1;
      }
    }
  }
  if (recorded_matches) {
    judgement.applied_beyond_history = -1;
  }
  if (judgement.consistent) {
    judgement.why = "consistent: the history records " + recorded_text;
    if (judgement.applied_beyond_history > 0) {
      judgement.why += ", and the catalog shows the statement after it applied too (in flight "
                       "when orm was killed)";
    }
  } else {
    std::string actual = "no prefix of the chain";
    for (const auto& [k, expected] : reference.snapshots) {
      if (expected == snapshot) {
        actual = fmt::format("the chain after {} statements ({})", k, position(reference, k));
        break;
      }
    }
    judgement.why = fmt::format(
        "the history records {}, but the database matches {}; first difference from the "
        "recorded state: {}",
        recorded_text, actual, first_difference(snapshot, reference.snapshots.at(recorded)));
  }
  return judgement;
}

std::string
status_problem(const std::vector<StatusEntry>& shown, const std::vector<std::string>& versions,
               const std::vector<RecordedRow>& rows, const Judgement& judgement)
{
  if (shown.size() != versions.size()) {
    return fmt::format("{} migrations listed, the chain has {}", shown.size(), versions.size());
  }
  for (size_t m = 0; m < shown.size(); ++m) {
    const auto& entry = shown[m];
    if (static_cast<int>(m) == judgement.interrupted) {
      if (entry.state == "applied" || entry.state == "pending") {
        return entry.migration + " is shown " + entry.state + ", but it was interrupted";
      }
      if (judgement.applied_beyond_history > 0 &&
          entry.text.find("may have been applied") == std::string::npos) {
        return fmt::format("{} is shown as '{}', which does not say that its statement {}, "
                           "which the catalog shows applied, may have been applied",
                           entry.migration, entry.text, judgement.applied_beyond_history);
      }
    } else if (entry.state != (m < rows.size() ? "applied" : "pending")) {
      return fmt::format("{} is shown {}, but its history row says {}", entry.migration,
                         entry.state, m < rows.size() ? "applied" : "nothing (pending)");
    }
  }
  return "";
}
} // namespace orm::test::crash
