#include "core/dialect/sqlite/connection.hpp"

#include "core/dialect/sqlite/statement.hpp"
#include "core/util/error.hpp"
#include "core/util/url.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

namespace orm::dialect::sqlite {

namespace {

// Waits this long for another process's write lock before SQLITE_BUSY.
constexpr int k_busy_timeout_ms = 60000;

struct StatementDeleter
{
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

[[noreturn]] void
fail(sqlite3* db, const std::string& sql)
{
  throw DatabaseError(fmt::format("sqlite: {}", sqlite3_errmsg(db)), sql,
                      std::to_string(sqlite3_extended_errcode(db)));
}

} // namespace

SqliteConnection::SqliteConnection(const std::string& path) : m_path(path)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    throw DatabaseError(fmt::format("cannot open SQLite database {}: {}", path, message));
  }
  sqlite3_busy_timeout(m_db, k_busy_timeout_ms);
  sqlite3_extended_result_codes(m_db, 1);
  execute("PRAGMA foreign_keys = ON");
}

SqliteConnection::~SqliteConnection()
{
  sqlite3_close_v2(m_db);
}

void
SqliteConnection::execute(const std::string& sql)
{
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(m_db);
    sqlite3_free(message);
    throw DatabaseError(fmt::format("sqlite: {}", text), sql,
                        std::to_string(sqlite3_extended_errcode(m_db)));
  }
}

db::Result
SqliteConnection::query(const std::string& sql, const std::vector<db::Value>& params)
{
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    fail(m_db, sql);
  }
  StatementHandle statement(raw);
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = params[i] ? sqlite3_bind_text(raw, index, params[i]->c_str(),
                                           static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                       : sqlite3_bind_null(raw, index);
    if (rc != SQLITE_OK) {
      fail(m_db, sql);
    }
  }
  db::Result result;
  int column_count = sqlite3_column_count(raw);
  for (int c = 0; c < column_count; ++c) {
    result.columns.emplace_back(sqlite3_column_name(raw, c));
  }
  while (true) {
    int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) {
      return result;
    }
    if (rc != SQLITE_ROW) {
      fail(m_db, sql);
    }
    auto& row = result.rows.emplace_back();
    row.reserve(column_count);
    for (int c = 0; c < column_count; ++c) {
      if (sqlite3_column_type(raw, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
        row.emplace_back(std::string(text, sqlite3_column_bytes(raw, c)));
      }
    }
  }
}

std::unique_ptr<db::Statement>
SqliteConnection::prepare(const std::string& sql)
{
  return std::make_unique<SqliteStatement>(m_db, sql);
}

void
SqliteConnection::begin()
{
  execute("BEGIN IMMEDIATE");
}
void
SqliteConnection::commit()
{
  execute("COMMIT");
}
void
SqliteConnection::rollback()
{
  execute("ROLLBACK");
}

std::string
path_of_url(const std::string& url, std::string_view source)
{
  util::Url parsed = util::parse_url(url, source, util::UrlForm::path);
  if (parsed.scheme != "sqlite") {
    throw Error(ErrorKind::config,
                fmt::format("{}: '{}' is not a sqlite:// URL", source, parsed.display));
  }
  if (parsed.path.empty()) {
    throw Error(ErrorKind::config,
                fmt::format("{}: SQLite URL '{}' names no database file", source, parsed.display));
  }
  return parsed.path;
}

} // namespace orm::dialect::sqlite
