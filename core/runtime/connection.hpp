#pragma once

#include "core/dialect/dialect.hpp"
#include "core/migrate/store.hpp"
#include "core/runtime/codec.hpp"
#include "core/runtime/executor.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace orm {

// One open database connection with its statement caches: what a pool holds and hands out.
// Raw SQL uses the dialect's own placeholders (`?` for SQLite and MySQL, `$1` for PostgreSQL).
class Connection : public Executor
{
public:
  explicit Connection(std::unique_ptr<dialect::Session> session);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const db::SqlFlavor& flavor() const override { return m_session->flavor(); }
  db::Statement& statement(const std::string& sql) override;
  db::Statement& statement(SqlMaker make_sql, std::uint64_t shape) override;

  // Rows of `sql` as tuples of the given C++ types; the first run checks that the statement
  // returns as many columns as Tuple has, and throws orm::Error naming the mismatch.
  template <class Tuple, class... Params>
  std::vector<Tuple> query(const std::string& sql, const Params&... params);
  // Runs `sql`; the rows it changed.
  template <class... Params> std::int64_t execute(const std::string& sql, const Params&... params);

  // Runs `work(*this)` in a transaction (a SAVEPOINT when one is open already): commits when it
  // returns, rolls back when it throws and rethrows.
  template <class Work> decltype(auto) transaction(Work&& work);

  db::Connection& raw() { return m_session->connection(); }
  dialect::Session& session() { return *m_session; }
  std::chrono::steady_clock::time_point opened() const { return m_opened; }
  int depth() const { return m_depth; }

private:
  friend class Transaction;
  void begin();
  void commit();
  void rollback();

  std::unique_ptr<dialect::Session> m_session;
  std::chrono::steady_clock::time_point m_opened = std::chrono::steady_clock::now();
  std::map<std::string, std::unique_ptr<db::Statement>> m_by_text;
  std::map<std::pair<SqlMaker, std::uint64_t>, std::unique_ptr<db::Statement>> m_by_maker;
  int m_depth = 0; // open transactions, the outer one included
};

// RAII: rolls back in its destructor unless commit() was called; nested ones are savepoints.
class Transaction
{
public:
  explicit Transaction(Connection& connection) : m_connection(connection) { m_connection.begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  Connection& connection() { return m_connection; }

private:
  Connection& m_connection;
  bool m_open = true;
};

// Throws orm::Error when a statement's column count differs from what the C++ side reads.
void check_column_count(const db::Statement& statement, int expected);

template <class Tuple, class... Params>
std::vector<Tuple>
Connection::query(const std::string& sql, const Params&... params)
{
  db::Statement& run = statement(sql);
  int index = 0;
  (Codec<Params>::bind(run, index++, params), ...);
  run.execute();
  // A statement left on a row holds the connection (on SQLite, a read lock): reset on failure.
  try {
    check_column_count(run, static_cast<int>(std::tuple_size_v<Tuple>));
    std::vector<Tuple> rows;
    while (run.next()) {
      rows.push_back([&]<std::size_t... I>(std::index_sequence<I...>) {
        return Tuple{Codec<std::tuple_element_t<I, Tuple>>::read(run, static_cast<int>(I))...};
      }(std::make_index_sequence<std::tuple_size_v<Tuple>>()));
    }
    return rows;
  } catch (...) {
    run.reset();
    throw;
  }
}

template <class... Params>
std::int64_t
Connection::execute(const std::string& sql, const Params&... params)
{
  db::Statement& run = statement(sql);
  int index = 0;
  (Codec<Params>::bind(run, index++, params), ...);
  run.execute();
  std::int64_t changed = run.affected_rows();
  run.reset();
  return changed;
}

template <class Work>
decltype(auto)
Connection::transaction(Work&& work)
{
  Transaction transaction(*this);
  if constexpr (std::is_void_v<decltype(work(*this))>) {
    work(*this);
    transaction.commit();
  } else {
    decltype(auto) result = work(*this);
    transaction.commit();
    return result;
  }
}

} // namespace orm
