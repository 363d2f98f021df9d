#pragma once

#include "core/dialect/dialect.hpp"
#include "core/runtime/executor.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>

// An Executor over one real connection (dialect::connect), with a statement cache: what the
// runtime's pooled connections are, without the pool, for tests of the layers below them.
class SessionExecutor : public orm::Executor
{
public:
  explicit SessionExecutor(const std::string& url) : m_session(orm::dialect::connect(url)) {}

  const orm::db::SqlFlavor& flavor() const override { return m_session->flavor(); }
  orm::db::Connection& connection() { return m_session->connection(); }

  orm::db::Statement& statement(const std::string& sql) override
  {
    auto& cached = m_by_text[sql];
    if (!cached) {
      cached = connection().prepare(sql);
    }
    return *cached;
  }
  orm::db::Statement& statement(SqlMaker make_sql, std::uint64_t shape) override
  {
    auto& cached = m_by_maker[{make_sql, shape}];
    if (!cached) {
      cached = connection().prepare(make_sql(flavor(), shape));
    }
    return *cached;
  }

private:
  std::unique_ptr<orm::dialect::Session> m_session;
  std::map<std::string, std::unique_ptr<orm::db::Statement>> m_by_text;
  std::map<std::pair<SqlMaker, std::uint64_t>, std::unique_ptr<orm::db::Statement>> m_by_maker;
};
