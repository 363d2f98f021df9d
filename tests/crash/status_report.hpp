#pragma once

#include <string>
#include <vector>

namespace orm::test::crash {

// One migration as `orm migrate status` prints it: "  applied    20260101000000_initial ...",
// with any lines below it that say more (a failed one's progress and error).
struct StatusEntry
{
  std::string state;     // the first word: applied, pending, failed, ...
  std::string migration; // <version>_<name>
  std::string text;      // every line of the entry
};

std::vector<StatusEntry> status_entries(const std::string& output);

// True when an entry is neither applied nor pending: a migration was left part way.
bool any_interrupted(const std::vector<StatusEntry>& entries);

// The lines of the output's entries that are neither applied nor pending, for messages.
std::string interrupted_text(const std::string& output);

} // namespace orm::test::crash
