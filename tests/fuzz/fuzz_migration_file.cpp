// libFuzzer target for the migration-file reader: parse_migration and split_statements on any
// bytes. Only orm::Error may escape; what parses keeps the invariants checked below.
#include "core/migrate/directory.hpp"
#include "core/migrate/migration_file.hpp"
#include "core/util/error.hpp"
#include "core/util/sha256.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace {

using orm::migrate::MigrationFile;

[[noreturn]] void
fail(const char* what, const std::string& detail)
{
  std::fprintf(stderr, "migration file: %s\n--- detail\n%s\n--- end\n", what, detail.c_str());
  std::abort();
}

void
require(bool holds, const char* what, const std::string& detail)
{
  if (!holds) {
    fail(what, detail);
  }
}

std::string
listing(const std::vector<std::string>& statements)
{
  std::string result;
  for (const auto& statement : statements) {
    result += "[" + statement + "]\n";
  }
  return result;
}

std::string
printed(const std::vector<std::string>& statements)
{
  std::string result;
  for (const auto& statement : statements) {
    result += statement + ";\n"; // as render_migration and `orm sqlmigrate` write them
  }
  return result;
}

// Statements are trimmed and non-empty, and splitting them again, printed, gives the same list.
// Only the last one may be open (an unterminated quote, comment or block runs to the end of the
// text, as split_statements documents), and a `;` after it is then part of it.
void
check_statements(const std::vector<std::string>& statements)
{
  for (const auto& statement : statements) {
    require(!statement.empty(), "an empty statement", listing(statements));
    require(!std::isspace(static_cast<unsigned char>(statement.front())) &&
                !std::isspace(static_cast<unsigned char>(statement.back())),
            "a statement not trimmed", listing(statements));
  }
  std::vector<std::string> closed = statements;
  if (!closed.empty() &&
      orm::migrate::split_statements(printed({closed.back()})) != std::vector{closed.back()}) {
    closed.pop_back();
  }
  auto again = orm::migrate::split_statements(printed(closed));
  require(again == closed, "re-splitting the printed statements gives another list",
          "printed:\n" + printed(closed) + "split again:\n" + listing(again));
}

void
check_steps(const std::vector<std::string>& statements, const std::vector<size_t>& steps)
{
  size_t total = std::accumulate(steps.begin(), steps.end(), size_t{0});
  require(total == statements.size(), "the steps do not add up to the statements",
          listing(statements));
  for (size_t size : steps) {
    require(size > 0, "an empty step", listing(statements));
  }
}

void
check_migration(const std::string& content, const MigrationFile& file)
{
  std::string normalized = orm::migrate::normalize_content(content);
  require(orm::migrate::normalize_content(normalized) == normalized,
          "normalize_content is not idempotent", normalized);
  require(file.checksum == orm::util::sha256_hex(normalized),
          "the checksum is not that of the normalized content", normalized);
  check_statements(file.up);
  check_statements(file.down);
  check_steps(file.up, file.up_steps);
  check_steps(file.down, file.down_steps);

  MigrationFile again = orm::migrate::parse_migration(file.file_name, content);
  require(again.up == file.up && again.down == file.down && again.checksum == file.checksum,
          "parsing the same text twice differs", content);
  require(orm::migrate::compute_sum({file}) == orm::migrate::compute_sum({again}),
          "orm.sum is not deterministic", content);

  size_t statements = 0;
  for (const auto& step : orm::migrate::steps_of(file)) {
    statements += step.up.size();
  }
  require(statements == file.up.size(), "steps_of loses up statements", listing(file.up));
  require(orm::migrate::reverting_statements(file, 0) ==
              std::optional<std::vector<std::string>>(std::vector<std::string>{}),
          "reverting nothing is not nothing", content);
  auto everything = orm::migrate::reverting_statements(file, file.up.size());
  require(everything.has_value(), "a fully applied migration cannot be reverted", content);
  // A few partial applications: every one would make long inputs quadratic.
  for (size_t applied = 1; applied < std::min<size_t>(file.up.size(), 16); ++applied) {
    orm::migrate::reverting_statements(file, applied);
  }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string content(reinterpret_cast<const char*>(data), size);
  check_statements(orm::migrate::split_statements(content));
  MigrationFile file;
  try {
    file = orm::migrate::parse_migration("20260101000000_fuzz.sql", content);
  } catch (const orm::Error&) {
    return 0;
  }
  check_migration(content, file);
  return 0;
}
