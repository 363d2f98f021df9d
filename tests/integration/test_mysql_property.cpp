// Seeded random schema pairs on a real MariaDB server: migrate A to B, re-inspect and re-diff
// empty, then down and compare with A. A failure names the seed; the same seed gives the same pair.

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
    std::vector<std::string> down;
    run(plan(original, b, down));
    REQUIRE(util::join(diff::describe(diff::diff(inspected(), b, hooks)), "\n") == "");
    run(down);
    REQUIRE(inspected() == original);
  }
}
