// The orm binary against the PostgreSQL test server: connection errors, the workflow with
// --schema, concurrent processes, a failing migration, the lock timeout, the shop example.

#include "core/util/strings.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

// `--database-url URL --schema NAME`, quoted for the shell.
std::string
target(const orm::test::PostgresScratchSchema& scratch)
{
  return "--database-url '" + orm::test::postgres_url() + "' --schema " + scratch.name() + " ";
}

// The server URL with another password or database (the last occurrence of `from` replaced).
std::string
url_with(const std::string& from, const std::string& to)
{
  std::string url = orm::test::postgres_url();
  size_t at = url.rfind(from);
  REQUIRE(at != std::string::npos);
  return url.replace(at, from.size(), to);
}

std::string
password()
{
  std::string url = orm::test::postgres_url();
  size_t colon = url.find(':', url.find("://") + 3);
  return url.substr(colon + 1, url.find('@') - colon - 1);
}

std::set<std::string>
file_names(const std::filesystem::path& folder)
{
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// A hand-written `-- orm:no-transaction` migration of four steps whose third, an INSERT into the
// table `missing`, fails until someone creates that table.
void
write_failing_no_transaction_migration(const TempDir& dir, const std::string& on)
{
  write_file(dir / "models.orm", "");
  REQUIRE(
      run_orm(dir.path(), on + "makemigrations --empty -n by_hand", "SOURCE_DATE_EPOCH=1767225600")
          .exit_code == 0);
  auto file = dir / "migrations" / "20260101000000_by_hand.sql";
  std::string text = read_file(file);
  text.insert(text.find("-- orm:up"), "-- orm:no-transaction\n");
  text.replace(text.find("-- write the SQL to apply here"), 30,
               "CREATE TABLE a (id int);\n\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n\n"
               "INSERT INTO missing VALUES (1);\n\nCREATE TABLE c (id int);");
  text.replace(text.find("-- write the SQL that reverts it here"), 37,
               "DROP TABLE c;\n\nDELETE FROM missing;\n\nDROP INDEX CONCURRENTLY a_id;\n\n"
               "DROP TABLE a;");
  write_file(file, text);
  REQUIRE(run_orm(dir.path(), on + "migrate hash").exit_code == 0);
}

} // namespace

TEST_CASE("postgres cli: connection errors exit 3 with one masked line", "[postgres][cli]")
{
  TempDir dir;
  struct Case
  {
    std::string url;
    std::string expected;
  };
  std::vector<Case> cases = {
      {url_with(":" + password() + "@", ":wrong-secret@"), "SQLSTATE 28P01"},
      {url_with("/postgres", "/orm_no_such_database"), "SQLSTATE 3D000"},
      {"postgres://postgres:wrong-secret@127.0.0.1:1/postgres", "SQLSTATE 08001"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.url);
    auto result = run_orm(dir.path(), "inspect '" + c.url + "'");
    CHECK(result.exit_code == 3);
    CHECK(result.err.find(c.expected) != std::string::npos);
    CHECK(result.err.find("wrong-secret") == std::string::npos);
    CHECK(result.err.find(password()) == std::string::npos);
    CHECK(result.err.find("****") != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
}

// Pointed at a catalog schema, a models file without its tables would plan dropping them.
TEST_CASE("postgres cli: system schemas are refused before anything is planned", "[postgres][cli]")
{
  TempDir dir;
  write_file(dir / "models.orm", "table t { id int primary key }\n");
  for (std::string schema : {"pg_catalog", "information_schema", "pg_toast"}) {
    auto result = run_orm(dir.path(), "makemigrations --check --database-url '" +
                                          orm::test::postgres_url() + "' --schema " + schema);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("refusing to manage the system schema \"" + schema + "\"") !=
          std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "migrations"));
}

TEST_CASE("postgres cli: makemigrations, migrate up, check, down in a schema of its own",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  std::string on = target(scratch);
  write_file(dir / "models.orm", "table users {\n  id bigint primary key autoincrement\n"
                                 "  email varchar(255) unique\n  mood enum('ok', 'bad')?\n}\n");
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n initial", "SOURCE_DATE_EPOCH=1767225600")
              .exit_code == 0);
  auto up = run_orm(dir.path(), on + "migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "makemigrations --check").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "inspect").out.find("table users") != std::string::npos);
  write_file(dir / "models.orm", "table users {\n  id bigint primary key autoincrement\n"
                                 "  email varchar(255) unique\n  mood enum('ok', 'meh', 'bad')?\n"
                                 "  name text?\n}\n");
  CHECK(run_orm(dir.path(), on + "makemigrations --check").exit_code == 1);
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n more", "SOURCE_DATE_EPOCH=1767312000")
              .exit_code == 0);
  REQUIRE(run_orm(dir.path(), on + "migrate up").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "makemigrations --check").exit_code == 0);
  auto down = run_orm(dir.path(), on + "migrate down");
  INFO(down.err);
  CHECK(down.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 1);
}

TEST_CASE("postgres cli: 8 concurrent migrate up processes apply each migration exactly once",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  write_file(dir / "orm.toml", "dialect = \"postgres\"\n");
  std::string models;
  for (int i = 0; i < 5; ++i) {
    models += "table t" + std::to_string(i) + " {\n  id int primary key\n}\n";
    write_file(dir / "models.orm", models);
    auto epoch = "SOURCE_DATE_EPOCH=" + std::to_string(1767225600 + i);
    REQUIRE(run_orm(dir.path(), "makemigrations --offline", epoch).exit_code == 0);
  }
  std::string script;
  for (int p = 0; p < 8; ++p) {
    script += "'" + std::string(ORM_BINARY) + "' " + target(scratch) + "migrate up > out" +
              std::to_string(p) + ".txt 2>&1 & ";
  }
  script += "wait";
  REQUIRE(std::system(("cd '" + dir.path().string() + "' && NO_COLOR=1 bash -c \"" + script + "\"")
                          .c_str()) == 0);
  int applied = 0;
  for (int p = 0; p < 8; ++p) {
    std::string out = read_file(dir / ("out" + std::to_string(p) + ".txt"));
    INFO(out);
    CHECK(out.find("error") == std::string::npos);
    for (const auto& line : orm::util::split(out, '\n')) {
      applied += line.rfind("applied 2026", 0) == 0 ? 1 : 0;
    }
  }
  CHECK(applied == 5);
  CHECK(run_orm(dir.path(), target(scratch) + "migrate status --check").exit_code == 0);
}

TEST_CASE("postgres cli: a migration whose third statement fails leaves no trace",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  std::string on = target(scratch);
  write_file(dir / "models.orm", "table a { id int primary key }\n");
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n first", "SOURCE_DATE_EPOCH=1767225600")
              .exit_code == 0);
  REQUIRE(run_orm(dir.path(), on + "migrate up").exit_code == 0);
  std::string before_schema = run_orm(dir.path(), on + "inspect --format sql").out;
  std::string before_status = run_orm(dir.path(), on + "migrate status").out;
  REQUIRE(
      run_orm(dir.path(), on + "makemigrations --empty -n broken", "SOURCE_DATE_EPOCH=1767312000")
          .exit_code == 0);
  auto file = dir / "migrations" / "20260102000000_broken.sql";
  std::string content = read_file(file);
  size_t up = content.find("-- orm:up");
  REQUIRE(up != std::string::npos);
  content.insert(up + 10, "CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x int;\n"
                          "INSERT INTO no_such_table VALUES (1);\nCREATE TABLE c (id int);\n");
  write_file(file, content);
  REQUIRE(run_orm(dir.path(), on + "migrate hash").exit_code == 0);
  auto failed = run_orm(dir.path(), on + "migrate up");
  CHECK(failed.exit_code == 3);
  CHECK(failed.err.find("statement 3 of 4") != std::string::npos);
  CHECK(failed.err.find("42P01") != std::string::npos);
  CHECK(run_orm(dir.path(), on + "inspect --format sql").out == before_schema);
  std::string after_status = run_orm(dir.path(), on + "migrate status").out;
  CHECK(after_status.find("20260101000000_first") != std::string::npos);
  CHECK(after_status.find("pending") != std::string::npos);
  CHECK(after_status.find("failed") == std::string::npos);
  CHECK(before_status.find("applied") != std::string::npos);
}

TEST_CASE("postgres cli: a held migration lock times out naming its holder", "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  write_file(dir / "models.orm", "table a { id int primary key }\n");
  REQUIRE(run_orm(dir.path(), target(scratch) + "makemigrations -n first").exit_code == 0);
  auto holder = scratch.session();
  auto lock = holder->store().lock(std::chrono::milliseconds(1000));
  auto result = run_orm(dir.path(), target(scratch) + "migrate up --lock-timeout 1");
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("timed out") != std::string::npos);
  CHECK(result.err.find("pid ") != std::string::npos);
  lock.reset();
  CHECK(run_orm(dir.path(), target(scratch) + "migrate up").exit_code == 0);
}

// The committed shop example is what orm generates from its model versions on a fresh database.
TEST_CASE("postgres cli: migrations-examples/shop regenerates byte-identical", "[postgres][cli]")
{
  orm::test::PostgresScratchDatabase database;
  TempDir dir;
  std::string command = "ORM_DATABASE_URL='" + database.url() + "' ORM='" + ORM_BINARY + "' '" +
                        ORM_SOURCE_DIR + "/migrations-examples/regenerate' shop '" +
                        dir.path().string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto committed = std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples/shop/migrations";
  auto generated = dir / "migrations";
  REQUIRE(file_names(generated) == file_names(committed));
  for (const auto& name : file_names(committed)) {
    INFO(name);
    CHECK(read_file(generated / name) == read_file(committed / name));
  }
}

// The blog example's PostgreSQL history (the app's blog-postgres) is what orm makes from its
// model versions.
TEST_CASE("postgres cli: migrations-examples/blog/postgres regenerates byte-identical",
          "[postgres][cli]")
{
  orm::test::PostgresScratchDatabase database;
  TempDir dir;
  std::string command = "ORM_DATABASE_URL='" + database.url() + "' ORM='" + ORM_BINARY + "' '" +
                        ORM_SOURCE_DIR + "/migrations-examples/regenerate' blog/postgres '" +
                        dir.path().string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto committed =
      std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples/blog/postgres/migrations";
  auto generated = dir / "migrations";
  REQUIRE(file_names(generated) == file_names(committed));
  for (const auto& name : file_names(committed)) {
    INFO(name);
    CHECK(read_file(generated / name) == read_file(committed / name));
  }
}

TEST_CASE("postgres cli: an index marked concurrently gets a no-transaction migration",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  std::string on = target(scratch);
  write_file(dir / "models.orm", "table users {\n  id int primary key\n  email text\n}\n");
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n initial", "SOURCE_DATE_EPOCH=1767225600")
              .exit_code == 0);
  REQUIRE(run_orm(dir.path(), on + "migrate up").exit_code == 0);
  write_file(dir / "models.orm", "table users {\n  id int primary key\n  email text\n"
                                 "  index (email) using hash concurrently\n}\n");
  REQUIRE(run_orm(dir.path(), on + "makemigrations -n online", "SOURCE_DATE_EPOCH=1767312000")
              .exit_code == 0);
  std::string file = read_file(dir / "migrations" / "20260102000000_online.sql");
  INFO(file);
  CHECK(file.find("-- orm:no-transaction\n") != std::string::npos);
  CHECK(file.find("CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"users\" USING hash "
                  "(\"email\");") != std::string::npos);
  CHECK(file.find("DROP INDEX CONCURRENTLY \"users_email_idx\";") != std::string::npos);

  auto up = run_orm(dir.path(), on + "migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status").out.find("20260102000000_online") !=
        std::string::npos);
  CHECK(run_orm(dir.path(), on + "makemigrations --check").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "inspect").out.find("index (email) using hash") !=
        std::string::npos);

  auto down = run_orm(dir.path(), on + "migrate down");
  INFO(down.err);
  CHECK(down.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 1);
  CHECK(run_orm(dir.path(), on + "inspect").out.find("users_email_idx") == std::string::npos);
}

TEST_CASE("postgres cli: a no-transaction migration that fails part way records its progress",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  std::string on = target(scratch);
  write_failing_no_transaction_migration(dir, on);

  auto up = run_orm(dir.path(), on + "migrate up");
  CHECK(up.exit_code == 3);
  CHECK(up.err.find("statement 3 of 4") != std::string::npos);
  auto status = run_orm(dir.path(), on + "migrate status");
  INFO(status.out);
  CHECK(status.out.find("failed") != std::string::npos);
  CHECK(status.out.find("2 of its 4 statements were applied") != std::string::npos);
  CHECK(status.out.find("missing") != std::string::npos);
  CHECK(run_orm(dir.path(), on + "inspect").out.find("index a_id (id)") != std::string::npos);
  auto refused = run_orm(dir.path(), on + "migrate up");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("orm migrate resume") != std::string::npos);

  scratch.session()->connection().execute("CREATE TABLE missing (id int)");
  auto resumed = run_orm(dir.path(), on + "migrate resume");
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "inspect").out.find("table c") != std::string::npos);

  // Down fails at its second statement; resolve records the user's word that it is rolled back.
  scratch.session()->connection().execute("DROP TABLE missing");
  auto down = run_orm(dir.path(), on + "migrate down");
  CHECK(down.exit_code == 3);
  CHECK(run_orm(dir.path(), on + "migrate resolve 20260101000000 --rolled-back").exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 1);
}

TEST_CASE("postgres cli: migrate down reverts the steps a failed no-transaction migration applied",
          "[postgres][cli]")
{
  orm::test::PostgresScratchSchema scratch;
  TempDir dir;
  std::string on = target(scratch);
  write_failing_no_transaction_migration(dir, on);
  REQUIRE(run_orm(dir.path(), on + "migrate up").exit_code == 3);

  // Steps 2 and 1 are reverted (DROP INDEX CONCURRENTLY a_id, DROP TABLE a); 3 and 4 never ran.
  auto down = run_orm(dir.path(), on + "migrate down");
  INFO(down.err);
  CHECK(down.exit_code == 0);
  CHECK(scratch.session()->inspect().tables.empty());
  auto status = run_orm(dir.path(), on + "migrate status");
  INFO(status.out);
  CHECK(status.out.find("failed") == std::string::npos);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 1); // pending again

  scratch.session()->connection().execute("CREATE TABLE missing (id int)");
  auto up = run_orm(dir.path(), on + "migrate up");
  INFO(up.err);
  CHECK(up.exit_code == 0);
  CHECK(run_orm(dir.path(), on + "migrate status --check").exit_code == 0);
}
