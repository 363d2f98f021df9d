#include "core/migrate/directory.hpp"
#include "core/migrate/file_io.hpp"
#include "core/migrate/folder_change.hpp"
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

std::string
migration(const std::string& table)
{
  return "-- orm:up\nCREATE TABLE " + table + " (id int);\n-- orm:down\nDROP TABLE " + table +
         ";\n";
}

// A folder with two files, and the temporaries of a change to both, as a killed process leaves
// them after writing its temporaries.
struct Interrupted
{
  TempDir temp;
  fs::path a_new = write_temporary(temp / "a", "a new");
  fs::path b_new = write_temporary(temp / "b", "b new");

  Interrupted()
  {
    write_file(temp / "a", "a old");
    write_file(temp / "b", "b old");
  }

  void write_journal(const std::string& text) { write_file(temp / ".orm-journal", text); }
  std::string journal() const
  {
    return "orm:journal\n" + a_new.filename().string() + " a\n" + b_new.filename().string() +
           " b\n";
  }
};

} // namespace

TEST_CASE("a folder change replaces and creates its files and leaves nothing else", "[migrate]")
{
  TempDir temp;
  write_file(temp / "a", "a old");
  FolderChange change(temp.path());
  change.write("a", "a new");
  change.write("c", "c new");
  CHECK(names_in(temp.path()).size() == 3); // a and two temporaries
  change.commit();
  CHECK(names_in(temp.path()) == std::vector<std::string>{"a", "c"});
  CHECK(read_file(temp / "a") == "a new");
  CHECK(read_file(temp / "c") == "c new");
  CHECK_FALSE(needs_recovery(temp.path()));
}

TEST_CASE("a folder change abandoned before commit leaves the old files only", "[migrate]")
{
  TempDir temp;
  write_file(temp / "a", "a old");
  {
    FolderChange change(temp.path());
    change.write("a", "a new");
    change.write("c", "c new");
  }
  CHECK(names_in(temp.path()) == std::vector<std::string>{"a"});
  CHECK(read_file(temp / "a") == "a old");
}

TEST_CASE("recovery rolls a complete journal forward", "[migrate]")
{
  Interrupted f;
  SECTION("killed before any rename") {}
  SECTION("killed after the first rename")
  {
    fs::rename(f.a_new, f.temp / "a");
  }
  f.write_journal(f.journal());
  REQUIRE(needs_recovery(f.temp.path()));
  recover_folder(f.temp.path());
  CHECK(names_in(f.temp.path()) == std::vector<std::string>{"a", "b"});
  CHECK(read_file(f.temp / "a") == "a new");
  CHECK(read_file(f.temp / "b") == "b new");
  CHECK_FALSE(needs_recovery(f.temp.path()));
}

TEST_CASE("recovery without a journal removes the temporaries", "[migrate]")
{
  Interrupted f;
  write_temporary(f.temp / ".orm-journal", "the journal's own temporary, not renamed yet");
  recover_folder(f.temp.path());
  CHECK(names_in(f.temp.path()) == std::vector<std::string>{"a", "b"});
  CHECK(read_file(f.temp / "a") == "a old");
  CHECK(read_file(f.temp / "b") == "b old");
}

TEST_CASE("a malformed journal is an error naming it, and changes nothing", "[migrate]")
{
  Interrupted f;
  SECTION("no header")
  {
    f.write_journal(f.a_new.filename().string() + " a\n");
  }
  SECTION("a target outside the folder")
  {
    f.write_journal("orm:journal\n" + f.a_new.filename().string() + " ../a\n");
  }
  SECTION("not a temporary")
  {
    f.write_journal("orm:journal\nb a\n");
  }
  CHECK_THROWS_WITH(recover_folder(f.temp.path()),
                    Catch::Contains((f.temp / ".orm-journal").string() + ": malformed journal"));
  CHECK(read_file(f.temp / "a") == "a old");
  CHECK(fs::exists(f.a_new));
}

TEST_CASE("loading a migration directory finishes an interrupted add first", "[migrate]")
{
  TempDir temp;
  auto dir = temp / "migrations";
  MigrationDirectory::load(dir).add("20260101000000", "one", migration("one"));
  std::string old_sum = read_file(dir / "orm.sum");

  // What add() of a second migration writes before its journal, built here from its parts.
  MigrationFile two = parse_migration("20260102000000_two.sql", migration("two"));
  auto files = MigrationDirectory::load(dir).files();
  files.push_back(two);
  auto file_new = write_temporary(dir / "20260102000000_two.sql", migration("two"));
  auto sum_new = write_temporary(dir / "orm.sum", compute_sum(files));

  SECTION("with its journal, it is rolled forward")
  {
    write_file(dir / ".orm-journal", "orm:journal\n" + file_new.filename().string() +
                                         " 20260102000000_two.sql\n" + sum_new.filename().string() +
                                         " orm.sum\n");
    fs::rename(file_new, dir / "20260102000000_two.sql"); // the first rename was done
    CHECK(MigrationDirectory::load(dir).files().size() == 2);
    CHECK(read_file(dir / "orm.sum") == compute_sum(files));
  }
  SECTION("without it, the temporaries are removed")
  {
    CHECK(MigrationDirectory::load_unverified(dir).files().size() == 1);
    CHECK(read_file(dir / "orm.sum") == old_sum);
  }
  for (const auto& name : names_in(dir)) {
    CHECK(name.rfind(".orm-", 0) != 0);
  }
}

TEST_CASE("add writes the migration, orm.sum and orm.state together", "[migrate]")
{
  TempDir temp;
  auto dir = temp / "migrations";
  auto directory = MigrationDirectory::load(dir);
  orm::schema::Schema state;
  state.tables.push_back(orm::schema::Table{});
  state.tables.back().name = "one";
  directory.add("20260101000000", "one", migration("one"), state, "sqlite");
  CHECK(names_in(dir) ==
        std::vector<std::string>{"20260101000000_one.sql", "orm.state", "orm.sum"});
  CHECK(read_file(dir / "orm.state")
            .rfind("// orm:state dialect=sqlite version=20260101000000\n", 0) == 0);
  REQUIRE(MigrationDirectory::load(dir).state());
  CHECK(MigrationDirectory::load(dir).state()->tables.size() == 1);
}

TEST_CASE("a symbolic link at orm.sum is replaced by a file, its target untouched", "[migrate]")
{
  TempDir temp;
  auto dir = temp / "migrations";
  write_file(temp / "outside", "precious\n");
  write_file(temp / "outside.sum", compute_sum({})); // a valid sum, so add() goes ahead
  fs::create_directories(dir);
  fs::create_symlink(temp / "outside.sum", dir / "orm.sum");
  fs::create_symlink(temp / "outside", dir / "orm.sum.tmp"); // the old fixed temporary name
  fs::create_symlink(temp / "outside", dir / "orm.state");
  SECTION("added")
  {
    MigrationDirectory::load(dir).add("20260101000000", "one", migration("one"),
                                      orm::schema::Schema{}, "sqlite");
    CHECK(fs::symlink_status(dir / "orm.state").type() == fs::file_type::regular);
  }
  SECTION("rehashed")
  {
    write_file(dir / "20260101000000_one.sql", migration("one"));
    MigrationDirectory::load_unverified(dir).rehash();
  }
  CHECK(read_file(temp / "outside") == "precious\n");
  CHECK(read_file(temp / "outside.sum") == compute_sum({}));
  CHECK(fs::symlink_status(dir / "orm.sum").type() == fs::file_type::regular);
  CHECK(MigrationDirectory::load(dir).files().size() == 1);
}
