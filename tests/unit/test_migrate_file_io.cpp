#include "core/migrate/file_io.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace orm::migrate;
using orm::test::read_file;
using orm::test::TempDir;
using orm::test::write_file;

namespace fs = std::filesystem;

namespace {

std::vector<std::string>
names_in(const fs::path& folder)
{
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("write_text replaces a file and leaves no temporary file", "[migrate]")
{
  TempDir temp;
  write_text(temp / "sub" / "orm.sum", "one\n");
  write_text(temp / "sub" / "orm.sum", "two\n");
  CHECK(read_file(temp / "sub" / "orm.sum") == "two\n");
  CHECK(names_in(temp / "sub") == std::vector<std::string>{"orm.sum"});
}

TEST_CASE("write_text replaces a symbolic link instead of writing through it", "[migrate]")
{
  TempDir temp;
  write_file(temp / "outside" / "victim", "precious\n");
  fs::create_directories(temp / "migrations");
  fs::create_symlink(temp / "outside" / "victim", temp / "migrations" / "orm.sum");
  // The old fixed temporary name: a link planted there is no longer a target.
  fs::create_symlink(temp / "outside" / "victim", temp / "migrations" / "orm.sum.tmp");

  write_text(temp / "migrations" / "orm.sum", "h1:new\n");

  CHECK(read_file(temp / "outside" / "victim") == "precious\n");
  CHECK(fs::symlink_status(temp / "migrations" / "orm.sum").type() == fs::file_type::regular);
  CHECK(read_file(temp / "migrations" / "orm.sum") == "h1:new\n");
  CHECK(fs::is_symlink(temp / "migrations" / "orm.sum.tmp"));
}

TEST_CASE("write_temporary creates a durable file with a random orm name", "[migrate]")
{
  TempDir temp;
  auto first = write_temporary(temp / "a", "a");
  auto second = write_temporary(temp / "b", "b");
  CHECK(first != second);
  CHECK(first.parent_path() == temp.path());
  CHECK(first.filename().string().rfind(".orm-tmp-", 0) == 0);
  CHECK(first.filename().string().size() == std::string(".orm-tmp-").size() + 12);
  CHECK(read_file(first) == "a");
  CHECK(read_file(second) == "b");
  CHECK_FALSE(fs::exists(temp / "a"));
}

TEST_CASE("a failed write names its target and leaves no temporary file", "[migrate]")
{
  TempDir temp;
  write_file(temp / "orm.sum", "old\n");
  fs::create_directory(temp / "orm.state"); // rename(2) cannot put a file over a folder
  CHECK_THROWS_WITH(
      write_text(temp / "orm.state", "new\n"),
      Catch::Contains((temp / "orm.state").string() + ": cannot write: Is a directory"));
  CHECK(names_in(temp.path()) == std::vector<std::string>{"orm.state", "orm.sum"});
}

TEST_CASE("write_text errors name the file and the reason", "[migrate]")
{
  TempDir temp;
  write_file(temp / "file", "x");
  try {
    write_text(temp / "file" / "orm.sum", "x");
    FAIL("no error");
  } catch (const orm::Error& error) {
    CHECK(error.kind() == orm::ErrorKind::migration);
    CHECK_THAT(error.what(), Catch::Contains((temp / "file").string()) &&
                                 Catch::Contains("cannot create the directory") &&
                                 Catch::Contains("Not a directory"));
  }
}

TEST_CASE("create_text creates a new file only, never through a link", "[migrate]")
{
  TempDir temp;
  create_text(temp / "orm.toml", "a = 1\n");
  CHECK(read_file(temp / "orm.toml") == "a = 1\n");
  CHECK_THROWS_WITH(create_text(temp / "orm.toml", "b = 2\n"),
                    Catch::Contains("orm.toml: cannot create: it already exists"));
  CHECK(read_file(temp / "orm.toml") == "a = 1\n");

  fs::create_symlink(temp / "missing-target", temp / "models.orm");
  CHECK_THROWS_WITH(create_text(temp / "models.orm", "x", orm::ErrorKind::config),
                    Catch::Contains("models.orm: cannot create: it is a symbolic link"));
  CHECK_FALSE(fs::exists(temp / "missing-target"));
  CHECK(names_in(temp.path()) == std::vector<std::string>{"models.orm", "orm.toml"});
}
