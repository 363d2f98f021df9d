#pragma once

#include "core/migrate/plan.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orm::migrate {

// One migration: migrations/<UTC YYYYMMDDHHMMSS>_<name>.sql with `-- orm:up` and `-- orm:down`
// sections. Markers: `-- orm:irreversible ...` (down needs --force), `-- orm:no-transaction`.
struct MigrationFile
{
  std::string version; // "20261124053000"
  std::string name;    // "add_users"
  std::string file_name;
  std::string content;
  std::vector<std::string> up; // statements, split SQL-aware, without the trailing ';'
  std::vector<std::string> down;
  // Statements per step, in file order: a step starts at a statement that a blank line separates
  // from the one before (render_migration writes a blank line and the step's summary before
  // each step). The down section lists the steps in reverse.
  std::vector<size_t> up_steps;
  std::vector<size_t> down_steps;
  std::vector<std::string> irreversible_notes; // the text after each `-- orm:irreversible`
  bool no_transaction = false;
  std::string checksum; // of the content, ignoring line endings and trailing whitespace

  bool irreversible() const { return !irreversible_notes.empty(); }
};

// One step of a migration: its up statements and the down statements that revert them.
struct StepStatements
{
  std::vector<std::string> up;
  std::vector<std::string> down;
};

// The steps of `migration` in up order, each with its reverse. When the two sections do not pair
// up (different numbers of steps, as in a hand-written file), one step holds everything.
std::vector<StepStatements> steps_of(const MigrationFile& migration);

// The statements that revert the first `applied` up statements: the downs of the steps applied
// completely, newest first. Nothing when that is unknown: a step was applied only in part, or the
// sections do not pair up and some but not all statements were applied.
std::optional<std::vector<std::string>> reverting_statements(const MigrationFile& migration,
                                                             size_t applied);

// Parses a migration's text; `file_name` must be <version>_<name>.sql. Markers are lines outside
// string literals, quoted identifiers and block comments. Throws Error(migration) naming the
// file for a bad name or a missing `-- orm:up` or `-- orm:down` marker.
MigrationFile parse_migration(const std::string& file_name, const std::string& content);

// The text of a new migration for `plan`: header, up section (each step's summary, warnings and
// statements), down section (the steps' downs in reverse order). Deterministic.
std::string render_migration(const Plan& plan, const std::string& version, const std::string& name,
                             const std::string& dialect);

// Splits a SQL script into statements at ';' outside quotes, comments, dollar quotes and
// BEGIN...END trigger bodies. Comment-only fragments, and comments after a statement, are dropped.
std::vector<std::string> split_statements(const std::string& script);

// [begin, end) offsets into a text.
struct TextRange
{
  size_t begin = 0;
  size_t end = 0;
};

// Where `script` has string literals, quoted identifiers, dollar quotes and block comments, in
// order: the spans split_statements never splits in, and where no marker line is read.
std::vector<TextRange> quoted_ranges(std::string_view script);

// The text the checksums cover: line endings as LF, trailing whitespace of every line and trailing
// blank lines removed.
std::string normalize_content(const std::string& content);

// "20261124053000" for a point in time, in UTC.
std::string version_for(std::chrono::system_clock::time_point time);

// Lowercase, [a-z0-9_] only: "Add users!" -> "add_users".
std::string slug(const std::string& name);

} // namespace orm::migrate
