#pragma once

#include "core/dialect/postgres/connection.hpp"
#include "core/migrate/progress.hpp"
#include "core/migrate/store.hpp"

#include <cstdint>

namespace orm::dialect::postgres {

// The migration history in <schema>.orm_migrations. A migration runs with its history row in
// one transaction (PostgreSQL's DDL is transactional); a `-- orm:no-transaction` file runs
// statement by statement, each in a transaction with its row's progress where PostgreSQL allows
// (migrate/progress.hpp, recovery.hpp). lock() takes a session-level advisory lock.
class PostgresStore : public migrate::Store, private migrate::ProgressTarget
{
public:
  PostgresStore(PgConnection& connection, std::string schema_name);

  void ensure_history() override;
  std::vector<migrate::HistoryRow> history() override;
  std::unique_ptr<migrate::Lock> lock(std::chrono::milliseconds timeout) override;
  bool apply(const migrate::MigrationFile& migration, migrate::Direction direction) override;
  void record_applied(const migrate::MigrationFile& migration) override;
  void forget(const std::string& version) override;
  // Only a `-- orm:no-transaction` migration can stop part way; any other is refused.
  void resume(const migrate::MigrationFile& migration, const migrate::HistoryRow& row,
              migrate::FirstStatement first) override;
  void revert_partial(const migrate::MigrationFile& migration,
                      const migrate::HistoryRow& row) override;

private:
  bool execute_with(const std::string& statement, const migrate::RowChange& change) override;
  void execute(const std::string& statement) override;
  void write(const migrate::RowChange& change) override;
  migrate::Effect effect_of(const std::string& statement) override;

  std::optional<migrate::HistoryRow> row_of(const std::string& version);
  void apply_in_transaction(const migrate::MigrationFile& migration, migrate::Direction direction);
  std::string sql(const char* text) const; // `text` with {table} as the history table

  PgConnection& m_connection;
  std::string m_schema;
  std::string m_table; // "schema".orm_migrations
};

// The advisory lock key of a history table: 63 bits of FNV-1a over "<schema>.orm_migrations".
std::int64_t advisory_lock_key(const std::string& schema_name);

} // namespace orm::dialect::postgres
