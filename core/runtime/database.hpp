#pragma once

#include "core/runtime/connection.hpp"
#include "core/runtime/descriptors.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orm {

// What Database::open does with the generated header's pin.
enum class PinCheck
{
  exact, // the database's applied migrations must be exactly the pinned ones: else orm::Error
  warn,  // report a difference to DatabaseOptions::warn and go on
  off,
};

struct DatabaseOptions
{
  int pool_size = 4;
  std::chrono::milliseconds checkout_timeout{10'000};
  std::chrono::seconds max_lifetime{3600};    // connections older than this are reopened
  std::chrono::seconds health_after_idle{30}; // idle this long: checked with a query first
  PinCheck pin_check = PinCheck::exact;
  std::function<void(const std::string&)> warn = {};
};

// How the database's history compares with the pin: what a health check reports.
struct PinStatus
{
  bool matches = true;
  std::string message; // why not, naming the versions; empty when it matches
};

// The pin against the history rows of orm_migrations (one query, made by the caller).
PinStatus compare_pin(const Pin& pin, std::string_view dialect,
                      const std::vector<migrate::HistoryRow>& history);

class Database;

// A connection checked out of a Database's pool; it goes back when this is destroyed.
class PooledConnection
{
public:
  PooledConnection(Database& database, std::unique_ptr<Connection> connection);
  ~PooledConnection();
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  PooledConnection& operator=(PooledConnection&&) = delete;

  Connection& operator*() { return *m_connection; }
  Connection* operator->() { return m_connection.get(); }

private:
  Database* m_database;
  std::unique_ptr<Connection> m_connection;
};

// A thread-safe pool of connections to one database, opened with the generated header's pin.
class Database
{
public:
  // Connects once (to read the history for the pin check, in one query) and keeps that
  // connection in the pool. Throws orm::Error when the pin check fails in `exact` mode.
  static std::unique_ptr<Database> open(const std::string& url, const Pin& pin,
                                        DatabaseOptions options = {});

  // Waits up to checkout_timeout for a free connection; throws orm::Error naming the pool size.
  PooledConnection connection();
  // Runs `work(connection)` in a transaction on a checked-out connection.
  template <class Work> decltype(auto) transaction(Work&& work)
  {
    auto pooled = connection();
    return pooled->transaction(std::forward<Work>(work));
  }

  PinStatus pin_status();

private:
  friend class PooledConnection;
  Database(std::string url, const Pin& pin, DatabaseOptions options);
  void give_back(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> open_connection();
  bool healthy(Connection& connection);

  struct Idle
  {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };

  std::string m_url;
  const Pin& m_pin;
  DatabaseOptions m_options;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<Idle> m_idle;
  int m_open = 0; // connections that exist, idle or checked out
};

} // namespace orm
