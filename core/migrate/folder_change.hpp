#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace orm::migrate {

// Writes several files of one folder as one atomic change: a process killed at any moment
// leaves the old files or, once `recover_folder` has run, the new ones, and no temporary files.
//
// `write` puts each new content in a durable temporary file. `commit` fsyncs the folder, writes
// the journal `.orm-journal` (through a temporary file and a rename, so it is complete or absent)
// pairing each temporary with its target, renames the temporaries over their targets and
// removes the journal. The caller holds the folder's exclusive FolderLock.
class FolderChange
{
public:
  explicit FolderChange(std::filesystem::path folder);
  ~FolderChange(); // removes the temporaries unless the journal is written
  FolderChange(const FolderChange&) = delete;
  FolderChange& operator=(const FolderChange&) = delete;

  void write(const std::string& file_name, const std::string& content);
  void commit();

private:
  std::filesystem::path m_folder;
  std::vector<std::pair<std::string, std::string>> m_renames; // temporary, target
  bool m_journaled = false;
};

// Whether `folder` holds a journal or temporary files, that `recover_folder` would act on.
bool needs_recovery(const std::filesystem::path& folder);

// Finishes or undoes an interrupted change: a journal is rolled forward (the temporaries it lists
// are durable: each one still there is renamed over its target) and removed; then every
// temporary file left is removed (written before the journal, so that change never happened).
// The caller holds the folder's exclusive FolderLock.
void recover_folder(const std::filesystem::path& folder);

} // namespace orm::migrate
