#include "core/migrate/file_lock.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

namespace orm::migrate {

namespace {

constexpr std::chrono::milliseconds k_poll_interval{20};

int
open_lock_file(const std::string& lock_path)
{
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    struct stat status;
    bool is_link =
        errno == ELOOP && ::lstat(lock_path.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
    throw Error(
        ErrorKind::migration,
        is_link ? fmt::format("the lock file {} is a symbolic link; orm does not follow "
                              "it: remove it",
                              lock_path)
                : fmt::format("cannot open the lock file {}: {}", lock_path, std::strerror(errno)));
  }
  return fd;
}

} // namespace

// The lock file is never deleted: removing it while another process waits on it would let two
// processes hold "the" lock on different files.
FileLock::FileLock(const std::string& lock_path, const std::string& database,
                   std::chrono::milliseconds timeout)
    : m_file(open_lock_file(lock_path))
{
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(m_file.get(), LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error != EWOULDBLOCK && error != EINTR) {
      throw Error(ErrorKind::migration,
                  fmt::format("cannot lock {}: {}", lock_path, std::strerror(error)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(ErrorKind::migration,
                  fmt::format("timed out after {:g} s waiting for another orm process migrating {}",
                              std::chrono::duration<double>(timeout).count(), database));
    }
    std::this_thread::sleep_for(k_poll_interval);
  }
}

FolderLock::FolderLock(const std::filesystem::path& folder, LockMode mode)
    : m_folder(folder), m_directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
{
  if (m_directory.get() < 0) {
    throw Error(ErrorKind::migration, fmt::format("{}: cannot open the directory: {}",
                                                  folder.string(), std::strerror(errno)));
  }
  lock(mode);
}

void
FolderLock::make_exclusive()
{
  lock(LockMode::exclusive);
}

void
FolderLock::lock(LockMode mode)
{
  int operation = mode == LockMode::shared ? LOCK_SH : LOCK_EX;
  while (::flock(m_directory.get(), operation) != 0) {
    if (errno != EINTR) {
      throw Error(ErrorKind::migration, fmt::format("{}: cannot lock the directory: {}",
                                                    m_folder.string(), std::strerror(errno)));
    }
  }
}

} // namespace orm::migrate
