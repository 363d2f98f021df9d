#pragma once

#include <filesystem>
#include <string>

namespace orm::test {

struct RunResult
{
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built `orm` binary in `folder` through the shell: `args` is shell text, `environment`
// is prepended as `NAME=value ...`. NO_COLOR is always set so output is plain.
RunResult run_orm(const std::filesystem::path &folder, const std::string &args,
                  const std::string &environment = "");

} // namespace orm::test
