#include "core/dialect/postgres/store.hpp"

#include "core/dialect/postgres/recovery.hpp"
#include "core/migrate/history_rows.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

#include <thread>

namespace orm::dialect::postgres {

namespace {

constexpr std::chrono::milliseconds k_lock_poll_interval{50};

constexpr const char* k_schema_exists = "SELECT 1 FROM pg_namespace WHERE nspname = $1";
constexpr const char* k_create_schema = "CREATE SCHEMA {schema}";
constexpr const char* k_create_history = R"(CREATE TABLE IF NOT EXISTS {table} (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamp with time zone NOT NULL DEFAULT now(),
  execution_ms bigint NOT NULL DEFAULT 0,
  statements_applied integer NOT NULL,
  statements_total integer NOT NULL,
  error text NOT NULL DEFAULT '',
  direction text NOT NULL DEFAULT 'up',
  statements_reverted integer NOT NULL DEFAULT 0,
  in_flight integer NOT NULL DEFAULT 0
))";
// orm_migrations as orm versions before the crash-safe runner made it.
constexpr const char* k_add_progress_columns =
    "ALTER TABLE {table} ADD COLUMN IF NOT EXISTS direction text NOT NULL DEFAULT 'up', "
    "ADD COLUMN IF NOT EXISTS statements_reverted integer NOT NULL DEFAULT 0, "
    "ADD COLUMN IF NOT EXISTS in_flight integer NOT NULL DEFAULT 0";
constexpr const char* k_history_exists = "SELECT to_regclass($1) IS NOT NULL";
// to_jsonb reads the progress columns of both the old table and the new.
constexpr const char* k_select_history =
    "SELECT version, name, checksum, "
    "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), execution_ms, "
    "statements_applied, statements_total, error, "
    "coalesce(to_jsonb(h) ->> 'direction', 'up'), "
    "coalesce(to_jsonb(h) ->> 'statements_reverted', '0'), "
    "coalesce(to_jsonb(h) ->> 'in_flight', '0') FROM {table} h";
constexpr const char* k_insert_row =
    "INSERT INTO {table} (version, name, checksum, execution_ms, statements_applied, "
    "statements_total) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* k_write_row =
    "INSERT INTO {table} (version, name, checksum, execution_ms, statements_applied, "
    "statements_total, error, direction, statements_reverted, in_flight) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (version) DO UPDATE SET "
    "name = $2, checksum = $3, applied_at = now(), execution_ms = $4, statements_applied = $5, "
    "statements_total = $6, error = $7, direction = $8, statements_reverted = $9, "
    "in_flight = $10";
constexpr const char* k_delete_row = "DELETE FROM {table} WHERE version = $1";
// PostgreSQL refuses the statement inside a transaction block (CREATE INDEX CONCURRENTLY).
constexpr std::string_view k_active_sql_transaction = "25001";

constexpr const char* k_try_lock = "SELECT pg_try_advisory_lock($1::bigint)";
constexpr const char* k_unlock = "SELECT pg_advisory_unlock($1::bigint)";
// Who holds an advisory lock on a bigint key: classid is its high half, objid its low half.
constexpr const char* k_lock_holder = R"(SELECT a.pid, a.application_name,
  coalesce(host(a.client_addr), 'local socket'),
  to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

const char*
verb(migrate::Direction direction)
{
  return direction == migrate::Direction::up ? "up" : "down";
}

std::string
replaced(std::string text, std::string_view key, const std::string& value)
{
  for (size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

// Held for the session; released in the destructor.
class AdvisoryLock : public migrate::Lock
{
public:
  AdvisoryLock(PgConnection& connection, std::int64_t key) : m_connection(connection), m_key(key) {}
  ~AdvisoryLock() override
  {
    try {
      m_connection.query(k_unlock, {std::to_string(m_key)});
    } catch (...) { // a destructor must not throw; the session ends soon and frees it anyway
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

private:
  PgConnection& m_connection;
  std::int64_t m_key;
};

std::string
lock_holder(PgConnection& connection, std::int64_t key)
{
  db::Result holder = connection.query(k_lock_holder, {std::to_string(key)});
  if (holder.rows.empty()) {
    return "a process that has since let go";
  }
  return fmt::format("pid {}, application_name '{}', client {}, connected since {}",
                     holder.text(0, 0), holder.text(0, 1), holder.text(0, 2), holder.text(0, 3));
}

} // namespace

std::int64_t
advisory_lock_key(const std::string& schema_name)
{
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : schema_name + ".orm_migrations") {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash >> 1);
}

PostgresStore::PostgresStore(PgConnection& connection, std::string schema_name)
    : m_connection(connection), m_schema(std::move(schema_name)),
      m_table(quote_identifier(m_schema) + ".orm_migrations")
{
}

std::string
PostgresStore::sql(const char* text) const
{
  return replaced(text, "{table}", m_table);
}

void
PostgresStore::ensure_history()
{
  if (m_connection.query(k_schema_exists, {m_schema}).rows.empty()) {
    m_connection.execute(replaced(k_create_schema, "{schema}", quote_identifier(m_schema)));
  }
  m_connection.execute(sql(k_create_history));
  m_connection.execute(sql(k_add_progress_columns));
}

std::vector<migrate::HistoryRow>
PostgresStore::history()
{
  if (m_connection.query(k_history_exists, {m_table}).text(0, 0) != "t") {
    return {};
  }
  return migrate::history_rows(m_connection.query(sql(k_select_history) + " ORDER BY version"));
}

std::unique_ptr<migrate::Lock>
PostgresStore::lock(std::chrono::milliseconds timeout)
{
  std::int64_t key = advisory_lock_key(m_schema);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_connection.query(k_try_lock, {std::to_string(key)}).text(0, 0) != "t") {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(ErrorKind::migration,
                  fmt::format("timed out after {:g} s waiting for the migration lock of schema "
                              "{}, held by {}",
                              std::chrono::duration<double>(timeout).count(), m_schema,
                              lock_holder(m_connection, key)));
    }
    std::this_thread::sleep_for(k_lock_poll_interval);
  }
  return std::make_unique<AdvisoryLock>(m_connection, key);
}

std::optional<migrate::HistoryRow>
PostgresStore::row_of(const std::string& version)
{
  auto rows = migrate::history_rows(
      m_connection.query(sql(k_select_history) + " WHERE version = $1", {version}));
  return rows.empty() ? std::nullopt : std::optional(rows.front());
}

bool
PostgresStore::apply(const migrate::MigrationFile& migration, migrate::Direction direction)
{
  // Another process may have done it between our history read and now; the lock makes this
  // check final.
  auto row = row_of(migration.version);
  if (row.has_value() == (direction == migrate::Direction::up)) {
    return false;
  }
  if (!migration.no_transaction) {
    apply_in_transaction(migration, direction);
  } else if (direction == migrate::Direction::up) {
    migrate::apply_with_progress(*this, migration);
  } else {
    migrate::revert_with_progress(*this, migration, *row);
  }
  return true;
}

void
PostgresStore::apply_in_transaction(const migrate::MigrationFile& migration,
                                    migrate::Direction direction)
{
  const auto& statements = direction == migrate::Direction::up ? migration.up : migration.down;
  db::Transaction transaction(m_connection);
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
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (direction == migrate::Direction::up) {
    std::string count = std::to_string(statements.size());
    m_connection.query(sql(k_insert_row), {migration.version, migration.name, migration.checksum,
                                           std::to_string(elapsed.count()), count, count});
  } else {
    m_connection.query(sql(k_delete_row), {migration.version});
  }
  transaction.commit();
}

void
PostgresStore::record_applied(const migrate::MigrationFile& migration)
{
  write({migration.version,
         migrate::new_row(migration, static_cast<int>(migration.up.size()))});
}

void
PostgresStore::forget(const std::string& version)
{
  write({version, std::nullopt});
}

void
PostgresStore::resume(const migrate::MigrationFile& migration, const migrate::HistoryRow& row,
                      migrate::FirstStatement first)
{
  if (!migration.no_transaction) {
    migrate::Store::resume(migration, row, first);
    return;
  }
  migrate::resume_with_progress(*this, migration, row, first);
}

void
PostgresStore::revert_partial(const migrate::MigrationFile& migration,
                              const migrate::HistoryRow& row)
{
  if (!migration.no_transaction) {
    migrate::Store::revert_partial(migration, row);
    return;
  }
  migrate::revert_with_progress(*this, migration, row);
}

bool
PostgresStore::execute_with(const std::string& statement, const migrate::RowChange& change)
{
  db::Transaction transaction(m_connection);
  try {
    m_connection.execute(statement);
  } catch (const DatabaseError& error) {
    if (error.sqlstate() == k_active_sql_transaction) {
      return false; // rolled back by the transaction's destructor
    }
    throw;
  }
  write(change);
  transaction.commit();
  return true;
}

void
PostgresStore::execute(const std::string& statement)
{
  m_connection.execute(statement);
}

void
PostgresStore::write(const migrate::RowChange& change)
{
  if (!change.row) {
    m_connection.query(sql(k_delete_row), {change.version});
    return;
  }
  const migrate::HistoryRow& row = *change.row;
  m_connection.query(sql(k_write_row),
                     {row.version, row.name, row.checksum, std::to_string(row.execution_ms),
                      std::to_string(row.statements_applied), std::to_string(row.statements_total),
                      row.error, row.direction == migrate::Direction::up ? "up" : "down",
                      std::to_string(row.statements_reverted), row.in_flight ? "1" : "0"});
}

migrate::Effect
PostgresStore::effect_of(const std::string& statement)
{
  return postgres::effect_of(m_connection, statement);
}

} // namespace orm::dialect::postgres
