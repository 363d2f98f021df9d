// The crash suite's view of a SQLite file: sqlite_schema and the pragma table-valued functions.

#include "core/dialect/sqlite/connection.hpp"
#include "tests/crash/crash_database.hpp"
#include "tests/support/servers.hpp"

namespace orm::test::crash {

namespace {

// Every user table and index but orm's own and SQLite's.
constexpr const char* k_objects =
    "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
    "WHERE name NOT LIKE 'sqlite_%' AND name <> 'orm_migrations' ORDER BY type, name";
constexpr const char* k_columns =
    "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", coalesce(p.dflt_value, 'none'), p.pk "
    "FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' "
    "AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'orm_migrations' ORDER BY m.name, p.cid";
constexpr const char* k_indexes =
    "SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, i.seqno, i.name "
    "FROM sqlite_schema m, pragma_index_list(m.name) l, pragma_index_info(l.name) i "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'orm_migrations' "
    "ORDER BY m.name, l.name, i.seqno";
constexpr const char* k_foreign_keys =
    "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
    "FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
    "AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'orm_migrations' ORDER BY m.name, f.id, f.seq";
constexpr const char* k_tables =
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name <> 'orm_migrations' ORDER BY name";
constexpr const char* k_history_exists =
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'orm_migrations'";

class SqliteCrashDatabase : public CrashDatabase
{
public:
  explicit SqliteCrashDatabase(const std::filesystem::path& folder)
      : m_path(folder / (unique_name("crash") + ".sqlite3"))
  {
    open();
  }
  ~SqliteCrashDatabase() override
  {
    m_connection.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm", ".orm-lock"}) {
      std::filesystem::remove(m_path.string() + suffix, ignored);
    }
  }

  std::vector<std::string> orm_flags() const override
  {
    return {"--database-url", "sqlite://" + m_path.string()};
  }
  // The killed process's locks went with it; the next reader rolls back its journal.
  void wait_for_dead_clients() override {}
  std::string snapshot() override
  {
    std::vector<std::string> tables;
    auto names = connection().query(k_tables);
    for (size_t i = 0; i < names.rows.size(); ++i) {
      tables.push_back("\"" + names.text(i, 0) + "\"");
    }
    return as_lines("object", connection().query(k_objects)) +
           as_lines("column", connection().query(k_columns)) +
           as_lines("index", connection().query(k_indexes)) +
           as_lines("foreign key", connection().query(k_foreign_keys)) +
           row_counts(connection(), tables);
  }
  std::vector<RecordedRow> history() override
  {
    if (connection().query(k_history_exists).rows.empty()) {
      return {};
    }
    return recorded_rows(connection().query(k_select_recorded));
  }
  void execute(const std::string& statement) override { connection().execute(statement); }
  std::int64_t number(const std::string& query) override
  {
    return std::stoll(connection().query(query).text(0, 0));
  }

  bool can_copy() const override { return true; }
  void save_copy(const std::filesystem::path& copy) override
  {
    std::filesystem::copy_file(m_path, copy, std::filesystem::copy_options::overwrite_existing);
  }
  void load_copy(const std::filesystem::path& copy) override
  {
    m_connection.reset();
    std::filesystem::copy_file(copy, m_path, std::filesystem::copy_options::overwrite_existing);
    open();
  }

private:
  void open()
  {
    m_connection = std::make_unique<dialect::sqlite::SqliteConnection>(m_path.string());
    // As orm runs a migration: table rebuilds need foreign keys off.
    m_connection->execute("PRAGMA foreign_keys = OFF");
  }
  dialect::sqlite::SqliteConnection& connection() { return *m_connection; }

  std::filesystem::path m_path;
  std::unique_ptr<dialect::sqlite::SqliteConnection> m_connection;
};

} // namespace

std::unique_ptr<CrashDatabase>
fresh_sqlite_database(const std::filesystem::path& folder)
{
  return std::make_unique<SqliteCrashDatabase>(folder);
}

} // namespace orm::test::crash
