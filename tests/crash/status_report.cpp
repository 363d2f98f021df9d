#include "tests/crash/status_report.hpp"

#include "core/util/strings.hpp"

#include <sstream>

namespace orm::test::crash {

std::vector<StatusEntry>
status_entries(const std::string& output)
{
  std::vector<StatusEntry> entries;
  for (const auto& line : util::split(output, '\n')) {
    bool entry_line = line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ';
    if (entry_line) {
      std::istringstream words(line);
      StatusEntry entry;
      words >> entry.state >> entry.migration;
      entry.text = line;
      entries.push_back(entry);
    } else if (!entries.empty() && line.rfind("   ", 0) == 0) {
      entries.back().text += "\n" + line;
    }
  }
  return entries;
}

bool
any_interrupted(const std::vector<StatusEntry>& entries)
{
  for (const auto& entry : entries) {
    if (entry.state != "applied" && entry.state != "pending") {
      return true;
    }
  }
  return false;
}

std::string
interrupted_text(const std::string& output)
{
  std::string text;
  for (const auto& entry : status_entries(output)) {
    if (entry.state != "applied" && entry.state != "pending") {
      text += "\n" + entry.text;
    }
  }
  return text.empty() ? "nothing" : text;
}

} // namespace orm::test::crash
