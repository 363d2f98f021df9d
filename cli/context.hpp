#pragma once

#include "cli/output.hpp"
#include "core/workflow/project.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>

namespace orm::cli {

// Options every command shares; filled by CLI11 before a command runs.
struct GlobalOptions
{
  workflow::ProjectFlags project;
  int verbosity = 0; // -v
  bool quiet = false;

  workflow::Project resolve() const;
};

// The exit codes, documented in README.md.
enum ExitCode : int
{
  k_exit_ok = 0,
  k_exit_check_failed = 1, // --check found work to do
  k_exit_usage = 2,        // usage, configuration or models-file error
  k_exit_failure = 3,      // database or migration failure
};

void add_global_options(CLI::App& app, GlobalOptions& global);

// The clock: SOURCE_DATE_EPOCH when set (reproducible output), else now.
std::chrono::system_clock::time_point current_time();

// Every command registers itself with one of these and reports its exit code through `exit_code`.
void add_init_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_makemigrations_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_migrate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_migrate_up_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_migrate_down_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_migrate_status_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_migrate_resolve_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_migrate_resume_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_migrate_hash_command(CLI::App& migrate, const GlobalOptions& global, int& exit_code);
void add_diff_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_inspect_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_sqlmigrate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_generate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

} // namespace orm::cli
