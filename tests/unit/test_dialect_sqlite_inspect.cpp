#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/hooks.hpp"
#include "core/dialect/sqlite/inspect.hpp"
#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/dialect/sqlite/types.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::dialect::sqlite;
using schema::Default;
using schema::ReferentialAction;
using schema::Type;
using schema::TypeKind;

namespace {

schema::Schema
inspect_script(const std::string& script)
{
  SqliteConnection connection(":memory:");
  connection.execute(script);
  return inspect(connection);
}

const schema::Table&
table_of(const schema::Schema& schema, const std::string& name)
{
  const auto* table = schema.find_table(name);
  REQUIRE(table);
  return *table;
}

const schema::Column&
column_of(const schema::Table& table, const std::string& name)
{
  const auto* column = table.find_column(name);
  REQUIRE(column);
  return *column;
}

} // namespace

TEST_CASE("declared types map back to portable types", "[sqlite]")
{
  struct Case
  {
    std::string declared;
    Type expected;
  };
  const std::vector<Case> cases = {
      {"BOOLEAN", Type::of(TypeKind::boolean)},
      {"bool", Type::of(TypeKind::boolean)},
      {"SMALLINT", Type::of(TypeKind::smallint)},
      {"INT", Type::of(TypeKind::integer)},
      {"integer", Type::of(TypeKind::integer)},
      {"BIGINT", Type::of(TypeKind::bigint)},
      {"REAL", Type::of(TypeKind::real)},
      {"DOUBLE", Type::of(TypeKind::double_precision)},
      {"double  precision", Type::of(TypeKind::double_precision)},
      {"FLOAT", Type::of(TypeKind::double_precision)},
      {"NUMERIC(10,2)", Type::decimal(10, 2)},
      {"decimal( 10 , 2 )", Type::decimal(10, 2)},
      {"NUMERIC(8)", Type::decimal(8, 0)},
      {"VARCHAR(255)", Type::varchar(255)},
      {"varchar( 255 )", Type::varchar(255)},
      {"CHARACTER VARYING(40)", Type::varchar(40)},
      {"CHAR(2)", Type::fixed_char(2)},
      {"character(3)", Type::fixed_char(3)},
      {"TEXT", Type::of(TypeKind::text)},
      {"BLOB", Type::of(TypeKind::bytes)},
      {"DATE", Type::of(TypeKind::date)},
      {"TIME", Type::of(TypeKind::time)},
      {"TIMESTAMP", Type::of(TypeKind::timestamp)},
      {"DATETIME", Type::of(TypeKind::timestamp)},
      {"TIMESTAMPTZ", Type::of(TypeKind::timestamptz)},
      {"UUID", Type::of(TypeKind::uuid)},
      {"json", Type::of(TypeKind::json)},
      {"citext", Type::raw_type("citext")},
      {"my   weird type", Type::raw_type("my   weird type")},
      {"VARCHAR", Type::raw_type("VARCHAR")},
      {"VARCHAR(abc)", Type::raw_type("VARCHAR(abc)")},
      {"", Type::raw_type("")},
  };
  for (const auto& c : cases) {
    CAPTURE(c.declared);
    CHECK(type_of_declared(c.declared) == c.expected);
  }
}

TEST_CASE("defaults as pragma_table_xinfo reports them", "[sqlite]")
{
  using Kind = Default::Kind;
  struct Case
  {
    std::string text;
    Default expected;
  };
  const std::vector<Case> cases = {
      {"0", {Kind::literal, "0"}},
      {"-1.5", {Kind::literal, "-1.5"}},
      {"'it''s'", {Kind::literal, "'it''s'"}},
      {"TRUE", {Kind::literal, "true"}},
      {"false", {Kind::literal, "false"}},
      {"NULL", {Kind::literal, "null"}},
      {"CURRENT_TIMESTAMP", {Kind::now, ""}},
      {"current_timestamp", {Kind::now, ""}},
      {"CURRENT_DATE", {Kind::expression, "CURRENT_DATE"}},
      {"1+2", {Kind::expression, "1+2"}},
      {"lower(  'X' )", {Kind::expression, "lower( 'X' )"}},
      {"(0)", {Kind::literal, "0"}},
      {"((1 +  2))", {Kind::expression, "1 + 2"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(default_of_sql(c.text) == c.expected);
  }
}

TEST_CASE("the scanner reads CREATE TABLE and CREATE INDEX texts", "[sqlite]")
{
  SECTION("checks, foreign key names and AUTOINCREMENT")
  {
    auto text = parse_create_table(R"(CREATE TABLE "t" (
      id INTEGER PRIMARY KEY AUTOINCREMENT, -- a comment, (with a parenthesis
      a INT CONSTRAINT "a positive" CHECK (a > 0) CONSTRAINT a_fk REFERENCES other(x),
      b VARCHAR(10) DEFAULT ('x,y') CHECK (length(b) <  5),
      CONSTRAINT "fk ""two""" FOREIGN KEY (a, [b]) REFERENCES "Other" ("x", "y"),
      FOREIGN KEY (b) REFERENCES third,
      CHECK (a <> b)
    ))");
    CHECK(text.autoincrement);
    REQUIRE(text.checks.size() == 3);
    CHECK(text.checks[0].name == "a positive");
    CHECK(text.checks[0].expression == "a > 0");
    CHECK(text.checks[1].name.empty());
    CHECK(text.checks[1].expression == "length(b) < 5");
    CHECK(text.checks[2].expression == "a <> b");
    REQUIRE(text.foreign_key_names.size() == 2);
    CHECK(text.foreign_key_names[0].name == "a_fk");
    CHECK(text.foreign_key_names[0].columns == std::vector<std::string>{"a"});
    CHECK(text.foreign_key_names[0].ref_table == "other");
    CHECK(text.foreign_key_names[1].name == "fk \"two\"");
    CHECK(text.foreign_key_names[1].columns == std::vector<std::string>{"a", "b"});
    CHECK(text.foreign_key_names[1].ref_table == "Other");
  }
  SECTION("index parts and predicate")
  {
    auto text = parse_create_index(
        R"(CREATE UNIQUE INDEX "i" ON "t" ("a" DESC, (lower(b)) ASC, c COLLATE NOCASE, x+1) WHERE a  >  0)");
    CHECK(text.parts == std::vector<std::string>{"\"a\"", "lower(b)", "c", "x+1"});
    CHECK(text.where == "a > 0");
  }
  SECTION("quoting and canonical spacing")
  {
    CHECK(quote_identifier("order") == "\"order\"");
    CHECK(quote_identifier("we\"ird") == "\"we\"\"ird\"");
    CHECK(canonical_sql("  a   >\n 0 AND b = 'x   y' ") == "a > 0 AND b = 'x   y'");
    CHECK(strip_outer_parentheses("(a) + (b)") == "(a) + (b)");
    CHECK(strip_outer_parentheses("( ((a) + (b)) )") == "(a) + (b)");
    CHECK(mentions_identifier("\"Karma\" >= 0", "karma"));
    CHECK_FALSE(mentions_identifier("'karma' >= 0", "karma"));
  }
}

TEST_CASE("inspect reads columns, keys and defaults", "[sqlite]")
{
  auto schema = inspect_script(R"(
    CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email VARCHAR(255) NOT NULL UNIQUE,
      name text,
      karma INT NOT NULL DEFAULT 0,
      score NUMERIC(10,2) DEFAULT -1.5,
      active BOOLEAN NOT NULL DEFAULT TRUE,
      created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
      code TEXT DEFAULT (upper('x')),
      note TEXT DEFAULT 'it''s'
    );
    CREATE TABLE memberships (user_id BIGINT NOT NULL, group_id BIGINT NOT NULL,
                              PRIMARY KEY (group_id, user_id));
    CREATE TABLE orm_migrations (version TEXT);
  )");
  REQUIRE(schema.tables.size() == 2); // no sqlite_sequence, no orm_migrations
  CHECK(schema.tables[0].name == "memberships");
  const auto& users = table_of(schema, "users");
  REQUIRE(users.columns.size() == 9);
  CHECK(users.columns[0].name == "id");
  CHECK(users.columns[0].autoincrement);
  CHECK(users.columns[0].type == Type::of(TypeKind::integer));
  CHECK(users.primary_key == std::vector<std::string>{"id"});
  CHECK(column_of(users, "email").type == Type::varchar(255));
  CHECK_FALSE(column_of(users, "email").nullable);
  CHECK(column_of(users, "name").nullable);
  CHECK_FALSE(column_of(users, "name").default_value);
  CHECK(column_of(users, "karma").default_value == Default{Default::Kind::literal, "0"});
  CHECK(column_of(users, "score").type == Type::decimal(10, 2));
  CHECK(column_of(users, "score").default_value == Default{Default::Kind::literal, "-1.5"});
  CHECK(column_of(users, "active").default_value == Default{Default::Kind::literal, "true"});
  CHECK(column_of(users, "created_at").default_value == Default{Default::Kind::now, ""});
  CHECK(column_of(users, "code").default_value == Default{Default::Kind::expression, "upper('x')"});
  CHECK(column_of(users, "note").default_value == Default{Default::Kind::literal, "'it''s'"});
  REQUIRE(users.indexes.size() == 1);
  CHECK(users.indexes[0].name == "users_email_key");
  CHECK(users.indexes[0].unique);
  CHECK(users.indexes[0].parts == std::vector<schema::IndexPart>{{"email", "", false}});

  const auto& memberships = table_of(schema, "memberships");
  CHECK(memberships.primary_key == std::vector<std::string>{"group_id", "user_id"});
  CHECK(memberships.indexes.empty()); // the primary key's autoindex is not an index
  CHECK_FALSE(memberships.columns[0].autoincrement);
}

TEST_CASE("inspect reads unique constraints, expression and partial indexes", "[sqlite]")
{
  auto schema = inspect_script(R"(
    CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INT, slug TEXT, title TEXT,
                        published BOOLEAN, UNIQUE (author_id, slug));
    CREATE INDEX posts_title_idx ON posts (lower(title), "published" DESC)
      WHERE published  AND  title <> '';
    CREATE UNIQUE INDEX "Posts Slug" ON posts ((slug || '-' || id));
  )");
  const auto& posts = table_of(schema, "posts");
  REQUIRE(posts.indexes.size() == 3);
  const auto& slug = posts.indexes[0];
  CHECK(slug.name == "Posts Slug");
  CHECK(slug.unique);
  CHECK(slug.parts == std::vector<schema::IndexPart>{{"", "slug || '-' || id", false}});
  const auto& unique = posts.indexes[1];
  CHECK(unique.name == "posts_author_id_slug_key");
  CHECK(unique.unique);
  CHECK(unique.parts ==
        std::vector<schema::IndexPart>{{"author_id", "", false}, {"slug", "", false}});
  const auto& title = posts.indexes[2];
  CHECK(title.name == "posts_title_idx");
  CHECK_FALSE(title.unique);
  CHECK(title.parts ==
        std::vector<schema::IndexPart>{{"", "lower(title)", false}, {"published", "", true}});
  CHECK(title.where == "published AND title <> ''");
}

TEST_CASE("inspect reads foreign keys with their names and actions", "[sqlite]")
{
  auto schema = inspect_script(R"(
    CREATE TABLE accounts (region TEXT, number INT, PRIMARY KEY (region, number));
    CREATE TABLE people (id INTEGER PRIMARY KEY);
    CREATE TABLE transfers (
      id INTEGER PRIMARY KEY,
      region TEXT, number INT, owner INT REFERENCES people ON DELETE SET NULL,
      checker INT CONSTRAINT transfers_checker_person REFERENCES "PEOPLE"(id) ON UPDATE RESTRICT,
      CONSTRAINT "transfers to account" FOREIGN KEY (region, number)
        REFERENCES accounts (region, number) ON DELETE CASCADE ON UPDATE SET DEFAULT
    );
  )");
  const auto& transfers = table_of(schema, "transfers");
  REQUIRE(transfers.foreign_keys.size() == 3);
  const auto& account = transfers.foreign_keys[0];
  CHECK(account.name == "transfers to account");
  CHECK(account.columns == std::vector<std::string>{"region", "number"});
  CHECK(account.ref_table == "accounts");
  CHECK(account.ref_columns == std::vector<std::string>{"region", "number"});
  CHECK(account.on_delete == ReferentialAction::cascade);
  CHECK(account.on_update == ReferentialAction::set_default);
  const auto& checker = transfers.foreign_keys[1];
  CHECK(checker.name == "transfers_checker_person");
  CHECK(checker.ref_table == "people"); // the table's own spelling
  CHECK(checker.on_update == ReferentialAction::restrict);
  CHECK(checker.on_delete == ReferentialAction::no_action);
  const auto& owner = transfers.foreign_keys[2];
  CHECK(owner.name == "transfers_owner_fkey");
  CHECK(owner.ref_columns == std::vector<std::string>{"id"}); // the referenced key
  CHECK(owner.on_delete == ReferentialAction::set_null);
}

TEST_CASE("inspect reads checks and folds enum checks into enum types", "[sqlite]")
{
  auto schema = inspect_script(R"(
    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      priority INT CHECK (priority BETWEEN 1 AND 5),
      status TEXT NOT NULL,
      kind TEXT,
      CONSTRAINT "tickets_status_enum" CHECK ("status" IN ('open', 'it''s closed')),
      CONSTRAINT tickets_kind_enum CHECK (kind IN ('a', 'b')),
      CONSTRAINT "tickets positive" CHECK (id  >  0),
      CHECK (kind <> 'c')
    );
  )");
  const auto& tickets = table_of(schema, "tickets");
  CHECK(column_of(tickets, "status").type == Type::enumeration({"open", "it's closed"}));
  CHECK(column_of(tickets, "kind").type == Type::of(TypeKind::text)); // not the enum shape
  REQUIRE(tickets.checks.size() == 4);
  CHECK(tickets.checks[0].name == "tickets positive");
  CHECK(tickets.checks[0].expression == "id > 0");
  CHECK(tickets.checks[1].name == "tickets_check");
  CHECK(tickets.checks[1].expression == "priority BETWEEN 1 AND 5");
  CHECK(tickets.checks[2].name == "tickets_check2");
  CHECK(tickets.checks[2].expression == "kind <> 'c'");
  CHECK(tickets.checks[3].name == "tickets_kind_enum");
}

TEST_CASE("inspect keeps quoted, mixed-case and reserved names", "[sqlite]")
{
  auto schema = inspect_script(R"(
    CREATE TABLE "User" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "select" TEXT);
    CREATE TABLE "order" (
      "we""ird" INT NOT NULL,
      "User" INT,
      CONSTRAINT "order ""fk""" FOREIGN KEY ("User") REFERENCES "User" ("Id")
    );
    CREATE INDEX "order""idx" ON "order" ("we""ird");
  )");
  REQUIRE(schema.tables.size() == 2);
  CHECK(schema.tables[0].name == "User");
  CHECK(schema.tables[1].name == "order");
  const auto& user = table_of(schema, "User");
  CHECK(user.primary_key == std::vector<std::string>{"Id"});
  CHECK(column_of(user, "Id").autoincrement);
  CHECK(column_of(user, "select").type == Type::of(TypeKind::text));
  const auto& order = table_of(schema, "order");
  CHECK(order.columns[0].name == "we\"ird");
  REQUIRE(order.foreign_keys.size() == 1);
  CHECK(order.foreign_keys[0].name == "order \"fk\"");
  CHECK(order.foreign_keys[0].ref_table == "User");
  REQUIRE(order.indexes.size() == 1);
  CHECK(order.indexes[0].name == "order\"idx");
  CHECK(order.indexes[0].parts[0].column == "we\"ird");
}

TEST_CASE("the hooks bring models to the form SQLite stores", "[sqlite]")
{
  SqliteHooks hooks;
  CHECK(hooks.allows_forward_references());

  schema::Table table;
  table.name = "t";
  table.comment = "a table";
  schema::Column id{"id", Type::of(TypeKind::bigint), true, std::nullopt, true, "the key", ""};
  schema::Column raw{
      "raw", Type::raw_type("INT"), false, Default{Default::Kind::expression, " 1 "}, false, "",
      ""};
  schema::Column when{"when", Type::of(TypeKind::timestamp),
                      false,  Default{Default::Kind::expression, "current_timestamp"},
                      false,  "",
                      ""};
  schema::Column flag{"flag", Type::of(TypeKind::boolean),
                      false,  Default{Default::Kind::literal, "TRUE"},
                      false,  "",
                      ""};
  schema::Column sum{"sum", Type::of(TypeKind::integer),
                     false, Default{Default::Kind::expression, "1  +   2"},
                     false, "",
                     ""};
  table.columns = {id, raw, when, flag, sum};
  table.primary_key = {"id"};
  table.indexes = {
      {"t_expr", {{"", "((raw))", false}, {"", "lower( raw )", true}}, false, "raw  >  0"}};
  table.checks = {{"t_check", "raw\n  > 0"}};
  hooks.normalize(table);

  CHECK(table.comment.empty());
  CHECK(table.columns[0].comment.empty());
  CHECK(table.columns[0].type == Type::of(TypeKind::integer));
  CHECK_FALSE(table.columns[0].nullable);
  CHECK(table.columns[1].type == Type::of(TypeKind::integer));
  CHECK(table.columns[1].default_value == Default{Default::Kind::literal, "1"});
  CHECK(table.columns[2].default_value == Default{Default::Kind::now, ""});
  CHECK(table.columns[3].default_value == Default{Default::Kind::literal, "true"});
  CHECK(table.columns[4].default_value == Default{Default::Kind::expression, "1 + 2"});
  CHECK(table.indexes[0].parts ==
        std::vector<schema::IndexPart>{{"raw", "", false}, {"", "lower( raw )", true}});
  CHECK(table.indexes[0].where == "raw > 0");
  CHECK(table.checks[0].expression == "raw > 0");

  SECTION("autoincrement only on a sole key")
  {
    schema::Table pair;
    pair.name = "p";
    pair.columns = {{"a", Type::of(TypeKind::bigint), false, std::nullopt, true, "", ""},
                    {"b", Type::of(TypeKind::bigint), false, std::nullopt, false, "", ""}};
    pair.primary_key = {"a", "b"};
    hooks.normalize(pair);
    CHECK_FALSE(pair.columns[0].autoincrement);
    CHECK(pair.columns[0].type == Type::of(TypeKind::bigint));
  }
}

TEST_CASE("the outer parentheses of a check nested as deep as the models allow all go", "[sqlite]")
{
  CHECK(strip_outer_parentheses(std::string(1000, '(') + "a > 0) and (b < 1" +
                                std::string(1000, ')')) == "(a > 0) and (b < 1)");
  CHECK(strip_outer_parentheses(std::string(1000, '(') + " a  >  0 " + std::string(1000, ')')) ==
        "a > 0");
  CHECK(strip_outer_parentheses("(a) + (b)") == "(a) + (b)");
  CHECK(strip_outer_parentheses("(())").empty());
}
