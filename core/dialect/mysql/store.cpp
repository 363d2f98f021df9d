#include "core/dialect/mysql/store.hpp"

#include "core/dialect/mysql/recovery.hpp"
#include "core/migrate/history_rows.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::dialect::mysql {

namespace {

constexpr const char* k_create_history = R"(CREATE TABLE IF NOT EXISTS orm_migrations (
  version VARCHAR(14) NOT NULL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at VARCHAR(20) NOT NULL,
  execution_ms BIGINT NOT NULL,
  statements_applied INT NOT NULL,
  statements_total INT NOT NULL,
  error TEXT NOT NULL,
  direction VARCHAR(4) NOT NULL DEFAULT 'up',
  statements_reverted INT NOT NULL DEFAULT 0,
  in_flight TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)";
constexpr const char* k_history_columns =
    "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
    "AND TABLE_NAME = 'orm_migrations'";
// orm_migrations as orm versions before the crash-safe runner made it.
constexpr const char* k_add_progress_columns =
    "ALTER TABLE orm_migrations ADD COLUMN direction VARCHAR(4) NOT NULL DEFAULT 'up', "
    "ADD COLUMN statements_reverted INT NOT NULL DEFAULT 0, "
    "ADD COLUMN in_flight TINYINT NOT NULL DEFAULT 0";
constexpr const char* k_select_history =
    "SELECT version, name, checksum, applied_at, execution_ms, statements_applied, "
    "statements_total, error, direction, statements_reverted, in_flight FROM orm_migrations";
constexpr const char* k_select_old_history =
    "SELECT version, name, checksum, applied_at, execution_ms, statements_applied, "
    "statements_total, error FROM orm_migrations";
constexpr const char* k_write_row =
    "REPLACE INTO orm_migrations (version, name, checksum, applied_at, execution_ms, "
    "statements_applied, statements_total, error, direction, statements_reverted, in_flight) "
    "VALUES (?, ?, ?, DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ'), ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* k_delete_row = "DELETE FROM orm_migrations WHERE version = ?";
// One lock per database, on the whole server.
constexpr const char* k_get_lock = "SELECT GET_LOCK(CONCAT('orm_migrations.', DATABASE()), ?)";
constexpr const char* k_release_lock = "SELECT RELEASE_LOCK(CONCAT('orm_migrations.', DATABASE()))";
constexpr const char* k_lock_holder = R"(
SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME, COALESCE(p.INFO, '')
FROM information_schema.PROCESSLIST p
WHERE p.ID = IS_USED_LOCK(CONCAT('orm_migrations.', DATABASE())))";

// GET_LOCK, released with RELEASE_LOCK (or when the connection closes).
class MysqlLock : public migrate::Lock
{
public:
  explicit MysqlLock(MysqlConnection& connection) : m_connection(connection) {}
  ~MysqlLock() override
  {
    try {
      m_connection.query(k_release_lock);
    } catch (...) { // a destructor must not throw; closing the connection releases it anyway
    }
  }
  MysqlLock(const MysqlLock&) = delete;
  MysqlLock& operator=(const MysqlLock&) = delete;

private:
  MysqlConnection& m_connection;
};

bool
has_progress_columns(const db::Result& columns)
{
  for (const auto& row : columns.rows) {
    if (row[0] == "in_flight") {
      return true;
    }
  }
  return false;
}

std::vector<db::Value>
row_parameters(const migrate::HistoryRow& row)
{
  return {row.version,
          row.name,
          row.checksum,
          std::to_string(row.execution_ms),
          std::to_string(row.statements_applied),
          std::to_string(row.statements_total),
          row.error,
          row.direction == migrate::Direction::up ? "up" : "down",
          std::to_string(row.statements_reverted),
          row.in_flight ? "1" : "0"};
}

} // namespace

MysqlStore::MysqlStore(MysqlConnection& connection) : m_connection(connection) {}

void
MysqlStore::ensure_history()
{
  db::Result columns = m_connection.query(k_history_columns);
  if (columns.rows.empty()) {
    m_connection.execute(k_create_history);
  } else if (!has_progress_columns(columns)) {
    m_connection.execute(k_add_progress_columns);
  }
}

std::vector<migrate::HistoryRow>
MysqlStore::history()
{
  db::Result columns = m_connection.query(k_history_columns);
  if (columns.rows.empty()) {
    return {};
  }
  if (!has_progress_columns(columns)) {
    return migrate::history_rows(
        m_connection.query(std::string(k_select_old_history) + " ORDER BY version"));
  }
  return migrate::history_rows(
      m_connection.query(std::string(k_select_history) + " ORDER BY version"));
}

std::optional<migrate::HistoryRow>
MysqlStore::row_of(const std::string& version)
{
  auto rows = migrate::history_rows(
      m_connection.query(std::string(k_select_history) + " WHERE version = ?", {version}));
  return rows.empty() ? std::nullopt : std::optional(rows.front());
}

std::unique_ptr<migrate::Lock>
MysqlStore::lock(std::chrono::milliseconds timeout)
{
  // MariaDB takes fractions of a second; MySQL rounds.
  std::string seconds = fmt::format("{:.3f}", static_cast<double>(timeout.count()) / 1000.0);
  db::Result got = m_connection.query(k_get_lock, {seconds});
  if (got.text(0, 0) == "1") {
    return std::make_unique<MysqlLock>(m_connection);
  }
  db::Result holder = m_connection.query(k_lock_holder);
  std::string who =
      holder.rows.empty()
          ? "another connection"
          : fmt::format("connection {} ({}@{}, {} for {} s{})", holder.text(0, 0),
                        holder.text(0, 1), holder.text(0, 2), holder.text(0, 3), holder.text(0, 4),
                        holder.text(0, 5).empty() ? "" : ": " + holder.text(0, 5));
  throw Error(ErrorKind::migration,
              fmt::format("timed out after {} s waiting for the migration lock on {}: it is held "
                          "by {}; wait for it to finish, or raise --lock-timeout",
                          seconds, m_connection.display_url(), who));
}

bool
MysqlStore::apply(const migrate::MigrationFile& migration, migrate::Direction direction)
{
  // The lock serialises orm processes; the row says whether another one already did it.
  auto row = row_of(migration.version);
  if (direction == migrate::Direction::up) {
    if (row) {
      return false;
    }
    migrate::apply_with_progress(*this, migration);
    return true;
  }
  if (!row) {
    return false;
  }
  migrate::revert_with_progress(*this, migration, *row);
  return true;
}

void
MysqlStore::resume(const migrate::MigrationFile& migration, const migrate::HistoryRow& row,
                   migrate::FirstStatement first)
{
  migrate::resume_with_progress(*this, migration, row, first);
}

void
MysqlStore::revert_partial(const migrate::MigrationFile& migration, const migrate::HistoryRow& row)
{
  migrate::revert_with_progress(*this, migration, row);
}

void
MysqlStore::record_applied(const migrate::MigrationFile& migration)
{
  write({migration.version,
         migrate::new_row(migration, static_cast<int>(migration.up.size()))});
}

void
MysqlStore::forget(const std::string& version)
{
  write({version, std::nullopt});
}

bool
MysqlStore::execute_with(const std::string& statement, const migrate::RowChange& change)
{
  if (!runs_in_transaction(statement)) {
    return false;
  }
  db::Transaction transaction(m_connection);
  m_connection.execute(statement);
  write(change);
  transaction.commit();
  return true;
}

void
MysqlStore::execute(const std::string& statement)
{
  m_connection.execute(statement);
}

void
MysqlStore::write(const migrate::RowChange& change)
{
  if (change.row) {
    m_connection.query(k_write_row, row_parameters(*change.row));
  } else {
    m_connection.query(k_delete_row, {change.version});
  }
}

migrate::Effect
MysqlStore::effect_of(const std::string& statement)
{
  return mysql::effect_of(m_connection, statement);
}

} // namespace orm::dialect::mysql
