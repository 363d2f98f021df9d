#pragma once

#include "core/migrate/migration_file.hpp"
#include "core/schema/schema.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace orm::migrate {

// The migration directory: the .sql files in version order, the chained checksum file orm.sum,
// and the schema state file orm.state that --offline diffs against. Every read and write holds
// the folder's FolderLock, and first finishes or undoes what a killed orm process left there
// (recover_folder), so every command sees one consistent folder.
//
// orm.sum: first line `h1:<hash of all lines below>`, then one line per file
// `<file name> h1:<hash>` where each hash covers the file's normalised content AND the previous
// line's hash, so inserting, deleting, editing or reordering a file changes every later line.
class MigrationDirectory
{
public:
  // Reads the directory (a missing directory reads as empty) and verifies orm.sum; throws
  // Error(migration) naming the first file that does not match, telling to run `orm migrate hash`.
  static MigrationDirectory load(const std::filesystem::path& directory);
  // Reads without verifying (for `orm migrate hash`).
  static MigrationDirectory load_unverified(const std::filesystem::path& directory);

  const std::filesystem::path& path() const { return m_path; }
  const std::vector<MigrationFile>& files() const { return m_files; }
  const MigrationFile* find(const std::string& version) const;

  // Writes a new migration file and rewrites orm.sum, as one atomic change of the folder (see
  // FolderChange), after reading and verifying the folder again under its exclusive lock.
  // Returns the new file's path.
  std::filesystem::path add(const std::string& version, const std::string& name,
                            const std::string& content);
  // The same, with orm.state recording `state` in the same atomic change.
  std::filesystem::path add(const std::string& version, const std::string& name,
                            const std::string& content, const schema::Schema& state,
                            const std::string& dialect);
  // Rewrites orm.sum from the files as they are now.
  void rehash();

  // The schema the migrations lead to, as recorded by makemigrations in orm.state (models
  // language, with the dialect and the last version in its header). Empty when never written.
  std::optional<schema::Schema> state() const;
  void write_state(const schema::Schema& schema, const std::string& dialect);

private:
  std::filesystem::path add_files(const std::string& version, const std::string& name,
                                  const std::string& content, const schema::Schema* state,
                                  const std::string& dialect);
  std::string state_text(const schema::Schema& schema, const std::string& dialect) const;

  std::filesystem::path m_path;
  std::vector<MigrationFile> m_files;
};

// The text of orm.sum for these files (in order).
std::string compute_sum(const std::vector<MigrationFile>& files);

} // namespace orm::migrate
