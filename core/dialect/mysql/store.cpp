#include "core/dialect/mysql/store.hpp"

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
  error TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)";
constexpr const char* k_history_exists =
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
    "AND TABLE_NAME = 'orm_migrations'";
constexpr const char* k_select_history =
    "SELECT version, name, checksum, applied_at, execution_ms, statements_applied, "
    "statements_total, error FROM orm_migrations";
constexpr const char* k_replace_row =
    "REPLACE INTO orm_migrations (version, name, checksum, applied_at, execution_ms, "
    "statements_applied, statements_total, error) "
    "VALUES (?, ?, ?, DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ'), ?, ?, ?, '')";
constexpr const char* k_update_progress =
    "UPDATE orm_migrations SET statements_applied = ?, error = ? WHERE version = ?";
constexpr const char* k_update_finished =
    "UPDATE orm_migrations SET checksum = ?, execution_ms = ?, "
    "applied_at = DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ'), statements_applied = "
    "statements_total, error = '' WHERE version = ?";
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

} // namespace

MysqlStore::MysqlStore(MysqlConnection& connection) : m_connection(connection) {}

void
MysqlStore::ensure_history()
{
  m_connection.execute(k_create_history);
}

std::vector<migrate::HistoryRow>
MysqlStore::history()
{
  if (m_connection.query(k_history_exists).rows.empty()) {
    return {};
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
    migrate::apply_with_progress(*this, migration, 0);
    return true;
  }
  if (!row) {
    return false;
  }
  migrate::revert_with_progress(*this, migration, row->statements_applied);
  return true;
}

void
MysqlStore::resume(const migrate::MigrationFile& migration, const migrate::HistoryRow& row)
{
  migrate::apply_with_progress(*this, migration, row.statements_applied);
}

void
MysqlStore::revert_partial(const migrate::MigrationFile& migration, const migrate::HistoryRow& row)
{
  migrate::revert_with_progress(*this, migration, row.statements_applied);
}

void
MysqlStore::record_applied(const migrate::MigrationFile& migration)
{
  std::string count = std::to_string(migration.up.size());
  m_connection.query(k_replace_row,
                     {migration.version, migration.name, migration.checksum, "0", count, count});
}

void
MysqlStore::forget(const std::string& version)
{
  m_connection.query(k_delete_row, {version});
}

void
MysqlStore::execute(const std::string& sql)
{
  m_connection.execute(sql);
}

void
MysqlStore::start(const migrate::MigrationFile& migration, int applied, int total)
{
  m_connection.query(k_replace_row, {migration.version, migration.name, migration.checksum, "0",
                                     std::to_string(applied), std::to_string(total)});
}

void
MysqlStore::progress(const std::string& version, int applied, const std::string& error)
{
  m_connection.query(k_update_progress, {std::to_string(applied), error, version});
}

void
MysqlStore::finish(const migrate::MigrationFile& migration, std::chrono::milliseconds elapsed)
{
  m_connection.query(k_update_finished,
                     {migration.checksum, std::to_string(elapsed.count()), migration.version});
}

void
MysqlStore::remove(const std::string& version)
{
  m_connection.query(k_delete_row, {version});
}

} // namespace orm::dialect::mysql
