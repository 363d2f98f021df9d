#pragma once

#include "core/schema/schema.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace orm::test {

// The primary keys a random table may get.
enum class KeyShape
{
  autoincrement_id, // id <id_type> primary key autoincrement
  plain_id,         // id <id_type> primary key, values given by the inserts
  one_column,       // one of the random columns
  two_columns,      // two of them
  none
};

// What a dialect can do, as far as the random schemas of its property test go: the generator
// makes nothing the set does not allow, so that a property test is its set, its database and the
// shared checks (tests/support/property_check.hpp).
struct Capabilities
{
  // Quotes a name inside raw SQL: checks, index expressions and predicates, the test's inserts.
  std::function<std::string(const std::string&)> quote;
  // How an INSERT of nothing but defaults ends: "DEFAULT VALUES", "() VALUES ()".
  std::string insert_defaults = "DEFAULT VALUES";

  // Column types: these kinds (decimals, varchars and chars with random sizes), the raw types
  // (`raw('...')`), the enums.
  std::vector<schema::TypeKind> types;
  std::vector<std::string> raw_types;
  std::vector<std::vector<std::string>> enums;
  // Kinds no primary key or index may use (MySQL: TEXT and JSON need a prefix length).
  std::vector<schema::TypeKind> unindexable;
  // Kinds whose columns are never renamed: a dialect's known bug, until it is fixed.
  std::vector<schema::TypeKind> unrenamable;
  // Any value fits any column but an enum's (SQLite): a column may change its type even when a
  // check or an index expression uses it, as nothing is converted.
  bool loose_typing = false;
  // The text a boolean column holds a true value as in the test's row ('true', '1').
  std::string true_value = "true";

  // Defaults: raw SQL expressions by the kinds that take them; literal defaults on `text`.
  std::vector<std::pair<schema::TypeKind, std::string>> expression_defaults;
  bool text_literal_defaults = true;

  // Keys, indexes, foreign keys, checks, comments.
  schema::TypeKind id_type = schema::TypeKind::bigint;
  std::vector<KeyShape> key_shapes = {KeyShape::autoincrement_id};
  bool key_changes = false;        // an edit may move the primary key to another column
  bool expression_indexes = false; // `index ((lower(c)))`
  bool partial_indexes = false;    // `index (c) where c IS NOT NULL`
  bool nulls_order = false;        // `nulls first|last` on index parts
  bool include_columns = false;    // `include (id)`
  bool deferrable_foreign_keys = false;
  bool match_full = false;
  bool checks = true;
  bool comments = false;

  // Names: reserved words, mixed case and double quotes besides t0 and c0.
  bool quoted_names = true;

  // Edits besides adding and dropping tables, columns, indexes, foreign keys and checks.
  bool table_renames = true;
  bool column_renames = true;
  bool type_changes = true;          // any type to any other; else only varchars widened
  bool set_not_null = true;          // a nullable column made NOT NULL (else only the reverse)
  bool column_positions = false;     // a column added before the others
  bool enum_value_additions = false; // a value added to an enum, anywhere in the list
};

// Seeded random schemas and random edits of them, for the property tests of every dialect: the
// same capabilities and seed give the same pair. Indexes, foreign keys and checks are named either
// as the models language names them by default or with a generator-wide counter.
class RandomSchema
{
public:
  RandomSchema(const Capabilities& can, unsigned seed) : m_can(can), m_random(seed) {}

  // One to four tables.
  schema::Schema schema()
  {
    schema::Schema result;
    for (int i = number(1, 4); i > 0; --i) {
      std::vector<std::string> taken;
      for (const auto& table : result.tables) {
        taken.push_back(table.name);
      }
      result.tables.push_back(table(fresh_name(table_names(), taken), result));
    }
    schema::sort_canonically(result);
    return result;
  }

  // `from` after one to four edits, with `was` hints for the renames in it.
  schema::Schema edited(schema::Schema from)
  {
    m_original = from;
    for (auto& table : from.tables) {
      m_original_names.push_back(table.name);
      table.renamed_from.clear();
      for (auto& column : table.columns) {
        column.renamed_from.clear();
      }
    }
    for (int i = number(1, 4); i > 0; --i) {
      edit(from);
    }
    schema::sort_canonically(from);
    return from;
  }

private:
  enum class Edit
  {
    add_table,
    drop_table,
    rename_table,
    add_column,
    drop_column,
    rename_column,
    change_type,
    nullability,
    change_default,
    add_index,
    drop_index,
    foreign_key,
    check,
    primary_key,
    comment,
    enum_value,
    widen_varchar
  };

  int number(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
  bool chance(int percent) { return number(1, 100) <= percent; }
  template <typename T> const T& pick(const std::vector<T>& items)
  {
    return items[static_cast<size_t>(number(0, static_cast<int>(items.size()) - 1))];
  }
  template <typename T> T& pick_mutable(std::vector<T>& items)
  {
    return items[static_cast<size_t>(number(0, static_cast<int>(items.size()) - 1))];
  }
  template <typename T> static bool contains(const std::vector<T>& items, const T& item)
  {
    return std::find(items.begin(), items.end(), item) != items.end();
  }

  std::vector<std::string> table_names() const
  {
    if (m_can.quoted_names) {
      return {"t0", "t1", "Order", "we\"ird", "select", "t5"};
    }
    return {"t0", "t1", "t2", "t3", "t4", "t5"};
  }
  std::vector<std::string> column_names() const
  {
    if (m_can.quoted_names) {
      return {"c0", "c1", "c2", "User", "from", "c\"q", "c6", "c7"};
    }
    return {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"};
  }

  static bool is_string(schema::TypeKind kind)
  {
    using schema::TypeKind;
    return kind == TypeKind::varchar || kind == TypeKind::fixed_char || kind == TypeKind::text;
  }
  bool indexable(const schema::Column& column) const
  {
    return !contains(m_can.unindexable, column.type.kind);
  }

  schema::Type type()
  {
    using schema::Type;
    using schema::TypeKind;
    int kinds = static_cast<int>(m_can.types.size());
    int choice =
        number(0, kinds + (m_can.raw_types.empty() ? 0 : 1) + (m_can.enums.empty() ? 0 : 1) - 1);
    if (choice == kinds && !m_can.raw_types.empty()) {
      return Type::raw_type(pick(m_can.raw_types));
    }
    if (choice >= kinds) {
      return Type::enumeration(pick(m_can.enums));
    }
    switch (m_can.types[static_cast<size_t>(choice)]) {
    case TypeKind::decimal:
      return Type::decimal(number(5, 12), number(0, 4));
    case TypeKind::varchar:
      return Type::varchar(pick(std::vector<int>{1, 10, 50, 255, 300}));
    case TypeKind::fixed_char:
      return Type::fixed_char(number(1, 4));
    default:
      return Type::of(m_can.types[static_cast<size_t>(choice)]);
    }
  }

  std::optional<schema::Default> default_for(const schema::Type& type)
  {
    using schema::Default;
    using schema::TypeKind;
    using Kind = Default::Kind;
    if (chance(50)) {
      return std::nullopt;
    }
    std::vector<std::string> expressions;
    for (const auto& [kind, expression] : m_can.expression_defaults) {
      if (kind == type.kind) {
        expressions.push_back(expression);
      }
    }
    if (!expressions.empty() &&
        (chance(30) || (type.kind == TypeKind::text && !m_can.text_literal_defaults))) {
      return Default{Kind::expression, pick(expressions)};
    }
    // A string literal that fits the column.
    auto text = [&]() -> std::optional<Default> {
      bool long_fits = type.length == 0 || type.length >= 4;
      return Default{Kind::literal, long_fits && chance(50) ? "'it''s'" : "'x'"};
    };
    switch (type.kind) {
    case TypeKind::boolean:
      return Default{Kind::literal, chance(50) ? "true" : "false"};
    case TypeKind::smallint:
    case TypeKind::integer:
    case TypeKind::bigint:
      return Default{Kind::literal, std::to_string(number(-5, 99))};
    case TypeKind::real:
    case TypeKind::double_precision:
    case TypeKind::decimal:
      return Default{Kind::literal, "1.5"};
    case TypeKind::timestamp:
    case TypeKind::timestamptz:
      return chance(50) ? Default{Kind::now, ""} : Default{Kind::literal, "'2020-01-01 00:00:00'"};
    case TypeKind::enumeration:
      return Default{Kind::literal, util::sql_string_literal(pick(type.values))};
    case TypeKind::varchar:
    case TypeKind::fixed_char:
      return text();
    case TypeKind::text:
      return m_can.text_literal_defaults ? text() : std::nullopt;
    case TypeKind::bytes:
      return std::nullopt;
    default: // dates, times, uuids, json, raw types: only where nothing is checked
      return m_can.loose_typing ? text() : std::nullopt;
    }
  }

  schema::Column column(const std::string& name)
  {
    schema::Column result;
    result.name = name;
    result.type = type();
    result.nullable = chance(50);
    result.default_value = default_for(result.type);
    if (m_can.comments && chance(10)) {
      result.comment = "about " + name;
    }
    return result;
  }

  std::string fresh_name(const std::vector<std::string>& pool,
                         const std::vector<std::string>& taken)
  {
    std::vector<std::string> free;
    for (const auto& name : pool) {
      if (!contains(taken, name)) {
        free.push_back(name);
      }
    }
    return free.empty() ? std::string() : pick(free);
  }

  // The table of A that `table` of B was made from, if any.
  const schema::Table* original_of(const schema::Table& table) const
  {
    return m_original.find_table(table.renamed_from.empty() ? table.name : table.renamed_from);
  }

  // A name no column of the table has, in A or B: the differ would pair a new column with a
  // dropped one of the same name, and the row's value may not fit it.
  std::string fresh_column(const schema::Table& table)
  {
    std::vector<std::string> taken;
    for (const auto& column : table.columns) {
      taken.push_back(column.name);
    }
    if (const auto* original = original_of(table)) {
      for (const auto& column : original->columns) {
        taken.push_back(column.name);
      }
    }
    return fresh_name(column_names(), taken);
  }

  // A new name for an index, foreign key or check: unique in the whole schema, as index names are
  // in SQLite and PostgreSQL and foreign key names in MySQL.
  bool claim(const std::string& name)
  {
    if (contains(m_names, name)) {
      return false;
    }
    m_names.push_back(name);
    return true;
  }
  std::string counted(const std::string& prefix) { return prefix + std::to_string(++m_counter); }

  static bool in_key(const schema::Table& table, const std::string& column)
  {
    return contains(table.primary_key, column);
  }
  static bool references(const schema::Table& table, const std::string& column)
  {
    return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                       [&](const auto& key) { return contains(key.columns, column); });
  }
  // Whether a key, index, check or foreign key of the table uses the column.
  bool mentions(const schema::Table& table, const std::string& column) const
  {
    std::string quoted = m_can.quote(column);
    auto in = [&](const std::string& text) { return text.find(quoted) != std::string::npos; };
    for (const auto& index : table.indexes) {
      for (const auto& part : index.parts) {
        if (part.column == column || in(part.expression)) {
          return true;
        }
      }
      if (in(index.where) || contains(index.include, column)) {
        return true;
      }
    }
    return std::any_of(table.checks.begin(), table.checks.end(),
                       [&](const auto& check) { return in(check.expression); }) ||
           references(table, column) || in_key(table, column);
  }

  schema::Table table(const std::string& name, const schema::Schema& schema)
  {
    using schema::TypeKind;
    schema::Table result;
    result.name = name;
    KeyShape shape = pick(m_can.key_shapes);
    if (shape == KeyShape::autoincrement_id || shape == KeyShape::plain_id) {
      schema::Column id;
      id.name = "id";
      id.type = schema::Type::of(m_can.id_type);
      id.autoincrement = shape == KeyShape::autoincrement_id;
      result.columns.push_back(id);
      result.primary_key = {"id"};
    }
    for (int i = number(1, 5); i > 0; --i) {
      if (auto column = fresh_column(result); !column.empty()) {
        result.columns.push_back(this->column(column));
      }
    }
    int key_columns = shape == KeyShape::one_column ? 1 : shape == KeyShape::two_columns ? 2 : 0;
    for (auto& column : result.columns) {
      if (static_cast<int>(result.primary_key.size()) < key_columns && indexable(column)) {
        column.nullable = false;
        result.primary_key.push_back(column.name);
      }
    }
    for (int i = number(0, 2); i > 0; --i) {
      add_index(result);
    }
    if (m_can.checks && chance(30)) {
      add_check(result);
    }
    if (chance(40)) {
      add_foreign_key(result, schema);
    }
    if (m_can.comments && chance(20)) {
      result.comment = "table " + name;
    }
    return result;
  }

  void add_index(schema::Table& table)
  {
    using Nulls = schema::IndexPart::NullsOrder;
    std::vector<std::string> candidates;
    for (const auto& column : table.columns) {
      if (indexable(column)) {
        candidates.push_back(column.name);
      }
    }
    if (candidates.empty()) {
      return;
    }
    schema::Index index;
    index.unique = chance(40);
    std::vector<std::string> columns;
    for (int i = number(1, 2); i > 0; --i) {
      const std::string& name = pick(candidates);
      if (contains(columns, name)) {
        continue;
      }
      columns.push_back(name);
      const auto* column = table.find_column(name);
      if (m_can.expression_indexes && (m_can.loose_typing || is_string(column->type.kind)) &&
          !references(table, name) && chance(20)) {
        index.parts.push_back({"", "lower(" + m_can.quote(name) + ")", chance(50)});
      } else {
        index.parts.push_back({name, "", chance(20)});
      }
      if (m_can.nulls_order && chance(30)) { // the order that is not the default
        index.parts.back().nulls = index.parts.back().descending ? Nulls::last : Nulls::first;
      }
    }
    if (m_can.partial_indexes && chance(20)) {
      index.where = m_can.quote(pick(table.columns).name) + " IS NOT NULL";
    }
    if (m_can.include_columns && !table.primary_key.empty() &&
        !contains(columns, table.primary_key.front()) && chance(20)) {
      index.include = {table.primary_key.front()};
    }
    bool plain = std::all_of(index.parts.begin(), index.parts.end(),
                             [](const auto& part) { return part.expression.empty(); });
    // Default-named unique indexes without options are the models' `unique (a, b)` constraints.
    index.name =
        plain && chance(50) ? schema::index_name(table.name, columns, index.unique) : counted("ix");
    if (claim(index.name)) {
      table.indexes.push_back(index);
    }
  }

  void add_check(schema::Table& table)
  {
    std::vector<std::string> candidates;
    for (const auto& column : table.columns) {
      bool typed = schema::is_integer(column.type.kind) || is_string(column.type.kind);
      if (!column.autoincrement && !references(table, column.name) &&
          (m_can.loose_typing || typed)) {
        candidates.push_back(column.name);
      }
    }
    if (candidates.empty()) {
      return;
    }
    std::string name = pick(candidates);
    std::string quoted = m_can.quote(name);
    std::vector<std::string> forms;
    if (m_can.loose_typing || schema::is_integer(table.find_column(name)->type.kind)) {
      forms.push_back(quoted + " > -100");
    }
    if (m_can.loose_typing || is_string(table.find_column(name)->type.kind)) {
      forms.push_back("length(" + quoted + ") >= 0");
      forms.push_back(quoted + " IS NULL OR " + quoted + " <> 'zzz'");
    }
    std::string check_name = chance(50) ? schema::check_name(table.name, name, 1) : counted("ck");
    if (claim(check_name)) {
      table.checks.push_back({check_name, pick(forms)});
    }
  }

  // References the whole primary key of some table (this one included), from new nullable
  // columns of the referenced columns' types.
  void add_foreign_key(schema::Table& table, const schema::Schema& schema)
  {
    auto fits = [&](const schema::Table& target) {
      return !target.primary_key.empty() &&
             std::none_of(target.primary_key.begin(), target.primary_key.end(),
                          [&](const std::string& column) {
                            auto kind = target.find_column(column)->type.kind;
                            return kind == schema::TypeKind::enumeration && !m_can.loose_typing;
                          });
    };
    std::vector<const schema::Table*> targets;
    for (const auto& candidate : schema.tables) {
      if (candidate.name != table.name && fits(candidate)) {
        targets.push_back(&candidate);
      }
    }
    if (fits(table)) {
      targets.push_back(&table);
    }
    if (targets.empty()) {
      return;
    }
    const schema::Table target = *pick(targets); // a copy: `table` may grow
    schema::ForeignKey key;
    key.ref_table = target.name;
    key.ref_columns = target.primary_key;
    std::vector<schema::Column> added;
    for (const auto& referenced : target.primary_key) {
      schema::Column column;
      column.name = fresh_column(table);
      for (const auto& other : added) {
        if (column.name == other.name) {
          column.name.clear();
        }
      }
      if (column.name.empty()) {
        return;
      }
      column.type = target.find_column(referenced)->type;
      if (column.type.kind == schema::TypeKind::enumeration) {
        column.type = schema::Type::of(schema::TypeKind::bigint); // SQLite: anything goes
      }
      column.nullable = true;
      added.push_back(column);
      key.columns.push_back(column.name);
      table.columns.push_back(column); // so that fresh_column sees it
    }
    auto action = [&] {
      return pick(std::vector<schema::ReferentialAction>{
          schema::ReferentialAction::no_action, schema::ReferentialAction::cascade,
          schema::ReferentialAction::set_null, schema::ReferentialAction::restrict});
    };
    key.on_delete = action();
    key.on_update = action();
    if (m_can.deferrable_foreign_keys && chance(30)) {
      key.deferrable = true;
      key.initially_deferred = chance(50);
    }
    if (m_can.match_full && chance(30)) {
      key.match = "full";
    }
    key.name = chance(50) ? schema::foreign_key_name(table.name, key.columns) : counted("fk");
    if (claim(key.name)) {
      table.foreign_keys.push_back(key);
    }
  }

  // Default-named indexes, foreign keys and checks of `table`, named from `table_name` and the
  // columns `column_name` gives for their current ones: what the names were.
  struct DefaultNamed
  {
    std::vector<size_t> indexes, foreign_keys, checks;
  };
  static DefaultNamed default_named(const schema::Table& table)
  {
    DefaultNamed found;
    for (size_t i = 0; i < table.indexes.size(); ++i) {
      const auto& index = table.indexes[i];
      std::vector<std::string> columns;
      for (const auto& part : index.parts) {
        columns.push_back(part.column);
      }
      if (index.name == schema::index_name(table.name, columns, index.unique)) {
        found.indexes.push_back(i);
      }
    }
    for (size_t i = 0; i < table.foreign_keys.size(); ++i) {
      const auto& key = table.foreign_keys[i];
      if (key.name == schema::foreign_key_name(table.name, key.columns)) {
        found.foreign_keys.push_back(i);
      }
    }
    for (size_t i = 0; i < table.checks.size(); ++i) {
      for (const auto& column : table.columns) {
        if (table.checks[i].name == schema::check_name(table.name, column.name, 1)) {
          found.checks.push_back(i);
        }
      }
    }
    return found;
  }
  // After a rename, the default names found before it follow the new names, as in a models file
  // that leaves them unnamed; the check's column is the one its expression quotes.
  void rename_defaults(schema::Table& table, const DefaultNamed& found)
  {
    for (size_t i : found.indexes) {
      auto& index = table.indexes[i];
      std::vector<std::string> columns;
      for (const auto& part : index.parts) {
        columns.push_back(part.column);
      }
      std::string name = schema::index_name(table.name, columns, index.unique);
      if (claim(name)) {
        index.name = name;
      }
    }
    for (size_t i : found.foreign_keys) {
      auto& key = table.foreign_keys[i];
      if (std::string name = schema::foreign_key_name(table.name, key.columns); claim(name)) {
        key.name = name;
      }
    }
    for (size_t i : found.checks) {
      auto& check = table.checks[i];
      for (const auto& column : table.columns) {
        std::string name = schema::check_name(table.name, column.name, 1);
        if (check.expression.find(m_can.quote(column.name)) != std::string::npos && claim(name)) {
          check.name = name;
          break;
        }
      }
    }
  }

  // Everything that names the column follows a rename, raw SQL included.
  void rename_column(schema::Schema& schema, schema::Table& table, const std::string& old_name,
                     const std::string& new_name)
  {
    DefaultNamed found = chance(50) ? default_named(table) : DefaultNamed{};
    auto rename = [&](std::string& name) {
      if (name == old_name) {
        name = new_name;
      }
    };
    std::string from = m_can.quote(old_name);
    std::string to = m_can.quote(new_name);
    auto rewrite = [&](std::string& expression) {
      for (size_t at = expression.find(from); at != std::string::npos;
           at = expression.find(from, at + to.size())) {
        expression.replace(at, from.size(), to);
      }
    };
    schema::Column* column = table.find_column(old_name);
    column->name = new_name;
    column->renamed_from = old_name;
    std::for_each(table.primary_key.begin(), table.primary_key.end(), rename);
    for (auto& index : table.indexes) {
      for (auto& part : index.parts) {
        rename(part.column);
        rewrite(part.expression);
      }
      rewrite(index.where);
      std::for_each(index.include.begin(), index.include.end(), rename);
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
    rename_defaults(table, found);
  }

  void rename_table(schema::Schema& schema, schema::Table& table, const std::string& new_name)
  {
    DefaultNamed found = chance(50) ? default_named(table) : DefaultNamed{};
    for (auto& other : schema.tables) {
      for (auto& key : other.foreign_keys) {
        if (key.ref_table == table.name) {
          key.ref_table = new_name;
        }
      }
    }
    table.renamed_from = table.name;
    table.name = new_name;
    rename_defaults(table, found);
  }

  static void drop_references_to(schema::Schema& schema, const std::string& table)
  {
    for (auto& other : schema.tables) {
      std::erase_if(other.foreign_keys, [&](const auto& key) { return key.ref_table == table; });
    }
  }

  std::vector<Edit> edits() const
  {
    std::vector<Edit> result = {Edit::add_table,      Edit::drop_table,   Edit::add_column,
                                Edit::drop_column,    Edit::change_type,  Edit::nullability,
                                Edit::change_default, Edit::add_index,    Edit::drop_index,
                                Edit::foreign_key,    Edit::widen_varchar};
    auto add_if = [&](bool can, Edit edit) {
      if (can) {
        result.push_back(edit);
      }
    };
    add_if(m_can.table_renames, Edit::rename_table);
    add_if(m_can.column_renames, Edit::rename_column);
    add_if(m_can.checks, Edit::check);
    add_if(m_can.key_changes, Edit::primary_key);
    add_if(m_can.comments, Edit::comment);
    add_if(m_can.enum_value_additions, Edit::enum_value);
    return result;
  }

  void edit(schema::Schema& schema)
  {
    std::vector<std::string> unavailable = m_original_names;
    for (const auto& table : schema.tables) {
      unavailable.push_back(table.name);
    }
    Edit edit = schema.tables.empty() ? Edit::add_table : pick(edits());
    if (edit == Edit::add_table) {
      // Never one of A's names: A's default-named indexes would clash with the new table's.
      if (auto name = fresh_name(table_names(), unavailable); !name.empty()) {
        schema.tables.push_back(table(name, schema));
      }
      return;
    }
    schema::Table& table = pick_mutable(schema.tables);
    schema::Column& column = pick_mutable(table.columns);
    bool plain =
        !column.autoincrement && !in_key(table, column.name) && !references(table, column.name);
    switch (edit) {
    case Edit::drop_table: {
      std::string name = table.name;
      drop_references_to(schema, name);
      std::erase_if(schema.tables, [&](const auto& t) { return t.name == name; });
      return;
    }
    case Edit::rename_table:
      if (auto name = fresh_name(table_names(), unavailable);
          !name.empty() && table.renamed_from.empty()) {
        rename_table(schema, table, name);
      }
      return;
    case Edit::add_column:
      if (auto name = fresh_column(table); !name.empty()) {
        schema::Column added = this->column(name);
        if (!added.nullable && !added.default_value && chance(50)) {
          added.nullable = true; // else the table is left without a row (see row_inserts)
        }
        bool first = m_can.column_positions && chance(30);
        table.columns.insert(first ? table.columns.begin() : table.columns.end(), added);
      }
      return;
    case Edit::drop_column:
      if (table.columns.size() > 1 && !mentions(table, column.name)) {
        std::string name = column.name;
        std::erase_if(table.columns, [&](const auto& c) { return c.name == name; });
      }
      return;
    case Edit::rename_column:
      if (auto name = fresh_column(table); !name.empty() && column.renamed_from.empty() &&
                                           !contains(m_can.unrenamable, column.type.kind)) {
        std::string old_name = column.name; // rename_column renames `column`
        rename_column(schema, table, old_name, name);
      }
      return;
    case Edit::change_type:
      if (m_can.type_changes && plain && (m_can.loose_typing || !mentions(table, column.name))) {
        column.type = type();
        column.default_value = default_for(column.type);
        column.nullable = column.nullable || !column.default_value; // it may be a new column
      }
      return;
    case Edit::nullability:
      if (!column.nullable && (plain || m_can.loose_typing)) {
        column.nullable = true;
      } else if (column.nullable && m_can.set_not_null && plain) {
        column.nullable = false;
      }
      return;
    case Edit::change_default:
      if (!column.autoincrement && !references(table, column.name)) {
        column.default_value = default_for(column.type);
        if (m_can.loose_typing || !in_key(table, column.name)) {
          column.nullable = column.nullable || !column.default_value; // it may be a new column
        }
      }
      return;
    case Edit::add_index:
      add_index(table);
      return;
    case Edit::drop_index:
      if (!table.indexes.empty()) {
        table.indexes.erase(table.indexes.begin() +
                            number(0, static_cast<int>(table.indexes.size()) - 1));
      }
      return;
    case Edit::foreign_key:
      if (table.foreign_keys.empty() || chance(50)) {
        add_foreign_key(table, schema);
      } else {
        table.foreign_keys.pop_back();
      }
      return;
    case Edit::check:
      if (table.checks.empty() || chance(50)) {
        add_check(table);
      } else {
        table.checks.pop_back();
      }
      return;
    case Edit::primary_key:
      // INTEGER PRIMARY KEY holds only integers in SQLite, and the row may hold text there.
      if (column.type.kind == schema::TypeKind::integer || !indexable(column) ||
          (column.nullable && !contains(m_can.key_shapes, KeyShape::none))) {
        return;
      }
      for (auto& other : table.columns) {
        other.autoincrement = false;
      }
      table.primary_key.clear();
      if (!column.nullable) {
        table.primary_key = {column.name};
      }
      drop_references_to(schema, table.name);
      return;
    case Edit::comment:
      if (chance(50)) {
        column.comment = column.comment.empty() ? "now commented" : "";
      } else {
        table.comment = table.comment.empty() ? "now commented" : "";
      }
      return;
    case Edit::enum_value:
      if (column.type.kind == schema::TypeKind::enumeration) {
        auto& values = column.type.values;
        values.insert(values.begin() + number(0, static_cast<int>(values.size())),
                      "v" + std::to_string(++m_counter));
      }
      return;
    case Edit::widen_varchar:
      for (auto& widened : table.columns) {
        if (widened.type.kind == schema::TypeKind::varchar && !in_key(table, widened.name) &&
            !references(table, widened.name)) {
          widened.type.length += 10;
          return;
        }
      }
      return;
    case Edit::add_table:
      return;
    }
  }

  const Capabilities& m_can;
  std::mt19937 m_random;
  int m_counter = 0;                         // makes generated names unique
  std::vector<std::string> m_names;          // every index, foreign key and check name given out
  std::vector<std::string> m_original_names; // A's tables, while B is made from it
  schema::Schema m_original;                 // A, while B is made from it
};

} // namespace orm::test
