#include "core/models/models.hpp"
#include "core/schema/naming.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace orm::schema;
using orm::models::parse;
using orm::models::print;

namespace {

// parse(print(s)) == s, reporting the printed text when it does not hold.
void
check_round_trip(const Schema& schema)
{
  std::string printed = print(schema);
  INFO("printed:\n" << printed);
  Schema reparsed;
  try {
    reparsed = parse(printed, "printed.orm");
  } catch (const orm::Error& error) {
    FAIL(error.what());
  }
  CHECK(reparsed == schema);
  CHECK(print(reparsed) == printed);
}

Column
column(const std::string& name, Type type, bool nullable = false)
{
  Column result;
  result.name = name;
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

} // namespace

TEST_CASE("printer: canonical layout", "[models]")
{
  Schema schema = parse(R"(
table users { "Order" int
  ID bigint primary key }
table posts {
  id bigint primary key autoincrement check (id  < 1000000)
  author_id bigint references users(ID) on delete cascade on update set null
  title varchar(200)? comment 'it''s'   was    headline
  body text default (lower( 'X' )) unique
  check (id > 0)
  index by_title ((lower(title)) desc) where title is not null
  unique (author_id, title)
  unique u2 (title) where (title <> '')
  index (author_id desc)
  foreign key fk (author_id, id) references users(Order, ID)
  check named (body <> '')
  comment 'Blog posts'
})",
                        "m.orm");
  const std::string expected = R"(table posts {
  id         bigint         primary key autoincrement check (id < 1000000)
  author_id  bigint         references users(ID) on delete cascade on update set null
  title      varchar(200)?  was headline comment 'it''s'
  body       text           unique default (lower( 'X' ))
  unique (author_id, title)
  unique u2 (title) where (title <> '')
  index by_title ((lower(title)) desc) where title is not null
  index (author_id desc)
  foreign key fk (author_id, id) references users(Order, ID)
  check named (body <> '')
  check (id > 0)
  comment 'Blog posts'
}

table users {
  Order  int
  ID     bigint  primary key
}
)";
  CHECK(print(schema) == expected);
  check_round_trip(schema);
}

TEST_CASE("printer: empty schema and empty table", "[models]")
{
  CHECK(print(Schema{}).empty());
  Schema schema;
  schema.tables.push_back(Table{});
  schema.tables[0].name = "empty";
  CHECK(print(schema) == "table empty {\n}\n");
  check_round_trip(schema);
}

TEST_CASE("printer: odd names round-trip", "[models]")
{
  Schema schema;
  Table order;
  order.name = "Order";
  order.renamed_from = "old \"x\"";
  order.comment = "multi\nline 'comment'";
  order.columns = {
      column("select", Type::of(TypeKind::text)),
      column("table", Type::of(TypeKind::integer)),
      column("my col", Type::varchar(10), true),
      column("café", Type::of(TypeKind::integer)),
      column("a\"b", Type::of(TypeKind::integer)),
      column("123abc", Type::decimal(5, 2)),
      column("Ünï", Type::enumeration({"a'b", "", "c\"d"})),
      column("index", Type::raw_type("double precision")),
      column("primary", Type::of(TypeKind::bigint)),
      column("Key", Type::of(TypeKind::uuid)),
  };
  order.columns[5].default_value = Default{Default::Kind::literal, "-0.50"};
  order.columns[6].default_value = Default{Default::Kind::literal, "'a''b'"};
  order.columns[2].renamed_from = "index";
  order.columns[3].comment = "ü";
  order.primary_key = {"primary"};
  order.columns[8].autoincrement = true;
  order.indexes = {
      Index{"Order_café_key", {{"café", "", false}}, true, ""},
      Index{"weird \"name\"",
            {{"my col", "", true}, {"", "lower(\"select\")", false}},
            false,
            "\"select\" <> 'x y' and (1 = 1)"},
      Index{"Order_table_key", {{"table", "", false}}, false, ""},
      Index{"Order_Ünï_idx", {{"Ünï", "", false}}, false, "(a) or (b)"},
  };
  order.foreign_keys = {
      ForeignKey{"Order_a\"b_fkey",
                 {"a\"b"},
                 "Order",
                 {"table"},
                 ReferentialAction::set_default,
                 ReferentialAction::restrict},
      ForeignKey{"select",
                 {"table", "café"},
                 "other table",
                 {"where", "Key"},
                 ReferentialAction::no_action,
                 ReferentialAction::cascade},
  };
  order.checks = {
      Check{"Order_check2", "\"table\" > 0"},
      Check{"Order_index_check", "length(\"index\") > 1"},
      Check{"Order_check", "true"},
      Check{"Order_check10", "1 = 1"},
  };
  Table other;
  other.name = "other table";
  other.columns = {column("where", Type::of(TypeKind::integer)),
                   column("Key", Type::of(TypeKind::uuid))};
  other.primary_key = {"Key", "where"};
  schema.tables = {order, other};
  sort_canonically(schema);
  check_round_trip(schema);
}

TEST_CASE("printer: the parser's examples round-trip", "[models]")
{
  const std::vector<std::string> sources = {
      "table users {\n  id bigint primary key autoincrement\n  email varchar(255) unique\n"
      "  name text?\n  karma int default 0 check (karma >= 0)\n  created_at timestamp default now\n"
      "  index (name, created_at)\n}\n",
      "table t {\n  a int\n  b int\n  check (a > 0)\n  check (b > 0)\n  check t_check5 (a < b)\n"
      "  unique (b) where a > 0\n  index t_a_key (a)\n  unique t_b_idx (b)\n}\n",
      "table t {\n  a int\n  foreign key t_a_fkey (a) references t(a) on delete set null\n"
      "  foreign key t_b_fkey (a) references t(a)\n}\n",
  };
  for (const auto& source : sources) {
    check_round_trip(parse(source, "m.orm"));
  }
}

namespace {

// Random schemas the parser can produce, with names chosen to trip up the printer.
class SchemaGenerator
{
public:
  explicit SchemaGenerator(unsigned seed) : m_random(seed) {}

  Schema generate()
  {
    Schema schema;
    for (const auto& name : pick_distinct(k_table_names, 1 + below(3))) {
      schema.tables.push_back(table(name));
    }
    for (auto& table : schema.tables) {
      add_foreign_keys(schema, table);
    }
    sort_canonically(schema);
    return schema;
  }

private:
  inline static const std::vector<std::string> k_table_names = {
      "users", "Order", "table", "my table", "ünï", "a\"b", "t1", "check"};
  inline static const std::vector<std::string> k_column_names = {
      "id", "a", "B", "select", "index", "my col", "café", "x\"y", "where", "key", "c_1"};
  inline static const std::vector<Type> k_types = {Type::of(TypeKind::boolean),
                                                   Type::of(TypeKind::smallint),
                                                   Type::of(TypeKind::integer),
                                                   Type::of(TypeKind::bigint),
                                                   Type::of(TypeKind::real),
                                                   Type::of(TypeKind::double_precision),
                                                   Type::decimal(12, 3),
                                                   Type::varchar(40),
                                                   Type::fixed_char(1),
                                                   Type::of(TypeKind::text),
                                                   Type::of(TypeKind::bytes),
                                                   Type::of(TypeKind::date),
                                                   Type::of(TypeKind::time),
                                                   Type::of(TypeKind::timestamp),
                                                   Type::of(TypeKind::timestamptz),
                                                   Type::of(TypeKind::uuid),
                                                   Type::of(TypeKind::json),
                                                   Type::enumeration({"a", "b'c"}),
                                                   [] {
                                                     Type hinted = Type::enumeration({"a", "n"});
                                                     hinted.renamed_values["n"] = "o'ld";
                                                     return hinted;
                                                   }(),
                                                   Type::raw_type("citext")};
  inline static const std::vector<Default> k_defaults = {
      {Default::Kind::literal, "0"},
      {Default::Kind::literal, "-1.25"},
      {Default::Kind::literal, "'it''s'"},
      {Default::Kind::literal, "true"},
      {Default::Kind::literal, "null"},
      {Default::Kind::now, ""},
      {Default::Kind::expression, "lower('X') || \"a\""}};
  inline static const std::vector<std::string> k_expressions = {
      "a > 0", "\"select\" <> 'x) y'", "(a) or (b)", "f((1), 2)", "x = '//'"};
  inline static const std::vector<std::string> k_constraint_names = {
      "n1", "Named", "with space", "q\"uote", "index", "été"};
  inline static const std::vector<std::string> k_collations = {"C", "en_US.utf8", "utf8mb4_bin",
                                                               "nulls", "Ünï"};
  inline static const std::vector<std::string> k_methods = {"gin", "hash", "fulltext"};
  inline static const std::vector<std::string> k_matches = {"full", "simple", "partial"};

  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(m_random); }
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }
  const std::string& any_of(const std::vector<std::string>& pool)
  {
    return pool[below(pool.size())];
  }

  std::vector<std::string> pick_distinct(std::vector<std::string> pool, size_t count)
  {
    std::shuffle(pool.begin(), pool.end(), m_random);
    pool.resize(std::min(count, pool.size()));
    return pool;
  }

  std::string any_name(const Table& table)
  {
    switch (below(3)) {
    case 0:
      return k_constraint_names[below(k_constraint_names.size())];
    case 1:
      return orm::schema::default_table_check_name(table.name, 1 + static_cast<int>(below(3)));
    default:
      return check_name(table.name, table.columns[below(table.columns.size())].name, 1);
    }
  }

  bool name_taken(const Table& table, const std::string& name) const
  {
    return table.find_index(name) || table.find_foreign_key(name) || table.find_check(name);
  }

  Table table(const std::string& name)
  {
    Table table;
    table.name = name;
    table.renamed_from = chance(20) ? "old name" : "";
    table.comment = chance(20) ? "a 'table'\nwith two lines" : "";
    table.engine = chance(15) ? "InnoDB" : "";
    table.charset = chance(15) ? "utf8mb4" : "";
    table.collation = chance(15) ? any_of(k_collations) : "";
    for (const auto& column_name : pick_distinct(k_column_names, 1 + below(5))) {
      Column column;
      column.name = column_name;
      column.type = k_types[below(k_types.size())];
      column.nullable = chance(30);
      if (chance(30)) {
        column.default_value = k_defaults[below(k_defaults.size())];
      }
      column.comment = chance(15) ? "c" : "";
      column.renamed_from = chance(15) ? "was" : "";
      column.collation = chance(15) ? any_of(k_collations) : "";
      column.charset = chance(10) ? "latin1" : "";
      column.on_update_now = chance(10);
      if (!column.default_value && chance(15)) {
        column.generated = any_of(k_expressions);
        column.generated_stored = chance(50);
      }
      table.columns.push_back(column);
    }
    std::vector<std::string> names;
    for (const auto& column : table.columns) {
      names.push_back(column.name);
    }
    if (chance(60)) {
      table.primary_key = pick_distinct(names, 1 + below(2));
      Column* key = table.find_column(table.primary_key[0]);
      key->autoincrement =
          table.primary_key.size() == 1 && is_integer(key->type.kind) && chance(50);
      key->identity_always = key->autoincrement && chance(30);
    }
    for (size_t i = below(4); i > 0; --i) {
      Index index;
      index.unique = chance(50);
      for (size_t part = 1 + below(2); part > 0; --part) {
        bool expression = chance(25);
        index.parts.push_back({expression ? "" : names[below(names.size())],
                               expression ? k_expressions[below(k_expressions.size())] : "",
                               chance(20)});
        index.parts.back().prefix_length = !expression && chance(15) ? 1 + below(20) : 0;
        index.parts.back().nulls =
            static_cast<IndexPart::NullsOrder>(chance(30) ? 1 + below(2) : 0);
      }
      index.where = chance(25) ? k_expressions[below(k_expressions.size())] : "";
      index.method = chance(15) ? any_of(k_methods) : "";
      index.include = chance(15) ? pick_distinct(names, 1 + below(2)) : std::vector<std::string>{};
      index.concurrently = chance(15);
      index.name = chance(50) ? orm::schema::default_index_name(name, index.parts, index.unique)
                              : any_name(table);
      if (!name_taken(table, index.name)) {
        table.indexes.push_back(index);
      }
    }
    for (size_t i = below(4); i > 0; --i) {
      Check check{any_name(table), k_expressions[below(k_expressions.size())]};
      if (!name_taken(table, check.name)) {
        table.checks.push_back(check);
      }
    }
    return table;
  }

  void add_foreign_keys(const Schema& schema, Table& table)
  {
    const auto actions = {ReferentialAction::no_action, ReferentialAction::restrict,
                          ReferentialAction::cascade, ReferentialAction::set_null,
                          ReferentialAction::set_default};
    for (size_t i = below(3); i > 0; --i) {
      const Table& target = schema.tables[below(schema.tables.size())];
      std::vector<std::string> target_names;
      for (const auto& column : target.columns) {
        target_names.push_back(column.name);
      }
      std::vector<std::string> names;
      for (const auto& column : table.columns) {
        names.push_back(column.name);
      }
      size_t count = 1 + below(std::min(names.size(), target_names.size()));
      ForeignKey foreign_key;
      foreign_key.columns = pick_distinct(names, count);
      foreign_key.ref_table = target.name;
      foreign_key.ref_columns = pick_distinct(target_names, count);
      foreign_key.on_delete = *(actions.begin() + below(actions.size()));
      foreign_key.on_update = *(actions.begin() + below(actions.size()));
      foreign_key.deferrable = chance(20);
      foreign_key.initially_deferred = foreign_key.deferrable && chance(50);
      foreign_key.match = chance(20) ? any_of(k_matches) : "";
      foreign_key.name =
          chance(60) ? foreign_key_name(table.name, foreign_key.columns) : any_name(table);
      if (!name_taken(table, foreign_key.name)) {
        table.foreign_keys.push_back(foreign_key);
      }
    }
  }

  std::mt19937 m_random;
};

} // namespace

TEST_CASE("printer: random schemas round-trip", "[models]")
{
  for (unsigned seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    check_round_trip(SchemaGenerator(seed).generate());
  }
}

TEST_CASE("printer: dialect-specific attributes in canonical order", "[models]")
{
  Schema schema = parse(R"(table t collate utf8mb4_bin ENGINE InnoDB charset utf8mb4 {
  id int primary key
  a text on update now generated (id * 2) collate "C" charset latin1 references t(id) deferrable match full
  b int default 0 on update now
  index (a(10) nulls first, b desc nulls last) concurrently include (id) using GIN
  unique (b) using hash
  foreign key k (b) references t(id) on delete cascade deferrable initially deferred
})",
                        "m.orm");
  const std::string expected =
      R"(table t engine InnoDB charset utf8mb4 collate utf8mb4_bin {
  id  int   primary key
  a   text  charset latin1 collate C on update now generated (id * 2) stored references t(id) deferrable match full
  b   int   default 0 on update now
  unique (b) using hash
  index (a(10) nulls first, b desc nulls last) using gin include (id) concurrently
  foreign key k (b) references t(id) on delete cascade deferrable initially deferred
}
)";
  CHECK(print(schema) == expected);
  check_round_trip(schema);
}
