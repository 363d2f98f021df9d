// `orm generate`: stdout, --out, --check, orm.toml's [generate] cpp, makemigrations regenerating
// the header, and the exit-2 cases.

#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

constexpr const char* k_config = "dialect = \"sqlite\"\nmodels = \"models.orm\"\n";

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

void
make_project(const TempDir& dir, const std::string& config_extra = {})
{
  write_file(dir / "orm.toml", k_config + config_extra);
  write_file(dir / "models.orm", k_users);
  REQUIRE(run_orm(dir.path(), "makemigrations --offline -n users").exit_code == 0);
}

} // namespace

TEST_CASE("cli generate: prints the header, writes --out, and --check tells when it is stale",
          "[cli][generate]")
{
  TempDir dir;
  make_project(dir);
  auto printed = run_orm(dir.path(), "generate --namespace app::db");
  REQUIRE(printed.exit_code == 0);
  CHECK(printed.out.find("namespace app::db {") != std::string::npos);
  CHECK(printed.out.find("struct User\n") != std::string::npos);
  CHECK(printed.out.find("get_by_email(") != std::string::npos);

  CHECK(run_orm(dir.path(), "generate --check --out src/models.hpp").exit_code == 1);
  auto written = run_orm(dir.path(), "generate --out src/models.hpp");
  REQUIRE(written.exit_code == 0);
  CHECK(written.out.find("wrote src/models.hpp") != std::string::npos);
  CHECK(read_file(dir / "src" / "models.hpp") == run_orm(dir.path(), "generate").out);
  CHECK(run_orm(dir.path(), "generate --check --out src/models.hpp").exit_code == 0);
  // A second run finds it current and leaves it alone.
  CHECK(run_orm(dir.path(), "generate --out src/models.hpp").out.find("is up to date") !=
        std::string::npos);

  write_file(dir / "models.orm", k_users_with_name);
  REQUIRE(run_orm(dir.path(), "makemigrations --offline -n name").exit_code == 0);
  auto stale = run_orm(dir.path(), "generate --check --out src/models.hpp");
  CHECK(stale.exit_code == 1);
  CHECK(stale.out.find("src/models.hpp is out of date: run `orm generate`") != std::string::npos);
}

TEST_CASE("cli generate: orm.toml names the header and makemigrations keeps it current",
          "[cli][generate]")
{
  TempDir dir;
  write_file(dir / "orm.toml",
             std::string(k_config) + "\n[generate]\ncpp = \"src/db/models.hpp\"\n");
  write_file(dir / "models.orm", k_users);
  auto made = run_orm(dir.path(), "makemigrations --offline -n users");
  REQUIRE(made.exit_code == 0);
  CHECK(made.out.find("regenerated") != std::string::npos);
  std::string first = read_file(dir / "src" / "db" / "models.hpp");
  CHECK(first.find("std::string email;") != std::string::npos);
  CHECK(first.find("name;") == std::string::npos);

  write_file(dir / "models.orm", k_users_with_name);
  REQUIRE(run_orm(dir.path(), "makemigrations --offline -n name").exit_code == 0);
  std::string second = read_file(dir / "src" / "db" / "models.hpp");
  CHECK(second.find("std::optional<std::string> name;") != std::string::npos);
  CHECK(run_orm(dir.path(), "generate --check").exit_code == 0);
  CHECK(run_orm(dir.path(), "generate").out.find("is up to date") != std::string::npos);
}

TEST_CASE("cli generate: bad input exits 2 with a clear message and writes nothing",
          "[cli][generate]")
{
  TempDir dir;
  write_file(dir / "orm.toml", k_config);
  write_file(dir / "models.orm", k_users);
  auto no_state = run_orm(dir.path(), "generate --out models.hpp");
  CHECK(no_state.exit_code == 3);
  CHECK(no_state.err.find("run `orm makemigrations` first") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "models.hpp"));

  make_project(dir);
  auto bad_namespace = run_orm(dir.path(), "generate --namespace 'a::class'");
  CHECK(bad_namespace.exit_code == 2);
  CHECK(bad_namespace.err.find("'a::class' is not a C++ namespace name") != std::string::npos);
  CHECK(run_orm(dir.path(), "generate --lang rust").exit_code == 2);
  auto no_target = run_orm(dir.path(), "generate --check");
  CHECK(no_target.exit_code == 2);
  CHECK(no_target.err.find("needs --out FILE") != std::string::npos);

  write_file(dir / "orm.toml", std::string(k_config) + "[generate]\ncpp = 5\n");
  auto wrong_type = run_orm(dir.path(), "generate");
  CHECK(wrong_type.exit_code == 2);
  CHECK(wrong_type.err.find("orm.toml:4:7: generate.cpp:") != std::string::npos);
}
