#include "core/migrate/runner.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace orm::migrate {

namespace {

// `migrate down --to 0` reverts every applied migration.
constexpr std::string_view k_before_all_versions = "0";

[[noreturn]] void
fail(const std::string& message)
{
  throw Error(ErrorKind::migration, message);
}

MigrationState
state_of(const MigrationFile* file, const HistoryRow* row)
{
  if (!row) {
    return MigrationState::pending;
  }
  if (!row->complete()) {
    return MigrationState::failed;
  }
  if (!file) {
    return MigrationState::missing;
  }
  return row->checksum == file->checksum ? MigrationState::applied : MigrationState::modified;
}

std::vector<StatusEntry>
merge(const std::vector<MigrationFile>& files, const std::vector<HistoryRow>& rows)
{
  struct Sources
  {
    const MigrationFile* file = nullptr;
    const HistoryRow* row = nullptr;
  };
  std::map<std::string, Sources> by_version;
  for (const auto& row : rows) {
    by_version[row.version].row = &row;
  }
  for (const auto& file : files) {
    by_version[file.version].file = &file;
  }
  std::vector<StatusEntry> result;
  for (const auto& [version, sources] : by_version) {
    const auto& [file, row] = sources;
    result.push_back({version, file ? file->name : row->name, state_of(file, row),
                      row ? std::optional(*row) : std::nullopt});
  }
  return result;
}

// What went wrong with a partly applied migration, and the ways out.
std::string
failure_message(const StatusEntry& entry)
{
  const HistoryRow& row = *entry.row;
  return fmt::format("migration {}_{} stopped part way: {}. Either fix the cause and run `orm "
                     "migrate resume` to continue it, or repair the database by hand and run `orm "
                     "migrate resolve {} --applied` (or `--rolled-back`); `orm migrate down` "
                     "reverts the statements that were applied",
                     entry.version, entry.name, describe_progress(row), entry.version);
}

// Refuses to run while the history shows a half-applied migration or an applied file changed.
void
check_consistent(const std::vector<StatusEntry>& entries)
{
  for (const auto& entry : entries) {
    if (entry.state == MigrationState::failed) {
      fail(failure_message(entry));
    }
    if (entry.state == MigrationState::modified) {
      fail(fmt::format("migration {}_{} was edited after it was applied: its checksum differs from "
                       "the one in orm_migrations; restore the file, or, if the edit was "
                       "deliberate and the database matches it, run `orm migrate resolve {} "
                       "--applied`",
                       entry.version, entry.name, entry.version));
    }
  }
}

// The newest migration in the history, when it is partly applied: `down` reverts what it applied.
const StatusEntry*
newest_failed(const std::vector<StatusEntry>& entries)
{
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    if (entry->row) {
      return entry->state == MigrationState::failed ? &*entry : nullptr;
    }
  }
  return nullptr;
}

void
check_irreversible(const MigrationFile& migration, const RunOptions& options)
{
  if (!options.force && migration.irreversible()) {
    fail(fmt::format("migration {} is irreversible ({}); its down section cannot bring the "
                     "lost data back; use `--force` to revert it anyway",
                     migration.file_name, fmt::join(migration.irreversible_notes, "; ")));
  }
}

void
check_steps(const RunOptions& options)
{
  if (options.steps && *options.steps < 0) {
    throw Error(ErrorKind::usage,
                fmt::format("the number of steps must not be negative, got {}", *options.steps));
  }
}

// `newest_applied`: the newest version in the history before the run, for out-of-order ups.
std::vector<RunEvent>
run(Store& store, const std::vector<const MigrationFile*>& migrations, Direction direction,
    const RunOptions& options, const std::string& newest_applied,
    const std::function<void(const RunEvent&)>& on_event)
{
  std::vector<RunEvent> events;
  for (const auto* migration : migrations) {
    RunEvent event{migration, direction};
    event.out_of_order = direction == Direction::up && migration->version < newest_applied;
    if (!options.dry_run) {
      auto start = std::chrono::steady_clock::now();
      event.skipped = !store.apply(*migration, direction);
      event.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
    }
    if (on_event) {
      on_event(event);
    }
    events.push_back(event);
  }
  return events;
}

} // namespace

std::string
describe_progress(const HistoryRow& row)
{
  int applied = row.statements_applied;
  int total = row.statements_total;
  if (row.direction == Direction::down) {
    std::string where =
        fmt::format("being reverted, {} of its {} statements still applied", applied, total);
    if (row.in_flight) {
      return fmt::format("{}; interrupted during down statement {} of the step ending at "
                         "statement {}: it may have been applied",
                         where, row.statements_reverted + 1, applied);
    }
    return row.error.empty() ? where : where + "; " + row.error;
  }
  if (row.in_flight) {
    return fmt::format("interrupted during statement {} of {}: it may have been applied",
                       applied + 1, total);
  }
  return fmt::format("{} of its {} statements were applied; {}", applied, total,
                     row.error.empty() ? "it was interrupted" : row.error);
}

const char*
to_string(MigrationState state)
{
  switch (state) {
  case MigrationState::applied:
    return "applied";
  case MigrationState::pending:
    return "pending";
  case MigrationState::modified:
    return "modified";
  case MigrationState::missing:
    return "missing";
  case MigrationState::failed:
    return "failed";
  }
  return "unknown";
}

Runner::Runner(Store& store, const MigrationDirectory& directory)
    : m_store(store), m_directory(directory)
{
}

std::vector<StatusEntry>
Runner::status()
{
  return merge(m_directory.files(), m_store.history());
}

std::vector<RunEvent>
Runner::up(const RunOptions& options, const std::function<void(const RunEvent&)>& on_event)
{
  check_steps(options);
  if (options.to_version && !m_directory.find(*options.to_version)) {
    fail(fmt::format("no migration with version {} in {}", *options.to_version,
                     m_directory.path().string()));
  }
  std::unique_ptr<Lock> lock;
  if (!options.dry_run) {
    lock = m_store.lock(options.lock_timeout);
    m_store.ensure_history();
  }
  auto entries = status();
  check_consistent(entries);

  std::vector<const MigrationFile*> selected;
  std::string newest_applied;
  for (const auto& entry : entries) {
    if (entry.row) {
      newest_applied = std::max(newest_applied, entry.version);
    }
    if (entry.state == MigrationState::pending &&
        (!options.to_version || entry.version <= *options.to_version)) {
      selected.push_back(m_directory.find(entry.version));
    }
  }
  if (options.steps && selected.size() > static_cast<size_t>(*options.steps)) {
    selected.resize(*options.steps);
  }
  return run(m_store, selected, Direction::up, options, newest_applied, on_event);
}

std::vector<RunEvent>
Runner::down(const RunOptions& options, const std::function<void(const RunEvent&)>& on_event)
{
  check_steps(options);
  std::unique_ptr<Lock> lock;
  if (!options.dry_run) {
    lock = m_store.lock(options.lock_timeout);
    m_store.ensure_history();
  }
  auto entries = status();
  if (options.to_version && *options.to_version != k_before_all_versions &&
      std::none_of(entries.begin(), entries.end(), [&](const StatusEntry& entry) {
        return entry.version == *options.to_version;
      })) {
    fail(fmt::format("no migration with version {} in {} or in orm_migrations", *options.to_version,
                     m_directory.path().string()));
  }
  const StatusEntry* partial = newest_failed(entries);
  std::vector<StatusEntry> rest;
  for (const auto& entry : entries) {
    if (entry.row && &entry != partial) { // the partial one is reverted below, before the others
      rest.push_back(entry);
    }
  }
  check_consistent(rest);

  // Newest first, down to (excluding) the target; one step unless told otherwise.
  size_t limit = options.steps ? *options.steps : (options.to_version ? entries.size() : 1);
  std::vector<RunEvent> events;
  if (partial && limit > 0 && !(options.to_version && partial->version <= *options.to_version)) {
    const MigrationFile* migration = m_directory.find(partial->version);
    if (!migration) {
      fail(fmt::format("cannot revert migration {}_{}: its file is missing from {}",
                       partial->version, partial->name, m_directory.path().string()));
    }
    check_irreversible(*migration, options);
    RunEvent event{migration, Direction::down};
    if (!options.dry_run) {
      auto start = std::chrono::steady_clock::now();
      m_store.revert_partial(*migration, *partial->row);
      event.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
    }
    if (on_event) {
      on_event(event);
    }
    events.push_back(event);
    --limit;
  }
  std::vector<const MigrationFile*> selected;
  for (auto entry = rest.rbegin(); entry != rest.rend() && selected.size() < limit; ++entry) {
    if (options.to_version && entry->version <= *options.to_version) {
      break;
    }
    if (entry->state == MigrationState::missing) {
      fail(fmt::format("cannot revert migration {}_{}: its file is missing from {}", entry->version,
                       entry->name, m_directory.path().string()));
    }
    if (entry->state == MigrationState::applied) {
      selected.push_back(m_directory.find(entry->version));
    }
  }
  for (const auto* migration : selected) {
    check_irreversible(*migration, options);
  }
  auto reverted = run(m_store, selected, Direction::down, options, "", on_event);
  events.insert(events.end(), reverted.begin(), reverted.end());
  return events;
}

std::optional<RunEvent>
Runner::resume(std::chrono::milliseconds lock_timeout, FirstStatement first,
               const std::function<void(const RunEvent&)>& on_event)
{
  auto lock = m_store.lock(lock_timeout);
  m_store.ensure_history();
  auto entries = status();
  auto failed = std::find_if(entries.begin(), entries.end(), [](const StatusEntry& entry) {
    return entry.state == MigrationState::failed;
  });
  if (failed == entries.end()) {
    return std::nullopt;
  }
  const MigrationFile* migration = m_directory.find(failed->version);
  if (!migration) {
    fail(fmt::format("cannot resume migration {}_{}: its file is missing from {}", failed->version,
                     failed->name, m_directory.path().string()));
  }
  if (static_cast<int>(migration->up.size()) != failed->row->statements_total) {
    fail(fmt::format("cannot resume migration {}: the file now has {} statements where {} were "
                     "planned when it started; repair the database by hand, then run `orm "
                     "migrate resolve {} --applied` or `--rolled-back`",
                     migration->file_name, migration->up.size(), failed->row->statements_total,
                     failed->version));
  }
  RunEvent event{migration, failed->row->direction};
  auto start = std::chrono::steady_clock::now();
  m_store.resume(*migration, *failed->row, first);
  event.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (on_event) {
    on_event(event);
  }
  return event;
}

void
Runner::resolve(const std::string& version, Resolution resolution,
                std::chrono::milliseconds lock_timeout)
{
  auto lock = m_store.lock(lock_timeout);
  m_store.ensure_history();
  if (resolution == Resolution::applied) {
    const auto* migration = m_directory.find(version);
    if (!migration) {
      throw Error(ErrorKind::usage, fmt::format("no migration file with version {}", version));
    }
    m_store.record_applied(*migration);
    return;
  }
  auto rows = m_store.history();
  if (std::none_of(rows.begin(), rows.end(),
                   [&](const auto& row) { return row.version == version; })) {
    throw Error(ErrorKind::usage, fmt::format("version {} is not in the history", version));
  }
  m_store.forget(version);
}

} // namespace orm::migrate
