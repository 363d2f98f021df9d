#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

using orm::test::read_file;
using orm::test::TempDir;

namespace {

std::set<std::string>
file_names(const std::filesystem::path& folder)
{
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

} // namespace

// The committed example migrations are exactly what orm generates from the model versions.
TEST_CASE("migrations-examples regenerate byte-identical", "[cli][examples]")
{
  for (std::string example : {"blog"}) {
    DYNAMIC_SECTION(example)
    {
      TempDir dir;
      std::string command = std::string("ORM='") + ORM_BINARY + "' '" + ORM_SOURCE_DIR +
                            "/migrations-examples/regenerate' " + example + " '" +
                            dir.path().string() + "'";
      REQUIRE(std::system(command.c_str()) == 0);
      auto committed =
          std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples" / example / "migrations";
      auto generated = dir / "migrations";
      REQUIRE(file_names(generated) == file_names(committed));
      CHECK(file_names(generated).size() >= 5);
      for (const auto& name : file_names(committed)) {
        INFO(name);
        CHECK(read_file(generated / name) == read_file(committed / name));
      }
    }
  }
}
