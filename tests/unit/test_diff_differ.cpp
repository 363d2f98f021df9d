#include "core/diff/differ.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::schema;

namespace {

// Normalises nothing, so the tests see the engine alone.
class PlainHooks : public diff::DiffHooks
{
public:
  explicit PlainHooks(bool forward = true) : m_forward(forward) {}
  void normalize(Table&) const override {}
  bool allows_forward_references() const override { return m_forward; }
  std::optional<schema::NameLimit> name_limit() const override { return std::nullopt; }

private:
  bool m_forward;
};

Column
column(const std::string& name, Type type = Type::of(TypeKind::integer))
{
  Column result;
  result.name = name;
  result.type = std::move(type);
  return result;
}

Table
table(const std::string& name, std::vector<Column> columns)
{
  Table result;
  result.name = name;
  result.columns = std::move(columns);
  return result;
}

ForeignKey
foreign_key(const std::string& table_name, const std::string& col, const std::string& ref)
{
  return ForeignKey{foreign_key_name(table_name, {col}), {col}, ref, {"id"}, {}, {}};
}

Schema
schema_of(std::vector<Table> tables)
{
  Schema result{std::move(tables)};
  sort_canonically(result);
  return result;
}

std::vector<std::string>
lines(const Schema& from, const Schema& to, bool forward = true)
{
  return diff::describe(diff::diff(from, to, PlainHooks(forward)));
}

} // namespace

TEST_CASE("equal schemas diff empty", "[diff]")
{
  auto s = schema_of({table("users", {column("id")})});
  CHECK(diff::diff(s, s, PlainHooks()).empty());
}

TEST_CASE("tables are added and dropped", "[diff]")
{
  auto from = schema_of({table("old", {column("id")})});
  auto to = schema_of({table("users", {column("id")})});
  CHECK(lines(from, to) == std::vector<std::string>{"- table old", "+ table users"});
}

TEST_CASE("new tables are created referenced-first and dropped referencing-first", "[diff]")
{
  auto posts = table("posts", {column("id"), column("author_id")});
  posts.foreign_keys.push_back(foreign_key("posts", "author_id", "users"));
  auto comments = table("comments", {column("id"), column("post_id")});
  comments.foreign_keys.push_back(foreign_key("comments", "post_id", "posts"));
  auto full = schema_of({posts, comments, table("users", {column("id")})});

  CHECK(lines({}, full) ==
        std::vector<std::string>{"+ table users", "+ table posts", "+ table comments"});
  CHECK(lines(full, {}) ==
        std::vector<std::string>{"- table comments", "- table posts", "- table users"});
}

TEST_CASE("a foreign key cycle is closed after the tables when forward references are not allowed",
          "[diff]")
{
  auto a = table("a", {column("id"), column("b_id")});
  a.foreign_keys.push_back(foreign_key("a", "b_id", "b"));
  auto b = table("b", {column("id"), column("a_id")});
  b.foreign_keys.push_back(foreign_key("b", "a_id", "a"));
  auto to = schema_of({a, b});

  CHECK(lines({}, to, false) ==
        std::vector<std::string>{"+ table a", "+ table b", "+ foreign key a_b_id_fkey on a"});
  auto changes = diff::diff({}, to, PlainHooks(false));
  REQUIRE(changes.size() == 3);
  CHECK(std::get<diff::AddTable>(changes[0]).table.foreign_keys.empty());
  CHECK(std::get<diff::AddTable>(changes[1]).table.foreign_keys.size() == 1);

  CHECK(lines({}, to, true) == std::vector<std::string>{"+ table a", "+ table b"});
}

TEST_CASE("a new foreign key of an existing table to a new table waits for that table", "[diff]")
{
  auto posts = table("posts", {column("id"), column("author_id")});
  auto from = schema_of({posts});
  auto linked = posts;
  linked.foreign_keys.push_back(foreign_key("posts", "author_id", "users"));
  auto to = schema_of({linked, table("users", {column("id")})});

  CHECK(lines(from, to, false) ==
        std::vector<std::string>{"+ table users", "+ foreign key posts_author_id_fkey on posts"});
  auto changes = diff::diff(from, to, PlainHooks(false));
  REQUIRE(changes.size() == 2);
  const auto& modify = std::get<diff::ModifyTable>(changes[1]);
  CHECK(modify.from.foreign_keys.empty());
  CHECK(modify.to.foreign_keys.size() == 1);

  CHECK(lines(from, to, true) ==
        std::vector<std::string>{"+ foreign key posts_author_id_fkey on posts", "+ table users"});
}

TEST_CASE("columns: add, drop, modify each aspect", "[diff]")
{
  auto from = schema_of(
      {table("posts", {column("id"), column("title", Type::varchar(100)), column("gone")})});
  auto title = column("title", Type::varchar(200));
  title.nullable = true;
  title.default_value = Default{Default::Kind::literal, "'x'"};
  auto to = schema_of({table("posts", {column("id"), title, column("fresh")})});

  CHECK(
      lines(from, to) ==
      std::vector<std::string>{
          "- column posts.gone",
          "~ column posts.title: varchar(100) not null no default -> varchar(200) null default 'x'",
          "+ column posts.fresh"});
}

TEST_CASE("a column rename comes only from a hint", "[diff]")
{
  auto from_table = table("posts", {column("id"), column("url_name", Type::varchar(200))});
  from_table.indexes.push_back(Index{"posts_url_name_idx", {{"url_name", "", false}}, false, ""});
  auto from = schema_of({from_table});

  auto slug = column("slug", Type::varchar(200));
  auto unhinted = table("posts", {column("id"), slug});
  unhinted.indexes.push_back(Index{"posts_url_name_idx", {{"slug", "", false}}, false, ""});
  CHECK(lines(from, schema_of({unhinted})) ==
        std::vector<std::string>{"~ index posts_url_name_idx on posts: (url_name) -> (slug)",
                                 "- column posts.url_name", "+ column posts.slug"});

  slug.renamed_from = "url_name";
  auto hinted = unhinted;
  hinted.columns[1] = slug;
  CHECK(lines(from, schema_of({hinted})) ==
        std::vector<std::string>{"~ column posts.url_name -> slug (rename)"});

  SECTION("once applied, the hint is harmless")
  {
    auto applied = schema_of({unhinted});
    CHECK(diff::diff(applied, schema_of({hinted}), PlainHooks()).empty());
  }
}

TEST_CASE("a table rename comes from a hint and foreign keys follow it", "[diff]")
{
  auto comments = table("comments", {column("id"), column("post_id")});
  comments.foreign_keys.push_back(
      ForeignKey{"comments_post_id_fkey", {"post_id"}, "articles", {"id"}, {}, {}});
  auto from = schema_of({table("articles", {column("id")}), comments});

  auto posts = table("posts", {column("id")});
  posts.renamed_from = "articles";
  auto new_comments = comments;
  new_comments.foreign_keys[0].ref_table = "posts";
  auto to = schema_of({posts, new_comments});

  CHECK(lines(from, to) == std::vector<std::string>{"~ table articles -> posts (rename)"});
}

TEST_CASE("indexes, checks, foreign keys and primary keys", "[diff]")
{
  auto from_table = table("t", {column("a"), column("b")});
  from_table.primary_key = {"a"};
  from_table.indexes.push_back(Index{"t_a_idx", {{"a", "", false}}, false, ""});
  from_table.checks.push_back(Check{"t_a_check", "a > 0"});
  auto to_table = from_table;
  to_table.primary_key = {"a", "b"};
  to_table.indexes[0].where = "b > 1";
  to_table.checks[0].expression = "a > 1";
  to_table.foreign_keys.push_back(foreign_key("t", "b", "t"));

  CHECK(lines(schema_of({from_table}), schema_of({to_table})) ==
        std::vector<std::string>{"~ check t_a_check on t: (a > 0) -> (a > 1)",
                                 "~ index t_a_idx on t: no where -> where (b > 1)",
                                 "~ primary key t: (a) -> (a, b)", "+ foreign key t_b_fkey on t"});
}

TEST_CASE("the diff is deterministic whatever the input order", "[diff]")
{
  Schema unsorted{
      {table("b", {column("id")}), table("a", {column("id")}), table("c", {column("id")})}};
  Schema sorted = schema_of(unsorted.tables);
  CHECK(lines({}, unsorted) == lines({}, sorted));
  CHECK(lines({}, sorted) == std::vector<std::string>{"+ table a", "+ table b", "+ table c"});
}

TEST_CASE("hooks normalise both sides before comparing", "[diff]")
{
  class WidenIntegers : public diff::DiffHooks
  {
  public:
    void normalize(Table& t) const override
    {
      for (auto& c : t.columns) {
        if (is_integer(c.type.kind)) {
          c.type = Type::of(TypeKind::bigint);
        }
      }
    }
    bool allows_forward_references() const override { return true; }
    std::optional<schema::NameLimit> name_limit() const override { return std::nullopt; }
  };
  auto from = schema_of({table("t", {column("a", Type::of(TypeKind::integer))})});
  auto to = schema_of({table("t", {column("a", Type::of(TypeKind::smallint))})});
  CHECK(diff::diff(from, to, WidenIntegers()).empty());
  CHECK_FALSE(diff::diff(from, to, PlainHooks()).empty());
}

TEST_CASE("columns: collation, charset, on update and generated", "[diff]")
{
  auto from_column = column("c", Type::of(TypeKind::text));
  from_column.charset = "latin1";
  from_column.generated = "a * 2";
  auto to_column = from_column;
  to_column.charset.clear();
  to_column.collation = "C";
  to_column.on_update_now = true;
  to_column.generated_stored = false;
  auto from = schema_of({table("t", {column("a"), from_column})});
  auto to = schema_of({table("t", {column("a"), to_column})});

  auto changes = diff::diff(from, to, PlainHooks());
  REQUIRE(changes.size() == 1);
  const auto& modify = std::get<diff::ModifyTable>(changes[0]);
  REQUIRE(modify.changes.size() == 1);
  diff::ColumnChangeSet expected;
  expected.collation = expected.charset = expected.on_update = expected.generated = true;
  CHECK(std::get<diff::ModifyColumn>(modify.changes[0]).what == expected);
  CHECK(lines(from, to) ==
        std::vector<std::string>{
            "~ column t.c: charset latin1 default collation no on update generated (a * 2) stored "
            "-> default charset collate C on update now generated (a * 2) virtual"});

  to_column.generated.clear();
  CHECK(lines(from, schema_of({table("t", {column("a"), to_column})})).back() ==
        "~ column t.c: charset latin1 default collation no on update generated (a * 2) stored "
        "-> default charset collate C on update now not generated");
}

TEST_CASE("STORED or VIRTUAL counts only for a generated column", "[diff]")
{
  auto plain = column("c");
  auto virtual_flag = plain;
  virtual_flag.generated_stored = false;
  CHECK(lines(schema_of({table("t", {plain})}), schema_of({table("t", {virtual_flag})})).empty());
}

TEST_CASE("index prefix, NULLS order, method and INCLUDE change the index, concurrently does not",
          "[diff]")
{
  auto from_table = table("t", {column("a"), column("b")});
  from_table.indexes.push_back(Index{"t_a_idx", {{"a", "", false}}, false, ""});
  auto from = schema_of({from_table});
  auto changed = [&](auto edit) {
    Table to_table = from_table;
    edit(to_table.indexes[0]);
    return lines(from, schema_of({to_table}));
  };
  using Lines = std::vector<std::string>;
  CHECK(changed([](Index& i) { i.parts[0].prefix_length = 10; }) ==
        Lines{"~ index t_a_idx on t: (a) -> (a(10))"});
  CHECK(changed([](Index& i) { i.parts[0].nulls = IndexPart::NullsOrder::first; }) ==
        Lines{"~ index t_a_idx on t: (a) -> (a nulls first)"});
  CHECK(changed([](Index& i) { i.method = "hash"; }) ==
        Lines{"~ index t_a_idx on t: default method -> using hash"});
  CHECK(changed([](Index& i) { i.include = {"b"}; }) ==
        Lines{"~ index t_a_idx on t: no include -> include (b)"});
  CHECK(changed([](Index& i) { i.concurrently = true; }).empty());

  // A new index keeps the hint, for the planner.
  Table to_table = from_table;
  to_table.indexes.push_back(Index{"t_b_idx", {{"b", "", false}}, false, ""});
  to_table.indexes.back().concurrently = true;
  auto changes = diff::diff(from, schema_of({to_table}), PlainHooks());
  REQUIRE(changes.size() == 1);
  const auto& modify = std::get<diff::ModifyTable>(changes[0]);
  REQUIRE(modify.changes.size() == 1);
  CHECK(std::get<diff::AddIndex>(modify.changes[0]).index.concurrently);
}

TEST_CASE("deferrable and MATCH change the foreign key", "[diff]")
{
  auto from_table = table("t", {column("id"), column("p")});
  from_table.foreign_keys.push_back(foreign_key("t", "p", "t"));
  auto from = schema_of({from_table});
  struct Case
  {
    void (*edit)(ForeignKey&);
    std::string line;
  };
  for (const auto& c :
       {Case{[](ForeignKey& k) { k.deferrable = true; }, "not deferrable -> deferrable"},
        Case{[](ForeignKey& k) { k.initially_deferred = true; },
             "not deferrable -> not deferrable initially deferred"},
        Case{[](ForeignKey& k) { k.match = "full"; }, "default match -> match full"}}) {
    Table to_table = from_table;
    c.edit(to_table.foreign_keys[0]);
    CHECK(lines(from, schema_of({to_table})) ==
          std::vector<std::string>{"~ foreign key t_p_fkey on t: " + c.line});
  }
}

TEST_CASE("table options: engine, charset and collation", "[diff]")
{
  auto from_table = table("t", {column("id")});
  from_table.engine = "MyISAM";
  from_table.collation = "utf8mb4_bin";
  auto to_table = from_table;
  to_table.engine = "InnoDB";
  to_table.charset = "utf8mb4";
  auto changes = diff::diff(schema_of({from_table}), schema_of({to_table}), PlainHooks());
  REQUIRE(changes.size() == 1);
  const auto& modify = std::get<diff::ModifyTable>(changes[0]);
  REQUIRE(modify.changes.size() == 1);
  const auto& options = std::get<diff::ChangeTableOptions>(modify.changes[0]);
  CHECK(options.from == diff::TableOptions{"MyISAM", "", "utf8mb4_bin"});
  CHECK(options.to == diff::TableOptions{"InnoDB", "utf8mb4", "utf8mb4_bin"});
  CHECK(diff::describe(changes) ==
        std::vector<std::string>{
            "~ options of table t: engine MyISAM -> InnoDB, charset default -> utf8mb4"});

  to_table = from_table;
  to_table.collation.clear();
  CHECK(lines(schema_of({from_table}), schema_of({to_table})) ==
        std::vector<std::string>{"~ options of table t: collate utf8mb4_bin -> default"});
}

TEST_CASE("the identity kind of an autoincrement column is a column change", "[diff]")
{
  auto from_table = table("t", {column("id")});
  from_table.columns[0].autoincrement = true;
  auto to_table = from_table;
  to_table.columns[0].identity_always = true;
  CHECK(lines(schema_of({from_table}), schema_of({to_table})) ==
        std::vector<std::string>{"~ column t.id: autoincrement -> autoincrement always"});
}

TEST_CASE("an index or constraint whose name alone changes is renamed", "[diff]")
{
  auto from_table = table("members", {column("id"), column("email"), column("team_id")});
  from_table.indexes.push_back(Index{"users_email_key", {{"email", "", false}}, true, ""});
  from_table.checks.push_back(Check{"users_email_check", "email <> ''"});
  from_table.foreign_keys.push_back(
      ForeignKey{"users_team_fkey", {"team_id"}, "t", {"id"}, {}, {}});
  auto to_table = from_table;
  to_table.indexes[0].name = "members_email_key";
  to_table.indexes[0].concurrently = true;
  to_table.checks[0].name = "members_email_check";
  to_table.foreign_keys[0].name = "members_team_fkey";

  CHECK(lines(schema_of({from_table}), schema_of({to_table})) ==
        std::vector<std::string>{
            "~ constraint users_team_fkey -> members_team_fkey on members (rename)",
            "~ constraint users_email_check -> members_email_check on members (rename)",
            "~ index users_email_key -> members_email_key on members (rename)"});
}

TEST_CASE("renames pair in name order, once each, and never onto a name in use", "[diff]")
{
  auto index = [](const std::string& name, const std::string& col) {
    return Index{name, {{col, "", false}}, false, ""};
  };
  auto from_table = table("t", {column("a"), column("b")});
  from_table.indexes = {index("t_a1", "a"), index("t_a2", "a"), index("t_b", "b")};
  auto to_table = from_table;
  to_table.indexes = {index("t_x1", "a"), index("t_x2", "a"), index("t_x3", "a"),
                      index("t_a1", "b")};

  CHECK(lines(schema_of({from_table}), schema_of({to_table})) ==
        std::vector<std::string>{"- index t_b on t", "~ index t_a1 -> t_x1 on t (rename)",
                                 "~ index t_a2 -> t_x2 on t (rename)", "+ index t_a1 on t",
                                 "+ index t_x3 on t"});
}

TEST_CASE("a changed table lists the foreign keys of other tables that reference it", "[diff]")
{
  auto users = table("users", {column("id"), column("name", Type::of(TypeKind::text))});
  auto posts = table("posts", {column("id"), column("author_id")});
  posts.foreign_keys.push_back(foreign_key("posts", "author_id", "users"));
  auto notes = table("notes", {column("id"), column("user_id"), column("parent_id")});
  notes.foreign_keys.push_back(foreign_key("notes", "user_id", "users"));
  auto self = table("people", {column("id"), column("boss_id")});
  self.foreign_keys.push_back(foreign_key("people", "boss_id", "users"));
  auto users_after = users;
  users_after.columns[1].nullable = true;
  // posts keeps its key, notes' key is new, and people's key goes.
  auto notes_before = notes;
  notes_before.foreign_keys.clear();
  auto changes = diff::diff(schema_of({users, posts, notes_before, self}),
                            schema_of({users_after, posts, notes, table("people", self.columns)}),
                            PlainHooks());
  const diff::ModifyTable* modify = nullptr;
  for (const auto& change : changes) {
    if (const auto* m = std::get_if<diff::ModifyTable>(&change); m && m->to.name == "users") {
      modify = m;
    }
  }
  REQUIRE(modify);
  std::vector<std::string> referencing;
  for (const auto& key : modify->referenced_by) {
    referencing.push_back(key.table + "." + key.foreign_key.name);
  }
  CHECK(referencing == std::vector<std::string>{"notes.notes_user_id_fkey",
                                                "people.people_boss_id_fkey",
                                                "posts.posts_author_id_fkey"});
}

TEST_CASE("a new foreign key to a column renamed in its table waits for the rename", "[diff]")
{
  auto authors = table("authors", {column("id")});
  auto posts = table("posts", {column("id"), column("author")});
  auto from = schema_of({authors, posts});
  auto renamed = column("key");
  renamed.renamed_from = "id";
  auto keyed = table("authors", {renamed});
  auto linked = posts;
  linked.foreign_keys.push_back(ForeignKey{"posts_author_fkey", {"author"}, "authors", {"key"}});
  auto to = schema_of({keyed, linked});

  // posts comes after authors by name; without the rename the key would be added first.
  CHECK(lines(from, to, false) ==
        std::vector<std::string>{"~ column authors.id -> key (rename)",
                                 "+ foreign key posts_author_fkey on posts"});
  auto early = to;
  early.tables[0].name = "zauthors";
  early.tables[1].foreign_keys[0].ref_table = "zauthors";
  auto early_from = from;
  early_from.tables[0].name = "zauthors";
  CHECK(lines(early_from, early, false) ==
        std::vector<std::string>{"~ column zauthors.id -> key (rename)",
                                 "+ foreign key posts_author_fkey on posts"});
}

TEST_CASE("what a drop before a column rename drops keeps the old column names", "[diff]")
{
  auto from_table = table("posts", {column("id"), column("author")});
  from_table.foreign_keys.push_back(foreign_key("posts", "author", "posts"));
  from_table.checks.push_back(Check{"posts_author_check", "author > 0"});
  from_table.indexes.push_back(Index{"posts_author_idx", {{"author", "", false}}, false, ""});
  auto renamed = column("writer");
  renamed.renamed_from = "author";
  auto to = table("posts", {column("id"), renamed});

  auto changes = diff::diff(schema_of({from_table}), schema_of({to}), PlainHooks(false));
  REQUIRE(changes.size() == 1);
  const auto& modify = std::get<diff::ModifyTable>(changes[0]);
  REQUIRE(modify.changes.size() == 4); // three drops, then the rename
  CHECK(std::get<diff::DropForeignKey>(modify.changes[0]).foreign_key.columns ==
        std::vector<std::string>{"author"});
  CHECK(std::get<diff::DropIndex>(modify.changes[2]).index.parts[0].column == "author");
  CHECK(std::holds_alternative<diff::RenameColumn>(modify.changes[3]));
}

TEST_CASE("a dropped table's foreign keys follow the renames done before it is dropped", "[diff]")
{
  auto authors = table("authors", {column("id")});
  auto posts = table("posts", {column("id"), column("author")});
  posts.foreign_keys.push_back(ForeignKey{"posts_author_fkey", {"author"}, "authors", {"id"}});
  auto renamed = column("key");
  renamed.renamed_from = "id";
  auto keyed = table("writers", {renamed});
  keyed.renamed_from = "authors";

  auto changes = diff::diff(schema_of({authors, posts}), schema_of({keyed}), PlainHooks(false));
  REQUIRE(changes.size() == 3); // rename the table, rename its column, drop posts
  const auto& dropped = std::get<diff::DropTable>(changes[2]).table;
  CHECK(dropped.foreign_keys[0].ref_table == "writers");
  CHECK(dropped.foreign_keys[0].ref_columns == std::vector<std::string>{"key"});
}

TEST_CASE("a foreign key between two changing tables is dropped before either and added after",
          "[diff]")
{
  auto authors = table("authors", {column("id"), column("code")});
  authors.primary_key = {"id"};
  auto posts = table("posts", {column("id"), column("author")});
  posts.foreign_keys.push_back(ForeignKey{"posts_author_fkey", {"author"}, "authors", {"id"}});
  auto rekeyed = authors;
  rekeyed.primary_key = {"code"};
  auto relinked = posts;
  relinked.foreign_keys[0].ref_columns = {"code"};
  auto from = schema_of({authors, posts});
  auto to = schema_of({rekeyed, relinked});

  // Where the database checks foreign keys, posts' key to the old primary key goes first.
  CHECK(lines(from, to, false) ==
        std::vector<std::string>{"- foreign key posts_author_fkey on posts",
                                 "~ primary key authors: (id) -> (code)",
                                 "+ foreign key posts_author_fkey on posts"});
  // SQLite checks them only at commit, so each table changes once.
  CHECK(diff::diff(from, to, PlainHooks(true)).size() == 2);
}

TEST_CASE("a foreign key dropped first still names the columns it referenced when created",
          "[diff]")
{
  auto authors = table("authors", {column("id")});
  auto posts = table("posts", {column("id"), column("author")});
  posts.foreign_keys.push_back(ForeignKey{"posts_author_fkey", {"author"}, "authors", {"id"}});
  auto renamed = column("key");
  renamed.renamed_from = "id";
  auto keyed = table("writers", {renamed});
  keyed.renamed_from = "authors";
  auto unlinked = table("posts", {column("id"), column("author")});

  auto changes =
      diff::diff(schema_of({authors, posts}), schema_of({keyed, unlinked}), PlainHooks(false));
  REQUIRE(changes.size() == 3); // rename the table, drop the key, rename the column
  const auto& early = std::get<diff::ModifyTable>(changes[1]);
  REQUIRE(early.to.name == "posts");
  const auto& key = std::get<diff::DropForeignKey>(early.changes.at(0)).foreign_key;
  CHECK(key.ref_table == "writers"); // the table is renamed first, its column after
  CHECK(key.ref_columns == std::vector<std::string>{"id"});
  CHECK(std::get<diff::ModifyTable>(changes[2]).to.name == "writers");
}
