#include "core/migrate/progress.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::migrate {

namespace {

using Clock = std::chrono::steady_clock;

// Where a row stands among the steps: it has applied the first `count` steps completely.
struct StepPosition
{
  std::vector<StepStatements> steps;
  size_t count = 0;
};

StepPosition
position_of(const MigrationFile& migration, const HistoryRow& row)
{
  StepPosition position{steps_of(migration), 0};
  int covered = 0;
  while (position.count < position.steps.size() && covered < row.statements_applied) {
    covered += static_cast<int>(position.steps[position.count].up.size());
    ++position.count;
  }
  if (covered != row.statements_applied) {
    throw Error(ErrorKind::migration,
                fmt::format("cannot revert migration {} automatically: {} of its {} statements "
                            "were applied, which ends inside a step whose reverse is not known; "
                            "repair the database by hand, then run `orm migrate resolve {} "
                            "--rolled-back`",
                            migration.file_name, row.statements_applied, migration.up.size(),
                            migration.version));
  }
  return position;
}

// The row once the down statement `reverted` of the newest applied step has run: when it was the
// step's last, the step is off and the row stands at the end of the step before.
HistoryRow
after_down_statement(const StepPosition& position, HistoryRow row)
{
  const auto& step = position.steps[position.count - 1];
  row.direction = Direction::down;
  ++row.statements_reverted;
  if (row.statements_reverted >= static_cast<int>(step.down.size())) {
    row.statements_applied -= static_cast<int>(step.up.size());
    row.statements_reverted = 0;
  }
  return row;
}

// Runs statements one by one, keeping the history row at most one statement behind the database
// and marking every statement outside a transaction in flight before it runs.
class ProgressRun
{
public:
  ProgressRun(ProgressTarget& target, const MigrationFile& migration, HistoryRow row)
      : m_target(target), m_migration(migration), m_row(std::move(row))
  {
  }

  const HistoryRow& row() const { return m_row; }
  std::chrono::milliseconds elapsed() const
  {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_start);
  }

  // Runs `sql`; `after` is the row's state once it has run.
  void run(const std::string& sql, const std::string& where, const RowChange& after)
  {
    try {
      if (m_target.execute_with(sql, after)) {
        settle(after, true);
        return;
      }
    } catch (const DatabaseError& error) {
      fail(sql, where, error);
    }
    HistoryRow marker = m_row;
    marker.direction = after.row ? after.row->direction : Direction::down;
    marker.in_flight = true;
    marker.error.clear();
    m_target.write({m_migration.version, marker});
    try {
      m_target.execute(sql);
    } catch (const DatabaseError& error) {
      fail(sql, where, error);
    }
    settle(after, false);
  }

  // The last state, written unless the last statement's transaction wrote it already.
  void finish(const RowChange& last)
  {
    if (!m_last_written) {
      m_target.write(last);
    }
  }

  // A state reached without running anything (a step without down statements).
  void move_to(HistoryRow row)
  {
    m_row = std::move(row);
    m_last_written = false;
  }

private:
  void settle(const RowChange& after, bool written)
  {
    if (after.row) {
      m_row = *after.row;
    }
    m_last_written = written;
  }

  [[noreturn]] void fail(const std::string& sql, const std::string& where,
                         const DatabaseError& error)
  {
    std::string recorded = fmt::format("{} failed: {}: {}", where, sql, error.what());
    HistoryRow failed = m_row;
    failed.in_flight = false;
    failed.error = recorded;
    m_target.write({m_migration.version, failed});
    throw DatabaseError(fmt::format("migration {}: {}", m_migration.file_name, recorded), sql,
                        error.sqlstate());
  }

  ProgressTarget& m_target;
  const MigrationFile& m_migration;
  HistoryRow m_row;
  bool m_last_written = false; // the table holds m_row (or, at the end, no row)
  Clock::time_point m_start = Clock::now();
};

HistoryRow
completed(const MigrationFile& migration, HistoryRow row, std::chrono::milliseconds elapsed)
{
  row.checksum = migration.checksum;
  row.name = migration.name;
  row.statements_applied = row.statements_total;
  row.statements_reverted = 0;
  row.direction = Direction::up;
  row.in_flight = false;
  row.error.clear();
  row.execution_ms = elapsed.count();
  return row;
}

void
run_up(ProgressRun& run, const MigrationFile& migration)
{
  int total = static_cast<int>(migration.up.size());
  for (int i = run.row().statements_applied; i < total; ++i) {
    HistoryRow after = run.row();
    after.statements_applied = i + 1;
    after.direction = Direction::up;
    after.error.clear();
    if (i + 1 == total) {
      after = completed(migration, after, run.elapsed());
    }
    run.run(migration.up[static_cast<size_t>(i)], fmt::format("statement {} of {}", i + 1, total),
            {migration.version, after});
  }
  run.finish({migration.version, completed(migration, run.row(), run.elapsed())});
}

void
run_down(ProgressRun& run, const MigrationFile& migration)
{
  StepPosition position = position_of(migration, run.row());
  while (position.count > 0) {
    const auto& step = position.steps[position.count - 1];
    if (step.down.empty()) {
      HistoryRow row = run.row();
      row.statements_applied -= static_cast<int>(step.up.size());
      row.direction = Direction::down;
      run.move_to(row);
    }
    for (auto s = static_cast<size_t>(run.row().statements_reverted); s < step.down.size(); ++s) {
      HistoryRow after = after_down_statement(position, run.row());
      after.error.clear();
      bool last = after.statements_applied == 0 && after.statements_reverted == 0;
      run.run(step.down[s], fmt::format("down: statement {} of step {}", s + 1, position.count),
              last ? RowChange{migration.version, std::nullopt} : RowChange{migration.version, after});
      if (last) {
        run.finish({migration.version, std::nullopt});
        return;
      }
      if (after.statements_reverted == 0) {
        break; // the step is reverted; the loop below moves to the one before
      }
    }
    --position.count;
  }
  run.finish({migration.version, std::nullopt});
}

// The statement the row says was in flight, with its place.
std::pair<std::string, std::string>
in_flight_statement(const MigrationFile& migration, const HistoryRow& row)
{
  if (row.direction == Direction::up) {
    auto i = static_cast<size_t>(row.statements_applied);
    return {migration.up.at(i), fmt::format("statement {} of {}", i + 1, migration.up.size())};
  }
  StepPosition position = position_of(migration, row);
  const auto& step = position.steps.at(position.count - 1);
  auto s = static_cast<size_t>(row.statements_reverted);
  return {step.down.at(s), fmt::format("down: statement {} of step {}", s + 1, position.count)};
}

// The row once its first statement (in flight, or failed) is settled as `first` says.
HistoryRow
settled(ProgressTarget& target, const MigrationFile& migration, HistoryRow row,
        FirstStatement first)
{
  bool took_effect = first == FirstStatement::skip;
  if (row.in_flight && first == FirstStatement::verify) {
    auto [sql, where] = in_flight_statement(migration, row);
    Effect effect = target.effect_of(sql);
    if (effect == Effect::unknown) {
      throw Error(ErrorKind::migration,
                  fmt::format("migration {} was interrupted during {}, and the catalog cannot "
                              "tell whether it took effect: {}; look at the database, then run "
                              "`orm migrate resume --skip-first` if it took effect or `orm "
                              "migrate resume --retry-first` if it did not",
                              migration.file_name, where, sql));
    }
    took_effect = effect == Effect::took_effect;
  }
  if (took_effect) {
    if (row.direction == Direction::up) {
      ++row.statements_applied;
    } else {
      row = after_down_statement(position_of(migration, row), row);
    }
  }
  row.in_flight = false;
  row.error.clear();
  return row;
}

} // namespace

HistoryRow
new_row(const MigrationFile& migration, int applied)
{
  HistoryRow row;
  row.version = migration.version;
  row.name = migration.name;
  row.checksum = migration.checksum;
  row.statements_applied = applied;
  row.statements_total = static_cast<int>(migration.up.size());
  return row;
}

void
apply_with_progress(ProgressTarget& target, const MigrationFile& migration)
{
  ProgressRun run(target, migration, new_row(migration, 0));
  run_up(run, migration);
}

void
resume_with_progress(ProgressTarget& target, const MigrationFile& migration,
                     const HistoryRow& row, FirstStatement first)
{
  ProgressRun run(target, migration, settled(target, migration, row, first));
  if (row.direction == Direction::up) {
    run_up(run, migration);
  } else {
    run_down(run, migration);
  }
}

void
revert_with_progress(ProgressTarget& target, const MigrationFile& migration,
                     const HistoryRow& row)
{
  ProgressRun run(target, migration, settled(target, migration, row, FirstStatement::verify));
  run_down(run, migration);
}

} // namespace orm::migrate
