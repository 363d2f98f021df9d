#include "core/runtime/database.hpp"

#include "core/util/error.hpp"
#include "core/util/mask.hpp"

#include <fmt/format.h>

namespace orm {

PinStatus
compare_pin(const Pin& pin, std::string_view dialect,
            const std::vector<migrate::HistoryRow>& history)
{
  auto fail = [](std::string message) { return PinStatus{false, std::move(message)}; };
  if (pin.dialect != dialect) {
    return fail(
        fmt::format("the code was generated for {}, the database is {}", pin.dialect, dialect));
  }
  size_t common = std::min(history.size(), pin.history.size());
  for (size_t i = 0; i < common; ++i) {
    const auto& applied = history[i];
    const auto& pinned = pin.history[i];
    if (applied.version != pinned.version) {
      return fail(fmt::format("the database has migration {} where the code was generated with "
                              "{}: they come from different migration histories",
                              applied.version, pinned.version));
    }
    if (applied.checksum != pinned.checksum) {
      return fail(fmt::format("migration {} applied to the database differs from the one the "
                              "code was generated from (checksums differ)",
                              applied.version));
    }
    if (!applied.complete()) {
      return fail(fmt::format("migration {} is not completely applied: see `orm migrate status`",
                              applied.version));
    }
  }
  std::string at = history.empty() ? "no migration" : history.back().version;
  if (history.size() < pin.history.size()) {
    return fail(fmt::format("the database is at {}, the code was generated at {}: run `orm "
                            "migrate up`",
                            at, pin.head));
  }
  if (history.size() > pin.history.size()) {
    return fail(fmt::format("the database is at {}, ahead of the code, generated at {}: "
                            "regenerate it with `orm generate` and rebuild",
                            at, pin.head.empty() ? "no migration" : pin.head));
  }
  return {};
}

PooledConnection::PooledConnection(Database& database, std::unique_ptr<Connection> connection)
    : m_database(&database), m_connection(std::move(connection))
{
}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : m_database(other.m_database), m_connection(std::move(other.m_connection))
{
}

PooledConnection::~PooledConnection()
{
  if (m_connection) {
    m_database->give_back(std::move(m_connection));
  }
}

Database::Database(std::string url, const Pin& pin, DatabaseOptions options)
    : m_url(std::move(url)), m_pin(pin), m_options(std::move(options))
{
}

std::unique_ptr<Database>
Database::open(const std::string& url, const Pin& pin, DatabaseOptions options)
{
  if (options.pool_size < 1) {
    throw Error(ErrorKind::usage, "the pool size must be at least 1");
  }
  std::unique_ptr<Database> database(new Database(url, pin, std::move(options)));
  auto first = database->open_connection();
  if (database->m_options.pin_check != PinCheck::off) {
    auto status =
        compare_pin(pin, first->session().dialect().name(), first->session().store().history());
    if (!status.matches && database->m_options.pin_check == PinCheck::exact) {
      throw Error(ErrorKind::migration, fmt::format("{}: {}", util::mask_url(url), status.message));
    }
    if (!status.matches && database->m_options.warn) {
      database->m_options.warn(status.message);
    }
  }
  database->m_open = 1;
  database->m_idle.push_back({std::move(first), std::chrono::steady_clock::now()});
  return database;
}

std::unique_ptr<Connection>
Database::open_connection()
{
  auto connection = std::make_unique<Connection>(dialect::connect(m_url));
  // Timestamps with a zone travel in UTC, so a TimestampTz is the instant the server stores.
  std::string_view name = connection->flavor().dialect();
  if (name == "postgres") {
    connection->raw().execute("SET TIME ZONE 'UTC'");
  } else if (name == "mysql") {
    connection->raw().execute("SET time_zone = '+00:00'");
  }
  return connection;
}

bool
Database::healthy(Connection& connection)
{
  try {
    connection.raw().query("SELECT 1");
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

PooledConnection
Database::connection()
{
  auto deadline = std::chrono::steady_clock::now() + m_options.checkout_timeout;
  std::unique_lock lock(m_mutex);
  while (true) {
    while (!m_idle.empty()) {
      Idle idle = std::move(m_idle.back());
      m_idle.pop_back();
      auto now = std::chrono::steady_clock::now();
      bool expired = now - idle.connection->opened() > m_options.max_lifetime;
      bool check = now - idle.since > m_options.health_after_idle;
      if (!expired && (!check || healthy(*idle.connection))) {
        return PooledConnection(*this, std::move(idle.connection));
      }
      --m_open; // dropped: too old or broken
    }
    if (m_open < m_options.pool_size) {
      ++m_open;
      lock.unlock();
      try {
        return PooledConnection(*this, open_connection());
      } catch (...) {
        std::lock_guard relock(m_mutex);
        --m_open;
        throw;
      }
    }
    if (m_returned.wait_until(lock, deadline) == std::cv_status::timeout && m_idle.empty() &&
        m_open >= m_options.pool_size) {
      throw Error(ErrorKind::database,
                  fmt::format("no free connection in the pool of {} after {} ms",
                              m_options.pool_size, m_options.checkout_timeout.count()));
    }
  }
}

void
Database::give_back(std::unique_ptr<Connection> connection)
{
  {
    std::lock_guard lock(m_mutex);
    if (connection->depth() == 0) {
      m_idle.push_back({std::move(connection), std::chrono::steady_clock::now()});
    } else {
      --m_open; // left inside a transaction: not reusable
    }
  }
  m_returned.notify_one();
}

PinStatus
Database::pin_status()
{
  auto pooled = connection();
  return compare_pin(m_pin, pooled->session().dialect().name(),
                     pooled->session().store().history());
}

} // namespace orm
