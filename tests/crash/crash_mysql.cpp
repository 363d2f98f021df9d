// The crash suite's view of a MariaDB or MySQL database: information_schema, and its PROCESSLIST
// to wait for a killed orm's connection to end.

#include "tests/crash/crash_database.hpp"
#include "tests/support/mysql_scratch.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace orm::test::crash {

namespace {

constexpr const char* k_tables =
    "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'orm_migrations' ORDER BY TABLE_NAME";
constexpr const char* k_columns =
    "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, 'none'), "
    "EXTRA, COALESCE(COLLATION_NAME, ''), COLUMN_COMMENT FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'orm_migrations' "
    "ORDER BY TABLE_NAME, ORDINAL_POSITION";
constexpr const char* k_indexes =
    "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COALESCE(COLUMN_NAME, ''), "
    "COALESCE(SUB_PART, ''), INDEX_TYPE FROM information_schema.STATISTICS "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'orm_migrations' "
    "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
constexpr const char* k_constraints =
    "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS "
    "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME <> 'orm_migrations' "
    "ORDER BY TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE";
constexpr const char* k_key_columns =
    "SELECT TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, "
    "COALESCE(REFERENCED_TABLE_NAME, ''), COALESCE(REFERENCED_COLUMN_NAME, '') "
    "FROM information_schema.KEY_COLUMN_USAGE "
    "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME <> 'orm_migrations' "
    "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";
constexpr const char* k_foreign_keys =
    "SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE "
    "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
    "ORDER BY TABLE_NAME, CONSTRAINT_NAME";
constexpr const char* k_checks =
    "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
    "WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY CONSTRAINT_NAME, CHECK_CLAUSE";
constexpr const char* k_history_exists =
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
    "AND TABLE_NAME = 'orm_migrations'";
constexpr const char* k_other_connections =
    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
    "AND ID <> CONNECTION_ID()";
constexpr std::chrono::seconds k_dead_client_timeout{120};

class MysqlCrashDatabase : public CrashDatabase
{
public:
  std::vector<std::string> orm_flags() const override
  {
    return {"--database-url", m_scratch.url()};
  }
  void wait_for_dead_clients() override
  {
    auto deadline = std::chrono::steady_clock::now() + k_dead_client_timeout;
    while (connection().query(k_other_connections).text(0, 0) != "0") {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("the killed orm's connection to " + m_scratch.name() +
                                 " is still running after 120 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  std::string snapshot() override
  {
    auto tables = connection().query(k_tables);
    std::vector<std::string> quoted;
    for (size_t i = 0; i < tables.rows.size(); ++i) {
      quoted.push_back("`" + tables.text(i, 0) + "`");
    }
    return as_lines("table", tables) + as_lines("column", connection().query(k_columns)) +
           as_lines("index", connection().query(k_indexes)) +
           as_lines("constraint", connection().query(k_constraints)) +
           as_lines("key column", connection().query(k_key_columns)) +
           as_lines("foreign key", connection().query(k_foreign_keys)) +
           as_lines("check", connection().query(k_checks)) + row_counts(connection(), quoted);
  }
  std::vector<RecordedRow> history() override
  {
    if (connection().query(k_history_exists).rows.empty()) {
      return {};
    }
    return recorded_rows(connection().query(k_select_progress));
  }
  void execute(const std::string& statement) override { connection().execute(statement); }
  std::int64_t number(const std::string& query) override
  {
    return std::stoll(connection().query(query).text(0, 0));
  }

private:
  dialect::mysql::MysqlConnection& connection() { return m_scratch.connection(); }

  ScratchDatabase m_scratch;
};

} // namespace

std::unique_ptr<CrashDatabase>
fresh_mysql_database()
{
  return std::make_unique<MysqlCrashDatabase>();
}

} // namespace orm::test::crash
