// The crash suite's view of a PostgreSQL schema: pg_catalog, and pg_stat_activity to wait for a
// killed orm's session to end.

#include "core/dialect/postgres/connection.hpp"
#include "tests/crash/crash_database.hpp"
#include "tests/support/postgres_scratch.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace orm::test::crash {

namespace {

constexpr const char* k_columns = R"(SELECT c.relname, a.attname,
  format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid),
  'none'), a.attidentity, a.attgenerated
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> 'orm_migrations' AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY c.relname, a.attnum)";
constexpr const char* k_indexes = R"(SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid),
  x.indisvalid, x.indisready
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = $1 AND t.relname <> 'orm_migrations'
ORDER BY t.relname, i.relname)";
constexpr const char* k_constraints = R"(SELECT t.relname, k.conname, k.contype,
  pg_get_constraintdef(k.oid), k.convalidated
FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
JOIN pg_namespace n ON n.oid = k.connamespace
WHERE n.nspname = $1 AND t.relname <> 'orm_migrations'
ORDER BY t.relname, k.conname)";
constexpr const char* k_relations = R"(SELECT c.relname, c.relkind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'S', 'v', 'm') AND c.relname <> 'orm_migrations'
ORDER BY c.relname)";
constexpr const char* k_types = R"(SELECT t.typname, t.typtype
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = $1 AND t.typtype IN ('e', 'd')
ORDER BY t.typname)";
constexpr const char* k_history_exists =
    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = $1 AND c.relname = 'orm_migrations'";
constexpr const char* k_sessions_of = "SELECT count(*) FROM pg_stat_activity "
                                      "WHERE application_name = $1 AND pid <> pg_backend_pid()";
constexpr std::chrono::seconds k_dead_client_timeout{120};

// `text` with every `schema.` removed, so snapshots of different scratch schemas compare.
std::string
unqualified(std::string text, const std::string& schema)
{
  std::string prefix = schema + ".";
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
    text.erase(at, prefix.size());
  }
  return text;
}

class PostgresCrashDatabase : public CrashDatabase
{
public:
  PostgresCrashDatabase() : m_connection(postgres_url())
  {
    m_connection.execute("SET search_path TO " + dialect::postgres::quote_identifier(name()));
  }

  std::vector<std::string> orm_flags() const override
  {
    std::string url = postgres_url();
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("application_name=") +
           name();
    return {"--database-url", url, "--schema", name()};
  }
  void wait_for_dead_clients() override
  {
    auto deadline = std::chrono::steady_clock::now() + k_dead_client_timeout;
    while (m_connection.query(k_sessions_of, {name()}).text(0, 0) != "0") {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("the killed orm's session on schema " + name() +
                                 " is still running after 120 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  std::string snapshot() override
  {
    std::vector<std::string> tables;
    auto relations = m_connection.query(k_relations, {name()});
    for (size_t i = 0; i < relations.rows.size(); ++i) {
      if (relations.text(i, 1) == "r") {
        tables.push_back(dialect::postgres::quote_identifier(relations.text(i, 0)));
      }
    }
    return unqualified(as_lines("relation", relations) +
                           as_lines("column", m_connection.query(k_columns, {name()})) +
                           as_lines("index", m_connection.query(k_indexes, {name()})) +
                           as_lines("constraint", m_connection.query(k_constraints, {name()})) +
                           as_lines("type", m_connection.query(k_types, {name()})),
                       name()) +
           row_counts(m_connection, tables);
  }
  std::vector<RecordedRow> history() override
  {
    if (m_connection.query(k_history_exists, {name()}).rows.empty()) {
      return {};
    }
    return recorded_rows(m_connection.query(k_select_progress));
  }
  void execute(const std::string& statement) override { m_connection.execute(statement); }
  std::int64_t number(const std::string& query) override
  {
    return std::stoll(m_connection.query(query).text(0, 0));
  }

private:
  const std::string& name() const { return m_schema.name(); }

  PostgresScratchSchema m_schema;
  dialect::postgres::PgConnection m_connection;
};

} // namespace

std::unique_ptr<CrashDatabase>
fresh_postgres_database()
{
  return std::make_unique<PostgresCrashDatabase>();
}

} // namespace orm::test::crash
