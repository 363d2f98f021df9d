#pragma once

#include "core/dialect/sqlite/connection.hpp"
#include "core/migrate/store.hpp"

namespace orm::dialect::sqlite {

// The migration history in orm_migrations. Each migration runs with its history row in one
// BEGIN IMMEDIATE transaction; lock() takes an flock on `<database>.orm-lock`.
class SqliteStore : public migrate::Store
{
public:
  explicit SqliteStore(SqliteConnection& connection);

  void ensure_history() override;
  std::vector<migrate::HistoryRow> history() override;
  std::unique_ptr<migrate::Lock> lock(std::chrono::milliseconds timeout) override;
  bool apply(const migrate::MigrationFile& migration, migrate::Direction direction) override;
  void record_applied(const migrate::MigrationFile& migration) override;
  void forget(const std::string& version) override;

private:
  SqliteConnection& m_connection;
};

} // namespace orm::dialect::sqlite
