#pragma once

#include "core/dialect/mysql/connection.hpp"
#include "core/migrate/progress.hpp"
#include "core/migrate/store.hpp"

namespace orm::dialect::mysql {

// The migration history in orm_migrations. MySQL commits DDL implicitly, so a migration runs
// statement by statement: DML commits with its row's progress, any other statement is marked in
// flight first and verified from the catalog after a crash (migrate/progress.hpp, recovery.hpp);
// lock() is GET_LOCK on a name derived from the database, held by this connection.
class MysqlStore : public migrate::Store, private migrate::ProgressTarget
{
public:
  explicit MysqlStore(MysqlConnection& connection);

  void ensure_history() override;
  std::vector<migrate::HistoryRow> history() override;
  std::unique_ptr<migrate::Lock> lock(std::chrono::milliseconds timeout) override;
  bool apply(const migrate::MigrationFile& migration, migrate::Direction direction) override;
  void record_applied(const migrate::MigrationFile& migration) override;
  void forget(const std::string& version) override;
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

  MysqlConnection& m_connection;
};

} // namespace orm::dialect::mysql
