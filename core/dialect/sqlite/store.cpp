#include "core/dialect/sqlite/store.hpp"

#include "core/migrate/file_lock.hpp"
#include "core/migrate/history_rows.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace orm::dialect::sqlite {

namespace {

constexpr const char* k_create_history = R"(CREATE TABLE IF NOT EXISTS orm_migrations (
  version TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  execution_ms INTEGER NOT NULL,
  statements_applied INTEGER NOT NULL,
  statements_total INTEGER NOT NULL,
  error TEXT NOT NULL DEFAULT ''
))";
constexpr const char* k_history_exists =
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'orm_migrations'";
constexpr const char* k_select_history =
    "SELECT version, name, checksum, applied_at, execution_ms, statements_applied, "
    "statements_total, error FROM orm_migrations ORDER BY version";
constexpr const char* k_row_exists = "SELECT 1 FROM orm_migrations WHERE version = ?";
constexpr const char* k_insert_row =
    "INSERT INTO orm_migrations (version, name, checksum, applied_at, execution_ms, "
    "statements_applied, statements_total) "
    "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?)";
constexpr const char* k_replace_row =
    "INSERT OR REPLACE INTO orm_migrations (version, name, checksum, applied_at, execution_ms, "
    "statements_applied, statements_total, error) "
    "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 0, ?, ?, '')";
constexpr const char* k_delete_row = "DELETE FROM orm_migrations WHERE version = ?";
constexpr const char* k_foreign_keys_off = "PRAGMA foreign_keys = OFF";
constexpr const char* k_foreign_keys_on = "PRAGMA foreign_keys = ON";
constexpr const char* k_foreign_key_check = "PRAGMA foreign_key_check";

// Turns foreign key enforcement off for a migration (table rebuilds need it) and back on when
// it ends, however it ends. The pragma is a no-op inside a transaction, so this wraps it.
class ForeignKeysOff
{
public:
  explicit ForeignKeysOff(SqliteConnection& connection) : m_connection(connection)
  {
    m_connection.execute(k_foreign_keys_off);
  }
  ~ForeignKeysOff()
  {
    try {
      m_connection.execute(k_foreign_keys_on);
    } catch (...) { // a destructor must not throw; the connection is unusable anyway
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
  SqliteConnection& m_connection;
};

const char*
verb(migrate::Direction direction)
{
  return direction == migrate::Direction::up ? "up" : "down";
}

// Throws when the migration left rows that break a foreign key.
void
check_foreign_keys(SqliteConnection& connection, const migrate::MigrationFile& migration,
                   migrate::Direction direction)
{
  db::Result violations = connection.query(k_foreign_key_check);
  if (violations.rows.empty()) {
    return;
  }
  std::vector<std::string> found;
  for (size_t row = 0; row < violations.rows.size(); ++row) {
    found.push_back(fmt::format("{} rowid {} -> {}", violations.text(row, 0),
                                violations.text(row, 1), violations.text(row, 2)));
  }
  throw DatabaseError(fmt::format("migration {} ({}) leaves {} foreign key violation(s): {}",
                                  migration.file_name, verb(direction), found.size(),
                                  fmt::join(found, ", ")),
                      k_foreign_key_check);
}

} // namespace

SqliteStore::SqliteStore(SqliteConnection& connection) : m_connection(connection) {}

void
SqliteStore::ensure_history()
{
  m_connection.execute(k_create_history);
}

std::vector<migrate::HistoryRow>
SqliteStore::history()
{
  if (m_connection.query(k_history_exists).rows.empty()) {
    return {};
  }
  return migrate::history_rows(m_connection.query(k_select_history));
}

std::unique_ptr<migrate::Lock>
SqliteStore::lock(std::chrono::milliseconds timeout)
{
  const std::string& path = m_connection.path();
  if (path.empty() || path == ":memory:") {
    return std::make_unique<migrate::Lock>();
  }
  return std::make_unique<migrate::FileLock>(path + ".orm-lock", path, timeout);
}

bool
SqliteStore::apply(const migrate::MigrationFile& migration, migrate::Direction direction)
{
  const auto& statements = direction == migrate::Direction::up ? migration.up : migration.down;
  ForeignKeysOff foreign_keys_off(m_connection);
  db::Transaction transaction(m_connection);
  // Another process may have done it between our history read and this transaction.
  bool recorded = !m_connection.query(k_row_exists, {migration.version}).rows.empty();
  if (recorded == (direction == migrate::Direction::up)) {
    return false;
  }
  auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      m_connection.execute(statements[i]);
    } catch (const DatabaseError& error) {
      throw DatabaseError(fmt::format("migration {} ({}): statement {} of {} failed: {}",
                                      migration.file_name, verb(direction), i + 1,
                                      statements.size(), error.what()),
                          statements[i], error.sqlstate());
    }
  }
  check_foreign_keys(m_connection, migration, direction);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (direction == migrate::Direction::up) {
    std::string count = std::to_string(statements.size());
    m_connection.query(k_insert_row, {migration.version, migration.name, migration.checksum,
                                      std::to_string(elapsed.count()), count, count});
  } else {
    m_connection.query(k_delete_row, {migration.version});
  }
  transaction.commit();
  return true;
}

void
SqliteStore::record_applied(const migrate::MigrationFile& migration)
{
  std::string count = std::to_string(migration.up.size());
  m_connection.query(k_replace_row,
                     {migration.version, migration.name, migration.checksum, count, count});
}

void
SqliteStore::forget(const std::string& version)
{
  m_connection.query(k_delete_row, {version});
}

} // namespace orm::dialect::sqlite
