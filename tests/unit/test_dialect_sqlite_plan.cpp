#include "core/dialect/sqlite/plan.hpp"
#include "core/dialect/sqlite/types.hpp"

#include "tests/support/plan_cases.hpp"
#include "tests/support/plan_statements.hpp"

#include "tests/support/schema_builders.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::dialect::sqlite;
using schema::Column;
using schema::Default;
using schema::Table;
using schema::Type;
using schema::TypeKind;

using orm::test::column;
using orm::test::literal;

namespace {

// posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title VARCHAR(200), body TEXT NULL), indexed on
// title: the table most cases change.
Table
posts()
{
  Table table;
  table.name = "posts";
  Column id = column("id", Type::of(TypeKind::integer));
  id.autoincrement = true;
  table.columns = {id, column("title", Type::varchar(200)),
                   column("body", Type::of(TypeKind::text), true)};
  table.primary_key = {"id"};
  table.indexes = {{"posts_title_idx", {{"title", "", false}}, false, ""}};
  return table;
}

const std::string k_create_posts = R"(CREATE TABLE "posts" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "body" TEXT
))";
const std::string k_create_posts_index = R"(CREATE INDEX "posts_title_idx" ON "posts" ("title"))";

// The statements of a rebuild of posts into `create` (written for "posts__orm_new").
std::vector<std::string>
rebuild(const std::string& create, const std::string& insert, std::vector<std::string> indexes)
{
  std::vector<std::string> statements{create, insert, R"(DROP TABLE "posts")",
                                      R"(ALTER TABLE "posts__orm_new" RENAME TO "posts")"};
  statements.insert(statements.end(), indexes.begin(), indexes.end());
  return statements;
}

std::vector<std::string>
with_first(const std::string& statement, std::vector<std::string> statements)
{
  statements.insert(statements.begin(), statement);
  return statements;
}

const std::string k_create_posts_new = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "body" TEXT
))";
const std::string k_copy_posts =
    R"(INSERT INTO "posts__orm_new" ("id", "title", "body") SELECT "id", "title", "body" FROM "posts")";

diff::ModifyTable
modify_posts(const std::function<void(Table&)>& edit, std::vector<diff::TableChange> changes)
{
  Table to = posts();
  edit(to);
  schema::sort_canonically(to);
  return {posts(), to, std::move(changes)};
}

using Case = orm::test::PlanCase;

void
check_cases(const std::vector<Case>& cases)
{
  orm::test::check_plan_cases(cases, [](const diff::Changes& changes) { return plan(changes); });
}

} // namespace

TEST_CASE("portable types map to declared SQLite types", "[sqlite]")
{
  CHECK(declared_type(Type::of(TypeKind::boolean)) == "BOOLEAN");
  CHECK(declared_type(Type::of(TypeKind::smallint)) == "SMALLINT");
  CHECK(declared_type(Type::of(TypeKind::integer)) == "INTEGER");
  CHECK(declared_type(Type::of(TypeKind::bigint)) == "BIGINT");
  CHECK(declared_type(Type::of(TypeKind::real)) == "REAL");
  CHECK(declared_type(Type::of(TypeKind::double_precision)) == "DOUBLE");
  CHECK(declared_type(Type::decimal(10, 2)) == "NUMERIC(10,2)");
  CHECK(declared_type(Type::varchar(255)) == "VARCHAR(255)");
  CHECK(declared_type(Type::fixed_char(2)) == "CHAR(2)");
  CHECK(declared_type(Type::of(TypeKind::text)) == "TEXT");
  CHECK(declared_type(Type::of(TypeKind::bytes)) == "BLOB");
  CHECK(declared_type(Type::of(TypeKind::date)) == "DATE");
  CHECK(declared_type(Type::of(TypeKind::time)) == "TIME");
  CHECK(declared_type(Type::of(TypeKind::timestamp)) == "TIMESTAMP");
  CHECK(declared_type(Type::of(TypeKind::timestamptz)) == "TIMESTAMPTZ");
  CHECK(declared_type(Type::of(TypeKind::uuid)) == "UUID");
  CHECK(declared_type(Type::of(TypeKind::json)) == "JSON");
  CHECK(declared_type(Type::enumeration({"a", "b"})) == "TEXT");
  CHECK(declared_type(Type::raw_type("citext")) == "citext");
  CHECK(enum_check_expression("order", {"a", "it's"}) == R"("order" IN ('a', 'it''s'))");
  CHECK(type_of_declared(declared_type(Type::decimal(10, 2))) == Type::decimal(10, 2));
}

TEST_CASE("planning whole tables", "[sqlite]")
{
  Table comments;
  comments.name = "comments";
  Column id = column("id", Type::of(TypeKind::integer));
  id.autoincrement = true;
  comments.columns = {
      id,
      column("post_id", Type::of(TypeKind::bigint)),
      column("status", Type::enumeration({"new", "it's ok"}), false, literal("'new'")),
      column("score", Type::decimal(5, 2), true, literal("0")),
      column("created_at", Type::of(TypeKind::timestamp), false, Default{Default::Kind::now, ""}),
      column("flag", Type::of(TypeKind::boolean), false, literal("true")),
      column("expr", Type::of(TypeKind::integer), false,
             Default{Default::Kind::expression, "1 + 2"}),
  };
  comments.primary_key = {"id"};
  comments.foreign_keys = {{"comments_post_id_fkey",
                            {"post_id"},
                            "posts",
                            {"id"},
                            schema::ReferentialAction::cascade,
                            schema::ReferentialAction::set_null}};
  comments.checks = {{"comments_score_check", "score >= 0"}};
  comments.indexes = {
      {"comments_lower_key", {{"", "lower(status)", true}}, true, ""},
      {"comments_post_id_idx", {{"post_id", "", false}}, false, "expr > 0"},
  };
  const std::vector<std::string> create_comments = {
      R"(CREATE TABLE "comments" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "post_id" BIGINT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'new',
  "score" NUMERIC(5,2) DEFAULT 0,
  "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "flag" BOOLEAN NOT NULL DEFAULT TRUE,
  "expr" INTEGER NOT NULL DEFAULT (1 + 2),
  CONSTRAINT "comments_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT "comments_score_check" CHECK (score >= 0),
  CONSTRAINT "comments_status_enum" CHECK ("status" IN ('new', 'it''s ok'))
))",
      R"(CREATE UNIQUE INDEX "comments_lower_key" ON "comments" ((lower(status)) DESC))",
      R"(CREATE INDEX "comments_post_id_idx" ON "comments" ("post_id") WHERE expr > 0)",
  };

  Table order;
  order.name = "order";
  order.columns = {column("User", Type::of(TypeKind::bigint)),
                   column("we\"ird", Type::raw_type("citext"), true)};
  order.primary_key = {"User"};
  const std::string create_order = R"(CREATE TABLE "order" (
  "User" BIGINT NOT NULL,
  "we""ird" citext,
  PRIMARY KEY ("User")
))";

  Table tags;
  tags.name = "post_tags";
  tags.columns = {column("post_id", Type::of(TypeKind::bigint)), column("tag", Type::varchar(40))};
  tags.primary_key = {"post_id", "tag"};
  const std::string create_tags = R"(CREATE TABLE "post_tags" (
  "post_id" BIGINT NOT NULL,
  "tag" VARCHAR(40) NOT NULL,
  PRIMARY KEY ("post_id", "tag")
))";

  check_cases({
      {"add a table with every kind of object",
       {diff::AddTable{comments}},
       create_comments,
       {R"(DROP TABLE "comments")"}},
      {"add tables with quoted names and composite keys",
       {diff::AddTable{order}, diff::AddTable{tags}},
       {create_order, create_tags},
       {R"(DROP TABLE "post_tags")", R"(DROP TABLE "order")"}},
      {"drop a table",
       {diff::DropTable{posts()}},
       {R"(DROP TABLE "posts")"},
       {k_create_posts, k_create_posts_index},
       {"drops table posts and all its rows"},
       true},
      {"rename a table",
       {diff::RenameTable{"order", "orders"}},
       {R"(ALTER TABLE "order" RENAME TO "orders")"},
       {R"(ALTER TABLE "orders" RENAME TO "order")"}},
  });

  schema::Schema schema;
  schema.tables = {order, posts()};
  CHECK(create_statements(schema) ==
        std::vector<std::string>{create_order, k_create_posts, k_create_posts_index});
}

TEST_CASE("planning changes SQLite can ALTER", "[sqlite]")
{
  Column views = column("views", Type::of(TypeKind::integer), true);
  Column counted = column("views", Type::of(TypeKind::integer), false, literal("0"));
  schema::Index lower{"posts_lower_idx", {{"", "lower(title)", true}}, false, "body IS NOT NULL"};
  check_cases({
      {"add a nullable column",
       {modify_posts([&](Table& t) { t.columns.push_back(views); }, {diff::AddColumn{views}})},
       {R"(ALTER TABLE "posts" ADD COLUMN "views" INTEGER)"},
       {R"(ALTER TABLE "posts" DROP COLUMN "views")"}},
      {"add a NOT NULL column with a constant default",
       {modify_posts([&](Table& t) { t.columns.push_back(counted); }, {diff::AddColumn{counted}})},
       {R"(ALTER TABLE "posts" ADD COLUMN "views" INTEGER NOT NULL DEFAULT 0)"},
       {R"(ALTER TABLE "posts" DROP COLUMN "views")"}},
      {"drop the last column",
       {modify_posts([](Table& t) { t.columns.pop_back(); },
                     {diff::DropColumn{*posts().find_column("body")}})},
       {R"(ALTER TABLE "posts" DROP COLUMN "body")"},
       {R"(ALTER TABLE "posts" ADD COLUMN "body" TEXT)"},
       {"drops column posts.body and its data"},
       true},
      {"drop an indexed column in the middle: index first, rebuild to come back",
       {modify_posts(
           [](Table& t) {
             t.columns.erase(t.columns.begin() + 1);
             t.indexes.clear();
           },
           {diff::DropIndex{posts().indexes[0]}, diff::DropColumn{*posts().find_column("title")}})},
       {R"(DROP INDEX "posts_title_idx")", R"(ALTER TABLE "posts" DROP COLUMN "title")"},
       {k_create_posts_new,
        R"(INSERT INTO "posts__orm_new" ("id", "title", "body") SELECT "id", '', "body" FROM "posts")",
        R"(DROP TABLE "posts")", R"(ALTER TABLE "posts__orm_new" RENAME TO "posts")",
        k_create_posts_index},
       {"drops column posts.title and its data"},
       true},
      {"rename a column",
       {modify_posts([](Table& t) { t.columns[2].name = "content"; },
                     {diff::RenameColumn{"body", "content"}})},
       {R"(ALTER TABLE "posts" RENAME COLUMN "body" TO "content")"},
       {R"(ALTER TABLE "posts" RENAME COLUMN "content" TO "body")"}},
      {"add an expression and partial index",
       {modify_posts([&](Table& t) { t.indexes.push_back(lower); }, {diff::AddIndex{lower}})},
       {R"(CREATE INDEX "posts_lower_idx" ON "posts" ((lower(title)) DESC) WHERE body IS NOT NULL)"},
       {R"(DROP INDEX "posts_lower_idx")"}},
      {"drop an index",
       {modify_posts([](Table& t) { t.indexes.clear(); }, {diff::DropIndex{posts().indexes[0]}})},
       {R"(DROP INDEX "posts_title_idx")"},
       {k_create_posts_index}},
      {"rename an index: dropped and created under the new name",
       {modify_posts([](Table& t) { t.indexes[0].name = "posts_heading_idx"; },
                     {diff::RenameIndex{"posts_title_idx", "posts_heading_idx"}})},
       {R"(DROP INDEX "posts_title_idx")",
        R"(CREATE INDEX "posts_heading_idx" ON "posts" ("title"))"},
       {R"(DROP INDEX "posts_heading_idx")", k_create_posts_index}},
  });
}

TEST_CASE("planning changes that rebuild the table", "[sqlite]")
{
  const std::string create_with_created_at = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "body" TEXT,
  "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
))";
  Column created_at =
      column("created_at", Type::of(TypeKind::timestamp), false, Default{Default::Kind::now, ""});
  const std::string create_narrow_title = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(100) NOT NULL,
  "body" TEXT
))";
  Column narrow_title = column("title", Type::varchar(100));
  const std::string create_content = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "content" VARCHAR(50)
))";
  Column content = column("content", Type::varchar(50), true);
  Column renamed_body = *posts().find_column("body");
  renamed_body.name = "content";
  const std::string create_without_title = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "body" TEXT NOT NULL
))";
  Column body_not_null = column("body", Type::of(TypeKind::text));
  schema::ForeignKey author{"posts_title_fkey", {"title"}, "authors", {"name"}, {}, {}};
  const std::string create_with_foreign_key = R"(CREATE TABLE "posts__orm_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "body" TEXT,
  CONSTRAINT "posts_title_fkey" FOREIGN KEY ("title") REFERENCES "authors" ("name")
))";
  Table with_author = posts();
  with_author.foreign_keys.push_back(author);
  Table renamed_author = with_author;
  renamed_author.foreign_keys[0].name = "posts_author_fkey";
  std::string create_with_author_fkey = create_with_foreign_key;
  create_with_author_fkey.replace(create_with_author_fkey.find("posts_title_fkey"), 16,
                                  "posts_author_fkey");
  schema::Index unique_title{"posts_title_key", {{"title", "", false}}, true, ""};
  Table with_unique = posts();
  with_unique.indexes.push_back(unique_title);

  check_cases({
      {"add a column whose default is not a constant",
       {modify_posts([&](Table& t) { t.columns.push_back(created_at); },
                     {diff::AddColumn{created_at}})},
       rebuild(create_with_created_at, k_copy_posts, {k_create_posts_index}),
       rebuild(
           k_create_posts_new,
           R"(INSERT INTO "posts__orm_new" ("id", "title", "body") SELECT "id", "title", "body" FROM "posts")",
           {k_create_posts_index})},
      {"narrow a type",
       {modify_posts([&](Table& t) { t.columns[1] = narrow_title; },
                     {diff::ModifyColumn{posts().columns[1], narrow_title, {true}}})},
       rebuild(create_narrow_title, k_copy_posts, {k_create_posts_index}),
       rebuild(k_create_posts_new, k_copy_posts, {k_create_posts_index}),
       {"narrows posts.title from varchar(200) to varchar(100)"}},
      {"rename and change a column: renamed by ALTER so that references follow",
       {modify_posts([&](Table& t) { t.columns[2] = content; },
                     {diff::RenameColumn{"body", "content"},
                      diff::ModifyColumn{renamed_body, content, {true}}})},
       with_first(
           R"(ALTER TABLE "posts" RENAME COLUMN "body" TO "content")",
           rebuild(
               create_content,
               R"(INSERT INTO "posts__orm_new" ("id", "title", "content") SELECT "id", "title", "content" FROM "posts")",
               {k_create_posts_index})),
       with_first(R"(ALTER TABLE "posts" RENAME COLUMN "content" TO "body")",
                  rebuild(k_create_posts_new, k_copy_posts, {k_create_posts_index})),
       {"narrows posts.content from text to varchar(50)"}},
      {"drop a column and make another NOT NULL",
       {modify_posts(
           [&](Table& t) {
             t.columns = {t.columns[0], body_not_null};
             t.indexes.clear();
           },
           {diff::DropIndex{posts().indexes[0]}, diff::DropColumn{posts().columns[1]},
            diff::ModifyColumn{posts().columns[2], body_not_null, {false, true}}})},
       rebuild(create_without_title,
               R"(INSERT INTO "posts__orm_new" ("id", "body") SELECT "id", "body" FROM "posts")",
               {}),
       rebuild(
           k_create_posts_new,
           R"(INSERT INTO "posts__orm_new" ("id", "title", "body") SELECT "id", '', "body" FROM "posts")",
           {k_create_posts_index}),
       {"drops column posts.title and its data"},
       true},
      {"add a foreign key",
       {modify_posts([&](Table& t) { t.foreign_keys.push_back(author); },
                     {diff::AddForeignKey{author}})},
       rebuild(create_with_foreign_key, k_copy_posts, {k_create_posts_index}),
       rebuild(k_create_posts_new, k_copy_posts, {k_create_posts_index})},
      {"rename a foreign key",
       {diff::ModifyTable{with_author,
                          renamed_author,
                          {diff::RenameConstraint{"posts_title_fkey", "posts_author_fkey"}}}},
       rebuild(create_with_author_fkey, k_copy_posts, {k_create_posts_index}),
       rebuild(create_with_foreign_key, k_copy_posts, {k_create_posts_index})},
      {"drop a unique index that may be an inline UNIQUE",
       {diff::ModifyTable{with_unique, posts(), {diff::DropIndex{unique_title}}}},
       rebuild(k_create_posts_new, k_copy_posts, {k_create_posts_index}),
       rebuild(k_create_posts_new, k_copy_posts,
               {k_create_posts_index,
                R"(CREATE UNIQUE INDEX "posts_title_key" ON "posts" ("title"))"})},
  });
}

TEST_CASE("step summaries are in the words of describe(), a rebuild lists its changes", "[sqlite]")
{
  Column views = column("views", Type::of(TypeKind::integer), true);
  auto result =
      plan({diff::RenameTable{"articles", "posts"},
            modify_posts([&](Table& t) { t.columns.push_back(views); }, {diff::AddColumn{views}}),
            modify_posts([](Table& t) { t.columns[1].type = Type::varchar(300); },
                         {diff::ModifyColumn{column("title", Type::varchar(200)),
                                             column("title", Type::varchar(300)),
                                             {.type = true}}})});
  REQUIRE(result.steps.size() == 3);
  CHECK(result.steps[0].summary == "~ table articles -> posts (rename)");
  CHECK(result.steps[1].summary == "+ column posts.views");
  CHECK(result.steps[2].summary ==
        "~ table posts (rebuild)\n  ~ column posts.title: varchar(200) -> varchar(300)");
}
