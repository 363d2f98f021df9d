#include "tests/support/bad_input.hpp"

#include "core/dialect/sqlite/connection.hpp"
#include "core/util/sha256.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>

namespace fs = std::filesystem;

namespace orm::test {

namespace {

std::string
describe_entry(const fs::directory_entry& entry)
{
  auto status = entry.symlink_status();
  switch (status.type()) {
  case fs::file_type::symlink:
    return "link to " + fs::read_symlink(entry.path()).string();
  case fs::file_type::directory:
    return "directory";
  case fs::file_type::regular:
    return "file " + util::sha256_hex(read_file(entry.path()));
  default:
    return "other";
  }
}

std::string
modes_of(const fs::directory_entry& entry)
{
  return std::to_string(static_cast<unsigned>(entry.symlink_status().permissions()));
}

void
shell(const std::string& command)
{
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("cannot run: " + command);
  }
}

} // namespace

std::map<std::string, std::string>
snapshot_folder(const fs::path& folder)
{
  std::map<std::string, std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    entries[fs::relative(entry.path(), folder).string()] =
        describe_entry(entry) + " mode " + modes_of(entry);
  }
  return entries;
}

void
copy_project(const fs::path& from, const fs::path& to)
{
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

const fs::path&
sqlite_base_project()
{
  static TempDir base;
  static bool built = false;
  if (!built) {
    REQUIRE(run_orm(base.path(), "init").exit_code == 0);
    write_file(base / "models.orm", k_base_models);
    REQUIRE(run_orm(base.path(), "makemigrations -n initial", "SOURCE_DATE_EPOCH=1767225600")
                .exit_code == 0);
    REQUIRE(run_orm(base.path(), "migrate up").exit_code == 0);
    built = true;
  }
  return base.path();
}

ReadCatalog
sqlite_catalog(const fs::path& path)
{
  return [path] {
    std::string text;
    if (!fs::exists(path)) { // reads as an empty database: orm creates the file when it connects
      return text;
    }
    dialect::sqlite::SqliteConnection connection(path.string());
    auto tables =
        connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
    bool has_history = false;
    for (const auto& row : tables.rows) {
      has_history = has_history || row[1] == "orm_migrations";
    }
    for (const auto& result :
         {tables, has_history ? connection.query("SELECT * FROM orm_migrations ORDER BY version")
                              : db::Result{}}) {
      for (const auto& row : result.rows) {
        for (const auto& value : row) {
          text += value.value_or("NULL") + "|";
        }
        text += "\n";
      }
    }
    return text;
  };
}

void
run_sqlite_cases(const std::vector<BadInput>& cases)
{
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      TempDir dir;
      copy_project(sqlite_base_project(), dir.path());
      check_bad_input(item, dir.path(), sqlite_catalog(dir / "db.sqlite3"));
    }
  }
}

void
make_immutable(const fs::path& path)
{
  shell("chattr +i '" + path.string() + "'");
}

std::string
as_nobody()
{
  return "setpriv --reuid=nobody --regid=nogroup --clear-groups --";
}

void
check_bad_input(const BadInput& item, const fs::path& project, const ReadCatalog& catalog)
{
  for (const auto& [path, content] : item.files) {
    write_file(project / path, content);
  }
  if (item.prepare) {
    item.prepare(project);
  }
  auto files_before = snapshot_folder(project);
  std::string catalog_before = catalog ? catalog() : "";

  auto result = run_orm(project, item.args, item.environment);
  if (item.prepare) {
    shell("chattr -R -i '" + project.string() + "' 2>/dev/null || true");
  }

  INFO("case: " << item.name);
  INFO("command: " << item.environment << " orm " << item.args);
  INFO("exit code: " << result.exit_code);
  INFO("stdout:\n" << result.out);
  INFO("stderr:\n" << result.err);
  CHECK(result.exit_code == item.exit_code);
  CHECK(result.err.find(item.message) != std::string::npos);
  for (const auto& part : item.more) {
    CHECK(result.err.find(part) != std::string::npos);
  }
  if (!item.secret.empty()) {
    CHECK(result.out.find(item.secret) == std::string::npos);
    CHECK(result.err.find(item.secret) == std::string::npos);
  }
  CHECK(snapshot_folder(project) == files_before);
  if (catalog) {
    CHECK(catalog() == catalog_before);
  }
}

} // namespace orm::test
