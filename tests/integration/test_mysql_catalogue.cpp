// Against a real MariaDB server: the no-op catalogue (tricky spellings that must diff empty), the
// change catalogue (up, re-inspect, re-diff empty, rows survive, down gives the original back)
// and seeded random schema pairs.

#include "core/dialect/dialect.hpp"
#include "core/dialect/mysql/hooks.hpp"
#include "core/dialect/mysql/inspect.hpp"
#include "core/dialect/mysql/plan.hpp"
#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "core/util/strings.hpp"
#include "tests/support/edited.hpp"
#include "tests/support/mysql_scratch.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace orm;
using namespace orm::dialect::mysql;
using orm::test::ScratchDatabase;
using schema::Schema;

namespace {

Schema
parsed(const std::string& text)
{
  return models::parse(text, "case.orm");
}

// The database's schema as the differ sees it. inspect reads the database's defaults again, so
// the hooks are made after it.
Schema
inspected(ScratchDatabase& database)
{
  Schema read = dialect::mysql::inspect(database.connection());
  return diff::normalized(read, MysqlHooks(database.connection().server()));
}

diff::Changes
changes(ScratchDatabase& database, const Schema& from, const Schema& to)
{
  return diff::diff(from, to, MysqlHooks(database.connection().server()));
}

void
run(ScratchDatabase& database, const std::vector<std::string>& statements)
{
  for (const auto& statement : statements) {
    INFO(statement);
    database.connection().execute(statement);
  }
}

// Applies the plan from `from` to `to`; returns its down statements, in order.
std::vector<std::string>
apply_plan(ScratchDatabase& database, const Schema& from, const Schema& to)
{
  auto plan = dialect::mysql::plan(changes(database, from, to), database.connection().server());
  std::vector<std::string> up;
  std::vector<std::string> down;
  for (const auto& step : plan.steps) {
    up.insert(up.end(), step.up.begin(), step.up.end());
  }
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    down.insert(down.end(), step->down.begin(), step->down.end());
  }
  UNSCOPED_INFO("up:\n" + util::join(up, ";\n"));
  run(database, up);
  return down;
}

// The differences left between the database and `wanted`, one line each; empty when none.
std::string
left_over(ScratchDatabase& database, const Schema& wanted)
{
  return util::join(diff::describe(changes(database, inspected(database), wanted)), "\n");
}

std::string
count_rows(ScratchDatabase& database, const std::string& table)
{
  return database.connection().query("SELECT COUNT(*) FROM `" + table + "`").text(0, 0);
}

} // namespace

TEST_CASE("mysql no-op catalogue: migrated to the models, the database diffs empty",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"numbers", R"(table t {
         id bigint primary key autoincrement
         a int default 0
         b int default '5'
         c decimal(10, 2)? default 0.5
         d smallint? default -3
         e real? default 1.5
         f double? default (0)
         g raw('int unsigned')? default 7
         h raw('INT(10) UNSIGNED')?
         i raw('tinyint')
       })"},
      {"bool and text", R"(table t {
         id int primary key
         flag bool default true
         off bool default false
         name varchar(20)? default 'it''s'
         code char(3) default ''
         body text default (lower('X'))
         note text? default null
         summary text default 'none' // MySQL takes it only as DEFAULT ('none')
         doc json? default ('{}')
         kind enum('draft', 'live', 'it''s') default 'draft'
         u uuid?
         j json?
         blob bytes?
       })"},
      {"times", R"(table t {
         id int primary key
         created timestamp default now
         updated timestamptz? default now
         day date?
         at time?
         precise raw('datetime(6)')? default (current_timestamp(6))
       })"},
      {"reserved and mixed-case identifiers", R"(table "Order" comment 'it''s a \ table' {
         "select" int primary key
         "From" varchar(10) comment 'Quoted'
         "User Name" varchar(10)?
         index ("From", "User Name")
         unique "Order_idx" ("select" desc)
         check (`select` > 0)
       })"},
      {"table options, charsets, ON UPDATE, generated columns, prefixes, FULLTEXT",
       R"(table logs engine MyISAM charset latin1 {
         id int primary key autoincrement
         email varchar(100) collate latin1_bin
         name varchar(50)? charset utf8mb4
         title varchar(50)? charset utf8mb4 collate utf8mb4_bin
         body text?
         changed timestamp default now on update now
         precise raw('datetime(6)')? default (current_timestamp(6)) on update now
         doubled bigint? generated (char_length(email) * 2) virtual // not on id: MySQL refuses
         lower_email varchar(100)? generated (lower(email)) stored
         index (email(10), name desc)
         index (body) using fulltext
       }
       table notes engine InnoDB charset utf8mb4 collate utf8mb4_unicode_ci {
         id int primary key
         note varchar(20) collate utf8mb4_unicode_ci
         plain varchar(20)? charset utf8mb4
       })"},
      {"charsets spelled with their default collation, on tables and columns",
       R"(table a charset latin1 collate latin1_swedish_ci {
         id int primary key
         same varchar(20)? charset latin1 collate latin1_swedish_ci
         alone varchar(20)? collate latin1_swedish_ci
         upper varchar(20)? charset LATIN1 collate Latin1_Swedish_CI
         wide varchar(20)? charset utf8mb4 collate utf8mb4_general_ci
         bin varchar(20)? charset latin1 collate latin1_bin
       }
       table b {
         id int primary key
         l1 varchar(20)? charset latin1 collate latin1_swedish_ci
         l2 varchar(20)? collate latin1_swedish_ci
         u varchar(10)? charset ucs2 collate ucs2_general_ci
         g varchar(10)? collate greek_general_ci
       }
       table c collate latin1_swedish_ci { id int primary key
         name varchar(20)? charset latin1
       }
       table d charset latin1 collate latin1_bin {
         id int primary key
         own varchar(20)? charset latin1
         spelled varchar(20)? charset latin1 collate latin1_swedish_ci
         inherited varchar(20)? collate latin1_bin
       })"},
      {"SPATIAL index", R"(table places {
         id int primary key
         pos raw('point')
         area raw('polygon')?
         index (pos) using spatial
       })"},
      {"keys, foreign keys and the implicit index",
       R"(table users { id bigint primary key autoincrement }
       table posts {
         id bigint primary key autoincrement
         author_id bigint references users(id) on delete cascade
         editor_id bigint? references users(id) on delete set null on update restrict
         title varchar(200)
         index (editor_id, title)
       }
       table post_tags {
         post_id bigint
         tag bigint
         primary key (post_id, tag)
         foreign key (post_id) references posts(id)
         foreign key post_tags_self (tag) references posts(id)
         check (tag <> post_id and tag IN (1,2, 3))
       })"},
      // Both servers push NOT down (not (a > 5 and a < 3) is stored as a <= 5 or a >= 3).
      {"NOT in checks, generated columns and expression defaults", R"(table n {
         id int primary key
         a int?
         b int?
         c int?
         s varchar(10)?
         g1 int? generated (not (a > 5 and a < 3)) virtual
         g2 int? generated (not (a is null or b in (1, 2))) virtual
         g3 int? generated (not (s like 'x%' or a between 1 and 5)) stored
         g4 int? generated (not (not (a = b)) and not (c <> 1)) virtual
         g5 int? generated (not a) virtual
         g6 int? generated (not (a xor b > 1)) virtual
         g7 int? generated (if(not (a >= 1), 1, 0)) virtual
         d1 int? default (not (a <= 1 and b > 2))
         check (not (a > 5 and (b < 3 or b > 10)))
         check (not (a = 5 and (b = 3 and c = 2)))
         check (not (a is not null) or not (s not like 'y%'))
         check (not (a not in (1, 2, 3)) or not (b not between 1 and 9) or b is null)
         check (not (a <=> b))
         check (not (s = 'it''s') and not (s regexp 'z'))
         check (not (a > 5 and b) or c in (7))
         check (not (a + 1 > c) or a is unknown)
       })"},
  };
  for (const auto& [name, text] : cases) {
    DYNAMIC_SECTION(name)
    {
      database.clear();
      Schema wanted = parsed(text);
      apply_plan(database, Schema{}, wanted);
      CHECK(left_over(database, wanted) == "");
      // Printed back to the models language, the database still diffs empty.
      Schema printed = parsed(models::print(inspected(database)));
      CHECK(left_over(database, printed) == "");
    }
  }
}

TEST_CASE("mysql no-op catalogue: models that spell out the database's defaults diff empty",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  const ServerInfo& server = database.connection().server();
  const std::string& charset = server.default_charset;
  const std::string& collation = server.default_collation;
  REQUIRE(!charset.empty());
  // `{charset}`, `{collation}` and `{engine}` stand for the defaults read at connect time.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"the default engine", R"(table t engine {engine} { id int primary key }
         table u engine innodb { id int primary key })"},
      {"the database's charset on a table",
       "table t charset {charset} { id int primary key\n name varchar(20)? }"},
      {"the database's collation on a table",
       "table t charset {charset} collate {collation} { id int primary key\n name varchar(20)? }"},
      {"the database's charset and collation on columns of a table with none", R"(table t {
         id int primary key
         name varchar(20)? charset {charset}
         code varchar(5)? collate {collation}
         both varchar(5)? charset {charset} collate {collation}
       })"},
      {"all of them at once", R"(table t engine InnoDB charset {charset} collate {collation} {
         id int primary key
         name varchar(20)? charset {charset}
       })"},
  };
  auto filled = [&](std::string text) {
    for (const auto& [key, value] :
         {std::pair{"{charset}", charset}, std::pair{"{collation}", collation},
          std::pair{"{engine}", server.default_engine}}) {
      for (size_t at = text.find(key); at != std::string::npos; at = text.find(key)) {
        text.replace(at, std::string_view(key).size(), value);
      }
    }
    return text;
  };
  for (const auto& [name, text] : cases) {
    DYNAMIC_SECTION(name)
    {
      database.clear();
      Schema wanted = parsed(filled(text));
      apply_plan(database, Schema{}, wanted);
      CHECK(left_over(database, wanted) == "");
    }
  }

  SECTION("a latin1 database: latin1 is the default, utf8mb4 is not")
  {
    run(database, {"ALTER DATABASE `" + database.name() + "` CHARACTER SET latin1"});
    MysqlConnection latin1(database.url()); // reads the new defaults
    REQUIRE(latin1.server().default_charset == "latin1");
    Schema wanted = parsed(R"(table t charset latin1 {
         id int primary key
         name varchar(20)? charset latin1
         other varchar(20)? charset utf8mb4
       })");
    for (const auto& statement : dialect::mysql::create_statements(wanted)) {
      latin1.execute(statement);
    }
    MysqlHooks hooks(latin1.server());
    Schema read = diff::normalized(dialect::mysql::inspect(latin1), hooks);
    CHECK(util::join(diff::describe(diff::diff(read, wanted, hooks)), "\n") == "");
    CHECK(read.tables.at(0).charset == "");
    CHECK(read.tables.at(0).find_column("other")->charset == "utf8mb4");
  }
}

TEST_CASE("mysql: an ALTER DATABASE after connecting is seen by the next inspect and its hooks",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  std::string charset = database.connection().server().default_charset;
  REQUIRE(charset != "latin1");
  // A migration that changes the database's charset, run by a session that inspects after it.
  auto session = dialect::connect(database.url());
  db::Connection& connection = session->connection();
  connection.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL)");
  connection.execute("ALTER DATABASE `" + database.name() + "` CHARACTER SET latin1");
  connection.execute("CREATE TABLE u (id int PRIMARY KEY, name varchar(20) NOT NULL)");
  // t keeps the charset it was made with, which is no longer the database's; u has latin1.
  Schema read = session->inspect();
  CHECK(read.find_table("t")->charset == charset);
  CHECK(read.find_table("u")->charset == "");
  Schema wanted = parsed("table t charset " + charset +
                         " { id int primary key\n name varchar(20) }\n"
                         "table u charset latin1 { id int primary key\n"
                         "  name varchar(20) charset latin1 collate latin1_swedish_ci }");
  CHECK(util::join(diff::describe(diff::diff(read, wanted, session->dialect().hooks())), "\n") ==
        "");
  // Another connection, made before the change, sees it at its next inspect too. (MariaDB keeps
  // creating tables with the old default on that connection: the session's
  // @@character_set_database changes only where ALTER DATABASE ran.)
  CHECK(inspected(database).find_table("u")->charset == "");
  CHECK(inspected(database).find_table("t")->charset == charset);
  CHECK(database.connection().server().default_charset == "latin1");
  CHECK(database.connection().server().default_collation == "latin1_swedish_ci");
  CHECK(left_over(database, wanted) == "");
}

TEST_CASE("mysql no-op catalogue: a database written by hand reads back as models that diff empty",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  run(database, {R"(CREATE TABLE `Mixed` (
      `id` int(11) NOT NULL AUTO_INCREMENT,
      `n` int(10) unsigned DEFAULT '0',
      `flag` tinyint(1) NOT NULL DEFAULT '1',
      `price` decimal(8,3) NOT NULL DEFAULT 0,
      `s` set('a','b') DEFAULT NULL,
      `m` mediumtext,
      `t` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
      `g` int AS (`n` + 1) VIRTUAL,
      `j` json DEFAULT NULL,
      `key` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL DEFAULT 'x',
      PRIMARY KEY (`id`),
      KEY `by_key` (`key`(10)),
      FULLTEXT KEY `ft` (`m`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)",
                 "CREATE TABLE child (id INT PRIMARY KEY, mixed_id INT NOT NULL, CONSTRAINT "
                 "child_mixed FOREIGN KEY (mixed_id) REFERENCES `Mixed` (id))"});
  run(database, {R"(CREATE TABLE `old` (
      `id` int NOT NULL,
      `v` varchar(10) COLLATE latin1_general_ci DEFAULT NULL,
      `t` timestamp NOT NULL DEFAULT current_timestamp ON UPDATE current_timestamp,
      `body` text CHARACTER SET utf8mb4,
      PRIMARY KEY (`id`),
      FULLTEXT KEY `old_body` (`body`),
      UNIQUE KEY `old_v` (`v`(4))
    ) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_german1_ci)"});
  std::string printed = models::print(inspected(database));
  INFO(printed);
  Schema read = parsed(printed);
  CHECK(read.find_table("child")->indexes.empty()); // the implicit index of child_mixed
  const schema::Table* mixed = read.find_table("Mixed");
  CHECK(mixed->engine == "");
  CHECK(mixed->charset == "");
  CHECK(mixed->collation == "");
  CHECK(mixed->find_column("j")->type == schema::Type::of(schema::TypeKind::json));
  CHECK(mixed->find_column("t")->on_update_now);
  CHECK(mixed->find_column("g")->generated == "`n` + 1");
  CHECK(!mixed->find_column("g")->generated_stored);
  CHECK(mixed->find_column("key")->charset == ""); // the table's
  CHECK(mixed->find_index("by_key")->parts[0].prefix_length == 10);
  CHECK(mixed->find_index("ft")->method == "fulltext");
  const schema::Table* old = read.find_table("old");
  CHECK(old->engine == "myisam");
  CHECK(old->collation == "latin1_german1_ci");
  CHECK(old->find_column("v")->collation == "latin1_general_ci");
  CHECK(old->find_column("body")->charset == "utf8mb4");
  CHECK(left_over(database, read) == "");
}

TEST_CASE("mysql change catalogue: up, re-diff empty, rows survive, down gives the original back",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  const std::string base = R"(table users {
      id bigint primary key autoincrement
      email varchar(100) unique
      name varchar(50)?
      karma int default 0 check (karma >= 0)
      touched timestamp default now on update now
    }
    table posts {
      id bigint primary key autoincrement
      author_id bigint references users(id) on delete cascade
      title varchar(200)
      index (title)
    }
    table tags {
      id int primary key
      label varchar(20)
    })";
  auto edit = [&](const std::string& from, const std::string& to) {
    return test::edited(base, from, to);
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"add column",
       edit("      name varchar(50)?\n", "      name varchar(50)?\n      age int?\n")},
      {"add NOT NULL column with a default",
       edit("      name varchar(50)?\n",
            "      name varchar(50)?\n      active bool default true\n")},
      {"drop column", edit("      name varchar(50)?\n", "")},
      {"rename column", edit("      name varchar(50)?", "      full_name varchar(50)? was name")},
      {"widen column", edit("name varchar(50)?", "name varchar(80)?")},
      {"make nullable", edit("title varchar(200)", "title varchar(200)?")},
      {"modify a column with ON UPDATE: the clause stays",
       edit("touched timestamp default now on update now",
            "touched timestamp? default now on update now comment 'Kept'")},
      {"drop ON UPDATE",
       edit("touched timestamp default now on update now", "touched timestamp default now")},
      {"change default", edit("karma int default 0", "karma int default 1")},
      {"add comment", edit("name varchar(50)?", "name varchar(50)? comment 'Shown'")},
      {"add index",
       edit("      name varchar(50)?\n", "      name varchar(50)?\n      index (name)\n")},
      {"drop index", edit("      index (title)\n", "")},
      {"index on the foreign key column",
       edit("      index (title)\n", "      index (author_id, title)\n")},
      {"drop foreign key",
       edit("author_id bigint references users(id) on delete cascade", "author_id bigint")},
      {"change foreign key action", edit("on delete cascade", "on delete restrict")},
      {"drop check", edit(" check (karma >= 0)", "")},
      {"change check", edit("check (karma >= 0)", "check (karma >= -1)")},
      {"unique to composite",
       edit("email varchar(100) unique", "email varchar(100)\n      unique (email, name)")},
      {"rename table", edit("table posts {", "table articles was posts {")},
      {"add table", base + "\ntable labels { id int primary key }"},
      {"drop table", edit("table posts {\n      id bigint primary key autoincrement\n      "
                          "author_id bigint references users(id) on delete cascade\n      title "
                          "varchar(200)\n      index (title)\n    }",
                          "")},
      {"table comment", edit("table users {", "table users comment 'People' {")},
      {"engine", edit("table tags {", "table tags engine MyISAM {")},
      {"table charset, a column keeps its own",
       edit("table users {\n      id bigint primary key autoincrement\n      email varchar(100)",
            "table users charset latin1 collate latin1_bin {\n      id bigint primary key "
            "autoincrement\n      email varchar(100) charset utf8mb4")},
      {"column collation", edit("name varchar(50)?", "name varchar(50)? collate utf8mb4_bin")},
      {"column charset", edit("name varchar(50)?", "name varchar(50)? charset latin1")},
      {"column charset spelled with its default collation",
       edit("name varchar(50)?", "name varchar(50)? charset latin1 collate latin1_swedish_ci")},
      {"table charset spelled with its default collation",
       edit("table tags {", "table tags charset latin1 collate latin1_swedish_ci {")},
      {"add ON UPDATE column",
       edit("      name varchar(50)?\n",
            "      name varchar(50)?\n      seen timestamp default now on update now\n")},
      {"add generated columns",
       edit("      name varchar(50)?\n",
            "      name varchar(50)?\n      double_karma int? generated (karma * 2) virtual\n"
            "      email_domain varchar(100)? generated (substring_index(email, '@', -1)) "
            "stored\n")},
      {"key prefix", edit("      index (title)\n", "      index (title(20))\n")},
      {"fulltext index", edit("      index (title)\n", "      index (title) using fulltext\n")},
      {"spatial index on a new column (tags has no rows)",
       edit(
           "      label varchar(20)\n",
           "      label varchar(20)\n      spot raw('point')\n      index (spot) using spatial\n")},
  };
  Schema before_models = parsed(base);
  for (const auto& [name, text] : cases) {
    DYNAMIC_SECTION(name)
    {
      database.clear();
      apply_plan(database, Schema{}, before_models);
      run(database, {"INSERT INTO users (id, email, name, karma) VALUES (1, 'a@x', 'Ann', 5), "
                     "(2, 'b@x', NULL, 0)"});
      Schema original = inspected(database);
      Schema after = parsed(text);
      auto down = apply_plan(database, original, after);
      CHECK(left_over(database, after) == "");
      CHECK(count_rows(database, "users") == "2");
      run(database, down);
      CHECK(inspected(database) == original);
      CHECK(count_rows(database, "users") == "2");
    }
  }
}

namespace {

struct Migration
{
  std::string name;
  std::string before;            // models
  std::string after;             // models
  std::vector<std::string> rows; // inserted after `before` is applied
  std::string table;             // whose rows are counted
};

// Up, re-diff empty, rows kept; down gives the original schema and rows back; up again works.
void
check_up_down_up(ScratchDatabase& database, const Migration& item)
{
  database.clear();
  apply_plan(database, Schema{}, parsed(item.before));
  run(database, item.rows);
  std::string rows = count_rows(database, item.table);
  Schema original = inspected(database);
  Schema after = parsed(item.after);
  auto down = apply_plan(database, original, after);
  CHECK(left_over(database, after) == "");
  CHECK(count_rows(database, item.table) == rows);
  UNSCOPED_INFO("down:\n" + util::join(down, ";\n"));
  run(database, down);
  CHECK(inspected(database) == original);
  CHECK(count_rows(database, item.table) == rows);
  apply_plan(database, original, after);
  CHECK(left_over(database, after) == "");
}

} // namespace

TEST_CASE("mysql change catalogue: AUTO_INCREMENT columns that gain or lose the primary key, "
          "with rows",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  const std::string keyed_on_code = R"(table items {
      code int primary key
      name varchar(20)
    })";
  const std::string keyed_on_id = R"(table items {
      id bigint primary key autoincrement
      code int
      name varchar(20)
    })";
  const std::string plain_id = R"(table items {
      id int
      code int primary key
      name varchar(20)
    })";
  const std::string auto_id = R"(table items {
      id int primary key autoincrement
      code int
      name varchar(20)
    })";
  const std::string keyed_on_name = R"(table items {
      name varchar(20) primary key
    })";
  const std::vector<std::string> rows = {
      "INSERT INTO items (code, name) VALUES (7, 'a'), (8, 'b'), (9, 'c')"};
  const std::vector<std::string> rows_with_id = {
      "INSERT INTO items (id, code, name) VALUES (3, 7, 'a'), (5, 8, 'b'), (6, 9, 'c')"};
  const std::vector<Migration> cases = {
      {"add an AUTO_INCREMENT column that becomes the key", keyed_on_code, keyed_on_id, rows,
       "items"},
      {"drop the AUTO_INCREMENT key column, the key moves back", keyed_on_id, keyed_on_code, rows,
       "items"},
      {"an existing column becomes AUTO_INCREMENT and the key", plain_id, auto_id, rows_with_id,
       "items"},
      {"a column stops being AUTO_INCREMENT and the key", auto_id, plain_id, rows_with_id, "items"},
      {"a table without a key gains an AUTO_INCREMENT key",
       "table items {\n code int\n name varchar(20)\n }", keyed_on_id, rows, "items"},
      // One row: the down adds `code` back as 0 on every row, before it is the key again.
      {"drop the key's only column",
       keyed_on_code,
       keyed_on_name,
       {"INSERT INTO items (code, name) VALUES (7, 'a')"},
       "items"},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      check_up_down_up(database, item);
    }
  }
}

TEST_CASE("mysql change catalogue: indexes, unique indexes, foreign keys and checks renamed",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  const std::string base = R"(table users {
      id bigint primary key autoincrement
      email varchar(100)
      karma int
      unique users_email_uq (email)
      index users_karma_idx (karma)
      check users_karma_check (karma >= 0)
    }
    table posts {
      id bigint primary key autoincrement
      author_id bigint
      editor_id bigint?
      foreign key posts_author_fk (author_id) references users(id) on delete cascade
      foreign key posts_editor_fk (editor_id) references users(id) on delete set null
      index posts_editor_idx (editor_id, id)
    })";
  auto renamed = [&](const std::string& from, const std::string& to) {
    return test::edited(base, from, to);
  };
  const std::vector<std::string> rows = {
      "INSERT INTO users (id, email, karma) VALUES (1, 'a@x', 1), (2, 'b@x', 2)",
      "INSERT INTO posts (author_id, editor_id) VALUES (1, 2), (2, NULL)"};
  const std::vector<Migration> cases = {
      {"an index", base, renamed("users_karma_idx", "users_karma_index"), rows, "users"},
      {"a unique index", base, renamed("users_email_uq", "users_email_key"), rows, "users"},
      {"an index that backs a foreign key", base,
       renamed("posts_editor_idx", "posts_editor_id_idx"), rows, "posts"},
      {"a foreign key MySQL keeps an index of its own for", base,
       renamed("posts_author_fk", "posts_author_id_fkey"), rows, "posts"},
      {"a foreign key backed by an index", base, renamed("posts_editor_fk", "posts_editor_id_fkey"),
       rows, "posts"},
      {"a check", base, renamed("users_karma_check", "users_karma_positive"), rows, "users"},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      // The plan is a rename, not a drop and an add of something else.
      auto planned = diff::describe(changes(database, parsed(item.before), parsed(item.after)));
      INFO(util::join(planned, "\n"));
      REQUIRE(planned.size() == 1);
      CHECK(planned[0].find("(rename)") != std::string::npos);
      check_up_down_up(database, item);
      CHECK(count_rows(database, "posts") == "2");
    }
  }
}

// MariaDB stores json as longtext with a column check json_valid(`c`) named after the column;
// RENAME COLUMN rewrites the check's clause but keeps its old name, which must not matter.
TEST_CASE("mysql change catalogue: json columns renamed, with rows", "[mysql][catalogue]")
{
  ScratchDatabase database;
  const std::string base = R"(table docs {
      id int primary key
      body json
      meta json?
    })";
  auto edit = [&](const std::string& from, const std::string& to) {
    return test::edited(base, from, to);
  };
  const std::vector<std::string> rows = {
      R"(INSERT INTO docs (id, body, meta) VALUES (1, '{"a": [1, 2]}', NULL), (2, '[]', '{}'))"};
  const std::string renamed = edit("body json", "payload json was body");
  struct Case
  {
    std::string name;
    std::string after;
    std::string then; // models migrated to next, if any
  };
  const std::vector<Case> cases = {
      {"a json column", renamed, ""},
      {"a json column, then a new json column takes its old name", renamed,
       edit("body json", "payload json\n      body json?")},
      {"a json column that also becomes nullable", edit("body json", "payload json? was body"), ""},
      {"both json columns",
       edit("body json\n      meta json?", "payload json was body\n      extra json? was meta"),
       ""},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      check_up_down_up(database, {item.name, base, item.after, rows, "docs"});
      if (!item.then.empty()) {
        apply_plan(database, inspected(database), parsed(item.then));
        CHECK(left_over(database, parsed(item.then)) == "");
      }
      Schema now = inspected(database);
      const schema::Table* docs = now.find_table("docs");
      REQUIRE(docs);
      for (const auto& column : docs->columns) {
        if (column.name != "id") {
          INFO(column.name);
          CHECK(column.type.kind == schema::TypeKind::json);
        }
      }
      CHECK(docs->checks.empty());
      CHECK(database.connection().query("SELECT payload FROM docs WHERE id = 1").text(0, 0) ==
            R"({"a": [1, 2]})");
    }
  }
}

// Only the check MariaDB writes into a json column's definition makes it json: a table-level
// check of the same name and clause, written by hand, stays a longtext column and a check.
TEST_CASE("mysql no-op catalogue: a table-level json_valid check on a longtext column is a check",
          "[mysql][catalogue]")
{
  ScratchDatabase database;
  run(database, {"CREATE TABLE notes (id int PRIMARY KEY, doc longtext, "
                 "CONSTRAINT doc CHECK (json_valid(doc)))"});
  std::string printed = models::print(inspected(database));
  INFO(printed);
  Schema read = parsed(printed);
  const schema::Table* notes = read.find_table("notes");
  REQUIRE(notes);
  CHECK(notes->find_column("doc")->type.kind == schema::TypeKind::text);
  REQUIRE(notes->checks.size() == 1);
  CHECK(notes->checks[0].name == "doc");
  CHECK(left_over(database, read) == "");
}
