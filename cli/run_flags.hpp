#pragma once

#include "cli/context.hpp"
#include "core/migrate/runner.hpp"

#include <functional>
#include <optional>
#include <string>

namespace orm::cli {

// The flags `migrate up` and `migrate down` share.
struct RunFlags
{
  std::optional<int> steps;
  std::optional<std::string> to;
  bool dry_run = false;
  bool force = false;
  int lock_timeout = -1; // seconds; -1: orm.toml's lock_timeout
};

void add_run_flags(CLI::App &command, RunFlags &flags);

using RunnerCall = std::function<std::vector<migrate::RunEvent>(
    migrate::Runner &, const migrate::RunOptions &,
    const std::function<void(const migrate::RunEvent &)> &)>;

// Loads the directory, connects, runs `call` and reports every migration it ran.
int run_migrations(const RunFlags &flags, const GlobalOptions &global, const RunnerCall &call,
                   const std::string &nothing_message);

} // namespace orm::cli
