#pragma once

#include "core/migrate/store.hpp"

#include <chrono>
#include <string>

namespace orm::migrate {

// Owns a POSIX file descriptor.
class FileDescriptor
{
public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return m_fd; }

private:
  int m_fd;
};

// An exclusive flock on `lock_path`, held until destruction, for databases that have no lock of
// their own that outlives a transaction. Waits up to `timeout` for another process to release it,
// then throws Error(migration) naming `database`.
class FileLock : public Lock
{
public:
  FileLock(const std::string& lock_path, const std::string& database,
           std::chrono::milliseconds timeout);

private:
  FileDescriptor m_file; // closing it releases the lock
};

} // namespace orm::migrate
