#include "tests/support/plan_cases.hpp"

#include "tests/support/plan_statements.hpp"

#include <catch2/catch.hpp>

namespace orm::test {

void
check_plan_cases(const std::vector<PlanCase>& cases, const Planner& planner)
{
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto result = planner(c.changes);
    CHECK(up_statements(result) == c.up);
    CHECK(down_statements(result) == c.down);
    std::vector<std::string> warnings;
    bool irreversible = false;
    for (const auto& step : result.steps) {
      warnings.insert(warnings.end(), step.warnings.begin(), step.warnings.end());
      irreversible = irreversible || step.irreversible;
    }
    CHECK(warnings == c.warnings);
    CHECK(irreversible == c.irreversible);
    CHECK(result.needs_no_transaction == c.no_transaction);
    CHECK(up_statements(planner(c.changes)) == up_statements(result)); // deterministic
  }
}

} // namespace orm::test
