#pragma once

#include <string>
#include <vector>

namespace orm::migrate {

// One planned step: the statements that go up and the statements that bring it back down.
// A step whose down cannot restore what up destroyed (data of a dropped column or table) is
// `irreversible`: its down still restores the schema, but `migrate down` needs --force.
struct Step
{
  std::string summary;               // "+ table users"; a comment above the statements
  std::vector<std::string> up;       // complete statements, without the trailing ';'
  std::vector<std::string> down;     // run in this order when the step is reverted
  std::vector<std::string> warnings; // destructive effects, printed and written as comments
  bool irreversible = false;
};

struct Plan
{
  std::vector<Step> steps;
  // The database cannot run these statements inside a transaction (CREATE INDEX CONCURRENTLY).
  bool needs_no_transaction = false;
  // What someone who runs the file by hand must know, one line each, written in its header.
  std::vector<std::string> notes;

  bool empty() const { return steps.empty(); }
};

} // namespace orm::migrate
