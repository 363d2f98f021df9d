#include "core/migrate/directory.hpp"

#include "core/migrate/file_io.hpp"
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

std::vector<MigrationFile>
read_files(const fs::path& directory)
{
  if (!path_exists(directory)) {
    return {};
  }
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    fail(fmt::format("{}: not a directory", directory.string()));
  }
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

MigrationDirectory
load_directory(const fs::path& directory, bool verify)
{
  MigrationDirectory result = MigrationDirectory::load_unverified(directory);
  if (!verify) {
    return result;
  }
  fs::path sum_path = directory / k_sum_file;
  if (!path_exists(sum_path)) {
    if (!result.files().empty()) {
      fail(
          fmt::format("{}: missing, but the directory holds {} migration file(s); run `orm migrate "
                      "hash` to create it if the files are the ones you meant to have",
                      sum_path.string(), result.files().size()));
    }
    return result;
  }
  verify_sum(sum_path, read_text(sum_path), result.files());
  return result;
}

} // namespace

MigrationDirectory
MigrationDirectory::load(const fs::path& directory)
{
  return load_directory(directory, true);
}

MigrationDirectory
MigrationDirectory::load_unverified(const fs::path& directory)
{
  MigrationDirectory result;
  result.m_path = directory;
  result.m_files = read_files(directory);
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
  MigrationFile file = parse_migration(version + "_" + name + ".sql", content);
  if (find(version)) {
    fail(fmt::format("{}: a migration with version {} already exists", m_path.string(), version));
  }
  fs::path path = m_path / file.file_name;
  write_text(path, content);
  auto position = std::upper_bound(
      m_files.begin(), m_files.end(), file,
      [](const MigrationFile& a, const MigrationFile& b) { return a.file_name < b.file_name; });
  m_files.insert(position, std::move(file));
  write_text(m_path / k_sum_file, compute_sum(m_files));
  return path;
}

void
MigrationDirectory::rehash()
{
  m_files = read_files(m_path);
  write_text(m_path / k_sum_file, compute_sum(m_files));
}

std::optional<schema::Schema>
MigrationDirectory::state() const
{
  fs::path path = m_path / k_state_file;
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
  std::string version = m_files.empty() ? "none" : m_files.back().version;
  write_text(m_path / k_state_file, fmt::format("{} dialect={} version={}\n{}", k_state_header,
                                                dialect, version, models::print(schema)));
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
