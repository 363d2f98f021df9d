#pragma once

#include "core/migrate/file_descriptor.hpp"
#include "core/migrate/store.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace orm::migrate {

// An exclusive flock on `lock_path`, held until destruction, for databases that have no lock of
// their own that outlives a transaction. Waits up to `timeout` for another process to release it,
// then throws Error(migration) naming `database`. A symbolic link at `lock_path` is refused, never
// followed.
class FileLock : public Lock
{
public:
  FileLock(const std::string& lock_path, const std::string& database,
           std::chrono::milliseconds timeout);

private:
  FileDescriptor m_file; // closing it releases the lock
};

enum class LockMode
{
  shared,
  exclusive
};

// An flock on a folder itself (so no lock file is left in it), held until destruction: shared
// while reading the migration directory, exclusive while changing it. Holders keep it for a few
// file operations only, so it waits without a timeout.
class FolderLock
{
public:
  FolderLock(const std::filesystem::path& folder, LockMode mode);
  // Shared to exclusive; not atomic (flock drops the shared lock first), so re-check the folder.
  void make_exclusive();

private:
  void lock(LockMode mode);

  std::filesystem::path m_folder;
  FileDescriptor m_directory;
};

} // namespace orm::migrate
