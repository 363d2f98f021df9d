#include "core/migrate/progress.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::migrate {

namespace {

// Runs `statement`; on failure records `applied` and the error, then throws.
void
run_recorded(ProgressTarget& target, const MigrationFile& migration, const std::string& statement,
             const std::string& where, int applied)
{
  try {
    target.execute(statement);
  } catch (const DatabaseError& error) {
    std::string recorded = fmt::format("{} failed: {}: {}", where, statement, error.what());
    target.progress(migration.version, applied, recorded);
    throw DatabaseError(fmt::format("migration {}: {}", migration.file_name, recorded), statement,
                        error.sqlstate());
  }
}

} // namespace

void
apply_with_progress(ProgressTarget& target, const MigrationFile& migration, int from)
{
  auto start = std::chrono::steady_clock::now();
  int total = static_cast<int>(migration.up.size());
  target.start(migration, from, total);
  for (int i = from; i < total; ++i) {
    run_recorded(target, migration, migration.up[static_cast<size_t>(i)],
                 fmt::format("statement {} of {}", i + 1, total), i);
    target.progress(migration.version, i + 1, "");
  }
  target.finish(migration, std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start));
}

void
revert_with_progress(ProgressTarget& target, const MigrationFile& migration, int applied)
{
  if (!reverting_statements(migration, static_cast<size_t>(applied))) {
    throw Error(ErrorKind::migration,
                fmt::format("cannot revert migration {} automatically: {} of its {} statements "
                            "were applied, which ends inside a step whose reverse is not known; "
                            "repair the database by hand, then run `orm migrate resolve {} "
                            "--rolled-back`",
                            migration.file_name, applied, migration.up.size(), migration.version));
  }
  auto steps = steps_of(migration);
  // The steps applied completely: those whose up statements lie within `applied`.
  size_t count = 0;
  int covered = 0;
  while (count < steps.size() && covered + static_cast<int>(steps[count].up.size()) <= applied &&
         covered < applied) {
    covered += static_cast<int>(steps[count].up.size());
    ++count;
  }
  int remaining = applied;
  for (size_t i = count; i-- > 0;) {
    for (size_t s = 0; s < steps[i].down.size(); ++s) {
      run_recorded(target, migration, steps[i].down[s],
                   fmt::format("down: statement {} of step {}", s + 1, i + 1), remaining);
    }
    remaining -= static_cast<int>(steps[i].up.size());
    target.progress(migration.version, remaining, "");
  }
  target.remove(migration.version);
}

} // namespace orm::migrate
