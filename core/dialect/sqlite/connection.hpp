#pragma once

#include "core/db/connection.hpp"

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace orm::dialect::sqlite {

// RAII over sqlite3*. Placeholders are `?`. execute() accepts a script of several statements.
class SqliteConnection : public db::Connection
{
public:
  // `path` is a file name or ":memory:"; the database is created when missing.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void execute(const std::string& sql) override;
  db::Result query(const std::string& sql, const std::vector<db::Value>& params = {}) override;
  std::unique_ptr<db::Statement> prepare(const std::string& sql) override;
  void begin() override; // BEGIN IMMEDIATE: takes the write lock at once
  void commit() override;
  void rollback() override;

  const std::string& path() const { return m_path; }

private:
  std::string m_path;
  sqlite3* m_db = nullptr;
};

// "sqlite://db.sqlite3" -> "db.sqlite3", "sqlite:///abs/path" -> "/abs/path", "sqlite://:memory:".
// Throws Error(config) naming `source` for anything else (`sqlite:db.sqlite3` included).
std::string path_of_url(const std::string& url, std::string_view source = "the database URL");

} // namespace orm::dialect::sqlite
