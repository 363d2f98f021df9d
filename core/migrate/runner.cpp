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

// Refuses to run while the history shows a half-applied migration or an applied file changed.
void
check_consistent(const std::vector<StatusEntry>& entries)
{
  for (const auto& entry : entries) {
    if (entry.state == MigrationState::failed) {
      fail(fmt::format("migration {}_{} failed part way ({}); repair the database by hand, then "
                       "run `orm migrate resolve {} --rolled-back` or `--applied`",
                       entry.version, entry.name, entry.row->error, entry.version));
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

void
check_steps(const RunOptions& options)
{
  if (options.steps && *options.steps < 0) {
    throw Error(ErrorKind::usage,
                fmt::format("the number of steps must not be negative, got {}", *options.steps));
  }
}

std::vector<RunEvent>
run(Store& store, const std::vector<const MigrationFile*>& migrations, Direction direction,
    const RunOptions& options, const std::function<void(const RunEvent&)>& on_event)
{
  std::vector<RunEvent> events;
  for (const auto* migration : migrations) {
    RunEvent event{migration, direction};
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
  for (const auto& entry : entries) {
    if (entry.state == MigrationState::pending &&
        (!options.to_version || entry.version <= *options.to_version)) {
      selected.push_back(m_directory.find(entry.version));
    }
  }
  if (options.steps && selected.size() > static_cast<size_t>(*options.steps)) {
    selected.resize(*options.steps);
  }
  return run(m_store, selected, Direction::up, options, on_event);
}

std::vector<RunEvent>
Runner::down(const RunOptions& options, const std::function<void(const RunEvent&)>& on_event)
{
  check_steps(options);
  std::unique_ptr<Lock> lock;
  if (!options.dry_run) {
    lock = m_store.lock(options.lock_timeout);
  }
  auto entries = status();
  if (options.to_version && *options.to_version != k_before_all_versions &&
      std::none_of(entries.begin(), entries.end(), [&](const StatusEntry& entry) {
        return entry.version == *options.to_version;
      })) {
    fail(fmt::format("no migration with version {} in {} or in orm_migrations", *options.to_version,
                     m_directory.path().string()));
  }
  check_consistent(entries);

  // Newest first, down to (excluding) the target; one step unless told otherwise.
  size_t limit = options.steps ? *options.steps : (options.to_version ? entries.size() : 1);
  std::vector<const MigrationFile*> selected;
  for (auto entry = entries.rbegin(); entry != entries.rend() && selected.size() < limit; ++entry) {
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
  if (!options.force) {
    for (const auto* migration : selected) {
      if (migration->irreversible()) {
        fail(fmt::format("migration {} is irreversible ({}); its down section cannot bring the "
                         "lost data back; use `--force` to revert it anyway",
                         migration->file_name, fmt::join(migration->irreversible_notes, "; ")));
      }
    }
  }
  return run(m_store, selected, Direction::down, options, on_event);
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
  if (std::none_of(rows.begin(), rows.end(), [&](const auto& row) { return row.version == version; })) {
    throw Error(ErrorKind::usage, fmt::format("version {} is not in the history", version));
  }
  m_store.forget(version);
}

} // namespace orm::migrate
