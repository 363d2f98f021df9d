// The orm binary against the MySQL-family test server: concurrency, connection errors, examples.

#include "core/util/strings.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::ScratchDatabase;
using orm::test::TempDir;
using orm::test::write_file;

namespace {

std::string
url_environment(const std::string& url)
{
  return "ORM_DATABASE_URL='" + url + "'";
}

// The test server's URL with its user, password or database replaced.
std::string
server_with(const std::string& from, const std::string& to)
{
  std::string url = orm::test::mysql_server_url();
  return url.replace(url.find(from), from.size(), to);
}

// How many lines `text` has.
size_t
util_lines(const std::string& text)
{
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("mysql: 8 concurrent migrate up processes apply each migration exactly once",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  REQUIRE(run_orm(dir.path(), "init --dialect mysql", env).exit_code == 0);
  std::string models;
  for (int i = 0; i < 5; ++i) {
    models += "table t" + std::to_string(i) + " {\n  id int primary key\n}\n";
    write_file(dir / "models.orm", models);
    auto epoch = "SOURCE_DATE_EPOCH=" + std::to_string(1767225600 + i);
    REQUIRE(run_orm(dir.path(), "makemigrations --offline", epoch + " " + env).exit_code == 0);
  }
  std::string script;
  for (int p = 0; p < 8; ++p) {
    script +=
        "'" + std::string(ORM_BINARY) + "' migrate up > out" + std::to_string(p) + ".txt 2>&1 & ";
  }
  script += "wait";
  REQUIRE(std::system(("cd '" + dir.path().string() + "' && NO_COLOR=1 " + env + " bash -c \"" +
                       script + "\"")
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
  CHECK(run_orm(dir.path(), "migrate status --check", env).exit_code == 0);
  CHECK(database.connection().query("SELECT COUNT(*) FROM orm_migrations").text(0, 0) == "5");
}

TEST_CASE("mysql: connection errors exit 3 with one line, the server's error and the password "
          "masked",
          "[mysql][cli]")
{
  TempDir dir;
  struct Case
  {
    std::string url;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {server_with("orm-test-pw", "wrong-pw"), "ERROR 1045 (28000)"},
      {server_with("/mysql", "/no_such_database"), "ERROR 1049 (42000)"},
      {"mysql://orm:orm-test-pw@127.0.0.1:1/mysql?connect_timeout=2", "ERROR 2002 (HY000)"},
  };
  for (const auto& item : cases) {
    auto result = run_orm(dir.path(), "migrate status", url_environment(item.url));
    INFO(result.err);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find(item.expected) != std::string::npos);
    CHECK(result.err.find("orm-test-pw") == std::string::npos);
    CHECK(result.err.find("wrong-pw") == std::string::npos);
    CHECK(result.err.find("orm:****@127.0.0.1") != std::string::npos);
  }
}

TEST_CASE("mysql: a missing privilege is a one-line error with the server's error number",
          "[mysql][cli]")
{
  ScratchDatabase database;
  std::string user = database.name() + "_ro";
  auto& connection = database.connection();
  connection.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'ro-pw'");
  connection.execute("GRANT SELECT ON `" + database.name() + "`.* TO '" + user + "'@'%'");
  TempDir dir;
  write_file(dir / "models.orm", "table t { id int primary key }\n");
  std::string url = database.url();
  url.replace(url.find("orm:orm-test-pw"), 15, user + ":ro-pw");
  auto result = run_orm(dir.path(), "makemigrations -n t", url_environment(url));
  REQUIRE(result.exit_code == 0);
  result = run_orm(dir.path(), "migrate up", url_environment(url));
  connection.execute("DROP USER '" + user + "'@'%'");
  INFO(result.err);
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("ERROR 1142 (42000)") != std::string::npos);
  CHECK(result.err.find("ro-pw") == std::string::npos);
}

// Pointed at the server's own schemas, a models file without their tables would plan dropping them.
TEST_CASE("mysql: the server's system databases are refused before anything is planned",
          "[mysql][cli]")
{
  TempDir dir;
  write_file(dir / "models.orm", "table t { id int primary key }\n");
  for (std::string database : {"/mysql", "/sys", "/INFORMATION_SCHEMA", "/performance_schema"}) {
    auto result = run_orm(dir.path(), "makemigrations --check",
                          url_environment(server_with("/mysql", database)));
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("refusing to manage the server's system database") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "migrations"));
}

// makemigrations and diff normalise the models with what the session knows of the server (the
// database's charset, every charset's default collation), as they do the database.
TEST_CASE("mysql: models that spell out the server's defaults need no migration once applied",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  const std::string& charset = database.connection().server().default_charset;
  write_file(dir / "models.orm",
             "table t engine " + database.connection().server().default_engine + " charset " +
                 charset +
                 " {\n  id int primary key\n"
                 "  name varchar(10) charset latin1 collate latin1_swedish_ci\n}\n");
  REQUIRE(run_orm(dir.path(), "makemigrations -n first", env).exit_code == 0);
  REQUIRE(run_orm(dir.path(), "migrate up", env).exit_code == 0);
  auto check = run_orm(dir.path(), "makemigrations --check", env);
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
  auto diff = run_orm(dir.path(), "diff", env);
  CHECK(diff.out == "-- no changes\n");
}

// The committed example migrations are exactly what orm generates against a fresh database.
TEST_CASE("mysql: migrations-examples/crm regenerates byte-identical", "[mysql][cli][examples]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string command = std::string("ORM='") + ORM_BINARY + "' " + url_environment(database.url()) +
                        " '" + ORM_SOURCE_DIR + "/migrations-examples/regenerate' crm '" +
                        dir.path().string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto committed = std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples/crm/migrations";
  for (const auto& entry : std::filesystem::directory_iterator(committed)) {
    auto name = entry.path().filename().string();
    INFO(name);
    CHECK(read_file(dir / "migrations" / name) == read_file(entry.path()));
  }
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "migrations"),
                      std::filesystem::directory_iterator()) == 5);
}

// The blog example's history for this server (the app's blog-mariadb or blog-mysql: their down
// sections drop a check differently) is what orm makes from its model versions.
TEST_CASE("mysql: migrations-examples/blog/mariadb and mysql regenerate byte-identical",
          "[mysql][cli][examples]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string project = orm::test::testing_mysql8() ? "blog/mysql" : "blog/mariadb";
  std::string command = std::string("ORM='") + ORM_BINARY + "' " + url_environment(database.url()) +
                        " '" + ORM_SOURCE_DIR + "/migrations-examples/regenerate' " + project +
                        " '" + dir.path().string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto committed =
      std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples" / project / "migrations";
  for (const auto& entry : std::filesystem::directory_iterator(committed)) {
    auto name = entry.path().filename().string();
    INFO(name);
    CHECK(read_file(dir / "migrations" / name) == read_file(entry.path()));
  }
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "migrations"),
                      std::filesystem::directory_iterator()) == 5);
}

TEST_CASE("mysql: a migration that fails part way shows its progress and the way out",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  REQUIRE(run_orm(dir.path(), "init --dialect mysql", env).exit_code == 0);
  REQUIRE(run_orm(dir.path(), "makemigrations --empty -n by_hand",
                  "SOURCE_DATE_EPOCH=1767225600 " + env)
              .exit_code == 0);
  auto file = dir / "migrations" / "20260101000000_by_hand.sql";
  std::string text = read_file(file);
  text.replace(
      text.find("-- write the SQL to apply here"), 30,
      "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\n\nINSERT INTO missing VALUES (1);"
      "\n\nCREATE TABLE c (id int);");
  text.replace(text.find("-- write the SQL that reverts it here"), 37,
               "DROP TABLE c;\n\nDELETE FROM missing;\n\nDROP TABLE b;\n\nDROP TABLE a;");
  write_file(file, text);
  REQUIRE(run_orm(dir.path(), "migrate hash", env).exit_code == 0);

  auto up = run_orm(dir.path(), "migrate up", env);
  CHECK(up.exit_code == 3);
  auto status = run_orm(dir.path(), "migrate status", env);
  INFO(status.out);
  CHECK(status.out.find("failed") != std::string::npos);
  CHECK(status.out.find("2 of its 4 statements were applied") != std::string::npos);
  CHECK(status.out.find("missing") != std::string::npos); // the server's error names the table
  auto refused = run_orm(dir.path(), "migrate up", env);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("orm migrate resume") != std::string::npos);

  database.connection().execute("CREATE TABLE missing (id int)");
  auto resumed = run_orm(dir.path(), "migrate resume", env);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(run_orm(dir.path(), "migrate status --check", env).exit_code == 0);
}

// MariaDB has no functional key parts: planning one against MariaDB stops with a clear error
// before a file is written; MySQL takes it (up, nothing left to migrate, down).
TEST_CASE("mysql: a functional index is refused on MariaDB and applied on MySQL", "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  const std::string plain = "table posts {\n  id int primary key\n  title varchar(50)\n}\n";
  write_file(dir / "models.orm", plain);
  REQUIRE(run_orm(dir.path(), "makemigrations -n first", env).exit_code == 0);
  REQUIRE(run_orm(dir.path(), "migrate up", env).exit_code == 0);
  auto migrations = [&] {
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "migrations")) {
      count += entry.path().extension() == ".sql" ? 1 : 0;
    }
    return count;
  };
  // As a new table's index, and as an index added to a table that exists.
  write_file(dir / "models.orm", "table posts {\n  id int primary key\n  title varchar(50)\n"
                                 "  index posts_title_lower ((lower(title)))\n}\n"
                                 "table tags {\n  id int primary key\n  name varchar(20)\n"
                                 "  index ((upper(name)), id)\n}\n");
  auto made = run_orm(dir.path(), "makemigrations -n functional", env);
  INFO(made.out + made.err);
  if (database.connection().server().kind == orm::dialect::mysql::ServerKind::mariadb) {
    CHECK(made.exit_code == 2);
    CHECK(made.err.find("MariaDB does not support functional") != std::string::npos);
    CHECK(made.err.find("table posts, index posts_title_lower") != std::string::npos);
    CHECK(made.err.find("generated column") != std::string::npos);
    CHECK(util_lines(made.err) == 1);
    CHECK(migrations() == 1);
    CHECK(run_orm(dir.path(), "diff", env).exit_code == 2);
    CHECK(database.connection()
              .query("SELECT COUNT(*) FROM information_schema.TABLES WHERE "
                     "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tags'")
              .text(0, 0) == "0");
    // Offline, MariaDB is only assumed: the migration is planned as for MySQL.
    CHECK(run_orm(dir.path(), "makemigrations --offline --dry-run", env).exit_code == 0);
    return;
  }
  REQUIRE(made.exit_code == 0);
  auto up = run_orm(dir.path(), "migrate up", env);
  INFO(up.out + up.err);
  REQUIRE(up.exit_code == 0);
  auto check = run_orm(dir.path(), "makemigrations --check", env);
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
  CHECK(run_orm(dir.path(), "migrate down", env).exit_code == 0);
  write_file(dir / "models.orm", plain);
  auto after_down = run_orm(dir.path(), "diff", env);
  INFO(after_down.err);
  CHECK(after_down.out == "-- no changes\n");
}

// A kill while a statement outside a transaction ran, as the server leaves it: the statement done,
// the history row marking it in flight. Status says so; resume refuses what the catalog cannot
// judge and takes the user's word for it.
TEST_CASE("mysql: an interrupted statement shows in status and resume asks the user when the "
          "catalog cannot tell",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  REQUIRE(run_orm(dir.path(), "init --dialect mysql", env).exit_code == 0);
  REQUIRE(run_orm(dir.path(), "makemigrations --empty -n by_hand",
                  "SOURCE_DATE_EPOCH=1767225600 " + env)
              .exit_code == 0);
  auto file = dir / "migrations" / "20260101000000_by_hand.sql";
  std::string text = read_file(file);
  text.replace(text.find("-- write the SQL to apply here"), 30,
               "CREATE TABLE a (id int);\n\nSET @orm_test = 1;\n\nCREATE TABLE b (id int);");
  text.replace(text.find("-- write the SQL that reverts it here"), 37,
               "DROP TABLE b;\n\nSET @orm_test = 0;\n\nDROP TABLE a;");
  write_file(file, text);
  REQUIRE(run_orm(dir.path(), "migrate hash", env).exit_code == 0);
  REQUIRE(run_orm(dir.path(), "migrate up", env).exit_code == 0);
  database.connection().execute("DROP TABLE b");
  database.connection().execute(
      "UPDATE orm_migrations SET statements_applied = 1, in_flight = 1");

  auto status = run_orm(dir.path(), "migrate status", env);
  INFO(status.out);
  CHECK(status.out.find("interrupted during statement 2 of 3: it may have been applied") !=
        std::string::npos);
  auto json = run_orm(dir.path(), "migrate status --format json", env);
  CHECK(json.out.find("\"in_flight\": true") != std::string::npos);

  auto refused = run_orm(dir.path(), "migrate resume", env);
  INFO(refused.err);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("statement 2 of 3") != std::string::npos);
  CHECK(refused.err.find("SET @orm_test = 1") != std::string::npos);
  CHECK(refused.err.find("--skip-first") != std::string::npos);
  CHECK(run_orm(dir.path(), "migrate resume --skip-first --retry-first", env).exit_code == 2);

  auto resumed = run_orm(dir.path(), "migrate resume --retry-first", env);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(run_orm(dir.path(), "migrate status --check", env).exit_code == 0);
  CHECK(database.connection()
            .query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                   "DATABASE() AND TABLE_NAME IN ('a', 'b')")
            .text(0, 0) == "2");
}

// A history table made by an orm before the crash-safe runner: read as it is, extended on the
// next migrate up, and a migration older than the newest applied one is applied with a warning.
TEST_CASE("mysql: an older orm's history table is extended, an out-of-order migration warns",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  REQUIRE(run_orm(dir.path(), "init --dialect mysql", env).exit_code == 0);
  for (auto [epoch, name] : {std::pair{"1767225600", "first"}, {"1767225700", "second"}}) {
    REQUIRE(run_orm(dir.path(), std::string("makemigrations --offline --empty -n ") + name,
                    std::string("SOURCE_DATE_EPOCH=") + epoch + " " + env)
                .exit_code == 0);
  }
  auto& connection = database.connection();
  connection.execute(R"(CREATE TABLE orm_migrations (
  version VARCHAR(14) NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL,
  applied_at VARCHAR(20) NOT NULL, execution_ms BIGINT NOT NULL, statements_applied INT NOT NULL,
  statements_total INT NOT NULL, error TEXT NOT NULL) ENGINE=InnoDB)");
  REQUIRE(run_orm(dir.path(), "migrate resolve 20260101000140 --applied", env).exit_code == 0);
  auto status = run_orm(dir.path(), "migrate status", env);
  INFO(status.out << status.err);
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("applied    20260101000140_second") != std::string::npos);

  auto up = run_orm(dir.path(), "migrate up", env);
  INFO(up.err);
  CHECK(up.exit_code == 0);
  CHECK(up.err.find("20260101000000_first is older than a migration the database had applied "
                    "already") != std::string::npos);
  CHECK(connection
            .query("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                   "DATABASE() AND TABLE_NAME = 'orm_migrations' AND COLUMN_NAME IN "
                   "('direction', 'statements_reverted', 'in_flight')")
            .text(0, 0) == "3");
  CHECK(run_orm(dir.path(), "migrate status --check", env).exit_code == 0);
}

// MariaDB takes a prefix of a text column by itself (768 characters of utf8mb4) and MySQL refuses
// the index: without a length it is refused when planning, on both; with one it re-diffs empty,
// and a changed length says what changed.
TEST_CASE("mysql: an index on a text column needs a length, with one it re-diffs empty",
          "[mysql][cli]")
{
  ScratchDatabase database;
  TempDir dir;
  std::string env = url_environment(database.url());
  auto models = [](const std::string& body_part, const std::string& title_part) {
    return "table p {\n  id int primary key\n  body text\n  title text\n  index (" + body_part +
           ")\n  unique (" + title_part + ")\n  index p_search (body) using fulltext\n}\n";
  };
  write_file(dir / "models.orm", models("body", "title(100)"));
  for (const char* command : {"makemigrations", "makemigrations --offline --dry-run"}) {
    auto refused = run_orm(dir.path(), command, env);
    INFO(refused.out + refused.err);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("table p, index p_body_idx: MySQL and MariaDB index a text column "
                           "only by a prefix, and the key part (body) has no length; give it "
                           "one, `(body(255))`") != std::string::npos);
    CHECK(util_lines(refused.err) == 1);
  }
  write_file(dir / "models.orm", models("body(255)", "title"));
  auto unique = run_orm(dir.path(), "makemigrations", env);
  CHECK(unique.exit_code == 2);
  CHECK(unique.err.find("index p_title_key") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "migrations"));

  write_file(dir / "models.orm", models("body(255)", "title(100)"));
  REQUIRE(run_orm(dir.path(), "makemigrations -n initial", env).exit_code == 0);
  auto up = run_orm(dir.path(), "migrate up", env);
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  auto check = run_orm(dir.path(), "makemigrations --check", env);
  INFO(check.out);
  CHECK(check.exit_code == 0);
  auto prefixes = database.connection().query(
      "SELECT INDEX_NAME, COALESCE(SUB_PART, 0) FROM information_schema.STATISTICS WHERE "
      "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'p' AND INDEX_NAME <> 'PRIMARY' ORDER BY "
      "INDEX_NAME");
  std::string seen;
  for (size_t i = 0; i < prefixes.rows.size(); ++i) {
    seen += prefixes.text(i, 0) + " " + prefixes.text(i, 1) + "; ";
  }
  CHECK(seen == "p_body_idx 255; p_search 0; p_title_key 100; ");

  write_file(dir / "models.orm", models("body(200)", "title(100)"));
  auto changed = run_orm(dir.path(), "makemigrations --check", env);
  CHECK(changed.exit_code == 1);
  CHECK(changed.out.find("~ index p_body_idx on p: (body(255)) -> (body(200))\n") !=
        std::string::npos);
  CHECK(run_orm(dir.path(), "migrate down", env).exit_code == 0);
}
