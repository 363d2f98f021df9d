// Seeded random schema pairs: migrate a real SQLite file holding a row per table from A to B and
// back, and compare by inspection. A failure names the seed; the same seed regenerates the same
// pair.

#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/hooks.hpp"
#include "core/dialect/sqlite/inspect.hpp"
#include "core/dialect/sqlite/plan.hpp"
#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/diff/differ.hpp"
#include "core/util/strings.hpp"
#include "tests/support/temp_dir.hpp"

#include "tests/support/plan_statements.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace orm;
using namespace orm::dialect::sqlite;
using schema::Column;
using schema::Default;
using schema::Schema;
using schema::Table;
using schema::Type;
using schema::TypeKind;

namespace {

constexpr unsigned k_base_seed = 20261124;
constexpr int k_pairs = 1000;

const std::vector<std::string> k_table_names = {"t0", "t1", "Order", "we\"ird", "select", "t5"};
const std::vector<std::string> k_column_names = {"c0",   "c1",   "c2", "User",
                                                 "from", "c\"q", "c6", "c7"};

class Generator
{
public:
  explicit Generator(unsigned seed) : m_random(seed) {}

  Schema schema();
  Schema mutated(Schema schema);

private:
  int number(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
  bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }
  template <typename T> const T& pick(const std::vector<T>& items)
  {
    return items[static_cast<size_t>(number(0, static_cast<int>(items.size()) - 1))];
  }

  Type type();
  std::optional<Default> default_for(const Type& type);
  Column column(const std::string& name);
  std::string fresh_name(const std::vector<std::string>& pool,
                         const std::vector<std::string>& taken);
  std::string fresh_column(const Table& table);
  bool holds_integer(const Table& table, const Column& column) const;
  Table table(const std::string& name, const Schema& schema);
  void add_index(Table& table);
  void add_check(Table& table);
  void add_foreign_key(Table& table, const Schema& schema);
  void mutate_once(Schema& schema);

  std::mt19937 m_random;
  int m_counter = 0; // makes generated names unique
  std::vector<std::string> m_index_names;
  // Names of A's tables: B gives none of them to another table, as index names would clash (the
  // differ creates new tables before it drops old ones, and index names are global in SQLite).
  std::vector<std::string> m_original_names;
  Schema m_original; // A, while B is made from it // index names live in one namespace per database
};

Type
Generator::type()
{
  switch (number(0, 18)) {
  case 0:
    return Type::of(TypeKind::boolean);
  case 1:
    return Type::of(TypeKind::smallint);
  case 2:
    return Type::of(TypeKind::integer);
  case 3:
    return Type::of(TypeKind::bigint);
  case 4:
    return Type::of(TypeKind::real);
  case 5:
    return Type::of(TypeKind::double_precision);
  case 6:
    return Type::decimal(number(5, 12), number(0, 4));
  case 7:
    return Type::varchar(pick(std::vector<int>{10, 50, 255}));
  case 8:
    return Type::fixed_char(number(1, 4));
  case 9:
    return Type::of(TypeKind::text);
  case 10:
    return Type::of(TypeKind::bytes);
  case 11:
    return Type::of(TypeKind::date);
  case 12:
    return Type::of(TypeKind::time);
  case 13:
    return Type::of(TypeKind::timestamp);
  case 14:
    return Type::of(TypeKind::timestamptz);
  case 15:
    return Type::of(TypeKind::uuid);
  case 16:
    return Type::of(TypeKind::json);
  case 17:
    return chance(0.5) ? Type::enumeration({"a", "b"}) : Type::enumeration({"a", "it's", "c"});
  default:
    return Type::raw_type("citext");
  }
}

std::optional<Default>
Generator::default_for(const Type& type)
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
    return chance(0.7) ? Default{Kind::literal, pick(std::vector<std::string>{"0", "-3", "42"})}
                       : Default{Kind::expression, "1 + 2"};
  case TypeKind::real:
  case TypeKind::double_precision:
  case TypeKind::decimal:
    return Default{Kind::literal, "1.5"};
  case TypeKind::timestamp:
  case TypeKind::timestamptz:
    return chance(0.5) ? Default{Kind::now, ""} : Default{Kind::literal, "'2020-01-01 00:00:00'"};
  case TypeKind::enumeration:
    return Default{Kind::literal, "'a'"};
  case TypeKind::bytes:
    return std::nullopt;
  case TypeKind::text:
    return Default{Kind::expression, "lower('AB')"};
  default:
    return Default{Kind::literal, chance(0.5) ? "'x'" : "'it''s'"};
  }
}

Column
Generator::column(const std::string& name)
{
  Column result;
  result.name = name;
  result.type = type();
  result.nullable = chance(0.5);
  result.default_value = default_for(result.type);
  return result;
}

std::string
Generator::fresh_name(const std::vector<std::string>& pool, const std::vector<std::string>& taken)
{
  std::vector<std::string> free;
  for (const auto& name : pool) {
    if (std::find(taken.begin(), taken.end(), name) == taken.end()) {
      free.push_back(name);
    }
  }
  return free.empty() ? std::string() : pick(free);
}

std::string
Generator::fresh_column(const Table& table)
{
  std::vector<std::string> taken;
  for (const auto& column : table.columns) {
    taken.push_back(column.name);
  }
  // A's names stay with A's columns: the differ would pair a new column with a dropped one or
  // ignore a rename to a name still in use, and the row's values may not fit.
  const auto* original =
      m_original.find_table(table.renamed_from.empty() ? table.name : table.renamed_from);
  for (const auto& column : original ? original->columns : std::vector<Column>{}) {
    taken.push_back(column.name);
  }
  return fresh_name(k_column_names, taken);
}

// Whether the column's value in the row is 1: it had an integer type in A (see row_inserts).
bool
Generator::holds_integer(const Table& table, const Column& column) const
{
  const auto* original =
      m_original.find_table(table.renamed_from.empty() ? table.name : table.renamed_from);
  const auto* before =
      original
          ? original->find_column(column.renamed_from.empty() ? column.name : column.renamed_from)
          : nullptr;
  return before && schema::is_integer(before->type.kind);
}

Table
Generator::table(const std::string& name, const Schema& schema)
{
  Table result;
  result.name = name;
  int key_shape = number(0, 3); // autoincrement id, one column, two columns, none
  if (key_shape == 0) {
    Column id;
    id.name = "id";
    id.type = Type::of(TypeKind::integer);
    id.autoincrement = true;
    result.columns.push_back(id);
    result.primary_key = {"id"};
  }
  int count = number(1, 5);
  for (int i = 0; i < count; ++i) {
    result.columns.push_back(column(fresh_column(result)));
  }
  if (key_shape == 1 || key_shape == 2) {
    for (int i = 0; i < key_shape && i < static_cast<int>(result.columns.size()); ++i) {
      result.columns[i].nullable = false;
      result.primary_key.push_back(result.columns[i].name);
    }
  }
  for (int i = number(0, 2); i > 0; --i) {
    add_index(result);
  }
  if (chance(0.3)) {
    add_check(result);
  }
  if (chance(0.4)) {
    add_foreign_key(result, schema);
  }
  return result;
}

void
Generator::add_index(Table& table)
{
  schema::Index index;
  index.unique = chance(0.4);
  std::vector<std::string> columns;
  for (int i = number(1, 2); i > 0; --i) {
    const auto& column = pick(table.columns).name;
    if (std::find(columns.begin(), columns.end(), column) != columns.end()) {
      continue;
    }
    columns.push_back(column);
    if (chance(0.2)) {
      index.parts.push_back({"", "lower(" + quote_identifier(column) + ")", chance(0.5)});
    } else {
      index.parts.push_back({column, "", chance(0.2)});
    }
  }
  if (chance(0.2)) {
    index.where = quote_identifier(pick(table.columns).name) + " IS NOT NULL";
  }
  bool plain = std::all_of(index.parts.begin(), index.parts.end(),
                           [](const auto& part) { return part.expression.empty(); });
  // Default-named unique indexes take the planner's path for inline UNIQUE constraints.
  index.name = plain && index.unique && index.where.empty() && chance(0.5)
                   ? schema::index_name(table.name, columns, true)
                   : "ix" + std::to_string(++m_counter);
  if (std::find(m_index_names.begin(), m_index_names.end(), index.name) == m_index_names.end()) {
    m_index_names.push_back(index.name);
    table.indexes.push_back(index);
  }
}

void
Generator::add_check(Table& table)
{
  std::string column = quote_identifier(pick(table.columns).name);
  table.checks.push_back({"ck" + std::to_string(++m_counter),
                          chance(0.5) ? "length(" + column + ") >= 0"
                                      : column + " IS NULL OR " + column + " <> 'zzz'"});
}

// References the whole primary key of some table (this one included), from new nullable columns.
void
Generator::add_foreign_key(Table& table, const Schema& schema)
{
  std::vector<const Table*> targets;
  for (const auto& candidate : schema.tables) {
    if (!candidate.primary_key.empty() && candidate.name != table.name) {
      targets.push_back(&candidate);
    }
  }
  if (!table.primary_key.empty()) {
    targets.push_back(&table);
  }
  if (targets.empty()) {
    return;
  }
  const Table& target = *pick(targets);
  schema::ForeignKey key;
  key.name = "fk" + std::to_string(++m_counter);
  key.ref_table = target.name;
  key.ref_columns = target.primary_key;
  for (size_t i = 0; i < target.primary_key.size(); ++i) {
    std::string name = fresh_column(table);
    if (name.empty()) {
      return;
    }
    Column column;
    column.name = name;
    column.type = Type::of(TypeKind::bigint);
    column.nullable = true;
    table.columns.push_back(column);
    key.columns.push_back(name);
  }
  auto action = [&] {
    return pick(std::vector<schema::ReferentialAction>{
        schema::ReferentialAction::no_action, schema::ReferentialAction::cascade,
        schema::ReferentialAction::set_null, schema::ReferentialAction::restrict});
  };
  key.on_delete = action();
  key.on_update = action();
  table.foreign_keys.push_back(key);
}

Schema
Generator::schema()
{
  Schema result;
  for (int i = number(1, 4); i > 0; --i) {
    std::vector<std::string> taken;
    for (const auto& table : result.tables) {
      taken.push_back(table.name);
    }
    result.tables.push_back(table(fresh_name(k_table_names, taken), result));
  }
  schema::sort_canonically(result);
  return result;
}

// Everything that names a column of `table` follows a rename; `old_name` in expressions too.
void
rename_column(Schema& schema, Table& table, const std::string& old_name,
              const std::string& new_name)
{
  auto rename = [&](std::string& name) {
    if (name == old_name) {
      name = new_name;
    }
  };
  auto rewrite = [&](std::string& expression) {
    std::string from = quote_identifier(old_name);
    for (size_t at = expression.find(from); at != std::string::npos;
         at = expression.find(from, at + 1)) {
      expression.replace(at, from.size(), quote_identifier(new_name));
    }
  };
  Column* column = table.find_column(old_name);
  column->name = new_name;
  column->renamed_from = old_name;
  std::for_each(table.primary_key.begin(), table.primary_key.end(), rename);
  for (auto& index : table.indexes) {
    for (auto& part : index.parts) {
      rename(part.column);
      rewrite(part.expression);
    }
    rewrite(index.where);
  }
  for (auto& check : table.checks) {
    rewrite(check.expression);
  }
  for (auto& key : table.foreign_keys) {
    std::for_each(key.columns.begin(), key.columns.end(), rename);
  }
  for (auto& other : schema.tables) {
    for (auto& key : other.foreign_keys) {
      if (key.ref_table == table.name) {
        std::for_each(key.ref_columns.begin(), key.ref_columns.end(), rename);
      }
    }
  }
}

// A foreign key column keeps NULL, its default: any other value would have no parent row.
bool
references(const Table& table, const std::string& column)
{
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& key) {
    return std::find(key.columns.begin(), key.columns.end(), column) != key.columns.end();
  });
}

bool
mentions(const Table& table, const std::string& column)
{
  auto named = [&](const std::string& name) { return name == column; };
  std::string quoted = quote_identifier(column);
  for (const auto& index : table.indexes) {
    for (const auto& part : index.parts) {
      if (part.column == column || part.expression.find(quoted) != std::string::npos) {
        return true;
      }
    }
    if (index.where.find(quoted) != std::string::npos) {
      return true;
    }
  }
  for (const auto& check : table.checks) {
    if (check.expression.find(quoted) != std::string::npos) {
      return true;
    }
  }
  for (const auto& key : table.foreign_keys) {
    if (std::any_of(key.columns.begin(), key.columns.end(), named)) {
      return true;
    }
  }
  return std::any_of(table.primary_key.begin(), table.primary_key.end(), named);
}

void
drop_references_to(Schema& schema, const std::string& table)
{
  for (auto& other : schema.tables) {
    auto& keys = other.foreign_keys;
    keys.erase(std::remove_if(keys.begin(), keys.end(),
                              [&](const auto& key) { return key.ref_table == table; }),
               keys.end());
  }
}

void
Generator::mutate_once(Schema& schema)
{
  std::vector<std::string> taken;
  std::vector<std::string> unavailable = m_original_names;
  for (const auto& table : schema.tables) {
    taken.push_back(table.name);
    unavailable.push_back(table.name);
  }
  int operation = schema.tables.empty() ? 0 : number(0, 13);
  if (operation == 0) {
    if (auto name = fresh_name(k_table_names, unavailable); !name.empty()) {
      schema.tables.push_back(table(name, schema));
    }
    return;
  }
  Table& table = schema.tables[static_cast<size_t>(number(0, static_cast<int>(taken.size()) - 1))];
  switch (operation) {
  case 1: { // drop the table
    std::string name = table.name;
    drop_references_to(schema, name);
    schema.tables.erase(std::find_if(schema.tables.begin(), schema.tables.end(),
                                     [&](const Table& t) { return t.name == name; }));
    return;
  }
  case 2: { // rename the table
    std::string name = fresh_name(k_table_names, unavailable);
    if (name.empty() || !table.renamed_from.empty()) {
      return;
    }
    for (auto& other : schema.tables) {
      for (auto& key : other.foreign_keys) {
        if (key.ref_table == table.name) {
          key.ref_table = name;
        }
      }
    }
    table.renamed_from = table.name;
    table.name = name;
    return;
  }
  case 3: { // add a column
    if (auto name = fresh_column(table); !name.empty()) {
      Column added = column(name);
      if (!added.nullable && !added.default_value) {
        added.nullable = true;
      }
      auto at = table.columns.begin() + (chance(0.7) ? static_cast<long>(table.columns.size()) : 0);
      table.columns.insert(at, added);
    }
    return;
  }
  case 4: { // drop a column no key, index, check or foreign key uses
    const auto& victim = pick(table.columns);
    if (table.columns.size() > 1 && !mentions(table, victim.name)) {
      std::string name = victim.name;
      erase_if(table.columns, [&](const Column& c) { return c.name == name; });
    }
    return;
  }
  case 5: { // rename a column
    std::string old_name = pick(table.columns).name;
    std::string new_name = fresh_column(table);
    if (!new_name.empty() && table.find_column(old_name)->renamed_from.empty()) {
      rename_column(schema, table, old_name, new_name);
    }
    return;
  }
  case 6: { // change a column's type, keeping the row valid (see row_inserts)
    Column& changed =
        table.columns[static_cast<size_t>(number(0, static_cast<int>(table.columns.size()) - 1))];
    Type new_type = type();
    bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), changed.name) !=
                  table.primary_key.end();
    bool fits = !holds_integer(table, changed) || new_type.kind != TypeKind::enumeration;
    if (!changed.autoincrement && !in_key && fits && !references(table, changed.name)) {
      changed.type = new_type;
      changed.default_value = default_for(changed.type);
      changed.nullable = changed.nullable || !changed.default_value; // it may be a new column
    }
    return;
  }
  case 7: // make a column nullable
    for (auto& changed : table.columns) {
      if (!changed.nullable && chance(0.5)) {
        changed.nullable = true;
        break;
      }
    }
    return;
  case 8: { // change a default
    Column& changed =
        table.columns[static_cast<size_t>(number(0, static_cast<int>(table.columns.size()) - 1))];
    if (!changed.autoincrement && !references(table, changed.name)) {
      changed.default_value = default_for(changed.type);
      changed.nullable = changed.nullable || !changed.default_value; // it may be a new column
    }
    return;
  }
  case 9:
    add_index(table);
    return;
  case 10:
    if (!table.indexes.empty()) {
      table.indexes.erase(table.indexes.begin() +
                          number(0, static_cast<int>(table.indexes.size()) - 1));
    }
    return;
  case 11:
    if (table.foreign_keys.empty() || chance(0.5)) {
      add_foreign_key(table, schema);
    } else {
      table.foreign_keys.pop_back();
    }
    return;
  case 12:
    if (table.checks.empty() || chance(0.5)) {
      add_check(table);
    } else {
      table.checks.pop_back();
    }
    return;
  default: { // change the primary key
    const auto& key = pick(table.columns);
    if (key.type.kind == TypeKind::integer) {
      return; // INTEGER PRIMARY KEY holds only integers: the row may not fit
    }
    for (auto& column : table.columns) {
      column.autoincrement = false;
    }
    if (!key.nullable) {
      table.primary_key = {key.name};
    } else {
      table.primary_key.clear();
    }
    drop_references_to(schema, table.name);
    return;
  }
  }
}

Schema
Generator::mutated(Schema schema)
{
  m_original = schema;
  for (auto& table : schema.tables) {
    m_original_names.push_back(table.name);
    table.renamed_from.clear();
    for (auto& column : table.columns) {
      column.renamed_from.clear();
    }
  }
  for (int i = number(1, 4); i > 0; --i) {
    mutate_once(schema);
  }
  schema::sort_canonically(schema);
  return schema;
}

// One row per table: 1 in integer columns, else 'a', which fits every enum and check this
// generator writes and every type change it makes; foreign key columns stay NULL.
std::vector<std::string>
row_inserts(const Schema& schema)
{
  std::vector<std::string> inserts;
  for (const auto& table : schema.tables) {
    std::vector<std::string> columns;
    std::vector<std::string> values;
    for (const auto& column : table.columns) {
      if (!references(table, column.name) && !column.autoincrement) {
        columns.push_back(quote_identifier(column.name));
        values.emplace_back(schema::is_integer(column.type.kind) ? "1" : "'a'");
      }
    }
    std::string into = "INSERT INTO " + quote_identifier(table.name);
    if (columns.empty()) {
      inserts.push_back(into + " DEFAULT VALUES");
      continue;
    }
    inserts.push_back(into + " (" + util::join(columns, ", ") + ") VALUES (" +
                      util::join(values, ", ") + ")");
  }
  return inserts;
}

// Every table keeps its row, but those the migration dropped.
void
check_rows(db::Connection& connection, const Schema& schema, const diff::Changes& changes)
{
  for (const auto& table : schema.tables) {
    bool dropped = std::any_of(changes.begin(), changes.end(), [&](const diff::Change& change) {
      const auto* drop = std::get_if<diff::DropTable>(&change);
      return drop && drop->table.name == table.name;
    });
    auto count = connection.query("SELECT count(*) FROM " + quote_identifier(table.name));
    CHECK(count.text(0, 0) == (dropped ? "0" : "1"));
  }
}

std::string
listing(const std::vector<std::string>& statements)
{
  std::string text;
  for (const auto& statement : statements) {
    text += statement + ";\n";
  }
  return text;
}

// The database matches `wanted` when the diff is empty both ways.
void
check_matches(db::Connection& connection, const Schema& wanted, const diff::DiffHooks& hooks)
{
  Schema actual = inspect(connection);
  CHECK(diff::describe(diff::diff(actual, wanted, hooks)) == std::vector<std::string>{});
  CHECK(diff::describe(diff::diff(wanted, actual, hooks)) == std::vector<std::string>{});
}

} // namespace

TEST_CASE("random schema pairs migrate up and down on SQLite", "[sqlite]")
{
  SqliteHooks hooks;
  test::TempDir dir;
  for (int pair = 0; pair < k_pairs; ++pair) {
    unsigned seed = k_base_seed + static_cast<unsigned>(pair);
    CAPTURE(seed);
    Generator generator(seed);
    Schema a = generator.schema();
    Schema b = generator.mutated(a);

    SqliteConnection connection((dir / ("pair" + std::to_string(pair) + ".sqlite3")).string());
    connection.execute("PRAGMA synchronous = OFF");
    orm::test::apply_on_sqlite(connection,
                               orm::test::up_statements(plan(diff::diff({}, a, hooks))));
    check_matches(connection, a, hooks);
    orm::test::apply_on_sqlite(connection, row_inserts(a));

    auto changes = diff::diff(a, b, hooks);
    CAPTURE(diff::describe(changes));
    auto migration = plan(changes);
    INFO("up:\n" << listing(orm::test::up_statements(migration)));
    INFO("down:\n" << listing(orm::test::down_statements(migration)));
    orm::test::apply_on_sqlite(connection, orm::test::up_statements(migration));
    check_matches(connection, b, hooks);

    orm::test::apply_on_sqlite(connection, orm::test::down_statements(migration));
    check_matches(connection, a, hooks);
    CHECK(diff::normalized(inspect(connection), hooks) == diff::normalized(a, hooks));
    check_rows(connection, a, changes);
  }
}
