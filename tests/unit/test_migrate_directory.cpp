#include "core/migrate/directory.hpp"
#include "core/util/error.hpp"
#include "core/util/sha256.hpp"
#include "core/util/strings.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace orm::migrate;
using orm::test::read_file;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

std::string
migration(const std::string& table)
{
  return "-- orm:up\nCREATE TABLE " + table + " (id int);\n-- orm:down\nDROP TABLE " + table +
         ";\n";
}

// A directory with three migrations and a matching orm.sum.
struct Fixture
{
  TempDir temp;
  std::filesystem::path dir = temp / "migrations";

  Fixture()
  {
    auto directory = MigrationDirectory::load(dir);
    directory.add("20260101000000", "one", migration("one"));
    directory.add("20260102000000", "two", migration("two"));
    directory.add("20260103000000", "three", migration("three"));
  }

  std::string load_error()
  {
    try {
      MigrationDirectory::load(dir);
    } catch (const orm::Error& error) {
      CHECK(error.kind() == orm::ErrorKind::migration);
      return error.what();
    }
    return "no error";
  }
};

} // namespace

TEST_CASE("a missing or empty directory loads as no files", "[migrate]")
{
  TempDir temp;
  CHECK(MigrationDirectory::load(temp / "nothing").files().empty());
  CHECK(MigrationDirectory::load(temp.path()).files().empty());
  CHECK_FALSE(MigrationDirectory::load(temp.path()).state());
}

TEST_CASE("add writes the file and orm.sum, load reads them in version order", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "README.md", "notes");
  write_file(f.dir / "orm.state", "// orm:state dialect=sqlite version=none\n");
  auto directory = MigrationDirectory::load(f.dir);
  REQUIRE(directory.files().size() == 3);
  CHECK(directory.files()[0].file_name == "20260101000000_one.sql");
  CHECK(directory.files()[2].file_name == "20260103000000_three.sql");
  CHECK(read_file(f.dir / "20260102000000_two.sql") == migration("two"));
  REQUIRE(directory.find("20260102000000"));
  CHECK(directory.find("20260102000000")->name == "two");
  CHECK(directory.find("20260102000001") == nullptr);

  std::string sum = read_file(f.dir / "orm.sum");
  CHECK(sum == compute_sum(directory.files()));
  auto lines = orm::util::split(sum, '\n');
  REQUIRE(lines.size() == 5); // header, three files, the empty piece after the last newline
  CHECK(lines[1].rfind("20260101000000_one.sql h1:", 0) == 0);
  std::string normalized_one = migration("one");
  normalized_one.pop_back(); // the checksum drops the final line break
  std::string first_hash = orm::util::sha256_hex("\n20260101000000_one.sql\n" + normalized_one);
  CHECK(lines[1] == "20260101000000_one.sql h1:" + first_hash);
  CHECK(lines[0] ==
        "h1:" + orm::util::sha256_hex(lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n"));

  CHECK_THROWS_WITH(directory.add("20260102000000", "again", migration("x")),
                    Catch::Contains("a migration with version 20260102000000 already exists"));
}

TEST_CASE("orm.sum ignores line endings and trailing whitespace", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "20260102000000_two.sql",
             "-- orm:up  \r\nCREATE TABLE two (id int);\r\n-- orm:down\r\nDROP TABLE two;\r\n\r\n");
  CHECK(MigrationDirectory::load(f.dir).files().size() == 3);
}

TEST_CASE("orm.sum detects an edited file", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "20260102000000_two.sql", migration("two_b"));
  CHECK(f.load_error() ==
        (f.dir / "orm.sum").string() +
            ": checksum mismatch for 20260102000000_two.sql: the file was edited after it was "
            "generated; run `orm migrate hash` if that was deliberate");
}

TEST_CASE("orm.sum detects an inserted file", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "20260101120000_sneaky.sql", migration("sneaky"));
  CHECK_THAT(f.load_error(), Catch::Contains("20260101120000_sneaky.sql is not listed") &&
                                 Catch::Contains("run `orm migrate hash`"));
}

TEST_CASE("orm.sum detects a deleted file", "[migrate]")
{
  Fixture f;
  std::filesystem::remove(f.dir / "20260102000000_two.sql");
  CHECK_THAT(f.load_error(),
             Catch::Contains("20260102000000_two.sql is listed but the file is missing"));
}

TEST_CASE("orm.sum detects a reordering", "[migrate]")
{
  Fixture f;
  SECTION("lines swapped in orm.sum")
  {
    auto lines = orm::util::split(read_file(f.dir / "orm.sum"), '\n');
    std::swap(lines[1], lines[2]);
    write_file(f.dir / "orm.sum", orm::util::join(lines, "\n"));
    CHECK_THAT(f.load_error(), Catch::Contains("20260101000000_one.sql is out of order"));
  }
  SECTION("two files swap contents")
  {
    std::string one = read_file(f.dir / "20260101000000_one.sql");
    write_file(f.dir / "20260101000000_one.sql", read_file(f.dir / "20260102000000_two.sql"));
    write_file(f.dir / "20260102000000_two.sql", one);
    CHECK_THAT(f.load_error(), Catch::Contains("checksum mismatch for 20260101000000_one.sql"));
  }
  SECTION("a file renamed to a later version")
  {
    std::filesystem::rename(f.dir / "20260101000000_one.sql", f.dir / "20260104000000_one.sql");
    CHECK_THAT(f.load_error(), Catch::Contains("20260101000000_one.sql is listed but the file is "
                                               "missing"));
  }
}

TEST_CASE("orm.sum detects its own edits and absence", "[migrate]")
{
  Fixture f;
  SECTION("header")
  {
    std::string sum = read_file(f.dir / "orm.sum");
    sum[5] = sum[5] == '0' ? '1' : '0';
    write_file(f.dir / "orm.sum", sum);
    CHECK_THAT(f.load_error(), Catch::Contains("orm.sum: the file itself was edited"));
  }
  SECTION("malformed")
  {
    write_file(f.dir / "orm.sum", "garbage\n");
    CHECK_THAT(f.load_error(), Catch::Contains("orm.sum: malformed"));
  }
  SECTION("missing")
  {
    std::filesystem::remove(f.dir / "orm.sum");
    CHECK_THAT(f.load_error(),
               Catch::Contains("orm.sum: missing") && Catch::Contains("run `orm migrate hash`"));
    CHECK(MigrationDirectory::load_unverified(f.dir).files().size() == 3);
  }
}

TEST_CASE("rehash accepts deliberate edits", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "20260102000000_two.sql", migration("two_b"));
  write_file(f.dir / "20260101120000_extra.sql", migration("extra"));
  auto directory = MigrationDirectory::load_unverified(f.dir);
  directory.rehash();
  auto reloaded = MigrationDirectory::load(f.dir);
  REQUIRE(reloaded.files().size() == 4);
  CHECK(reloaded.files()[1].file_name == "20260101120000_extra.sql");
  CHECK(reloaded.files()[2].up == std::vector<std::string>{"CREATE TABLE two_b (id int)"});
}

TEST_CASE("a bad file name in the directory is an error naming it", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "add_users.sql", migration("x"));
  CHECK_THAT(f.load_error(), Catch::StartsWith("add_users.sql: a migration file name"));
}

TEST_CASE("two files with one version are an error", "[migrate]")
{
  Fixture f;
  write_file(f.dir / "20260101000000_other.sql", migration("x"));
  CHECK_THAT(f.load_error(), Catch::Contains("20260101000000_one.sql and 20260101000000_other.sql "
                                             "have the same version"));
}

TEST_CASE("a directory path that is a file is an error", "[migrate]")
{
  TempDir temp;
  write_file(temp / "file", "x");
  CHECK_THROWS_WITH(MigrationDirectory::load(temp / "file"), Catch::Contains("not a directory"));
}

TEST_CASE("orm.state records the schema outside orm.sum", "[migrate]")
{
  Fixture f;
  auto directory = MigrationDirectory::load(f.dir);
  CHECK_FALSE(directory.state());

  orm::schema::Schema schema;
  orm::schema::Table users;
  users.name = "users";
  users.columns.push_back({"id", orm::schema::Type::of(orm::schema::TypeKind::bigint), false,
                           std::nullopt, true, "", ""});
  users.columns.push_back({"name", orm::schema::Type::of(orm::schema::TypeKind::text), true,
                           std::nullopt, false, "", ""});
  users.primary_key = {"id"};
  schema.tables.push_back(users);
  directory.write_state(schema, "sqlite");

  std::string text = read_file(f.dir / "orm.state");
  CHECK(text.rfind("// orm:state dialect=sqlite version=20260103000000\n", 0) == 0);
  auto state = MigrationDirectory::load(f.dir).state();
  REQUIRE(state);
  CHECK(*state == schema);

  write_file(f.dir / "orm.state", "table x {}\n");
  CHECK_THROWS_WITH(directory.state(), Catch::Contains("not an orm state file"));
}

TEST_CASE("orm.state of an empty directory says version=none", "[migrate]")
{
  TempDir temp;
  auto directory = MigrationDirectory::load(temp / "migrations");
  directory.write_state(orm::schema::Schema{}, "postgres");
  CHECK(read_file(temp / "migrations" / "orm.state")
            .rfind("// orm:state dialect=postgres version=none\n", 0) == 0);
  REQUIRE(directory.state());
  CHECK(directory.state()->tables.empty());
}
