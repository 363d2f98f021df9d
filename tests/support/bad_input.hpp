#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace orm::test {

// Something a case does to the project folder before orm runs (a link, a directory, chattr +i).
using Prepare = std::function<void(const std::filesystem::path& project)>;
// The test's own reading of a database (catalog rows, orm_migrations rows) as one text.
using ReadCatalog = std::function<std::string()>;

// One bad input: what is written into a copy of the project, the orm command line run there, and
// what orm must answer.
struct BadInput
{
  std::string name;
  std::string args;
  int exit_code;
  std::string message; // a part of stderr that says what is wrong and where
  std::map<std::string, std::string> files = {}; // project-relative path -> content
  Prepare prepare = {};
  std::string environment = {};       // `NAME=value ...` before the binary
  std::string secret = {};            // a password given to orm, never to be printed
  std::vector<std::string> more = {}; // further parts stderr must hold
};

// Every entry under `folder`, by relative path: its kind and, for a file, its bytes' SHA-256.
std::map<std::string, std::string> snapshot_folder(const std::filesystem::path& folder);

// Writes the case's files into `project`, runs orm there and checks the exit code, the message on
// stderr, that the case's secret (a password) appears in neither output, that every file of the
// project is byte for byte as before and that `catalog` reads the same before and after. Failures
// name the case, the command and both outputs.
void check_bad_input(const BadInput& item, const std::filesystem::path& project,
                     const ReadCatalog& catalog = {});

// The models of the SQLite base project.
constexpr const char* k_base_models = R"(table users {
  id     bigint       primary key autoincrement
  email  varchar(255) unique
}
)";

// A SQLite project built once per process: orm init, k_base_models, migration
// 20260101000000_initial made and applied to db.sqlite3. Cases run in copies of it.
const std::filesystem::path& sqlite_base_project();

// Reads the SQLite database at `path` as the test sees it: sqlite_schema and orm_migrations.
ReadCatalog sqlite_catalog(const std::filesystem::path& path);

// Runs each case in a fresh copy of sqlite_base_project(), one Catch section per case (named
// after it, so `-c '<name>'` runs one), checking the files and the database's catalog.
void run_sqlite_cases(const std::vector<BadInput>& cases);

// Copies the folder `from` into `to` (created), links kept as links.
void copy_project(const std::filesystem::path& from, const std::filesystem::path& to);

// Makes `path` immutable (chattr +i), which root cannot write through either; check_bad_input
// lifts it again after the run so that the folder can be removed.
void make_immutable(const std::filesystem::path& path);

// A BadInput::environment that runs orm as the user nobody (setpriv), for the permission cases:
// root reads and writes whatever the modes say, nobody only what they allow.
std::string as_nobody();

} // namespace orm::test
