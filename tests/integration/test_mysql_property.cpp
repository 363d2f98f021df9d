// Seeded random schema pairs on a real MariaDB server: put a row in each table of A, migrate A to
// B, re-inspect and re-diff empty, then down and compare with A; every table keeps its row. A
// failure names the seed; the same seed gives the same pair.

#include "core/dialect/mysql/hooks.hpp"
#include "core/dialect/mysql/inspect.hpp"
#include "core/dialect/mysql/plan.hpp"
#include "core/diff/differ.hpp"
#include "core/util/strings.hpp"
#include "tests/support/mysql_scratch.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace orm;
using schema::Column;
using schema::Default;
using schema::Schema;
using schema::Table;
using schema::Type;
using schema::TypeKind;

namespace {

constexpr unsigned k_base_seed = 20261124;
constexpr int k_pairs = 200;

const std::vector<std::string> k_table_names = {"t0", "Order", "select", "t3"};
const std::vector<std::string> k_column_names = {"c0", "User", "from", "c3", "c4", "c5"};

class Generator
{
public:
  explicit Generator(unsigned seed) : m_random(seed) {}

  Schema schema()
  {
    Schema result;
    for (const auto& name : k_table_names) {
      if (chance(0.6)) {
        result.tables.push_back(table(name, result));
      }
    }
    schema::sort_canonically(result);
    return result;
  }

  Schema mutated(Schema schema)
  {
    int edits = number(1, 4);
    for (int i = 0; i < edits; ++i) {
      mutate_once(schema);
    }
    schema::sort_canonically(schema);
    return schema;
  }

private:
  int number(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
  bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }
  template <typename T> const T& pick(const std::vector<T>& items)
  {
    return items[static_cast<size_t>(number(0, static_cast<int>(items.size()) - 1))];
  }

  Type type()
  {
    switch (number(0, 12)) {
    case 0:
      return Type::of(TypeKind::boolean);
    case 1:
      return Type::of(TypeKind::smallint);
    case 2:
      return Type::of(TypeKind::integer);
    case 3:
      return Type::of(TypeKind::bigint);
    case 4:
      return Type::decimal(number(5, 12), number(0, 4));
    case 5:
      return Type::varchar(pick(std::vector<int>{10, 50, 255}));
    case 6:
      return Type::fixed_char(number(1, 4));
    case 7:
      return Type::of(TypeKind::text);
    case 8:
      return Type::of(TypeKind::timestamp);
    case 9:
      return Type::of(TypeKind::uuid);
    case 10:
      return Type::of(TypeKind::json);
    case 11:
      return Type::enumeration({"a", "it's"});
    default:
      return Type::raw_type("int unsigned");
    }
  }

  std::optional<Default> default_for(const Type& type)
  {
    if (chance(0.5)) {
      return std::nullopt;
    }
    using Kind = Default::Kind;
    switch (type.kind) {
    case TypeKind::boolean:
      return Default{Kind::literal, chance(0.5) ? "true" : "false"};
    case TypeKind::smallint:
    case TypeKind::integer:
    case TypeKind::bigint:
      return Default{Kind::literal, std::to_string(number(-5, 5))};
    case TypeKind::decimal:
      return Default{Kind::literal, "1.5"};
    case TypeKind::varchar:
    case TypeKind::fixed_char:
      return Default{Kind::literal, "'x'"};
    case TypeKind::text:
      return Default{Kind::expression, "lower('A')"};
    case TypeKind::timestamp:
      return Default{Kind::now, ""};
    case TypeKind::enumeration:
      return Default{Kind::literal, "'it''s'"};
    default:
      return std::nullopt;
    }
  }

  Column column(const std::string& name)
  {
    Column result;
    result.name = name;
    result.type = type();
    result.nullable = chance(0.4);
    result.default_value = default_for(result.type);
    if (chance(0.1)) {
      result.comment = "note";
    }
    return result;
  }

  bool indexable(const Column& column) const
  {
    auto kind = column.type.kind;
    return kind != TypeKind::text && kind != TypeKind::json && kind != TypeKind::raw;
  }

  Table table(const std::string& name, const Schema& schema)
  {
    Table result;
    result.name = name;
    Column id;
    id.name = "id";
    id.type = Type::of(TypeKind::bigint);
    id.autoincrement = chance(0.5);
    result.columns.push_back(id);
    result.primary_key = {"id"};
    for (int i = number(1, 4); i > 0; --i) {
      add_column(result);
    }
    if (chance(0.5)) {
      add_index(result);
    }
    if (chance(0.3)) {
      add_check(result);
    }
    if (chance(0.5)) {
      add_foreign_key(result, schema);
    }
    if (chance(0.2)) {
      result.comment = "table note";
    }
    schema::sort_canonically(result);
    return result;
  }

  void add_column(Table& table)
  {
    for (const auto& name : k_column_names) {
      if (!table.find_column(name)) {
        table.columns.push_back(column(name));
        return;
      }
    }
  }

  void add_index(Table& table)
  {
    std::vector<std::string> candidates;
    for (const auto& column : table.columns) {
      if (indexable(column) && column.name != "id") {
        candidates.push_back(column.name);
      }
    }
    if (candidates.empty()) {
      return;
    }
    schema::Index index;
    index.unique = chance(0.3);
    index.parts.push_back({pick(candidates), "", chance(0.2)});
    index.name = table.name + "_i" + std::to_string(++m_counter);
    if (!table.find_index(index.name)) {
      table.indexes.push_back(index);
    }
  }

  void add_check(Table& table)
  {
    for (const auto& column : table.columns) {
      if (schema::is_integer(column.type.kind) && column.name != "id" && !column.nullable) {
        table.checks.push_back(
            {table.name + "_k" + std::to_string(++m_counter), "`" + column.name + "` > -100"});
        return;
      }
    }
  }

  void add_foreign_key(Table& table, const Schema& schema)
  {
    if (schema.tables.empty()) {
      return;
    }
    const Table& target = pick(schema.tables);
    std::string column = "ref_" + std::to_string(++m_counter);
    Column reference;
    reference.name = column;
    reference.type = Type::of(TypeKind::bigint);
    reference.nullable = true;
    table.columns.push_back(reference);
    auto action =
        chance(0.5) ? schema::ReferentialAction::cascade : schema::ReferentialAction::set_null;
    table.foreign_keys.push_back({table.name + "_f" + std::to_string(m_counter),
                                  {column},
                                  target.name,
                                  {"id"},
                                  action,
                                  schema::ReferentialAction::no_action});
  }

  void mutate_once(Schema& schema)
  {
    if (schema.tables.empty() || chance(0.1)) {
      for (const auto& name : k_table_names) {
        if (!schema.find_table(name)) {
          schema.tables.push_back(table(name, schema));
          return;
        }
      }
      return;
    }
    Table& table =
        schema.tables[static_cast<size_t>(number(0, static_cast<int>(schema.tables.size()) - 1))];
    switch (number(0, 8)) {
    case 0:
      add_column(table);
      break;
    case 1: { // drop a column nothing refers to
      for (auto column = table.columns.rbegin(); column != table.columns.rend(); ++column) {
        if (column->name.rfind("ref_", 0) != 0 && column->name != "id" &&
            std::none_of(
                table.indexes.begin(), table.indexes.end(),
                [&](const auto& index) { return index.parts.front().column == column->name; }) &&
            std::none_of(table.checks.begin(), table.checks.end(), [&](const auto& check) {
              return check.expression.find("`" + column->name + "`") != std::string::npos;
            })) {
          table.columns.erase(std::next(column).base());
          break;
        }
      }
      break;
    }
    case 2: { // nullability, default or comment
      Column& column = table.columns.back();
      if (column.name != "id" && column.name.rfind("ref_", 0) != 0) {
        column.nullable = !column.nullable;
        column.default_value = default_for(column.type);
        column.comment = chance(0.5) ? "" : "changed";
      }
      break;
    }
    case 3:
      add_index(table);
      break;
    case 4:
      if (!table.indexes.empty()) {
        table.indexes.pop_back();
      }
      break;
    case 5:
      if (!table.checks.empty()) {
        table.checks.pop_back();
      } else {
        add_check(table);
      }
      break;
    case 6:
      if (!table.foreign_keys.empty()) {
        table.foreign_keys.pop_back();
      } else {
        add_foreign_key(table, schema);
      }
      break;
    case 7:
      table.comment = table.comment.empty() ? "comment" : "";
      break;
    default: { // widen a varchar, or rename a column
      for (auto& column : table.columns) {
        if (column.type.kind == TypeKind::varchar) {
          column.type.length += 10;
          return;
        }
      }
      break;
    }
    }
  }

  std::mt19937 m_random;
  int m_counter = 0;
};

// Foreign keys to tables that are gone are dropped with them.
void
drop_dangling_foreign_keys(Schema& schema)
{
  for (auto& table : schema.tables) {
    std::erase_if(table.foreign_keys, [&](const schema::ForeignKey& foreign_key) {
      return !schema.find_table(foreign_key.ref_table);
    });
  }
}

const std::string k_uuid = "00000000-0000-0000-0000-000000000001";
const std::string k_json = "{\"a\": 1}";
const std::string k_timestamp = "2020-01-01 00:00:00";

// Whether a column of `type` takes `value` (in text form), fitting every check the generator
// writes, and keeps it through a change to or from any type that takes it too.
bool
accepts(const Type& type, const std::string& value)
{
  switch (type.kind) {
  case TypeKind::boolean:
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::decimal:
  case TypeKind::raw: // int unsigned
    return value == "1";
  case TypeKind::varchar:
  case TypeKind::fixed_char:
    return static_cast<int>(value.size()) <= type.length;
  case TypeKind::text:
    return true;
  case TypeKind::timestamp:
    return value == k_timestamp;
  case TypeKind::uuid:
    return value == k_uuid;
  case TypeKind::json:
    return value == k_json || value == "1";
  case TypeKind::enumeration:
    return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
  default:
    return false;
  }
}

// The value a column of `type` holds first, then the others any column may hold.
std::vector<std::string>
candidates(const Type& type)
{
  std::vector<std::string> values = {"1", "a", k_timestamp, k_uuid, k_json};
  if (type.kind == TypeKind::enumeration) {
    values.insert(values.begin(), type.values.front());
  } else if (type.kind == TypeKind::json) {
    values.insert(values.begin(), k_json);
  } else if (type.kind != TypeKind::timestamp && type.kind != TypeKind::uuid &&
             !accepts(type, "1")) {
    values.insert(values.begin(), "a");
  }
  return values;
}

// One row per table of `a` whose row stays valid through the edit to `b` (which keeps every table
// but may drop a column and add one of the same name back with another type): each column a
// value its types in A and B take (see accepts), else NULL if nullable in both; foreign key
// columns NULL, an auto-increment id its default. A table with a column that has no such value is
// left empty. `filled` names the tables given a row.
std::vector<std::string>
row_inserts(const Schema& a, const Schema& b, std::vector<std::string>& filled)
{
  auto quote = [](const std::string& name) { return "`" + name + "`"; };
  std::vector<std::string> inserts;
  for (const auto& table : a.tables) {
    const Table* later = b.find_table(table.name);
    std::vector<std::string> columns;
    std::vector<std::string> values;
    bool valid = true;
    for (const auto& column : table.columns) {
      bool references =
          std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& key) {
            return std::find(key.columns.begin(), key.columns.end(), column.name) !=
                   key.columns.end();
          });
      if (references || column.autoincrement) {
        continue;
      }
      const Column* next = later ? later->find_column(column.name) : nullptr;
      const Type& next_type = next ? next->type : column.type;
      std::string value;
      for (const auto& candidate : candidates(column.type)) {
        if (accepts(column.type, candidate) && accepts(next_type, candidate)) {
          value = util::sql_string_literal(candidate);
          break;
        }
      }
      if (value.empty() && column.nullable && (!next || next->nullable)) {
        value = "NULL";
      }
      valid = valid && !value.empty();
      columns.push_back(quote(column.name));
      values.push_back(value);
    }
    if (valid) {
      filled.push_back(table.name);
      inserts.push_back("INSERT INTO " + quote(table.name) + " (" + util::join(columns, ", ") +
                        ") VALUES (" + util::join(values, ", ") + ")");
    }
  }
  return inserts;
}

} // namespace

TEST_CASE("mysql property: random schema pairs migrate up, re-diff empty, and back down",
          "[mysql][property]")
{
  test::ScratchDatabase database;
  auto& connection = database.connection();
  dialect::mysql::MysqlHooks hooks(connection.server());
  auto inspected = [&] { return diff::normalized(dialect::mysql::inspect(connection), hooks); };
  auto run = [&](const std::vector<std::string>& statements) {
    for (const auto& statement : statements) {
      INFO(statement);
      connection.execute(statement);
    }
  };
  auto plan = [&](const Schema& from, const Schema& to, std::vector<std::string>& down) {
    std::vector<std::string> up;
    auto steps = dialect::mysql::plan(diff::diff(from, to, hooks), connection.server()).steps;
    for (const auto& step : steps) {
      up.insert(up.end(), step.up.begin(), step.up.end());
    }
    for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
      down.insert(down.end(), step->down.begin(), step->down.end());
    }
    return up;
  };
  size_t tables = 0;
  size_t filled_tables = 0;
  for (int pair = 0; pair < k_pairs; ++pair) {
    unsigned seed = k_base_seed + static_cast<unsigned>(pair);
    INFO("seed " << seed);
    Generator generator(seed);
    Schema a = generator.schema();
    Schema b = generator.mutated(a);
    drop_dangling_foreign_keys(b);
    database.clear();
    std::vector<std::string> unused;
    run(plan(Schema{}, a, unused));
    Schema original = inspected();
    REQUIRE(util::join(diff::describe(diff::diff(original, a, hooks)), "\n") == "");
    std::vector<std::string> filled;
    run(row_inserts(a, b, filled));
    tables += a.tables.size();
    filled_tables += filled.size();
    // Every table given a row still has it: the edits drop no table.
    auto check_rows = [&] {
      for (const auto& name : filled) {
        INFO("rows of " << name);
        CHECK(connection.query("SELECT count(*) FROM `" + name + "`").text(0, 0) == "1");
      }
    };
    std::vector<std::string> down;
    run(plan(original, b, down));
    REQUIRE(util::join(diff::describe(diff::diff(inspected(), b, hooks)), "\n") == "");
    check_rows();
    run(down);
    REQUIRE(inspected() == original);
    check_rows();
  }
  INFO(filled_tables << " of " << tables << " tables held a row");
  CHECK(filled_tables * 10 >= tables * 9); // the common case carries a row
}
