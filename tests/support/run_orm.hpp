#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace orm::test {

struct RunResult
{
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built `orm` binary in `folder` through the shell: `args` is shell text, `environment`
// is prepended as `NAME=value ...`. NO_COLOR is always set so output is plain.
RunResult run_orm(const std::filesystem::path& folder, const std::string& args,
                  const std::string& environment = "");

// Starts `count` `orm ARGS` processes at once in `folder` and waits for all of them; returns each
// one's stdout and stderr together.
std::vector<std::string> run_orm_concurrently(const std::filesystem::path& folder,
                                              const std::string& args, int count,
                                              const std::string& environment = "");

// The lines, across outputs, that report an applied migration ("applied 2026...").
int count_applied(const std::vector<std::string>& outputs);

} // namespace orm::test
