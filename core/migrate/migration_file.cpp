#include "core/migrate/migration_file.hpp"

#include "core/util/error.hpp"
#include "core/util/sha256.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <optional>
#include <string_view>

namespace orm::migrate {

namespace {

constexpr std::string_view k_up_marker = "-- orm:up";
constexpr std::string_view k_down_marker = "-- orm:down";
constexpr std::string_view k_irreversible_marker = "-- orm:irreversible";
constexpr std::string_view k_no_transaction_marker = "-- orm:no-transaction";
constexpr size_t k_version_length = 14;

[[noreturn]] void
fail(const std::string& file_name, const std::string& message)
{
  throw Error(ErrorKind::migration, fmt::format("{}: {}", file_name, message));
}

// Checks <14 digits>_<[a-z0-9_]+>.sql.
bool
is_valid_file_name(std::string_view file_name)
{
  constexpr std::string_view suffix = ".sql";
  if (file_name.size() < k_version_length + 1 + 1 + suffix.size() ||
      file_name.substr(file_name.size() - suffix.size()) != suffix ||
      file_name[k_version_length] != '_') {
    return false;
  }
  for (size_t i = 0; i < k_version_length; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file_name[i]))) {
      return false;
    }
  }
  std::string_view name = file_name.substr(k_version_length + 1,
                                           file_name.size() - k_version_length - 1 - suffix.size());
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

// Prefixes every line of `text` with "-- ".
std::string
comment(std::string_view text)
{
  std::string result;
  for (const auto& line : util::split(text, '\n')) {
    result += "-- " + line + "\n";
  }
  return result;
}

std::string
render_statements(const std::vector<std::string>& statements)
{
  std::string result;
  for (const auto& statement : statements) {
    result += statement + ";\n";
  }
  return result;
}

std::string
render_up(const Step& step)
{
  std::string result = comment(step.summary);
  for (const auto& warning : step.warnings) {
    result += comment("WARNING: " + warning);
  }
  if (step.irreversible) {
    std::string note = step.warnings.empty() ? step.summary : util::join(step.warnings, "; ");
    result += std::string(k_irreversible_marker) + " " + util::squeeze_spaces(note) + "\n";
  }
  return result + render_statements(step.up);
}

// CRLF and CR line breaks as LF.
std::string
unify_line_endings(std::string_view content)
{
  std::string unified;
  unified.reserve(content.size());
  for (size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\r') {
      unified += '\n';
      if (i + 1 < content.size() && content[i + 1] == '\n') {
        ++i;
      }
    } else {
      unified += content[i];
    }
  }
  return unified;
}

struct Line
{
  std::string_view text; // without the line break
  size_t begin = 0;      // offset of the line in the content
  size_t end = 0;        // offset just after its line break
};

std::vector<Line>
lines_of(std::string_view content)
{
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < content.size()) {
    size_t newline = content.find('\n', begin);
    size_t end = newline == std::string_view::npos ? content.size() : newline + 1;
    lines.push_back(
        {content.substr(begin, (newline == std::string_view::npos ? end : newline) - begin), begin,
         end});
    begin = end;
  }
  return lines;
}

// The lines that start outside literals, quoted names and block comments: the ones that may
// hold a marker.
std::vector<Line>
marker_candidates(std::string_view content)
{
  std::vector<TextRange> quoted = quoted_ranges(content);
  auto range = quoted.begin();
  std::vector<Line> lines;
  for (const auto& line : lines_of(content)) {
    while (range != quoted.end() && range->end <= line.begin) {
      ++range;
    }
    if (range == quoted.end() || line.begin <= range->begin) {
      lines.push_back(line);
    }
  }
  return lines;
}

// True when `gap` holds an empty or whitespace-only line.
bool
has_blank_line(std::string_view gap)
{
  size_t newline = gap.find('\n');
  while (newline != std::string_view::npos) {
    size_t next = gap.find('\n', newline + 1);
    if (next == std::string_view::npos) {
      return false;
    }
    if (util::trim(gap.substr(newline + 1, next - newline - 1)).empty()) {
      return true;
    }
    newline = next;
  }
  return false;
}

// The statements of `section` grouped into steps at blank lines; see MigrationFile::up_steps.
std::vector<size_t>
step_sizes(std::string_view section, const std::vector<std::string>& statements)
{
  std::vector<size_t> sizes;
  size_t cursor = 0;
  for (const auto& statement : statements) {
    size_t start = section.find(statement, cursor);
    if (start == std::string_view::npos) {
      start = cursor; // not found verbatim: keep it in the current step
    }
    if (sizes.empty() || has_blank_line(section.substr(cursor, start - cursor))) {
      sizes.push_back(0);
    }
    ++sizes.back();
    cursor = std::min(section.size(), start + statement.size());
  }
  return sizes;
}

} // namespace

std::vector<StepStatements>
steps_of(const MigrationFile& migration)
{
  if (migration.up_steps.size() != migration.down_steps.size()) {
    return {{migration.up, migration.down}};
  }
  std::vector<StepStatements> steps(migration.up_steps.size());
  auto up = migration.up.begin();
  for (size_t i = 0; i < steps.size(); ++i) {
    steps[i].up.assign(up, up + static_cast<long>(migration.up_steps[i]));
    up += static_cast<long>(migration.up_steps[i]);
  }
  auto down = migration.down.begin();
  for (size_t i = steps.size(); i-- > 0;) {
    size_t count = migration.down_steps[steps.size() - 1 - i];
    steps[i].down.assign(down, down + static_cast<long>(count));
    down += static_cast<long>(count);
  }
  return steps;
}

std::optional<std::vector<std::string>>
reverting_statements(const MigrationFile& migration, size_t applied)
{
  std::vector<std::vector<std::string>> reverses;
  for (const auto& step : steps_of(migration)) {
    if (applied == 0) {
      break;
    }
    if (applied < step.up.size()) {
      return std::nullopt;
    }
    applied -= step.up.size();
    reverses.push_back(step.down);
  }
  std::vector<std::string> statements;
  for (auto step = reverses.rbegin(); step != reverses.rend(); ++step) {
    statements.insert(statements.end(), step->begin(), step->end());
  }
  return statements;
}

std::string
normalize_content(const std::string& content)
{
  std::string result;
  size_t kept = 0; // length of result up to the last non-blank line
  for (const auto& line : util::split(unify_line_endings(content), '\n')) {
    std::string_view text = line;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    }
    result += text;
    if (!text.empty()) {
      kept = result.size();
    }
    result += '\n';
  }
  result.resize(kept);
  return result;
}

MigrationFile
parse_migration(const std::string& file_name, const std::string& content)
{
  if (!is_valid_file_name(file_name)) {
    fail(file_name, "a migration file name must look like <YYYYMMDDHHMMSS>_<name>.sql, the name in "
                    "lowercase letters, digits and underscores");
  }
  MigrationFile file;
  file.file_name = file_name;
  file.version = file_name.substr(0, k_version_length);
  file.name = file_name.substr(k_version_length + 1, file_name.size() - k_version_length - 5);
  file.content = content;
  file.checksum = util::sha256_hex(normalize_content(content));

  std::string unified = unify_line_endings(content);
  std::string_view text(unified);
  std::optional<Line> up_marker;
  std::optional<Line> down_marker;
  for (const auto& line : marker_candidates(text)) {
    std::string_view trimmed = util::trim(line.text);
    if (trimmed == k_up_marker) {
      if (up_marker) {
        fail(file_name, "the `-- orm:up` marker appears twice");
      }
      up_marker = line;
    } else if (trimmed == k_down_marker) {
      if (!up_marker) {
        fail(file_name, "the `-- orm:down` marker comes before `-- orm:up`");
      }
      if (down_marker) {
        fail(file_name, "the `-- orm:down` marker appears twice");
      }
      down_marker = line;
    } else if (trimmed == k_no_transaction_marker) {
      file.no_transaction = true;
    } else if (trimmed.substr(0, k_irreversible_marker.size()) == k_irreversible_marker) {
      file.irreversible_notes.emplace_back(
          util::trim(trimmed.substr(k_irreversible_marker.size())));
    }
  }
  if (!up_marker) {
    fail(file_name, "no `-- orm:up` marker: a migration has an `-- orm:up` section and an "
                    "`-- orm:down` section");
  }
  if (!down_marker) {
    fail(file_name, "no `-- orm:down` marker: a migration has an `-- orm:up` section and an "
                    "`-- orm:down` section (leave the down section empty when nothing reverts it)");
  }
  if (!split_statements(std::string(text.substr(0, up_marker->begin))).empty()) {
    fail(file_name, "SQL before the `-- orm:up` marker; put it in the up section");
  }
  std::string_view up_section = text.substr(up_marker->end, down_marker->begin - up_marker->end);
  file.up = split_statements(std::string(up_section));
  file.up_steps = step_sizes(up_section, file.up);
  std::string_view down_section = text.substr(down_marker->end);
  file.down = split_statements(std::string(down_section));
  file.down_steps = step_sizes(down_section, file.down);
  return file;
}

std::string
render_migration(const Plan& plan, const std::string& version, const std::string& name,
                 const std::string& dialect)
{
  std::string result = fmt::format("-- orm migration {}_{} ({})\n", version, name, dialect);
  result += "-- Generated by orm. Edit with care; run `orm migrate hash` after a hand edit.\n";
  for (const auto& note : plan.notes) {
    result += comment(note);
  }
  if (plan.needs_no_transaction) {
    result += std::string(k_no_transaction_marker) + "\n";
  }
  result += "\n" + std::string(k_up_marker) + "\n";
  if (plan.empty()) {
    result += "\n-- write the SQL to apply here\n";
  }
  for (const auto& step : plan.steps) {
    result += "\n" + render_up(step);
  }
  result += "\n" + std::string(k_down_marker) + "\n";
  if (plan.empty()) {
    result += "\n-- write the SQL that reverts it here\n";
  }
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    // Each step of the down section says which up step it reverts.
    result += "\n" + comment("revert: " + step->summary) + render_statements(step->down);
  }
  return result;
}

std::string
version_for(std::chrono::system_clock::time_point time)
{
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string
slug(const std::string& name)
{
  std::string result;
  bool pending_separator = false;
  for (char c : util::to_lower(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_separator && !result.empty()) {
        result += '_';
      }
      pending_separator = false;
      result += c;
    } else {
      pending_separator = true;
    }
  }
  return result.empty() ? "auto" : result;
}

} // namespace orm::migrate
