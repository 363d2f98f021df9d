#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

constexpr const char* k_users = R"(table users {
  id     bigint       primary key autoincrement
  email  varchar(255) unique
}
)";

constexpr const char* k_users_with_name = R"(table users {
  id     bigint       primary key autoincrement
  email  varchar(255) unique
  name   text?
}
)";

std::vector<std::filesystem::path>
migration_files(const std::filesystem::path& folder)
{
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder / "migrations")) {
    if (entry.path().extension() == ".sql") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A project with its first migration generated (at a fixed time) and applied.
void
make_applied_project(const TempDir& dir)
{
  REQUIRE(run_orm(dir.path(), "init").exit_code == 0);
  write_file(dir / "models.orm", k_users);
  REQUIRE(run_orm(dir.path(), "makemigrations", "SOURCE_DATE_EPOCH=1767225600").exit_code == 0);
  REQUIRE(run_orm(dir.path(), "migrate up").exit_code == 0);
}

} // namespace

TEST_CASE("init writes a project that migrates", "[cli]")
{
  TempDir dir;
  auto init = run_orm(dir.path(), "init");
  CHECK(init.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "orm.toml"));
  CHECK(std::filesystem::exists(dir / "models.orm"));
  CHECK(std::filesystem::is_directory(dir / "migrations"));
  CHECK(run_orm(dir.path(), "init").exit_code == 2); // refuses to overwrite

  auto make = run_orm(dir.path(), "makemigrations");
  INFO(make.err);
  CHECK(make.exit_code == 0);
  CHECK(make.out.find("+ table users") != std::string::npos);
  CHECK(migration_files(dir.path()).size() == 1);

  auto status = run_orm(dir.path(), "migrate status --check");
  CHECK(status.exit_code == 1);
  CHECK(status.out.find("pending") != std::string::npos);

  auto up = run_orm(dir.path(), "migrate up");
  INFO(up.err);
  CHECK(up.exit_code == 0);
  CHECK(up.out.find("applied") != std::string::npos);
  CHECK(run_orm(dir.path(), "migrate status --check").exit_code == 0);

  auto check = run_orm(dir.path(), "makemigrations --check");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No changes") != std::string::npos);
}

TEST_CASE("the daily loop: change the models, check, generate, apply, roll back", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  write_file(dir / "models.orm", k_users_with_name);

  auto check = run_orm(dir.path(), "makemigrations --check");
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("+ column users.name") != std::string::npos);

  auto dry = run_orm(dir.path(), "makemigrations --dry-run -n add_name");
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("-- orm:up") != std::string::npos);
  CHECK(dry.out.find("ALTER TABLE") != std::string::npos);
  CHECK(migration_files(dir.path()).size() == 1); // nothing written

  auto make = run_orm(dir.path(), "makemigrations -n add_name", "SOURCE_DATE_EPOCH=1767312000");
  CHECK(make.exit_code == 0);
  auto files = migration_files(dir.path());
  REQUIRE(files.size() == 2);
  CHECK(files[1].filename() == "20260102000000_add_name.sql");

  // The database lags behind the directory: makemigrations refuses to diff it.
  auto lagging = run_orm(dir.path(), "makemigrations --check");
  CHECK(lagging.exit_code == 3);
  CHECK(lagging.err.find("orm migrate up") != std::string::npos);

  CHECK(run_orm(dir.path(), "migrate up").exit_code == 0);
  CHECK(run_orm(dir.path(), "makemigrations --check").exit_code == 0);

  auto sql = run_orm(dir.path(), "sqlmigrate 20260102000000 --down");
  CHECK(sql.exit_code == 0);
  CHECK(sql.out.find("DROP COLUMN") != std::string::npos);

  auto down = run_orm(dir.path(), "migrate down");
  INFO(down.err);
  CHECK(down.exit_code == 0);
  CHECK(down.out.find("reverted 20260102000000_add_name") != std::string::npos);
  auto status = run_orm(dir.path(), "migrate status --format json");
  CHECK(status.out.find("\"state\": \"pending\"") != std::string::npos);
  CHECK(status.out.find("\"state\": \"applied\"") != std::string::npos);
}

TEST_CASE("irreversible migrations need --force to go down", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  write_file(dir / "models.orm", "table other {\n  id int primary key\n}\n");
  auto make = run_orm(dir.path(), "makemigrations -n drop_users", "SOURCE_DATE_EPOCH=1767312000");
  CHECK(make.exit_code == 0);
  CHECK(make.err.find("users") != std::string::npos); // the destructive warning
  CHECK(read_file(migration_files(dir.path())[1]).find("-- orm:irreversible") != std::string::npos);
  REQUIRE(run_orm(dir.path(), "migrate up").exit_code == 0);

  auto refused = run_orm(dir.path(), "migrate down");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(run_orm(dir.path(), "migrate down --force").exit_code == 0);
  auto inspect = run_orm(dir.path(), "inspect");
  CHECK(inspect.out.find("table users") != std::string::npos); // the down recreated it
  CHECK(inspect.out.find("table other") == std::string::npos);
}

TEST_CASE("offline makemigrations diffs against the recorded state", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  std::filesystem::remove(dir / "db.sqlite3");
  CHECK(run_orm(dir.path(), "makemigrations --offline --check").exit_code == 0);
  write_file(dir / "models.orm", k_users_with_name);
  auto check = run_orm(dir.path(), "makemigrations --offline --check");
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("+ column users.name") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "db.sqlite3"));
}

TEST_CASE("tampering with the migration directory is detected and named", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  auto file = migration_files(dir.path())[0];
  write_file(file, read_file(file) + "\n-- a hand edit\nSELECT 1;\n");

  auto status = run_orm(dir.path(), "migrate status");
  CHECK(status.exit_code == 3);
  CHECK(status.err.find(file.filename().string()) != std::string::npos);
  CHECK(status.err.find("orm migrate hash") != std::string::npos);

  CHECK(run_orm(dir.path(), "migrate hash").exit_code == 0);
  auto rehashed = run_orm(dir.path(), "migrate status");
  CHECK(rehashed.exit_code == 0);
  CHECK(rehashed.out.find("modified") != std::string::npos); // differs from the history row

  auto refused = run_orm(dir.path(), "migrate up");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("orm migrate resolve 20260101000000 --applied") != std::string::npos);
  CHECK(run_orm(dir.path(), "migrate resolve 20260101000000").exit_code == 2);
  auto resolved = run_orm(dir.path(), "migrate resolve 20260101000000 --applied");
  INFO(resolved.err);
  CHECK(resolved.exit_code == 0);
  CHECK(run_orm(dir.path(), "migrate status --check").exit_code == 0);
  CHECK(run_orm(dir.path(), "migrate up").exit_code == 0);

  CHECK(run_orm(dir.path(), "migrate resolve 20260101000000 --rolled-back").exit_code == 0);
  auto pending = run_orm(dir.path(), "migrate status --check");
  CHECK(pending.exit_code == 1);
  CHECK(pending.out.find("pending") != std::string::npos);
}

TEST_CASE("errors have documented exit codes and clear messages", "[cli]")
{
  TempDir dir;
  SECTION("usage")
  {
    CHECK(run_orm(dir.path(), "--no-such-flag").exit_code == 2);
    CHECK(run_orm(dir.path(), "").exit_code == 2);
  }
  SECTION("missing models file")
  {
    auto result = run_orm(dir.path(), "makemigrations");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("models.orm") != std::string::npos);
  }
  SECTION("malformed models file names file, line and column")
  {
    write_file(dir / "models.orm", "table users {\n  id bigint primary key\n  name strnig\n}\n");
    auto result = run_orm(dir.path(), "makemigrations");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("models.orm:3:8:") != std::string::npos);
  }
  SECTION("bad URL, with its password masked")
  {
    auto result = run_orm(dir.path(), "--database-url 'oracle://scott:tiger@db/x' migrate status");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("tiger") == std::string::npos);
    CHECK(result.err.find("scott:****@db") != std::string::npos);
  }
  SECTION("unreadable database")
  {
    write_file(dir / "broken.sqlite3", std::string(4096, 'x'));
    auto result = run_orm(dir.path(), "--database-url sqlite://broken.sqlite3 migrate status");
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("not a database") != std::string::npos);
  }
  SECTION("malformed orm.toml")
  {
    write_file(dir / "orm.toml", "database_url = sqlite://x\n");
    auto result = run_orm(dir.path(), "migrate status");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("orm.toml:1:16:") != std::string::npos);
  }
}

TEST_CASE("concurrent migrate up processes apply each migration exactly once", "[cli]")
{
  TempDir dir;
  REQUIRE(run_orm(dir.path(), "init").exit_code == 0);
  // Five migrations, each adding a table.
  std::string models;
  for (int i = 0; i < 5; ++i) {
    models += "table t" + std::to_string(i) + " {\n  id int primary key\n}\n";
    write_file(dir / "models.orm", models);
    auto epoch = "SOURCE_DATE_EPOCH=" + std::to_string(1767225600 + i);
    REQUIRE(run_orm(dir.path(), "makemigrations --offline", epoch).exit_code == 0);
  }
  auto outputs = orm::test::run_orm_concurrently(dir.path(), "migrate up", 8);
  for (const auto& output : outputs) {
    INFO(output);
    CHECK(output.find("error") == std::string::npos);
  }
  CHECK(orm::test::count_applied(outputs) == 5);
  auto status = run_orm(dir.path(), "migrate status --check");
  CHECK(status.exit_code == 0);
}

TEST_CASE("diff and inspect show schemas without orm's own table", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  write_file(dir / "models.orm", k_users_with_name);

  auto diff = run_orm(dir.path(), "diff");
  CHECK(diff.exit_code == 0);
  CHECK(diff.out == "-- + column users.name\nALTER TABLE \"users\" ADD COLUMN \"name\" TEXT;\n");
  auto offline = run_orm(dir.path(), "diff --from migrations --to models.orm");
  CHECK(offline.out == diff.out);
  auto none = run_orm(dir.path(), "diff --from migrations --to migrations");
  CHECK(none.out == "-- no changes\n");

  auto models = run_orm(dir.path(), "inspect");
  CHECK(models.exit_code == 0);
  CHECK(models.out.find("table users {") != std::string::npos);
  CHECK(models.out.find("orm_migrations") == std::string::npos);
  auto sql = run_orm(dir.path(), "inspect --format sql");
  CHECK(sql.out.find("CREATE TABLE \"users\"") != std::string::npos);
  CHECK(sql.out.find("orm_migrations") == std::string::npos);
  auto json = run_orm(dir.path(), "inspect --format json");
  CHECK(json.out.find("\"name\": \"users\"") != std::string::npos);
  CHECK(json.out.find("orm_migrations") == std::string::npos);
  CHECK(run_orm(dir.path(), "inspect --format yaml").exit_code == 2);
}

TEST_CASE("quiet and verbose", "[cli]")
{
  TempDir dir;
  make_applied_project(dir);
  auto quiet = run_orm(dir.path(), "-q migrate up");
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  auto verbose = run_orm(dir.path(), "-v --database-url sqlite://db.sqlite3 migrate status");
  CHECK(verbose.exit_code == 0);
  CHECK(verbose.err.find("database sqlite://db.sqlite3 (from --database-url)") !=
        std::string::npos);
}
