#include "tests/support/plan_statements.hpp"

#include <catch2/catch.hpp>

namespace orm::test {

std::vector<std::string>
up_statements(const migrate::Plan& plan)
{
  std::vector<std::string> statements;
  for (const auto& step : plan.steps) {
    statements.insert(statements.end(), step.up.begin(), step.up.end());
  }
  return statements;
}

std::vector<std::string>
down_statements(const migrate::Plan& plan)
{
  std::vector<std::string> statements;
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    statements.insert(statements.end(), step->down.begin(), step->down.end());
  }
  return statements;
}

void
apply_on_sqlite(db::Connection& connection, const std::vector<std::string>& statements)
{
  connection.execute("PRAGMA foreign_keys = OFF");
  connection.execute("BEGIN");
  for (const auto& statement : statements) {
    INFO(statement);
    connection.execute(statement);
  }
  REQUIRE(connection.query("PRAGMA foreign_key_check").rows.empty());
  connection.execute("COMMIT");
  connection.execute("PRAGMA foreign_keys = ON");
}

} // namespace orm::test
