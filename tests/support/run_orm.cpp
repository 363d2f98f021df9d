#include "tests/support/run_orm.hpp"

#include "core/util/strings.hpp"
#include "tests/support/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>

namespace orm::test {

RunResult
run_orm(const std::filesystem::path& folder, const std::string& args,
        const std::string& environment)
{
  auto out_path = folder / ".orm-test-stdout";
  auto err_path = folder / ".orm-test-stderr";
  std::string command = "cd '" + folder.string() +
                        "' && env -u ORM_DATABASE_URL -u DATABASE_URL NO_COLOR=1 " + environment +
                        " '" + ORM_BINARY + "' " + args + " >'" + out_path.string() + "' 2>'" +
                        err_path.string() + "' </dev/null";
  int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

std::vector<std::string>
run_orm_concurrently(const std::filesystem::path& folder, const std::string& args, int count,
                     const std::string& environment)
{
  std::string script;
  for (int p = 0; p < count; ++p) {
    script += "'" + std::string(ORM_BINARY) + "' " + args + " > .orm-out" + std::to_string(p) +
              " 2>&1 & ";
  }
  script += "wait";
  std::string command = "cd '" + folder.string() + "' && env NO_COLOR=1 " + environment +
                        " bash -c \"" + script + "\"";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("cannot run: " + command);
  }
  std::vector<std::string> outputs;
  for (int p = 0; p < count; ++p) {
    auto path = folder / (".orm-out" + std::to_string(p));
    outputs.push_back(read_file(path));
    std::filesystem::remove(path);
  }
  return outputs;
}

int
count_applied(const std::vector<std::string>& outputs)
{
  int applied = 0;
  for (const auto& output : outputs) {
    for (const auto& line : util::split(output, '\n')) {
      applied += line.rfind("applied 2", 0) == 0 ? 1 : 0;
    }
  }
  return applied;
}

} // namespace orm::test
