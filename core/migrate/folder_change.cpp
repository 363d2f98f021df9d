#include "core/migrate/folder_change.hpp"

#include "core/migrate/file_io.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

namespace orm::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_journal_file = ".orm-journal";
constexpr std::string_view k_journal_header = "orm:journal";

using Renames = std::vector<std::pair<std::string, std::string>>;

bool
is_temporary(const std::string& file_name)
{
  return file_name.rfind(k_temporary_prefix, 0) == 0;
}

bool
is_plain_name(const std::string& file_name)
{
  return !file_name.empty() && file_name.find('/') == std::string::npos && file_name != "." &&
         file_name != "..";
}

std::string
journal_text(const Renames& renames)
{
  std::string text = std::string(k_journal_header) + "\n";
  for (const auto& [temporary, target] : renames) {
    text += temporary + " " + target + "\n";
  }
  return text;
}

Renames
parse_journal(const fs::path& path)
{
  auto lines = util::split(read_text(path), '\n');
  auto malformed = [&](const std::string& why) {
    return Error(ErrorKind::migration,
                 fmt::format("{}: malformed journal of an interrupted write ({}); check the "
                             "migration files and orm.sum, then remove it",
                             path.string(), why));
  };
  if (lines.empty() || lines[0] != k_journal_header) {
    throw malformed(fmt::format("the first line must be `{}`", k_journal_header));
  }
  Renames renames;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty() && i + 1 == lines.size()) {
      break;
    }
    size_t space = lines[i].find(' ');
    std::string temporary = lines[i].substr(0, space);
    std::string target = space == std::string::npos ? "" : lines[i].substr(space + 1);
    if (!is_temporary(temporary) || !is_plain_name(temporary) || !is_plain_name(target) ||
        is_temporary(target)) {
      throw malformed(fmt::format("line {}: `{}`", i + 1, lines[i]));
    }
    renames.emplace_back(temporary, target);
  }
  return renames;
}

// A temporary that is gone was renamed before an interruption, when rolling a journal forward.
enum class Gone
{
  is_an_error,
  was_renamed
};

void
rename_all(const fs::path& folder, const Renames& renames, Gone gone)
{
  for (const auto& [temporary, target] : renames) {
    std::error_code error;
    if (gone == Gone::was_renamed && !fs::exists(fs::symlink_status(folder / temporary, error))) {
      continue;
    }
    rename_file(folder / temporary, folder / target);
  }
  sync_folder(folder);
}

std::vector<std::string>
folder_entries(const fs::path& folder)
{
  std::vector<std::string> names;
  std::error_code error;
  fs::directory_iterator it(folder, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    names.push_back(it->path().filename().string());
  }
  if (error) {
    throw Error(ErrorKind::migration,
                fmt::format("{}: cannot list the directory: {}", folder.string(), error.message()));
  }
  return names;
}

} // namespace

FolderChange::FolderChange(fs::path folder) : m_folder(std::move(folder)) {}

FolderChange::~FolderChange()
{
  if (m_journaled) {
    return; // the journal rolls the change forward; recover_folder finishes it
  }
  for (const auto& [temporary, target] : m_renames) {
    std::error_code ignored;
    fs::remove(m_folder / temporary, ignored);
  }
}

void
FolderChange::write(const std::string& file_name, const std::string& content)
{
  fs::path temporary = write_temporary(m_folder / file_name, content);
  m_renames.emplace_back(temporary.filename().string(), file_name);
}

void
FolderChange::commit()
{
  sync_folder(m_folder); // the temporaries' names are durable before the journal names them
  fs::path journal = write_temporary(m_folder / k_journal_file, journal_text(m_renames));
  try {
    rename_file(journal, m_folder / k_journal_file);
  } catch (...) {
    std::error_code ignored;
    fs::remove(journal, ignored);
    throw;
  }
  m_journaled = true;
  sync_folder(m_folder);
  rename_all(m_folder, m_renames, Gone::is_an_error);
  remove_file(m_folder / k_journal_file);
  sync_folder(m_folder);
}

bool
needs_recovery(const fs::path& folder)
{
  for (const auto& name : folder_entries(folder)) {
    if (name == k_journal_file || is_temporary(name)) {
      return true;
    }
  }
  return false;
}

void
recover_folder(const fs::path& folder)
{
  fs::path journal = folder / k_journal_file;
  std::error_code error;
  if (fs::exists(fs::symlink_status(journal, error))) {
    rename_all(folder, parse_journal(journal), Gone::was_renamed);
    remove_file(journal);
  }
  for (const auto& name : folder_entries(folder)) {
    if (is_temporary(name)) {
      remove_file(folder / name);
    }
  }
  sync_folder(folder);
}

} // namespace orm::migrate
