// A catalogue of schema changes applied to real SQLite files: up, re-inspect and re-diff empty,
// rows survive, down gives the original schema back, up again.

#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/hooks.hpp"
#include "core/dialect/sqlite/inspect.hpp"
#include "core/dialect/sqlite/plan.hpp"
#include "core/diff/differ.hpp"
#include "tests/support/temp_dir.hpp"

#include "tests/support/plan_statements.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace orm;
using namespace orm::dialect::sqlite;
using schema::Column;
using schema::Default;
using schema::ForeignKey;
using schema::Index;
using schema::ReferentialAction;
using schema::Schema;
using schema::Table;
using schema::Type;
using schema::TypeKind;

namespace {

enum class Null
{
  no,
  yes
};

Column
col(std::string name, Type type, Null null = Null::no, std::optional<Default> value = std::nullopt)
{
  Column column;
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = null == Null::yes;
  column.default_value = std::move(value);
  return column;
}

Column
id_column()
{
  Column column = col("id", Type::of(TypeKind::bigint));
  column.autoincrement = true;
  return column;
}

Default
literal(std::string text)
{
  return {Default::Kind::literal, std::move(text)};
}

Index
index(std::string name, std::vector<std::string> columns, bool unique = false,
      std::string where = "")
{
  Index result{std::move(name), {}, unique, std::move(where)};
  for (auto& column : columns) {
    result.parts.push_back({std::move(column), "", false});
  }
  return result;
}

ForeignKey
foreign_key(std::string name, std::vector<std::string> columns, std::string ref_table,
            std::vector<std::string> ref_columns,
            ReferentialAction on_delete = ReferentialAction::no_action,
            ReferentialAction on_update = ReferentialAction::no_action)
{
  return {std::move(name),        std::move(columns), std::move(ref_table),
          std::move(ref_columns), on_delete,          on_update};
}

Table
table(std::string name, std::vector<Column> columns, std::vector<std::string> primary_key)
{
  Table result;
  result.name = std::move(name);
  result.columns = std::move(columns);
  result.primary_key = std::move(primary_key);
  return result;
}

// users and posts, with every kind of object.
Schema
blog()
{
  Table users = table("users",
                      {id_column(), col("email", Type::varchar(255)),
                       col("name", Type::of(TypeKind::text), Null::yes),
                       col("karma", Type::of(TypeKind::integer), Null::no, literal("0"))},
                      {"id"});
  users.indexes = {index("users_email_key", {"email"}, true)};
  users.checks = {{"users_karma_check", "karma >= 0"}};
  Table posts = table("posts",
                      {id_column(), col("author_id", Type::of(TypeKind::bigint)),
                       col("title", Type::varchar(200)), col("slug", Type::varchar(200)),
                       col("published", Type::of(TypeKind::boolean), Null::no, literal("false"))},
                      {"id"});
  posts.foreign_keys = {foreign_key("posts_author_id_fkey", {"author_id"}, "users", {"id"},
                                    ReferentialAction::cascade)};
  posts.indexes = {index("posts_author_id_slug_key", {"author_id", "slug"}, true),
                   index("posts_published_idx", {"author_id"}, false, "published")};
  Schema schema;
  schema.tables = {posts, users};
  schema::sort_canonically(schema);
  return schema;
}

const std::vector<std::string> k_blog_rows = {
    "INSERT INTO users (id, email, name, karma) VALUES (1, 'a@x', 'Ann', 5), (2, 'b@x', NULL, 0)",
    "INSERT INTO posts (id, author_id, title, slug, published) "
    "VALUES (1, 1, 'Hello', 'hello', 1), (2, 2, 'World', 'world', 0)",
};

Schema
edited(Schema schema, const std::function<void(Schema&)>& edit)
{
  edit(schema);
  schema::sort_canonically(schema);
  return schema;
}

Table&
table_in(Schema& schema, const std::string& name)
{
  Table* found = schema.find_table(name);
  REQUIRE(found);
  return *found;
}

Column&
column_in(Schema& schema, const std::string& table_name, const std::string& column)
{
  Column* found = table_in(schema, table_name).find_column(column);
  REQUIRE(found);
  return *found;
}

// Runs statements the way the runner does: foreign keys off, one transaction, no violations.

// The first row of a query, its values joined with '|'.
std::string
first_row(db::Connection& connection, const std::string& query)
{
  auto result = connection.query(query);
  REQUIRE_FALSE(result.rows.empty());
  std::vector<std::string> values;
  for (size_t c = 0; c < result.columns.size(); ++c) {
    values.push_back(result.text(0, c));
  }
  std::string joined;
  for (size_t i = 0; i < values.size(); ++i) {
    joined += (i ? "|" : "") + values[i];
  }
  return joined;
}

struct Probe
{
  std::string query;
  std::string expected;
};

struct Case
{
  std::string name;
  Schema before;
  Schema after;
  std::vector<std::string> rows = k_blog_rows; // inserted into `before`
  Probe after_up = {"SELECT count(*), max(title) FROM posts", "2|World"};
  Probe after_down = {"SELECT count(*), max(title) FROM posts", "2|World"};
};

void
run_case(const Case& c)
{
  INFO("case: " << c.name);
  SqliteHooks hooks;
  test::TempDir dir;
  SqliteConnection connection((dir / "catalogue.sqlite3").string());

  orm::test::apply_on_sqlite(connection,
                             orm::test::up_statements(plan(diff::diff({}, c.before, hooks))));
  REQUIRE(diff::describe(diff::diff(inspect(connection), c.before, hooks)).empty());
  orm::test::apply_on_sqlite(connection, c.rows);

  auto changes = diff::diff(c.before, c.after, hooks);
  REQUIRE_FALSE(changes.empty());
  auto migration = plan(changes);
  orm::test::apply_on_sqlite(connection, orm::test::up_statements(migration));
  CHECK(diff::describe(diff::diff(inspect(connection), c.after, hooks)).empty());
  CHECK(first_row(connection, c.after_up.query) == c.after_up.expected);

  orm::test::apply_on_sqlite(connection, orm::test::down_statements(migration));
  CHECK(inspect(connection) == diff::normalized(c.before, hooks));
  CHECK(first_row(connection, c.after_down.query) == c.after_down.expected);

  orm::test::apply_on_sqlite(connection, orm::test::up_statements(migration));
  CHECK(diff::describe(diff::diff(inspect(connection), c.after, hooks)).empty());
}

Schema
blog_with_comments()
{
  return edited(blog(), [](Schema& s) {
    Table comments = table("comments",
                           {id_column(), col("post_id", Type::of(TypeKind::bigint)),
                            col("body", Type::of(TypeKind::text)),
                            col("created_at", Type::of(TypeKind::timestamp), Null::no,
                                Default{Default::Kind::now, ""})},
                           {"id"});
    comments.foreign_keys = {foreign_key("comments_post_id_fkey", {"post_id"}, "posts", {"id"},
                                         ReferentialAction::cascade)};
    comments.indexes = {index("comments_post_id_idx", {"post_id"})};
    s.tables.push_back(comments);
  });
}

// Two tables that reference each other.
Schema
cycle()
{
  Table a = table(
      "a",
      {col("id", Type::of(TypeKind::integer)), col("b_id", Type::of(TypeKind::integer), Null::yes)},
      {"id"});
  a.foreign_keys = {foreign_key("a_b_id_fkey", {"b_id"}, "b", {"id"}, ReferentialAction::set_null)};
  Table b = table(
      "b",
      {col("id", Type::of(TypeKind::integer)), col("a_id", Type::of(TypeKind::integer), Null::yes)},
      {"id"});
  b.foreign_keys = {foreign_key("b_a_id_fkey", {"a_id"}, "a", {"id"})};
  Schema schema;
  schema.tables = {a, b};
  schema::sort_canonically(schema);
  return schema;
}

// Every portable type, defaults of each kind, quoted and reserved names.
Schema
every_type()
{
  Table t =
      table("order",
            {col("User", Type::of(TypeKind::integer)),
             col("flag", Type::of(TypeKind::boolean), Null::no, literal("true")),
             col("small", Type::of(TypeKind::smallint), Null::yes),
             col("big", Type::of(TypeKind::bigint), Null::no, literal("-1")),
             col("ratio", Type::of(TypeKind::real), Null::yes, literal("1.5")),
             col("precise", Type::of(TypeKind::double_precision), Null::yes),
             col("amount", Type::decimal(10, 2), Null::no, literal("0")),
             col("code", Type::fixed_char(3), Null::yes, literal("'abc'")),
             col("label", Type::varchar(20), Null::no, literal("'it''s'")),
             col("notes", Type::of(TypeKind::text), Null::yes),
             col("data", Type::of(TypeKind::bytes), Null::yes),
             col("day", Type::of(TypeKind::date), Null::yes),
             col("at", Type::of(TypeKind::time), Null::yes),
             col("stamp", Type::of(TypeKind::timestamp), Null::no, Default{Default::Kind::now, ""}),
             col("stamptz", Type::of(TypeKind::timestamptz), Null::yes),
             col("key", Type::of(TypeKind::uuid), Null::yes),
             col("doc", Type::of(TypeKind::json), Null::yes),
             col("state", Type::enumeration({"new", "it's done"}), Null::no, literal("'new'")),
             col("we\"ird", Type::raw_type("citext"), Null::yes),
             col("sum", Type::of(TypeKind::integer), Null::no,
                 Default{Default::Kind::expression, "1 + 2"})},
            {"User"});
  t.indexes = {{"order lower", {{"", "lower(label)", true}}, false, "notes IS NOT NULL"}};
  Schema schema;
  schema.tables = {t};
  return schema;
}

const std::vector<std::string> k_order_rows = {
    R"(INSERT INTO "order" ("User", label) VALUES (1, 'one'), (2, 'two'))"};
const Probe k_order_probe = {R"(SELECT count(*), max(label) FROM "order")", "2|two"};

} // namespace

TEST_CASE("catalogue: tables", "[sqlite]")
{
  Case from_nothing{"create every table", {}, blog(), {}};
  from_nothing.after_up = {"SELECT count(*) FROM posts", "0"};
  from_nothing.after_down = {"SELECT count(*) FROM sqlite_schema WHERE name = 'posts'", "0"};
  run_case(from_nothing);

  run_case({"add a table", blog(), blog_with_comments()});
  Case drop{"drop a table", blog_with_comments(), blog()};
  drop.rows.push_back("INSERT INTO comments (post_id, body) VALUES (1, 'nice')");
  drop.after_down = {"SELECT count(*) FROM comments", "0"}; // the rows went with the table
  run_case(drop);

  run_case({"rename a referencing table",
            blog(),
            edited(blog(),
                   [](Schema& s) {
                     table_in(s, "posts").name = "articles";
                     table_in(s, "articles").renamed_from = "posts";
                   }),
            k_blog_rows,
            {"SELECT count(*), max(title) FROM articles", "2|World"}});
  run_case({"rename a referenced table", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "users").name = "members";
              table_in(s, "members").renamed_from = "users";
              table_in(s, "posts").foreign_keys[0].ref_table = "members";
            })});

  Case cycles{"tables that reference each other", {}, cycle(), {}};
  cycles.after_up = {"SELECT count(*) FROM a", "0"};
  cycles.after_down = {"SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')", "0"};
  run_case(cycles);

  Case types{"every type, quoted names", {}, every_type(), {}};
  types.after_up = {R"(SELECT count(*) FROM "order")", "0"};
  types.after_down = {"SELECT count(*) FROM sqlite_schema", "0"};
  run_case(types);
}

TEST_CASE("catalogue: columns", "[sqlite]")
{
  run_case({"add a nullable column", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts")
                  .columns.push_back(col("views", Type::of(TypeKind::integer), Null::yes));
            })});
  run_case({"add a NOT NULL column with a default",
            blog(),
            edited(blog(),
                   [](Schema& s) {
                     table_in(s, "posts")
                         .columns.push_back(
                             col("views", Type::of(TypeKind::integer), Null::no, literal("7")));
                   }),
            k_blog_rows,
            {"SELECT count(*), sum(views) FROM posts", "2|14"}});
  run_case({"add a column defaulting to now", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts")
                  .columns.push_back(col("created_at", Type::of(TypeKind::timestamp), Null::no,
                                         Default{Default::Kind::now, ""}));
            })});
  run_case({"add a column in the middle", blog(), edited(blog(), [](Schema& s) {
              auto& columns = table_in(s, "posts").columns;
              columns.insert(columns.begin() + 1, col("lead", Type::of(TypeKind::text), Null::yes));
            })});
  run_case({"add an enum column", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts")
                  .columns.push_back(col("state", Type::enumeration({"draft", "live"}), Null::no,
                                         literal("'draft'")));
            })});

  run_case({"drop the last column and its index", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts").columns.pop_back();
              table_in(s, "posts").indexes.pop_back();
            })});
  Case drop_middle{"drop a column in the middle", blog(), edited(blog(), [](Schema& s) {
                     auto& columns = table_in(s, "users").columns;
                     columns.erase(columns.begin() + 2);
                   })};
  drop_middle.after_up =
      drop_middle.after_down = {"SELECT count(*), max(email) FROM users", "2|b@x"};
  run_case(drop_middle);
  Case drop_indexed{"drop an indexed NOT NULL column", blog(), edited(blog(), [](Schema& s) {
                      auto& posts = table_in(s, "posts");
                      posts.columns.erase(posts.columns.begin() + 3);
                      posts.indexes.erase(posts.indexes.begin());
                    })};
  drop_indexed.after_down = {"SELECT count(*), max(title), max(slug) FROM posts", "2|World|"};
  run_case(drop_indexed);

  run_case({"rename a column",
            blog(),
            edited(blog(),
                   [](Schema& s) {
                     column_in(s, "posts", "title").name = "headline";
                     column_in(s, "posts", "headline").renamed_from = "title";
                   }),
            k_blog_rows,
            {"SELECT count(*), max(headline) FROM posts", "2|World"}});
  run_case({"rename a key column others reference", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "users", "id").name = "user_id";
              column_in(s, "users", "user_id").renamed_from = "id";
              table_in(s, "users").primary_key = {"user_id"};
              table_in(s, "posts").foreign_keys[0].ref_columns = {"user_id"};
            })});
  run_case({"rename a column a check uses", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "users", "karma").name = "score";
              column_in(s, "users", "score").renamed_from = "karma";
              table_in(s, "users").checks = {{"users_karma_check", "score >= 0"}};
            })});
}

TEST_CASE("catalogue: column changes that rebuild", "[sqlite]")
{
  run_case({"widen a type", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "posts", "title").type = Type::varchar(500);
            })});
  run_case({"narrow a type", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "posts", "title").type = Type::varchar(50);
            })});
  run_case(
      {"change a type's kind",
       blog(),
       edited(blog(), [](Schema& s) { column_in(s, "users", "karma").type = Type::decimal(8, 2); }),
       k_blog_rows,
       {"SELECT sum(karma) FROM users", "5"},
       {"SELECT sum(karma) FROM users", "5"}});
  run_case({"make a column nullable", blog(),
            edited(blog(), [](Schema& s) { column_in(s, "posts", "title").nullable = true; })});
  run_case({"make a column NOT NULL",
            edited(blog(), [](Schema& s) { column_in(s, "posts", "published").nullable = true; }),
            blog()});
  run_case({"change a default", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "users", "karma").default_value =
                  Default{Default::Kind::expression, "abs(-3)"};
            })});
  run_case({"drop a default", blog(), edited(blog(), [](Schema& s) {
              column_in(s, "posts", "published").default_value.reset();
            })});
  run_case({"add enum values",
            edited(blog(),
                   [](Schema& s) {
                     column_in(s, "posts", "slug").type = Type::enumeration({"hello", "world"});
                   }),
            edited(blog(), [](Schema& s) {
              column_in(s, "posts", "slug").type = Type::enumeration({"hello", "world", "more"});
            })});
  Schema plain_key = edited(blog(), [](Schema& s) {
    column_in(s, "users", "id").autoincrement = false;
    column_in(s, "users", "id").type = Type::of(TypeKind::integer);
  });
  run_case({"add autoincrement", plain_key, blog()});
  run_case({"change the primary key", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts").primary_key = {"id", "author_id"};
              column_in(s, "posts", "id").autoincrement = false;
            })});
}

TEST_CASE("catalogue: indexes, foreign keys and checks", "[sqlite]")
{
  run_case({"add an expression and partial index", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts")
                  .indexes.push_back({"posts_lower_title_idx",
                                      {{"", "lower(title)", true}, {"id", "", false}},
                                      true,
                                      "published AND title <> ''"});
            })});
  run_case({"drop an index", blog(),
            edited(blog(), [](Schema& s) { table_in(s, "posts").indexes.pop_back(); })});
  run_case({"drop a unique constraint", blog(),
            edited(blog(), [](Schema& s) { table_in(s, "users").indexes.clear(); })});
  run_case({"change an index", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts").indexes[1].where = "NOT published";
            })});
  run_case({"add a foreign key", blog_with_comments(), edited(blog_with_comments(), [](Schema& s) {
              table_in(s, "comments")
                  .columns.push_back(col("author_id", Type::of(TypeKind::bigint), Null::yes));
              table_in(s, "comments")
                  .foreign_keys.push_back(foreign_key("comments_author_id_fkey", {"author_id"},
                                                      "users", {"id"},
                                                      ReferentialAction::set_null));
            })});
  run_case({"drop a foreign key", blog(),
            edited(blog(), [](Schema& s) { table_in(s, "posts").foreign_keys.clear(); })});
  run_case({"change a foreign key's actions", blog(), edited(blog(), [](Schema& s) {
              auto& key = table_in(s, "posts").foreign_keys[0];
              key.on_delete = ReferentialAction::restrict;
              key.on_update = ReferentialAction::cascade;
            })});
  run_case({"add a check", blog(), edited(blog(), [](Schema& s) {
              table_in(s, "posts").checks.push_back({"posts_title_check", "length(title) > 0"});
            })});
  run_case({"drop a check", blog(),
            edited(blog(), [](Schema& s) { table_in(s, "users").checks.clear(); })});
  run_case(
      {"rebuild a referenced table",
       blog(),
       edited(blog(), [](Schema& s) { column_in(s, "users", "email").type = Type::varchar(320); }),
       k_blog_rows,
       {"SELECT count(*), max(email) FROM users", "2|b@x"}});
  Schema self = edited(blog(), [](Schema& s) {
    auto& users = table_in(s, "users");
    users.columns.push_back(col("invited_by", Type::of(TypeKind::bigint), Null::yes));
    users.foreign_keys = {foreign_key("users_invited_by_fkey", {"invited_by"}, "users", {"id"})};
  });
  Case self_reference{"rebuild a self-referencing table", self, edited(self, [](Schema& s) {
                        column_in(s, "users", "name").nullable = false;
                        column_in(s, "users", "name").default_value = literal("''");
                      })};
  self_reference.rows = {"INSERT INTO users (id, email, name, karma) VALUES (1, 'a@x', 'Ann', 5), "
                         "(2, 'b@x', 'Bob', 0)",
                         "UPDATE users SET invited_by = 1 WHERE id = 2"};
  self_reference.after_up =
      self_reference.after_down = {"SELECT count(*), sum(invited_by) FROM users", "2|1"};
  run_case(self_reference);
  run_case({"add a foreign key that closes a cycle", blog(), edited(blog(), [](Schema& s) {
              auto& users = table_in(s, "users");
              users.columns.push_back(col("best_post_id", Type::of(TypeKind::bigint), Null::yes));
              users.foreign_keys = {
                  foreign_key("users_best_post_id_fkey", {"best_post_id"}, "posts", {"id"})};
            })});
  run_case(
      {"quoted names through a rebuild", every_type(),
       edited(
           every_type(),
           [](Schema& s) {
             column_in(s, "order", "we\"ird").default_value = literal("'x'");
             column_in(s, "order", "state").type = Type::enumeration({"new", "it's done", "gone"});
           }),
       k_order_rows, k_order_probe, k_order_probe});
}
