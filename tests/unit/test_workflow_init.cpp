#include "core/util/error.hpp"
#include "core/workflow/init.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using orm::test::read_file;
using orm::test::TempDir;
using orm::test::write_file;
using orm::workflow::init_project;

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

// A project folder beside a file outside it that links may point at.
struct Folders
{
  TempDir temp;
  fs::path project = temp / "project";
  fs::path outside = temp / "outside";

  Folders()
  {
    fs::create_directories(project);
    write_file(outside, "precious\n");
  }

  std::string init_error()
  {
    try {
      init_project(project, "sqlite");
    } catch (const orm::Error& error) {
      CHECK(error.kind() == orm::ErrorKind::usage);
      return error.what();
    }
    return "no error";
  }
};

} // namespace

TEST_CASE("init writes orm.toml, models.orm and migrations/, and nothing else", "[workflow]")
{
  Folders f;
  auto created = init_project(f.project, "postgres");
  CHECK(created == std::vector<std::string>{"orm.toml", "models.orm", "migrations/"});
  CHECK(names_in(f.project) == std::vector<std::string>{"migrations", "models.orm", "orm.toml"});
  CHECK(read_file(f.project / "orm.toml").find("postgres") != std::string::npos);
  CHECK(read_file(f.project / "models.orm").find("table users") != std::string::npos);
  CHECK_THAT(f.init_error(), Catch::Contains("orm.toml already exists"));
}

TEST_CASE("init never writes through a symbolic link", "[workflow]")
{
  Folders f;
  SECTION("orm.toml links to a file")
  {
    fs::create_symlink(f.outside, f.project / "orm.toml");
    CHECK_THAT(f.init_error(), Catch::Contains("orm.toml is a symbolic link"));
  }
  SECTION("orm.toml links to nothing")
  {
    fs::create_symlink(f.temp / "created-through-the-link", f.project / "orm.toml");
    CHECK_THAT(f.init_error(), Catch::Contains("orm.toml is a symbolic link"));
    CHECK_FALSE(fs::exists(f.temp / "created-through-the-link"));
  }
  SECTION("models.orm links to nothing")
  {
    fs::create_symlink(f.temp / "created-through-the-link", f.project / "models.orm");
    CHECK_THAT(f.init_error(), Catch::Contains("models.orm is a symbolic link, and not to a file"));
    CHECK_FALSE(fs::exists(f.temp / "created-through-the-link"));
  }
  SECTION("migrations links to a file")
  {
    fs::create_symlink(f.outside, f.project / "migrations");
    CHECK_THAT(f.init_error(),
               Catch::Contains("migrations is a symbolic link, and not to a folder"));
  }
  CHECK(read_file(f.outside) == "precious\n");
  CHECK(names_in(f.project).size() == 1); // only the link: nothing was written
}

TEST_CASE("init keeps a models.orm that links to a file, without writing it", "[workflow]")
{
  Folders f;
  fs::create_symlink(f.outside, f.project / "models.orm");
  auto created = init_project(f.project, "sqlite");
  CHECK(created == std::vector<std::string>{"orm.toml", "migrations/"});
  CHECK(read_file(f.outside) == "precious\n");
  CHECK(fs::is_symlink(f.project / "models.orm"));
  CHECK(fs::is_regular_file(fs::symlink_status(f.project / "orm.toml")));
}
