#include "core/migrate/directory.hpp"

#include "core/migrate/file_io.hpp"
#include "core/migrate/file_lock.hpp"
#include "core/migrate/folder_change.hpp"
#include "core/models/models.hpp"
#include "core/util/error.hpp"
#include "core/util/sha256.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace orm::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_sum_file = "orm.sum";
constexpr std::string_view k_state_file = "orm.state";
constexpr std::string_view k_hash_prefix = "h1:";
constexpr std::string_view k_state_header = "// orm:state";
constexpr std::string_view k_hash_advice = "run `orm migrate hash` if that was deliberate";

[[noreturn]] void
fail(const std::string& message)
{
  throw Error(ErrorKind::migration, message);
}

bool
path_exists(const fs::path& path)
{
  std::error_code error;
  bool found = fs::exists(path, error);
  if (error) {
    fail(fmt::format("{}: {}", path.string(), error.message()));
  }
  return found;
}

// The chained hash of one file: covers the previous line's hash, the name and the content.
std::string
chain_hash(const std::string& previous, const MigrationFile& file)
{
  util::Sha256 hash;
  hash.update(previous);
  hash.update("\n");
  hash.update(file.file_name);
  hash.update("\n");
  hash.update(normalize_content(file.content));
  return hash.hex_digest();
}

void
require_directory(const fs::path& directory)
{
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    fail(fmt::format("{}: not a directory", directory.string()));
  }
}

// Rolls an interrupted change forward or back, so that what is read next under `lock` is one
// consistent folder.
void
recover(const fs::path& directory, FolderLock& lock)
{
  if (needs_recovery(directory)) {
    lock.make_exclusive();
    recover_folder(directory); // looks again: another process may have recovered meanwhile
  }
}

std::vector<MigrationFile>
read_files(const fs::path& directory)
{
  std::error_code error;
  std::vector<MigrationFile> files;
  fs::directory_iterator it(directory, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    const fs::path& path = it->path();
    if (path.extension() == ".sql" && it->is_regular_file(error)) {
      files.push_back(parse_migration(path.filename().string(), read_text(path)));
    }
  }
  if (error) {
    fail(fmt::format("{}: cannot list the directory: {}", directory.string(), error.message()));
  }
  std::sort(files.begin(), files.end(), [](const MigrationFile& a, const MigrationFile& b) {
    return a.file_name < b.file_name;
  });
  auto same_version = std::adjacent_find(
      files.begin(), files.end(),
      [](const MigrationFile& a, const MigrationFile& b) { return a.version == b.version; });
  if (same_version != files.end()) {
    fail(fmt::format("{}: {} and {} have the same version; rename one of them", directory.string(),
                     same_version->file_name, (same_version + 1)->file_name));
  }
  return files;
}

struct SumEntry
{
  std::string file_name;
  std::string hash;
};

bool
lists(const std::vector<SumEntry>& entries, const std::string& file_name)
{
  return std::any_of(entries.begin(), entries.end(),
                     [&](const SumEntry& entry) { return entry.file_name == file_name; });
}

bool
lists(const std::vector<MigrationFile>& files, const std::string& file_name)
{
  return std::any_of(files.begin(), files.end(),
                     [&](const MigrationFile& file) { return file.file_name == file_name; });
}

// Checks `files` against the text of orm.sum; throws naming the first file that does not match.
void
verify_sum(const fs::path& sum_path, const std::string& sum_text,
           const std::vector<MigrationFile>& files)
{
  std::string where = sum_path.string();
  auto lines = util::split(normalize_content(sum_text), '\n');
  if (lines.empty() || lines[0].substr(0, k_hash_prefix.size()) != k_hash_prefix) {
    fail(fmt::format("{}: malformed: the first line must be `h1:<hash>`; run `orm migrate hash` to "
                     "rewrite it",
                     where));
  }
  std::vector<SumEntry> entries;
  std::string body;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t space = lines[i].rfind(' ');
    if (space == std::string::npos ||
        lines[i].compare(space + 1, k_hash_prefix.size(), k_hash_prefix) != 0) {
      fail(fmt::format("{}:{}: malformed line `{}`; run `orm migrate hash` to rewrite the file",
                       where, i + 1, lines[i]));
    }
    entries.push_back(
        {lines[i].substr(0, space), lines[i].substr(space + 1 + k_hash_prefix.size())});
    body += lines[i] + "\n";
  }

  for (size_t i = 0; i < std::max(entries.size(), files.size()); ++i) {
    if (i < files.size() && (i >= entries.size() || !lists(entries, files[i].file_name))) {
      fail(fmt::format(
          "{}: {} is not listed: it was added by hand or copied from another branch; {}", where,
          files[i].file_name, k_hash_advice));
    }
    if (i < entries.size() && (i >= files.size() || !lists(files, entries[i].file_name))) {
      fail(fmt::format("{}: {} is listed but the file is missing: it was deleted or renamed; {}",
                       where, entries[i].file_name, k_hash_advice));
    }
    if (files[i].file_name != entries[i].file_name) {
      fail(fmt::format("{}: {} is out of order: orm.sum lists {} in its place; {}", where,
                       files[i].file_name, entries[i].file_name, k_hash_advice));
    }
    // Chain from the recorded previous hash so that an edit is blamed on the edited file only.
    std::string previous = i == 0 ? std::string() : entries[i - 1].hash;
    if (chain_hash(previous, files[i]) != entries[i].hash) {
      fail(fmt::format(
          "{}: checksum mismatch for {}: the file was edited after it was generated; {}", where,
          files[i].file_name, k_hash_advice));
    }
  }
  if (lines[0].substr(k_hash_prefix.size()) != util::sha256_hex(body)) {
    fail(fmt::format("{}: the file itself was edited: its first line does not match the lines "
                     "below; {}",
                     where, k_hash_advice));
  }
}

// The caller holds the directory's lock.
std::vector<MigrationFile>
read_verified_files(const fs::path& directory)
{
  std::vector<MigrationFile> files = read_files(directory);
  fs::path sum_path = directory / k_sum_file;
  if (!path_exists(sum_path)) {
    if (!files.empty()) {
      fail(
          fmt::format("{}: missing, but the directory holds {} migration file(s); run `orm migrate "
                      "hash` to create it if the files are the ones you meant to have",
                      sum_path.string(), files.size()));
    }
    return files;
  }
  verify_sum(sum_path, read_text(sum_path), files);
  return files;
}

void
ensure_directory(const fs::path& directory)
{
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    fail(fmt::format("{}: cannot create the directory: {}", directory.string(), error.message()));
  }
  require_directory(directory);
}

} // namespace

MigrationDirectory
MigrationDirectory::load(const fs::path& directory)
{
  MigrationDirectory result;
  result.m_path = directory;
  if (path_exists(directory)) {
    require_directory(directory);
    FolderLock lock(directory, LockMode::shared);
    recover(directory, lock);
    result.m_files = read_verified_files(directory);
  }
  return result;
}

MigrationDirectory
MigrationDirectory::load_unverified(const fs::path& directory)
{
  MigrationDirectory result;
  result.m_path = directory;
  if (path_exists(directory)) {
    require_directory(directory);
    FolderLock lock(directory, LockMode::shared);
    recover(directory, lock);
    result.m_files = read_files(directory);
  }
  return result;
}

const MigrationFile*
MigrationDirectory::find(const std::string& version) const
{
  auto it = std::find_if(m_files.begin(), m_files.end(),
                         [&](const MigrationFile& file) { return file.version == version; });
  return it == m_files.end() ? nullptr : &*it;
}

fs::path
MigrationDirectory::add(const std::string& version, const std::string& name,
                        const std::string& content)
{
  return add_files(version, name, content, nullptr, "");
}

fs::path
MigrationDirectory::add(const std::string& version, const std::string& name,
                        const std::string& content, const schema::Schema& state,
                        const std::string& dialect)
{
  return add_files(version, name, content, &state, dialect);
}

fs::path
MigrationDirectory::add_files(const std::string& version, const std::string& name,
                              const std::string& content, const schema::Schema* state,
                              const std::string& dialect)
{
  MigrationFile file = parse_migration(version + "_" + name + ".sql", content);
  ensure_directory(m_path);
  FolderLock lock(m_path, LockMode::exclusive);
  recover(m_path, lock);
  // Read again under the lock: another process may have added a migration since load().
  m_files = read_verified_files(m_path);
  if (find(version)) {
    fail(fmt::format("{}: a migration with version {} already exists", m_path.string(), version));
  }
  FolderChange change(m_path);
  change.write(file.file_name, content);
  fs::path path = m_path / file.file_name;
  auto position = std::upper_bound(
      m_files.begin(), m_files.end(), file,
      [](const MigrationFile& a, const MigrationFile& b) { return a.file_name < b.file_name; });
  m_files.insert(position, std::move(file));
  change.write(std::string(k_sum_file), compute_sum(m_files));
  if (state) {
    change.write(std::string(k_state_file), state_text(*state, dialect));
  }
  change.commit();
  return path;
}

void
MigrationDirectory::rehash()
{
  ensure_directory(m_path);
  FolderLock lock(m_path, LockMode::exclusive);
  recover(m_path, lock);
  m_files = read_files(m_path);
  write_text(m_path / k_sum_file, compute_sum(m_files));
}

std::optional<schema::Schema>
MigrationDirectory::state() const
{
  fs::path path = m_path / k_state_file;
  if (!path_exists(m_path)) {
    return std::nullopt;
  }
  FolderLock lock(m_path, LockMode::shared);
  recover(m_path, lock);
  if (!path_exists(path)) {
    return std::nullopt;
  }
  std::string text = read_text(path);
  if (text.compare(0, k_state_header.size(), k_state_header) != 0) {
    fail(fmt::format("{}: not an orm state file: the first line must start with `{}`; "
                     "makemigrations writes it",
                     path.string(), k_state_header));
  }
  // The header is a comment in the models language, so line numbers in errors stay right.
  return models::parse(text, path.string());
}

void
MigrationDirectory::write_state(const schema::Schema& schema, const std::string& dialect)
{
  ensure_directory(m_path);
  FolderLock lock(m_path, LockMode::exclusive);
  recover(m_path, lock);
  write_text(m_path / k_state_file, state_text(schema, dialect));
}

std::string
MigrationDirectory::state_text(const schema::Schema& schema, const std::string& dialect) const
{
  std::string version = m_files.empty() ? "none" : m_files.back().version;
  return fmt::format("{} dialect={} version={}\n{}", k_state_header, dialect, version,
                     models::print(schema));
}

std::string
compute_sum(const std::vector<MigrationFile>& files)
{
  std::string body;
  std::string previous;
  for (const auto& file : files) {
    previous = chain_hash(previous, file);
    body += fmt::format("{} {}{}\n", file.file_name, k_hash_prefix, previous);
  }
  return fmt::format("{}{}\n{}", k_hash_prefix, util::sha256_hex(body), body);
}

} // namespace orm::migrate
