#include "tests/crash/killed_run.hpp"

#include "tests/support/temp_dir.hpp"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace orm::test::crash {

namespace {

// This process's environment for orm: no database URL from outside, no colours.
std::vector<std::string>
orm_environment()
{
  std::vector<std::string> result{"NO_COLOR=1"};
  for (char** entry = environ; *entry; ++entry) {
    std::string text = *entry;
    if (text.rfind("ORM_DATABASE_URL=", 0) != 0 && text.rfind("DATABASE_URL=", 0) != 0 &&
        text.rfind("NO_COLOR=", 0) != 0) {
      result.push_back(text);
    }
  }
  return result;
}

std::vector<char*>
pointers(std::vector<std::string>& texts)
{
  std::vector<char*> result;
  for (auto& text : texts) {
    result.push_back(text.data());
  }
  result.push_back(nullptr);
  return result;
}

KilledRun
run(const std::filesystem::path& folder, const std::vector<std::string>& args,
    std::optional<std::chrono::microseconds> delay)
{
  std::vector<std::string> argv{ORM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envp = orm_environment();
  auto argv_pointers = pointers(argv);
  auto envp_pointers = pointers(envp);
  std::string output = (folder / ".crash-output").string();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  auto start = std::chrono::steady_clock::now();
  int spawned =
      posix_spawn(&pid, ORM_BINARY, &actions, nullptr, argv_pointers.data(), envp_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error(std::string("cannot start orm: ") + std::strerror(spawned));
  }
  int status = 0;
  if (delay) {
    std::this_thread::sleep_until(start + *delay);
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
  } else {
    waitpid(pid, &status, 0);
  }
  KilledRun result;
  result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  result.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(output);
  std::filesystem::remove(output);
  return result;
}

} // namespace

KilledRun
run_orm_killed_after(const std::filesystem::path& folder, const std::vector<std::string>& args,
                     std::chrono::microseconds delay)
{
  return run(folder, args, delay);
}

KilledRun
run_orm_to_the_end(const std::filesystem::path& folder, const std::vector<std::string>& args)
{
  return run(folder, args, std::nullopt);
}

} // namespace orm::test::crash
