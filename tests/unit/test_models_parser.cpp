#include "core/models/models.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace orm::schema;
using orm::models::parse;

namespace {

const char* const k_users_source = R"(// line comment, and /* block comments */
table users {
  id          bigint        primary key autoincrement
  email       varchar(255)  unique
  name        text?                                  // ? = nullable; columns are NOT NULL by default
  karma       int           default 0   check (karma >= 0)
  created_at  timestamp     default now
  index (name, created_at)
}
)";

// The language overview's posts table; its composite key lines live in `links` below because a
// table has one primary key and they name columns posts does not have.
const char* const k_posts_source = R"(
table posts was articles comment 'Blog posts' {
  id          bigint        primary key autoincrement
  author_id   bigint        references users(id) on delete cascade
  title       varchar(200)  comment 'Shown in lists'
  slug        varchar(200)  was url_name             // rename hint: this column used to be called url_name
  published   bool          default false
  score       decimal(10, 2)? default 0.5
  kind        enum('draft', 'live') default 'draft'
  extra       raw('CITEXT')?
  body        text default (lower('X'))              // ( ... ) = raw SQL expression default
  unique (author_id, slug)
  unique posts_title_uq (title)
  index posts_published_idx (author_id) where published
  index ((lower(title)) desc, id)
  unique index posts_x (title) where (published and score > 0)
  check (score < 100)
  check posts_named_check (score > -1)
}

table links {
  a  int
  b  int
  x  int
  y  int
  primary key (a, b)
  foreign key (a, b) references links(x, y) on delete set null on update cascade
  foreign key links_fk_name (a) references links(x)
  comment 'table comment can also be a line in the body'
}
)";

Column
column(const std::string& name, Type type, bool nullable = false)
{
  Column result;
  result.name = name;
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

Default
literal(const std::string& text)
{
  return {Default::Kind::literal, text};
}

IndexPart
on(const std::string& name, bool descending = false)
{
  return {name, "", descending};
}

std::string
error_of(const std::string& text)
{
  try {
    parse(text, "m.orm");
  } catch (const orm::Error& error) {
    CHECK(error.kind() == orm::ErrorKind::config);
    return error.what();
  }
  return "no error";
}

Table
parse_one(const std::string& text)
{
  Schema schema = parse(text, "m.orm");
  REQUIRE(schema.tables.size() == 1);
  return schema.tables[0];
}

} // namespace

TEST_CASE("parser: the users example", "[models]")
{
  Schema schema = parse(k_users_source, "models.orm");
  REQUIRE(schema.tables.size() == 1);
  const Table& users = schema.tables[0];

  Table expected;
  expected.name = "users";
  expected.columns = {column("id", Type::of(TypeKind::bigint)), column("email", Type::varchar(255)),
                      column("name", Type::of(TypeKind::text), true),
                      column("karma", Type::of(TypeKind::integer)),
                      column("created_at", Type::of(TypeKind::timestamp))};
  expected.columns[0].autoincrement = true;
  expected.columns[3].default_value = literal("0");
  expected.columns[4].default_value = Default{Default::Kind::now, ""};
  expected.primary_key = {"id"};
  expected.indexes = {
      Index{"users_email_key", {on("email")}, true, ""},
      Index{"users_name_created_at_idx", {on("name"), on("created_at")}, false, ""}};
  expected.checks = {Check{"users_karma_check", "karma >= 0"}};

  CHECK(users.name == "users");
  CHECK(users.columns == expected.columns);
  CHECK(users.primary_key == expected.primary_key);
  CHECK(users.indexes == expected.indexes);
  CHECK(users.foreign_keys.empty());
  CHECK(users.checks == expected.checks);
  CHECK(users.comment.empty());
  CHECK(users.renamed_from.empty());
  CHECK(users == expected);
}

TEST_CASE("parser: the posts example", "[models]")
{
  Schema schema = parse(std::string(k_users_source) + k_posts_source, "models.orm");
  REQUIRE(schema.tables.size() == 3);
  CHECK(schema.tables[0].name == "links");
  CHECK(schema.tables[2].name == "users");
  const Table& posts = schema.tables[1];

  Table expected;
  expected.name = "posts";
  expected.renamed_from = "articles";
  expected.comment = "Blog posts";
  expected.columns = {
      column("id", Type::of(TypeKind::bigint)),
      column("author_id", Type::of(TypeKind::bigint)),
      column("title", Type::varchar(200)),
      column("slug", Type::varchar(200)),
      column("published", Type::of(TypeKind::boolean)),
      column("score", Type::decimal(10, 2), true),
      column("kind", Type::enumeration({"draft", "live"})),
      column("extra", Type::raw_type("CITEXT"), true),
      column("body", Type::of(TypeKind::text)),
  };
  expected.columns[0].autoincrement = true;
  expected.columns[2].comment = "Shown in lists";
  expected.columns[3].renamed_from = "url_name";
  expected.columns[4].default_value = literal("false");
  expected.columns[5].default_value = literal("0.5");
  expected.columns[6].default_value = literal("'draft'");
  expected.columns[8].default_value = Default{Default::Kind::expression, "lower('X')"};
  expected.primary_key = {"id"};
  expected.indexes = {
      Index{"posts_author_id_slug_key", {on("author_id"), on("slug")}, true, ""},
      Index{"posts_lower_title_id_idx", {IndexPart{"", "lower(title)", true}, on("id")}, false, ""},
      Index{"posts_published_idx", {on("author_id")}, false, "published"},
      Index{"posts_title_uq", {on("title")}, true, ""},
      Index{"posts_x", {on("title")}, true, "published and score > 0"},
  };
  expected.foreign_keys = {ForeignKey{"posts_author_id_fkey",
                                      {"author_id"},
                                      "users",
                                      {"id"},
                                      ReferentialAction::cascade,
                                      ReferentialAction::no_action}};
  expected.checks = {Check{"posts_check", "score < 100"}, Check{"posts_named_check", "score > -1"}};

  CHECK(posts.columns == expected.columns);
  CHECK(posts.indexes == expected.indexes);
  CHECK(posts.foreign_keys == expected.foreign_keys);
  CHECK(posts.checks == expected.checks);
  CHECK(posts == expected);

  const Table& links = schema.tables[0];
  CHECK(links.primary_key == std::vector<std::string>{"a", "b"});
  CHECK(links.comment == "table comment can also be a line in the body");
  REQUIRE(links.foreign_keys.size() == 2);
  CHECK(links.foreign_keys[0] == ForeignKey{"links_a_b_fkey",
                                            {"a", "b"},
                                            "links",
                                            {"x", "y"},
                                            ReferentialAction::set_null,
                                            ReferentialAction::cascade});
  CHECK(links.foreign_keys[1] == ForeignKey{"links_fk_name",
                                            {"a"},
                                            "links",
                                            {"x"},
                                            ReferentialAction::no_action,
                                            ReferentialAction::no_action});
}

TEST_CASE("parser: every type", "[models]")
{
  Table table = parse_one(R"(table t {
  a bool
  b smallint
  c INT
  d bigint
  e real
  f double
  g decimal(10, 2)
  h Decimal(5)
  i varchar(3)
  j char(2)
  k text
  l bytes
  m date
  n time
  o timestamp
  p timestamptz
  q uuid
  r json
  s enum('a', 'it''s', '')
  t raw('CITEXT')
  u text?
})");
  std::vector<Type> expected = {
      Type::of(TypeKind::boolean),
      Type::of(TypeKind::smallint),
      Type::of(TypeKind::integer),
      Type::of(TypeKind::bigint),
      Type::of(TypeKind::real),
      Type::of(TypeKind::double_precision),
      Type::decimal(10, 2),
      Type::decimal(5, 0),
      Type::varchar(3),
      Type::fixed_char(2),
      Type::of(TypeKind::text),
      Type::of(TypeKind::bytes),
      Type::of(TypeKind::date),
      Type::of(TypeKind::time),
      Type::of(TypeKind::timestamp),
      Type::of(TypeKind::timestamptz),
      Type::of(TypeKind::uuid),
      Type::of(TypeKind::json),
      Type::enumeration({"a", "it's", ""}),
      Type::raw_type("CITEXT"),
      Type::of(TypeKind::text),
  };
  REQUIRE(table.columns.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    INFO("column " << table.columns[i].name);
    CHECK(table.columns[i].type == expected[i]);
    CHECK(table.columns[i].nullable == (i + 1 == expected.size()));
  }
}

TEST_CASE("parser: every column attribute", "[models]")
{
  Schema schema = parse(R"(TABLE parent {
  id  int  PRIMARY KEY AUTOINCREMENT
  k   int  UNIQUE
}
table t {
  a int primary key
  b int unique default -1.5 check (b  <>
        0) references parent(id) on update set default on delete restrict was old_b comment 'B''s'
  c text default 'it''s'
  d bool default TRUE
  e bool? default NULL
  f timestamp default NOW
  g text default (  upper( 'x  y' )  )
  h int references parent(k) on delete no action on update set null
  i int comment 'x' was old_i references parent(id) on delete cascade
})",
                        "m.orm");
  REQUIRE(schema.tables.size() == 2);
  const Table& parent = schema.tables[0];
  CHECK(parent.columns[0].autoincrement);
  CHECK(parent.primary_key == std::vector<std::string>{"id"});
  const Table& t = schema.tables[1];
  CHECK(t.primary_key == std::vector<std::string>{"a"});
  const Column& b = t.columns[1];
  CHECK(b.default_value == literal("-1.5"));
  CHECK(b.renamed_from == "old_b");
  CHECK(b.comment == "B's");
  CHECK(t.find_index("t_b_key") != nullptr);
  REQUIRE(t.find_check("t_b_check") != nullptr);
  CHECK(t.find_check("t_b_check")->expression == "b <> 0");
  CHECK(t.columns[2].default_value == literal("'it''s'"));
  CHECK(t.columns[3].default_value == literal("true"));
  CHECK(t.columns[4].default_value == literal("null"));
  CHECK(t.columns[5].default_value == Default{Default::Kind::now, ""});
  CHECK(t.columns[6].default_value == Default{Default::Kind::expression, "upper( 'x  y' )"});
  REQUIRE(t.foreign_keys.size() == 3);
  CHECK(t.foreign_keys[0] == ForeignKey{"t_b_fkey",
                                        {"b"},
                                        "parent",
                                        {"id"},
                                        ReferentialAction::restrict,
                                        ReferentialAction::set_default});
  CHECK(t.foreign_keys[1] == ForeignKey{"t_h_fkey",
                                        {"h"},
                                        "parent",
                                        {"k"},
                                        ReferentialAction::no_action,
                                        ReferentialAction::set_null});
  CHECK(t.foreign_keys[2] == ForeignKey{"t_i_fkey",
                                        {"i"},
                                        "parent",
                                        {"id"},
                                        ReferentialAction::cascade,
                                        ReferentialAction::no_action});
  CHECK(t.columns[8].renamed_from == "old_i");
}

TEST_CASE("parser: constraint lines and default names", "[models]")
{
  Table t = parse_one(R"(table t {
  a int
  b int
  "index" int
  unique (a, b)
  unique INDEX named_u (b desc) where b > 0 // the predicate ends before the comment
  index (a asc, (a + b) desc, "index")
  index ((a  *  2))
  check (a > 0)
  check t_named (b > 0)
  check (b < 10)
  primary key (b, a)
  foreign key (a) references t(b)
  foreign key fk2 (a, b) references t(b, a) on update restrict
})");
  CHECK(t.primary_key == std::vector<std::string>{"b", "a"});
  REQUIRE(t.indexes.size() == 4);
  CHECK(t.indexes[0] == Index{"named_u", {on("b", true)}, true, "b > 0"});
  CHECK(t.indexes[1] == Index{"t_a_2_idx", {IndexPart{"", "a * 2", false}}, false, ""});
  CHECK(
      t.indexes[2] ==
      Index{"t_a_a_b_index_idx", {on("a"), IndexPart{"", "a + b", true}, on("index")}, false, ""});
  CHECK(t.indexes[3] == Index{"t_a_b_key", {on("a"), on("b")}, true, ""});
  REQUIRE(t.checks.size() == 3);
  CHECK(t.checks[0] == Check{"t_check", "a > 0"});
  CHECK(t.checks[1] == Check{"t_check2", "b < 10"});
  CHECK(t.checks[2] == Check{"t_named", "b > 0"});
  REQUIRE(t.foreign_keys.size() == 2);
  CHECK(t.foreign_keys[0].name == "fk2");
  CHECK(t.foreign_keys[0].on_update == ReferentialAction::restrict);
  CHECK(t.foreign_keys[1].name == "t_a_fkey");
}

TEST_CASE("parser: names, keywords, layout", "[models]")
{
  SECTION("quoted names keep case, spaces, quotes and non-ASCII")
  {
    Table t = parse_one("table \"Order\" {\n  \"unique\" int\n  \"my \"\"col\"\"\" text\n"
                        "  \"café\" int\n  MixedCase int\n}");
    CHECK(t.name == "Order");
    CHECK(t.columns[0].name == "unique");
    CHECK(t.columns[1].name == "my \"col\"");
    CHECK(t.columns[2].name == "café");
    CHECK(t.columns[3].name == "MixedCase");
  }
  SECTION("identifiers are case-sensitive")
  {
    CHECK(error_of("table t {\n  a int\n  index (A)\n}") ==
          "m.orm:3:10: unknown column 'A' in table 't'");
  }
  SECTION("one-line tables, CRLF, comments, empty tables")
  {
    Schema schema = parse("/* a */ table a { x int }\r\n\r\ntable b {\r\n  y int // c\r\n}\r\n"
                          "table c {\n}",
                          "m.orm");
    REQUIRE(schema.tables.size() == 3);
    CHECK(schema.tables[0].columns[0].name == "x");
    CHECK(schema.tables[1].columns[0].name == "y");
    CHECK(schema.tables[2].columns.empty());
  }
  SECTION("an empty file is an empty schema")
  {
    CHECK(parse("", "m.orm").tables.empty());
    CHECK(parse("\n// nothing\n", "m.orm").tables.empty());
  }
  SECTION("foreign keys may point forward")
  {
    Schema schema =
        parse("table a {\n  b_id int references b(id)\n}\ntable b {\n  id int\n}", "m.orm");
    CHECK(schema.tables[0].foreign_keys[0].ref_table == "b");
  }
}

TEST_CASE("parser: raw SQL nests 1000 levels deep, one more is refused with its position",
          "[models]")
{
  auto nested = [](size_t depth) {
    return std::string(depth, '(') + "a > 0" + std::string(depth, ')');
  };
  auto schema = parse("table t {\n  a int\n  check (" + nested(1000) + ")\n}\n", "m.orm");
  CHECK(schema.tables.at(0).checks.at(0).expression == nested(1000));
  // `  check (` is 9 columns; the 1001st `(` inside it is at 10 + 1000.
  CHECK(error_of("table t {\n  a int\n  check (" + nested(1001) + ")\n}\n") ==
        "m.orm:3:1010: parentheses nested more than 1000 levels deep");
  CHECK(error_of("table t {\n  a int\n  index i (a) where a > " + nested(1001) + "\n}\n") ==
        "m.orm:3:1025: parentheses nested more than 1000 levels deep");
}

TEST_CASE("parser: malformed input names file:line:col", "[models]")
{
  struct Case
  {
    std::string input;
    std::string message;
  };
  const std::string col_fk = "table t {\n  a int references t(a) ";
  const std::vector<Case> cases = {
      {"tabel users {\n}", "m.orm:1:1: expected 'table', found 'tabel'"},
      {"x", "m.orm:1:1: expected 'table', found 'x'"},
      {"table {\n}", "m.orm:1:7: expected a table name, found '{'"},
      {"table users", "m.orm:1:12: expected '{', found end of file"},
      {"table users\n{\n}", "m.orm:1:12: expected '{', found end of line"},
      {"table users {\n  id int\n", "m.orm:3:1: expected '}', found end of file"},
      {"table users {\n  id integer\n}", "m.orm:2:6: expected a type, found 'integer'"},
      {"table users {\n  id\n}", "m.orm:2:5: expected a type, found end of line"},
      {"table t {\n  a varchar(0)\n}", "m.orm:2:13: expected a positive length, found '0'"},
      {"table t {\n  a varchar(99999999999)\n}",
       "m.orm:2:13: expected a positive length, found '99999999999'"},
      {"table t {\n  a varchar\n}", "m.orm:2:12: expected '(', found end of line"},
      {"table t {\n  a char(x)\n}", "m.orm:2:10: expected a positive length, found 'x'"},
      {"table t {\n  a decimal(2, 3)\n}", "m.orm:2:16: expected a scale from 0 to 2, found '3'"},
      {"table t {\n  a decimal(10 2)\n}", "m.orm:2:16: expected ',' or ')', found '2'"},
      {"table t {\n  a decimal(0, 0)\n}", "m.orm:2:13: expected a positive precision, found '0'"},
      {"table t {\n  a enum()\n}", "m.orm:2:10: expected a string, found ')'"},
      {"table t {\n  a enum('x' 'y')\n}", "m.orm:2:14: expected ',' or ')', found string 'y'"},
      {"table t {\n  a enum('x', 'x')\n}", "m.orm:2:15: duplicate enum value 'x'"},
      {"table t {\n  a enum('x' was)\n}", "m.orm:2:17: expected a string, found ')'"},
      {"table t {\n  a enum('x' was 'y', 'z' was 'y')\n}",
       "m.orm:2:31: enum values 'x' and 'z' were both 'y'"},
      {"table t {\n  a enum('x' was 'y', 'y')\n}",
       "m.orm:2:9: enum value 'x' was 'y', which is still a value"},
      {"table t {\n  a raw(citext)\n}", "m.orm:2:9: expected a string, found 'citext'"},
      {"table t {\n  a raw('')\n}", "m.orm:2:9: expected a type spelling, found string ''"},
      {"table t {\n  a text comment 'abc\n}",
       "m.orm:2:18: expected end of string, found end of file"},
      {"/* open\ntable t {\n}", "m.orm:1:1: expected end of comment, found end of file"},
      {"table \"t {\n}", "m.orm:1:7: expected end of quoted name, found end of file"},
      {"table t {\n  a int check (a > 0\n}", "m.orm:2:15: expected ')', found end of file"},
      {"table t {\n  a int\n  check (a > 0\n", "m.orm:3:9: expected ')', found end of file"},
      {"table t {\n  a int default " + std::string(500, '('),
       "m.orm:2:17: expected ')', found end of file"},
      {"table t {\n  a int default " + std::string(100000, '('),
       "m.orm:2:1018: parentheses nested more than 1000 levels deep"},
      {"table t {\n  a int unique unique\n}",
       "m.orm:2:16: duplicate attribute 'unique' on column 't.a'"},
      {"table t {\n  a int primary key PRIMARY KEY\n}",
       "m.orm:2:21: duplicate attribute 'primary key' on column 't.a'"},
      {"table t {\n  a int\n}\ntable t {\n  b int\n}", "m.orm:4:7: duplicate table 't'"},
      {"table t {\n  a int\n  a text\n}", "m.orm:3:3: duplicate column 't.a'"},
      {"table t {\n  a int unique\n  unique (a)\n}",
       "m.orm:3:3: duplicate index or constraint name 't_a_key' on table 't'"},
      {"table t {\n  a int\n  index i (a)\n  index i (a)\n}",
       "m.orm:4:9: duplicate index or constraint name 'i' on table 't'"},
      {"table t {\n  a int check (a > 0)\n  check t_a_check (a < 9)\n}",
       "m.orm:3:9: duplicate index or constraint name 't_a_check' on table 't'"},
      {"table t {\n  a int\n  index (a, nope)\n}",
       "m.orm:3:13: unknown column 'nope' in table 't'"},
      {"table t {\n  a int\n  primary key (b)\n}", "m.orm:3:16: unknown column 'b' in table 't'"},
      {"table t {\n  a int references nope(id)\n}",
       "m.orm:2:20: unknown table 'nope' referenced by table 't'"},
      {"table u {\n  id int\n}\ntable t {\n  a int references u(nope)\n}",
       "m.orm:5:22: unknown column 'nope' in table 'u'"},
      {"table t {\n  a int\n  b int\n  foreign key (a, b) references t(a)\n}",
       "m.orm:4:33: expected 2 referenced columns, found 1"},
      {"table t {\n  a int\n  b int references t(a, b)\n}",
       "m.orm:3:20: expected 1 referenced column, found 2"},
      {"table t {\n  a int\n  foreign key (a, c) references t(a, a)\n}",
       "m.orm:3:38: column 'a' is listed twice"},
      {col_fk + "on delete explode\n}", "m.orm:2:35: expected cascade, restrict, set null, set "
                                        "default or no action, found 'explode'"},
      {col_fk + "on delete set foo\n}", "m.orm:2:39: expected 'null' or 'default', found 'foo'"},
      {col_fk + "on remove cascade\n}",
       "m.orm:2:28: expected 'delete' or 'update', found 'remove'"},
      {col_fk + "on delete no way\n}", "m.orm:2:38: expected 'action', found 'way'"},
      {col_fk + "on delete cascade on delete restrict\n}",
       "m.orm:2:43: duplicate 'on delete' on foreign key 't_a_fkey'"},
      {"table t {\n  a int primary\n}", "m.orm:2:16: expected 'key', found end of line"},
      {"table t {\n  a int primary key\n  primary key (a)\n}",
       "m.orm:3:3: duplicate primary key on table 't'"},
      {"table t {\n  a text primary key autoincrement\n}",
       "m.orm:2:22: expected an integer type for autoincrement column 't.a', found 'text'"},
      {"table t {\n  a int autoincrement\n  b int\n  primary key (a, b)\n}",
       "m.orm:2:9: autoincrement column 't.a' must be the only primary key column"},
      {"table t {\n  a int autoincrement\n}",
       "m.orm:2:9: autoincrement column 't.a' must be the only primary key column"},
      {"table t {\n  a int\n  index (a) foo\n}", "m.orm:3:13: expected end of line, found 'foo'"},
      {"table t {\n  a int foo\n}",
       "m.orm:2:9: expected a column attribute or end of line, found 'foo'"},
      {"table t {\n  a int default now()\n}",
       "m.orm:2:20: expected a column attribute or end of line, found '('"},
      {"table t {\n  a int\n} x", "m.orm:3:3: expected end of line, found 'x'"},
      {"table t {\n  @ int\n}", "m.orm:2:3: expected a column or constraint, found '@'"},
      {"table t {\n  café int\n}", "m.orm:2:3: expected a column or constraint, found 'café'"},
      {"table t {\n  \"\" int\n}", "m.orm:2:3: expected a column name, found '\"\"'"},
      {"table t {\n  index int\n}", "m.orm:2:12: expected '(', found end of line"},
      {"table t comment 'a' {\n  a int\n  comment 'b'\n}",
       "m.orm:3:3: duplicate comment on table 't'"},
      {"table t was a was b {\n  a int\n}", "m.orm:1:15: duplicate 'was' on table 't'"},
      {"table t {\n  a int\n  index ()\n}",
       "m.orm:3:10: expected a column name or (expression), found ')'"},
      {"table t {\n  a int default\n}", "m.orm:2:16: expected a default value, found end of line"},
      {"table t {\n  a int default \"x\"\n}",
       "m.orm:2:17: expected a default value, found '\"x\"'"},
      {"table t {\n  a int check a > 0\n}", "m.orm:2:15: expected '(', found 'a'"},
      {"table t {\n  a int check ( )\n}", "m.orm:2:17: expected a condition, found ')'"},
      {"table t {\n  a int\n  index (a) where\n}",
       "m.orm:3:18: expected a condition, found end of line"},
      {"table t {\n  a int\n  index (a) where (a))\n}",
       "m.orm:3:22: expected end of line, found ')'"},
      {"table t {\n  a int\n  unique index (a) where ()\n}",
       "m.orm:3:20: expected a condition, found '()'"},
      {"table t {\n  a int references t\n}", "m.orm:2:21: expected '(', found end of line"},
      {"table t {\n  a int\n  foreign key (a) t(a)\n}",
       "m.orm:3:19: expected 'references', found 't'"},
      {"table t {\n  a int\n  primary key (a, a)\n}", "m.orm:3:19: column 'a' is listed twice"},
      {"table t {\n  a int\n  primary key ()\n}", "m.orm:3:16: expected a column name, found ')'"},
      {"table t {\n  a int on delete cascade\n}",
       "m.orm:2:9: expected a column attribute or end of line, found 'on'"},
  };
  for (const auto& test_case : cases) {
    INFO("input: " << test_case.input.substr(0, 200));
    CHECK(error_of(test_case.input) == test_case.message);
  }
  CHECK(cases.size() >= 35);
}

TEST_CASE("parser: never lets anything but orm::Error escape", "[models]")
{
  // Every prefix of a valid file is either valid or a config error.
  std::string source = std::string(k_users_source) + k_posts_source;
  for (size_t length = 0; length <= source.size(); ++length) {
    std::string prefix = source.substr(0, length);
    try {
      parse(prefix, "m.orm");
    } catch (const orm::Error& error) {
      CHECK(std::string(error.what()).rfind("m.orm:", 0) == 0);
    }
  }
  CHECK(error_of(std::string(100000, ')')) == "m.orm:1:1: expected 'table', found ')'");
  CHECK(error_of(std::string("table t {\n  a int\0", 18) + "\n}") ==
        "m.orm:2:8: expected a column attribute or end of line, found '\\x00'");
}

TEST_CASE("parse_file reads a file and names a missing one", "[models]")
{
  orm::test::TempDir dir;
  orm::test::write_file(dir / "models.orm", "table t {\n  a int\n}\n");
  Schema schema = orm::models::parse_file((dir / "models.orm").string());
  CHECK(schema.tables.size() == 1);

  orm::test::write_file(dir / "bad.orm", "table t {\n  a nope\n}\n");
  std::string bad = (dir / "bad.orm").string();
  CHECK_THROWS_WITH(orm::models::parse_file(bad), bad + ":2:5: expected a type, found 'nope'");

  std::string missing = (dir / "missing.orm").string();
  CHECK_THROWS_WITH(orm::models::parse_file(missing), "cannot read models file '" + missing + "'");
  CHECK_THROWS_WITH(orm::models::parse_file(dir.path().string()),
                    "cannot read models file '" + dir.path().string() + "'");
}

TEST_CASE("parser: collations, generated columns, index options, deferrable keys", "[models]")
{
  Schema schema = parse(R"(table parent engine InnoDB charset utf8mb4 COLLATE "utf8mb4_bin" {
  id  int  primary key
}
table t was old comment 'x' {
  a int collate "C" charset latin1
  b int generated (a * 2)
  c int generated (a + 1) VIRTUAL references parent(id) on delete cascade
  d timestamp default now on update now
  e int references parent(id) on update now
  f int references parent(id) on delete set null deferrable initially deferred match full
  g text
  index (g(10) desc nulls last, (lower(g)) nulls first) using GIN include (a, b) concurrently
  unique u (a) using hash where a > 0
  foreign key (b) references parent(id) deferrable initially immediate match simple
  foreign key k2 (c) references parent(id) on update cascade deferrable
})",
                        "m.orm");
  REQUIRE(schema.tables.size() == 2);
  const Table& parent = schema.tables[0];
  CHECK(parent.engine == "InnoDB");
  CHECK(parent.charset == "utf8mb4");
  CHECK(parent.collation == "utf8mb4_bin");
  const Table& t = schema.tables[1];
  CHECK(t.renamed_from == "old");
  CHECK(t.columns[0].collation == "C");
  CHECK(t.columns[0].charset == "latin1");
  CHECK(t.columns[1].generated == "a * 2");
  CHECK(t.columns[1].generated_stored);
  CHECK(t.columns[2].generated == "a + 1");
  CHECK_FALSE(t.columns[2].generated_stored);
  CHECK(t.columns[3].on_update_now);
  CHECK(t.columns[4].on_update_now);
  REQUIRE(t.foreign_keys.size() == 5);
  CHECK(t.foreign_keys[0].name == "k2");
  CHECK(t.foreign_keys[0].deferrable);
  CHECK_FALSE(t.foreign_keys[0].initially_deferred);
  CHECK(t.foreign_keys[0].on_update == ReferentialAction::cascade);
  CHECK(t.foreign_keys[1].name == "t_b_fkey");
  CHECK(t.foreign_keys[1].deferrable);
  CHECK_FALSE(t.foreign_keys[1].initially_deferred);
  CHECK(t.foreign_keys[1].match == "simple");
  CHECK(t.foreign_keys[2].name == "t_c_fkey");
  CHECK(t.foreign_keys[2].on_delete == ReferentialAction::cascade);
  CHECK_FALSE(t.foreign_keys[2].deferrable);
  CHECK(t.foreign_keys[3].on_update == ReferentialAction::no_action); // `on update now` is e's
  CHECK(t.foreign_keys[4].initially_deferred);
  CHECK(t.foreign_keys[4].match == "full");
  CHECK(t.foreign_keys[4].on_delete == ReferentialAction::set_null);
  REQUIRE(t.indexes.size() == 2);
  const Index& index = t.indexes[0];
  CHECK(index.name == "t_g_lower_g_idx");
  REQUIRE(index.parts.size() == 2);
  CHECK(index.parts[0].prefix_length == 10);
  CHECK(index.parts[0].descending);
  CHECK(index.parts[0].nulls == IndexPart::NullsOrder::last);
  CHECK(index.parts[1].expression == "lower(g)");
  CHECK(index.parts[1].nulls == IndexPart::NullsOrder::first);
  CHECK(index.method == "gin");
  CHECK(index.include == std::vector<std::string>{"a", "b"});
  CHECK(index.concurrently);
  CHECK(t.indexes[1].method == "hash");
  CHECK(t.indexes[1].where == "a > 0");
  CHECK_FALSE(t.indexes[1].concurrently);
}

TEST_CASE("parser: enum value rename hints", "[models]")
{
  Schema schema = parse("table t { a enum('draft', 'live' WAS 'published') }\n", "m.orm");
  const Type& type = schema.tables[0].columns[0].type;
  CHECK(type.values == std::vector<std::string>{"draft", "live"});
  CHECK(type.renamed_values == std::map<std::string, std::string>{{"live", "published"}});
  CHECK(type == Type::enumeration({"draft", "live"})); // a hint, not part of the type
  CHECK(orm::schema::to_string(type) == "enum('draft', 'live' was 'published')");
}

TEST_CASE("parser: identity kinds", "[models]")
{
  Schema schema = parse("table t { a int primary key autoincrement ALWAYS }\n"
                        "table u { a int primary key autoincrement }\n",
                        "m.orm");
  CHECK(schema.tables[0].columns[0].identity_always);
  CHECK_FALSE(schema.tables[1].columns[0].identity_always);
}

TEST_CASE("parser: malformed dialect-specific attributes", "[models]")
{
  struct Case
  {
    std::string input;
    std::string message;
  };
  const std::string t = "table t {\n  a int\n  b text";
  const std::string fk = "table t {\n  a int references t(a)";
  const std::vector<Case> cases = {
      {"table t engine {\n  a int\n}", "m.orm:1:16: expected a table engine name, found '{'"},
      {"table t charset 'x' {\n  a int\n}",
       "m.orm:1:17: expected a character set name, found string 'x'"},
      {"table t collate {\n  a int\n}", "m.orm:1:17: expected a collation name, found '{'"},
      {"table t engine a engine b {\n  a int\n}", "m.orm:1:18: duplicate 'engine' on table 't'"},
      {t + " collate\n}", "m.orm:3:17: expected a collation name, found end of line"},
      {t + " charset 1\n}", "m.orm:3:18: expected a character set name, found '1'"},
      {t + " collate a collate b\n}", "m.orm:3:20: duplicate attribute 'collate' on column 't.b'"},
      {t + " on update now on update now\n}",
       "m.orm:3:24: duplicate attribute 'on update now' on column 't.b'"},
      {t + " on update cascade\n}",
       "m.orm:3:10: expected a column attribute or end of line, found 'on'"},
      {t + " generated a\n}", "m.orm:3:20: expected '(', found 'a'"},
      {t + " generated ()\n}", "m.orm:3:21: expected an expression, found ')'"},
      {t + " generated (a) stored virtual\n}",
       "m.orm:3:31: expected a column attribute or end of line, found 'virtual'"},
      {t + " default 'x' generated (a)\n}",
       "m.orm:3:3: generated column 't.b' cannot have a default"},
      {"table t {\n  a int primary key autoincrement always always\n}",
       "m.orm:2:42: expected a column attribute or end of line, found 'always'"},
      {"table t {\n  a int primary key always\n}",
       "m.orm:2:21: expected a column attribute or end of line, found 'always'"},
      {t + "\n  index (b(0))\n}", "m.orm:4:12: expected a positive prefix length, found '0'"},
      {t + "\n  index (b(x))\n}", "m.orm:4:12: expected a positive prefix length, found 'x'"},
      {t + "\n  index (b(10)\n}", "m.orm:5:1: expected ',' or ')', found '}'"},
      {t + "\n  index (b(1 2))\n}", "m.orm:4:14: expected ')', found '2'"},
      {t + "\n  index (b nulls)\n}", "m.orm:4:17: expected 'first' or 'last', found ')'"},
      {t + "\n  index (b nulls asc)\n}", "m.orm:4:18: expected 'first' or 'last', found 'asc'"},
      {t + "\n  index (b) using\n}", "m.orm:4:18: expected an index method, found end of line"},
      {t + "\n  index (b) include a\n}", "m.orm:4:21: expected '(', found 'a'"},
      {t + "\n  index (b) include (x)\n}", "m.orm:4:22: unknown column 'x' in table 't'"},
      {t + "\n  index (b) include (a, a)\n}", "m.orm:4:25: column 'a' is listed twice"},
      {t + "\n  index (b) using gin include (a) using gin\n}",
       "m.orm:4:35: duplicate 'using' on index 't_b_idx'"},
      {t + "\n  index (b) using 'gin'\n}",
       "m.orm:4:19: expected an index method, found string 'gin'"},
      {t + "\n  index i (b) concurrently concurrently\n}",
       "m.orm:4:28: duplicate 'concurrently' on index 'i'"},
      {fk + " deferrable initially\n}",
       "m.orm:2:45: expected 'deferred' or 'immediate', found end of line"},
      {fk + " initially deferred\n}",
       "m.orm:2:25: expected a column attribute or end of line, found 'initially'"},
      {fk + " match\n}", "m.orm:2:30: expected full, simple or partial, found end of line"},
      {fk + " match loose\n}", "m.orm:2:31: expected full, simple or partial, found 'loose'"},
      {fk + " match full deferrable match simple\n}",
       "m.orm:2:47: duplicate 'match' on foreign key 't_a_fkey'"},
      {fk + " deferrable on delete cascade deferrable\n}",
       "m.orm:2:54: duplicate 'deferrable' on foreign key 't_a_fkey'"},
      {"table t {\n  a int\n  foreign key (a) references t(a) deferrable initially later\n}",
       "m.orm:3:56: expected 'deferred' or 'immediate', found 'later'"},
  };
  for (const auto& test_case : cases) {
    INFO("input: " << test_case.input);
    CHECK(error_of(test_case.input) == test_case.message);
  }
}
