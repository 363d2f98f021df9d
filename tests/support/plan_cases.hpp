#pragma once

#include "core/diff/change.hpp"
#include "core/migrate/plan.hpp"

#include <functional>
#include <string>
#include <vector>

namespace orm::test {

// One row of a planner table test: changes in, the exact SQL both ways out.
struct PlanCase
{
  std::string name;
  diff::Changes changes;
  std::vector<std::string> up;   // every step's up, in order
  std::vector<std::string> down; // the down section: steps reversed, each step's down in order
  std::vector<std::string> warnings = {};
  bool irreversible = false;
  bool no_transaction = false;
};

using Planner = std::function<migrate::Plan(const diff::Changes&)>;

// Checks every case's up and down SQL, warnings, irreversibility, the no-transaction flag, and
// that planning twice gives the same SQL.
void check_plan_cases(const std::vector<PlanCase>& cases, const Planner& planner);

} // namespace orm::test
