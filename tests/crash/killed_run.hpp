#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace orm::test::crash {

struct KilledRun
{
  bool killed = false; // false: it ended by itself before the kill was due
  int exit_code = -1;  // when it ended by itself
  std::chrono::microseconds elapsed{0};
  std::string out; // stdout and stderr
};

// Runs the built `orm` with `args` (no shell) in `folder`, without ORM_DATABASE_URL or
// DATABASE_URL and with NO_COLOR, and sends it SIGKILL after `delay` unless it ended before.
KilledRun run_orm_killed_after(const std::filesystem::path& folder,
                               const std::vector<std::string>& args,
                               std::chrono::microseconds delay);

// The same, left to end by itself.
KilledRun run_orm_to_the_end(const std::filesystem::path& folder,
                             const std::vector<std::string>& args);

} // namespace orm::test::crash
