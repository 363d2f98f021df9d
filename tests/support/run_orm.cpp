#include "tests/support/run_orm.hpp"

#include "tests/support/temp_dir.hpp"

#include <cstdlib>
#include <sys/wait.h>

namespace orm::test {

RunResult
run_orm(const std::filesystem::path &folder, const std::string &args,
        const std::string &environment)
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

} // namespace orm::test
