#include "core/migrate/file_lock.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace orm::migrate;
using orm::test::read_file;
using orm::test::TempDir;
using orm::test::write_file;

namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds k_timeout{100};

// Whether another open file description could take the flock `operation` on `path` now.
bool
could_lock(const fs::path& path, int operation)
{
  FileDescriptor other(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(other.get() >= 0);
  return ::flock(other.get(), operation | LOCK_NB) == 0;
}

} // namespace

TEST_CASE("the lock file is created and locked exclusively", "[migrate]")
{
  TempDir temp;
  auto path = temp / "db.sqlite3.orm-lock";
  {
    FileLock lock(path.string(), "db.sqlite3", k_timeout);
    CHECK(fs::is_regular_file(path));
    CHECK_FALSE(could_lock(path, LOCK_EX));
    CHECK_THROWS_WITH(FileLock(path.string(), "db.sqlite3", k_timeout),
                      Catch::Contains("waiting for another orm process migrating db.sqlite3"));
  }
  CHECK(could_lock(path, LOCK_EX));
}

TEST_CASE("a symbolic link at the lock file is refused, never followed", "[migrate]")
{
  TempDir temp;
  auto path = temp / "db.sqlite3.orm-lock";
  SECTION("to an existing file")
  {
    write_file(temp / "outside", "precious\n");
    fs::create_symlink(temp / "outside", path);
    CHECK_THROWS_WITH(FileLock(path.string(), "db.sqlite3", k_timeout),
                      Catch::Contains(path.string() + " is a symbolic link"));
    CHECK(read_file(temp / "outside") == "precious\n");
  }
  SECTION("to nothing")
  {
    fs::create_symlink(temp / "would-be-created", path);
    CHECK_THROWS_WITH(FileLock(path.string(), "db.sqlite3", k_timeout),
                      Catch::Contains(path.string() + " is a symbolic link"));
    CHECK_FALSE(fs::exists(temp / "would-be-created"));
  }
  CHECK(fs::is_symlink(path));
}

TEST_CASE("the folder lock is shared by readers and exclusive for a writer", "[migrate]")
{
  TempDir temp;
  {
    FolderLock reader(temp.path(), LockMode::shared);
    CHECK(could_lock(temp.path(), LOCK_SH));
    CHECK_FALSE(could_lock(temp.path(), LOCK_EX));
    reader.make_exclusive();
    CHECK_FALSE(could_lock(temp.path(), LOCK_SH));
  }
  CHECK(could_lock(temp.path(), LOCK_EX));
  CHECK(fs::is_empty(temp.path())); // no lock file left in the folder
  CHECK_THROWS_WITH(FolderLock(temp / "missing", LockMode::shared),
                    Catch::Contains("missing: cannot open the directory"));
}
