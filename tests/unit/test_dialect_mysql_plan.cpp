#include "core/dialect/mysql/plan.hpp"

#include "core/dialect/mysql/hooks.hpp"
#include "core/diff/differ.hpp"
#include "core/migrate/migration_file.hpp"

#include "tests/support/schema_builders.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::dialect::mysql;
using schema::Column;
using schema::Default;
using schema::Table;
using schema::Type;
using schema::TypeKind;

using orm::test::column;

namespace {

const ServerInfo k_mariadb{ServerKind::mariadb, 10, 11};
const ServerInfo k_mysql{ServerKind::mysql, 8, 0};

// posts (id bigint auto_increment, author_id bigint, title varchar(200), body longtext NULL),
// indexed on title, with a foreign key author_id -> users(id) that MySQL backs with an implicit
// index (no index starts with author_id).
Table
posts()
{
  Table table;
  table.name = "posts";
  Column id = column("id", Type::of(TypeKind::bigint));
  id.autoincrement = true;
  table.columns = {id, column("author_id", Type::of(TypeKind::bigint)),
                   column("title", Type::varchar(200)),
                   column("body", Type::of(TypeKind::text), true)};
  table.primary_key = {"id"};
  table.indexes = {{"posts_title_idx", {{"title", "", false}}, false, ""}};
  table.foreign_keys = {{"posts_author_id_fkey",
                         {"author_id"},
                         "users",
                         {"id"},
                         schema::ReferentialAction::cascade,
                         schema::ReferentialAction::no_action}};
  table.checks = {{"posts_title_check", "`title` <> ''"}};
  return table;
}

migrate::Step
only_step(const diff::TableChange& change, const Table& from, const Table& to,
          const ServerInfo& server = k_mariadb)
{
  auto plan = dialect::mysql::plan({diff::ModifyTable{from, to, {change}}}, server);
  REQUIRE(plan.steps.size() == 1);
  return plan.steps.front();
}

struct Case
{
  std::string name;
  diff::TableChange change;
  std::string up;
  std::string down;
};

} // namespace

TEST_CASE("mysql planner: one ALTER TABLE statement per change, each with its reverse",
          "[mysql][plan]")
{
  Table from = posts();
  Column slug = column("slug", Type::varchar(100), true);
  slug.default_value = Default{Default::Kind::literal, "'x'"};
  Column wider = column("title", Type::varchar(300));
  wider.comment = "it's";
  Table after_slug = from;
  after_slug.columns.insert(after_slug.columns.begin() + 3, slug);

  const std::vector<Case> cases = {
      {"add column (in place, after its predecessor)", diff::AddColumn{slug},
       "ALTER TABLE `posts` ADD COLUMN `slug` varchar(100) NULL DEFAULT 'x' AFTER `title`",
       "ALTER TABLE `posts` DROP COLUMN `slug`"},
      {"modify column",
       diff::ModifyColumn{from.columns[2], wider, {true, false, false, false, true}},
       "ALTER TABLE `posts` MODIFY COLUMN `title` varchar(300) NOT NULL COMMENT 'it''s'",
       "ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) NOT NULL"},
      {"rename column", diff::RenameColumn{"body", "content"},
       "ALTER TABLE `posts` RENAME COLUMN `body` TO `content`",
       "ALTER TABLE `posts` RENAME COLUMN `content` TO `body`"},
      {"add index", diff::AddIndex{{"posts_title_uq", {{"title", "", true}}, true, ""}},
       "ALTER TABLE `posts` ADD UNIQUE INDEX `posts_title_uq` (`title` DESC)",
       "ALTER TABLE `posts` DROP INDEX `posts_title_uq`"},
      {"add index covering a foreign key: the implicit index goes, and comes back",
       diff::AddIndex{
           {"posts_author_idx", {{"author_id", "", false}, {"title", "", false}}, false, ""}},
       "ALTER TABLE `posts` ADD INDEX `posts_author_idx` (`author_id`, `title`), DROP INDEX "
       "`posts_author_id_fkey`",
       "ALTER TABLE `posts` DROP INDEX `posts_author_idx`, ADD INDEX `posts_author_id_fkey` "
       "(`author_id`)"},
      {"drop index", diff::DropIndex{from.indexes[0]},
       "ALTER TABLE `posts` DROP INDEX `posts_title_idx`",
       "ALTER TABLE `posts` ADD INDEX `posts_title_idx` (`title`)"},
      {"rename index", diff::RenameIndex{"posts_title_idx", "posts_heading_idx"},
       "ALTER TABLE `posts` RENAME INDEX `posts_title_idx` TO `posts_heading_idx`",
       "ALTER TABLE `posts` RENAME INDEX `posts_heading_idx` TO `posts_title_idx`"},
      {"drop foreign key, with the implicit index MySQL made for it",
       diff::DropForeignKey{from.foreign_keys[0]},
       "ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`, DROP INDEX "
       "`posts_author_id_fkey`",
       "ALTER TABLE `posts` ADD CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) "
       "REFERENCES `users` (`id`) ON DELETE CASCADE"},
      {"add check", diff::AddCheck{{"posts_id_check", "`id` > 0"}},
       "ALTER TABLE `posts` ADD CONSTRAINT `posts_id_check` CHECK (`id` > 0)",
       "ALTER TABLE `posts` DROP CONSTRAINT `posts_id_check`"},
      {"drop check", diff::DropCheck{from.checks[0]},
       "ALTER TABLE `posts` DROP CONSTRAINT `posts_title_check`",
       "ALTER TABLE `posts` ADD CONSTRAINT `posts_title_check` CHECK (`title` <> '')"},
      {"change primary key", diff::ChangePrimaryKey{{"id"}, {"id", "author_id"}},
       "ALTER TABLE `posts` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `author_id`)",
       "ALTER TABLE `posts` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`)"},
      {"table comment", diff::ChangeTableComment{"", "Blog\\posts"},
       "ALTER TABLE `posts` COMMENT = 'Blog\\\\posts'", "ALTER TABLE `posts` COMMENT = ''"},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      Table to = std::holds_alternative<diff::AddColumn>(item.change) ? after_slug : from;
      auto step = only_step(item.change, from, to);
      CHECK(step.up == std::vector<std::string>{item.up});
      CHECK(step.down == std::vector<std::string>{item.down});
    }
  }
}

TEST_CASE("mysql planner: a dropped column comes back where it was, irreversibly", "[mysql][plan]")
{
  Table from = posts();
  Table to = from;
  to.columns.erase(to.columns.begin() + 2);
  auto step = only_step(diff::DropColumn{from.columns[2]}, from, to);
  CHECK(step.up == std::vector<std::string>{"ALTER TABLE `posts` DROP COLUMN `title`"});
  CHECK(step.down == std::vector<std::string>{
                         "ALTER TABLE `posts` ADD COLUMN `title` varchar(200) NOT NULL AFTER "
                         "`author_id`"});
  CHECK(step.irreversible);
  CHECK(step.warnings == std::vector<std::string>{"drops column posts.title and its data"});
}

TEST_CASE("mysql planner: a foreign key backed by an index drops alone, MySQL drops checks "
          "with DROP CHECK",
          "[mysql][plan]")
{
  Table from = posts();
  from.indexes.push_back({"posts_author_idx", {{"author_id", "", false}}, false, ""});
  auto step = only_step(diff::DropForeignKey{from.foreign_keys[0]}, from, from);
  CHECK(step.up ==
        std::vector<std::string>{"ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`"});
  auto mysql8 = only_step(diff::DropCheck{from.checks[0]}, from, from, k_mysql);
  CHECK(mysql8.up ==
        std::vector<std::string>{"ALTER TABLE `posts` DROP CHECK `posts_title_check`"});
}

TEST_CASE("mysql planner: a foreign key or check is renamed by a drop and an add", "[mysql][plan]")
{
  Table from = posts();
  Table to = from;
  to.foreign_keys[0].name = "posts_author_fkey";
  to.checks[0].name = "posts_title_not_empty";
  auto key =
      only_step(diff::RenameConstraint{"posts_author_id_fkey", "posts_author_fkey"}, from, to);
  CHECK(key.summary == "~ constraint posts_author_id_fkey -> posts_author_fkey on posts (rename)");
  CHECK(key.up ==
        std::vector<std::string>{
            "ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`, DROP INDEX "
            "`posts_author_id_fkey`",
            "ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fkey` FOREIGN KEY (`author_id`) "
            "REFERENCES `users` (`id`) ON DELETE CASCADE"});
  CHECK(key.down ==
        std::vector<std::string>{
            "ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_fkey`, DROP INDEX "
            "`posts_author_fkey`",
            "ALTER TABLE `posts` ADD CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) "
            "REFERENCES `users` (`id`) ON DELETE CASCADE"});
  auto check =
      only_step(diff::RenameConstraint{"posts_title_check", "posts_title_not_empty"}, from, to);
  CHECK(check.up ==
        std::vector<std::string>{"ALTER TABLE `posts` DROP CONSTRAINT `posts_title_check`",
                                 "ALTER TABLE `posts` ADD CONSTRAINT `posts_title_not_empty` CHECK "
                                 "(`title` <> '')"});
  CHECK(check.down ==
        std::vector<std::string>{"ALTER TABLE `posts` DROP CONSTRAINT `posts_title_not_empty`",
                                 "ALTER TABLE `posts` ADD CONSTRAINT `posts_title_check` CHECK "
                                 "(`title` <> '')"});
}

TEST_CASE("mysql planner: tables are created, dropped and renamed in one statement each",
          "[mysql][plan]")
{
  Table table = posts();
  table.comment = "Posts";
  const std::string create = "CREATE TABLE `posts` (\n"
                             "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                             "  `author_id` bigint NOT NULL,\n"
                             "  `title` varchar(200) NOT NULL,\n"
                             "  `body` longtext NULL,\n"
                             "  PRIMARY KEY (`id`),\n"
                             "  INDEX `posts_title_idx` (`title`),\n"
                             "  CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) "
                             "REFERENCES `users` (`id`) ON DELETE CASCADE,\n"
                             "  CONSTRAINT `posts_title_check` CHECK (`title` <> '')\n"
                             ") COMMENT = 'Posts'";
  auto plan = dialect::mysql::plan(
      {diff::AddTable{table}, diff::RenameTable{"a", "b"}, diff::DropTable{table}}, k_mariadb);
  REQUIRE(plan.steps.size() == 3);
  CHECK(plan.steps[0].up == std::vector<std::string>{create});
  CHECK(plan.steps[0].down == std::vector<std::string>{"DROP TABLE `posts`"});
  CHECK(plan.steps[1].up == std::vector<std::string>{"RENAME TABLE `a` TO `b`"});
  CHECK(plan.steps[1].down == std::vector<std::string>{"RENAME TABLE `b` TO `a`"});
  CHECK(plan.steps[2].up == std::vector<std::string>{"DROP TABLE `posts`"});
  CHECK(plan.steps[2].down == std::vector<std::string>{create});
  CHECK(plan.steps[2].irreversible);
}

TEST_CASE("mysql planner: charsets, collations, ON UPDATE, generated columns, key prefixes, "
          "FULLTEXT and table options, each with its reverse",
          "[mysql][plan]")
{
  Table from = posts();
  Column updated = column("updated", Type::raw_type("datetime(6)"));
  updated.default_value = Default{Default::Kind::expression, "current_timestamp(6)"};
  updated.on_update_now = true;
  from.columns.push_back(updated);
  Column latin = column("code", Type::varchar(10));
  latin.charset = "latin1";
  latin.collation = "latin1_bin";
  from.columns.push_back(latin);
  Column nullable_updated = updated;
  nullable_updated.nullable = true;
  Column title_bin = from.columns[2];
  title_bin.collation = "utf8mb4_bin";
  Column doubled = column("doubled", Type::of(TypeKind::bigint), true);
  doubled.generated = "`id` * 2";
  doubled.generated_stored = false;
  Column stored = doubled;
  stored.generated_stored = true;
  schema::Index prefix{"posts_title_prefix", {{"title", "", false, 10}}, false, ""};
  schema::Index fulltext{"posts_body_ft", {{"body", "", false}}, false, "", "fulltext"};

  const std::vector<Case> cases = {
      {"modify keeps ON UPDATE and the column's own charset",
       diff::ModifyColumn{updated, nullable_updated, {false, true}},
       "ALTER TABLE `posts` MODIFY COLUMN `updated` datetime(6) NULL DEFAULT "
       "(current_timestamp(6)) ON UPDATE CURRENT_TIMESTAMP(6)",
       "ALTER TABLE `posts` MODIFY COLUMN `updated` datetime(6) NOT NULL DEFAULT "
       "(current_timestamp(6)) ON UPDATE CURRENT_TIMESTAMP(6)"},
      {"column collation",
       diff::ModifyColumn{from.columns[2], title_bin, {false, false, false, false, false, true}},
       "ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) COLLATE utf8mb4_bin NOT NULL",
       "ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) NOT NULL"},
      {"add generated column", diff::AddColumn{doubled},
       "ALTER TABLE `posts` ADD COLUMN `doubled` bigint GENERATED ALWAYS AS (`id` * 2) VIRTUAL "
       "AFTER `code`",
       "ALTER TABLE `posts` DROP COLUMN `doubled`"},
      {"add index with a key prefix", diff::AddIndex{prefix},
       "ALTER TABLE `posts` ADD INDEX `posts_title_prefix` (`title`(10))",
       "ALTER TABLE `posts` DROP INDEX `posts_title_prefix`"},
      {"add FULLTEXT index", diff::AddIndex{fulltext},
       "ALTER TABLE `posts` ADD FULLTEXT INDEX `posts_body_ft` (`body`)",
       "ALTER TABLE `posts` DROP INDEX `posts_body_ft`"},
      {"engine", diff::ChangeTableOptions{{}, {"MyISAM", "", ""}},
       "ALTER TABLE `posts` ENGINE = MyISAM", "ALTER TABLE `posts` ENGINE = InnoDB"},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      Table to = from;
      if (std::holds_alternative<diff::AddColumn>(item.change)) {
        to.columns.push_back(doubled);
      }
      auto step = only_step(item.change, from, to);
      CHECK(step.up == std::vector<std::string>{item.up});
      CHECK(step.down == std::vector<std::string>{item.down});
    }
  }

  SECTION("back to no engine is the server's default engine, whatever it is")
  {
    ServerInfo aria = k_mariadb;
    aria.default_engine = "Aria";
    auto step = only_step(diff::ChangeTableOptions{{}, {"MyISAM", "", ""}}, from, from, aria);
    CHECK(step.down == std::vector<std::string>{"ALTER TABLE `posts` ENGINE = Aria"});
  }

  SECTION("charset and collation: converted, then the column with its own charset gets it back")
  {
    auto step = only_step(diff::ChangeTableOptions{{}, {"", "", "utf8mb4_bin"}}, from, from);
    const std::string code = "ALTER TABLE `posts` MODIFY COLUMN `code` varchar(10) CHARACTER SET "
                             "latin1 COLLATE latin1_bin NOT NULL";
    CHECK(step.up ==
          std::vector<std::string>{
              "ALTER TABLE `posts` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", code});
    CHECK(step.down ==
          std::vector<std::string>{"ALTER TABLE `posts` CONVERT TO CHARACTER SET DEFAULT", code});
  }

  SECTION("a created table carries its options, a stored generated column and a prefix")
  {
    Table table;
    table.name = "t";
    table.columns = {column("id", Type::of(TypeKind::integer)), stored, latin};
    table.indexes = {{"t_code", {{"code", "", false, 4}}, true, ""}};
    table.engine = "MyISAM";
    table.charset = "latin1";
    auto plan = dialect::mysql::plan({diff::AddTable{table}}, k_mariadb);
    REQUIRE(plan.steps.size() == 1);
    CHECK(plan.steps[0].up ==
          std::vector<std::string>{
              "CREATE TABLE `t` (\n"
              "  `id` int NOT NULL,\n"
              "  `doubled` bigint GENERATED ALWAYS AS (`id` * 2) STORED,\n"
              "  `code` varchar(10) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,\n"
              "  UNIQUE INDEX `t_code` (`code`(4))\n"
              ") ENGINE = MyISAM DEFAULT CHARSET = latin1"});
  }
}

namespace {

// items (code int, name varchar(20)) keyed on code.
Table
items()
{
  Table table;
  table.name = "items";
  table.columns = {column("code", Type::of(TypeKind::integer)), column("name", Type::varchar(20))};
  table.primary_key = {"code"};
  return table;
}

Column
auto_id(TypeKind kind = TypeKind::bigint)
{
  Column id = column("id", Type::of(kind));
  id.autoincrement = true;
  return id;
}

// The plan the differ's changes give, from `from` to `to`.
migrate::Plan
plan_of(const Table& from, const Table& to)
{
  schema::Schema before;
  before.tables = {from};
  schema::Schema after;
  after.tables = {to};
  return dialect::mysql::plan(diff::diff(before, after, MysqlHooks(k_mariadb)), k_mariadb);
}

struct KeyCase
{
  std::string name;
  Table from;
  Table to;
  std::string summary;
  std::string up;
  std::string down;
};

} // namespace

TEST_CASE("mysql planner: an AUTO_INCREMENT column that gains or loses the primary key changes "
          "with the key in one statement, both ways",
          "[mysql][plan]")
{
  Table keyed_on_id = items();
  keyed_on_id.columns.insert(keyed_on_id.columns.begin(), auto_id());
  keyed_on_id.primary_key = {"id"};
  Table unkeyed = items();
  unkeyed.primary_key.clear();
  Table plain_id = items();
  plain_id.columns.insert(plain_id.columns.begin(), column("id", Type::of(TypeKind::integer)));
  Table auto_id_key = plain_id;
  auto_id_key.columns[0].autoincrement = true;
  auto_id_key.primary_key = {"id"};
  Table keyed_on_name = items();
  keyed_on_name.columns.erase(keyed_on_name.columns.begin());
  keyed_on_name.primary_key = {"name"};

  const std::vector<KeyCase> cases = {
      {"add an AUTO_INCREMENT column that becomes the key", items(), keyed_on_id,
       "+ column items.id; ~ primary key items: (code) -> (id)",
       "ALTER TABLE `items` ADD COLUMN `id` bigint NOT NULL AUTO_INCREMENT FIRST, DROP PRIMARY "
       "KEY, ADD PRIMARY KEY (`id`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`code`), DROP COLUMN `id`"},
      {"drop the AUTO_INCREMENT key column, the key moves back", keyed_on_id, items(),
       "- column items.id; ~ primary key items: (id) -> (code)",
       "ALTER TABLE `items` DROP COLUMN `id`, DROP PRIMARY KEY, ADD PRIMARY KEY (`code`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`), ADD COLUMN `id` bigint NOT "
       "NULL AUTO_INCREMENT FIRST"},
      {"a table without a key gains an AUTO_INCREMENT key", unkeyed, keyed_on_id,
       "+ column items.id; ~ primary key items: () -> (id)",
       "ALTER TABLE `items` ADD COLUMN `id` bigint NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY "
       "(`id`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, DROP COLUMN `id`"},
      {"an existing column becomes AUTO_INCREMENT and the key", plain_id, auto_id_key,
       "~ column items.id: no autoincrement -> autoincrement; ~ primary key items: (code) -> (id)",
       "ALTER TABLE `items` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT, DROP PRIMARY KEY, ADD "
       "PRIMARY KEY (`id`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`code`), MODIFY COLUMN `id` int NOT "
       "NULL"},
      {"a column stops being AUTO_INCREMENT and the key", auto_id_key, plain_id,
       "~ column items.id: autoincrement -> no autoincrement; ~ primary key items: (id) -> (code)",
       "ALTER TABLE `items` MODIFY COLUMN `id` int NOT NULL, DROP PRIMARY KEY, ADD PRIMARY KEY "
       "(`code`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`), MODIFY COLUMN `id` int NOT "
       "NULL AUTO_INCREMENT"},
      {"drop the key's only column: the key goes with it, so the change is one statement", items(),
       keyed_on_name, "- column items.code; ~ primary key items: (code) -> (name)",
       "ALTER TABLE `items` DROP COLUMN `code`, DROP PRIMARY KEY, ADD PRIMARY KEY (`name`)",
       "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`code`), ADD COLUMN `code` int NOT "
       "NULL FIRST"},
  };
  for (const auto& item : cases) {
    DYNAMIC_SECTION(item.name)
    {
      auto plan = plan_of(item.from, item.to);
      REQUIRE(plan.steps.size() == 1);
      CHECK(plan.steps[0].summary == item.summary);
      CHECK(plan.steps[0].up == std::vector<std::string>{item.up});
      CHECK(plan.steps[0].down == std::vector<std::string>{item.down});
    }
  }

  SECTION("other changes of the table keep their own steps, in the differ's order")
  {
    Table to = keyed_on_id;
    to.columns.back().type = Type::varchar(40);
    to.indexes = {{"items_name_idx", {{"name", "", false}}, false, ""}};
    auto plan = plan_of(items(), to);
    std::vector<std::string> summaries;
    for (const auto& step : plan.steps) {
      summaries.push_back(step.summary);
    }
    CHECK(summaries ==
          std::vector<std::string>{"~ column items.name: varchar(20) -> varchar(40)",
                                   "+ column items.id; ~ primary key items: (code) -> (id)",
                                   "+ index items_name_idx on items"});
  }

  SECTION("a key change without AUTO_INCREMENT or a dropped key column stays one step")
  {
    Table to = items();
    to.primary_key = {"code", "name"};
    auto plan = plan_of(items(), to);
    REQUIRE(plan.steps.size() == 1);
    CHECK(plan.steps[0].up == std::vector<std::string>{"ALTER TABLE `items` DROP PRIMARY KEY, ADD "
                                                       "PRIMARY KEY (`code`, `name`)"});
  }
}

TEST_CASE("mysql planner: a key part on a text or bytes column needs a length, on both servers",
          "[mysql]")
{
  Table table = posts(); // body is text
  auto plan_with = [&](schema::Index index, const ServerInfo& server) {
    Table with = table;
    with.indexes.push_back(index);
    return dialect::mysql::plan({diff::AddTable{with}}, server);
  };
  schema::Index body = table.indexes.at(0);
  body.name = "posts_body_idx";
  body.parts.at(0).column = "body";
  for (const auto& server : {k_mariadb, k_mysql}) {
    CHECK_THROWS_WITH(plan_with(body, server),
                      "table posts, index posts_body_idx: MySQL and MariaDB index a text column "
                      "only by a prefix, and the key part (body) has no length; give it one, "
                      "`(body(255))`");
    schema::Index unique = body;
    unique.unique = true;
    CHECK_THROWS_WITH(plan_with(unique, server),
                      Catch::Contains("(then only the prefix is unique), or make the column a "
                                      "varchar"));
    // As an index added to a table that exists.
    CHECK_THROWS_WITH(only_step(diff::AddIndex{body}, table, table, server),
                      Catch::Contains("index posts_body_idx"));
    schema::Index prefixed = body;
    prefixed.parts.at(0).prefix_length = 255;
    CHECK(plan_with(prefixed, server).steps.size() == 1);
    schema::Index fulltext = body;
    fulltext.method = "fulltext";
    CHECK(plan_with(fulltext, server).steps.size() == 1);
  }
}

TEST_CASE("mysql plan: a comment that needs backslash escapes is noted in the file's header",
          "[mysql][plan]")
{
  Table plain = posts();
  plain.comment = "no escapes: it's -- fine";
  CHECK(dialect::mysql::plan({diff::AddTable{plain}}, k_mariadb).notes.empty());
  for (const std::string comment : {"a\\b", "two\nlines"}) {
    INFO(comment);
    Table escaped = posts();
    escaped.columns[2].comment = comment;
    auto plan = dialect::mysql::plan({diff::AddTable{escaped}}, k_mysql);
    REQUIRE(plan.notes.size() == 1);
    CHECK_THAT(plan.notes[0], Catch::Contains("without NO_BACKSLASH_ESCAPES"));
    auto header = migrate::render_migration(plan, "20261124053000", "a", "mysql");
    CHECK_THAT(header, Catch::Contains("\n-- Comments here use backslash escapes"));
    CHECK(migrate::parse_migration("20261124053000_a.sql", header).up == plan.steps[0].up);
  }
  Table nul = posts();
  nul.comment = std::string("n\0l", 3);
  CHECK_THROWS_WITH(dialect::mysql::plan({diff::AddTable{nul}}, k_mysql),
                    Catch::Contains("the comment of table posts holds a NUL character"));
}
