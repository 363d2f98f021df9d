#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace fs = std::filesystem;

namespace {

constexpr const char* k_users = R"(table users {
  id     bigint       primary key autoincrement
  email  varchar(255) unique
}
)";

// Names in migrations/ that orm writes for itself while changing the folder.
int
debris_in(const fs::path& migrations)
{
  int count = 0;
  for (const auto& entry : fs::directory_iterator(migrations)) {
    count += entry.path().filename().string().rfind(".orm-", 0) == 0 ? 1 : 0;
  }
  return count;
}

} // namespace

TEST_CASE("init leaves files that links point at unchanged", "[cli]")
{
  TempDir dir;
  fs::create_directories(dir / "project");
  write_file(dir / "outside", "precious\n");
  SECTION("models.orm links to a file outside: kept, not written")
  {
    fs::create_symlink(dir / "outside", dir / "project" / "models.orm");
    auto init = run_orm(dir / "project", "init");
    CHECK(init.exit_code == 0);
    CHECK(init.out.find("created models.orm") == std::string::npos);
  }
  SECTION("orm.toml links to a file outside: refused")
  {
    fs::create_symlink(dir / "outside", dir / "project" / "orm.toml");
    auto init = run_orm(dir / "project", "init");
    CHECK(init.exit_code == 2);
    CHECK(init.err.find("orm.toml is a symbolic link") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "project" / "models.orm"));
  }
  CHECK(read_file(dir / "outside") == "precious\n");
}

TEST_CASE("makemigrations replaces a link at orm.sum and leaves no temporary files", "[cli]")
{
  TempDir dir;
  REQUIRE(run_orm(dir.path(), "init").exit_code == 0);
  write_file(dir / "models.orm", k_users);
  write_file(dir / "outside", "precious\n");
  fs::create_symlink(dir / "outside", dir / "migrations" / "orm.sum.tmp");
  fs::create_symlink(dir / "outside", dir / "migrations" / "orm.state");

  auto make = run_orm(dir.path(), "makemigrations");
  INFO(make.err);
  CHECK(make.exit_code == 0);
  CHECK(read_file(dir / "outside") == "precious\n");
  CHECK(fs::symlink_status(dir / "migrations" / "orm.state").type() == fs::file_type::regular);
  CHECK(fs::symlink_status(dir / "migrations" / "orm.sum").type() == fs::file_type::regular);
  CHECK(debris_in(dir / "migrations") == 0);
  CHECK(run_orm(dir.path(), "migrate up").exit_code == 0);
}

TEST_CASE("migrate up refuses a SQLite lock file that is a link", "[cli]")
{
  TempDir dir;
  REQUIRE(run_orm(dir.path(), "init").exit_code == 0);
  write_file(dir / "models.orm", k_users);
  REQUIRE(run_orm(dir.path(), "makemigrations").exit_code == 0);
  fs::create_symlink(dir / "created-through-the-link", dir / "db.sqlite3.orm-lock");

  auto up = run_orm(dir.path(), "migrate up");
  CHECK(up.exit_code == 3);
  CHECK(up.err.find("db.sqlite3.orm-lock is a symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "created-through-the-link"));
  CHECK(run_orm(dir.path(), "migrate status --check").exit_code == 1); // nothing applied
}

TEST_CASE("migrate hash rewrites orm.sum without temporary files", "[cli]")
{
  TempDir dir;
  REQUIRE(run_orm(dir.path(), "init").exit_code == 0);
  write_file(dir / "models.orm", k_users);
  REQUIRE(run_orm(dir.path(), "makemigrations").exit_code == 0);
  std::string sum = read_file(dir / "migrations" / "orm.sum");
  write_file(dir / "migrations" / "orm.sum", "h1:garbage\n");
  CHECK(run_orm(dir.path(), "migrate status").exit_code == 3);
  CHECK(run_orm(dir.path(), "migrate hash").exit_code == 0);
  CHECK(read_file(dir / "migrations" / "orm.sum") == sum);
  CHECK(debris_in(dir / "migrations") == 0);
}
