#include "core/migrate/file_lock.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace orm::migrate {

namespace {

constexpr std::chrono::milliseconds k_poll_interval{20};

} // namespace

FileDescriptor::~FileDescriptor()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

// The lock file is never deleted: removing it while another process waits on it would let two
// processes hold "the" lock on different files.
FileLock::FileLock(const std::string& lock_path, const std::string& database,
                   std::chrono::milliseconds timeout)
    : m_file(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
{
  if (m_file.get() < 0) {
    throw Error(ErrorKind::migration,
                fmt::format("cannot open the lock file {}: {}", lock_path, std::strerror(errno)));
  }
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

} // namespace orm::migrate
