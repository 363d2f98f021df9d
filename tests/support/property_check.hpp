#pragma once

#include "core/dialect/dialect.hpp"
#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "core/util/strings.hpp"
#include "tests/support/plan_statements.hpp"
#include "tests/support/random_schema.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

// The property every dialect is held to, on seeded random schema pairs A and B: create A and put
// a row in each table, migrate to B, re-inspect and re-diff empty, migrate down, re-diff empty
// against A (and, where the dialect restores it exactly, find the very schema inspected before);
// every table keeps its row throughout, but one the edit dropped. A failure names the seed and
// prints both schemas in the models language; the same seed gives the same pair.
namespace orm::test {

// What a dialect's property test gives the shared checks.
struct PropertyTarget
{
  Capabilities can;
  unsigned first_seed = 1;
  int pairs = 200;
  // A session on an empty database, for the next pair.
  std::function<dialect::Session&()> empty_session;
  // Runs statements as the runner does: in one transaction where the dialect's DDL has them.
  std::function<void(dialect::Session&, const std::vector<std::string>&)> apply;
  // Whether down gives back the columns in their order; else it is compared in name order.
  bool keeps_column_order = true;
};

namespace property {

inline const std::string k_uuid = "00000000-0000-0000-0000-000000000001";

// `schema` with every table's columns in name order.
inline schema::Schema
columns_by_name(schema::Schema schema)
{
  for (auto& table : schema.tables) {
    std::ranges::sort(table.columns, {}, &schema::Column::name);
  }
  return schema;
}
inline const std::string k_json = "{\"a\": 1}";
inline const std::string k_date = "2020-01-01";
inline const std::string k_timestamp = "2020-01-01 00:00:00";

// Whether a column of `type` takes `value` (in text form), fitting every check the generator
// writes, and keeps it through a change to or from any type that takes it too: the planners cast
// directly or through text.
inline bool
accepts(const Capabilities& can, const schema::Type& type, const std::string& value)
{
  using schema::TypeKind;
  if (type.kind == TypeKind::enumeration) {
    return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
  }
  if (can.loose_typing) {
    return true;
  }
  switch (type.kind) {
  case TypeKind::boolean:
    return value == can.true_value;
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::real:
  case TypeKind::double_precision:
  case TypeKind::decimal:
  case TypeKind::raw: // numeric raw types only (int unsigned)
    return value == "1";
  case TypeKind::varchar:
  case TypeKind::fixed_char:
    return static_cast<int>(value.size()) <= type.length;
  case TypeKind::text:
    return true;
  case TypeKind::date:
    return value == k_date;
  case TypeKind::timestamp:
  case TypeKind::timestamptz:
    return value == k_timestamp;
  case TypeKind::uuid:
    return value == k_uuid;
  case TypeKind::json:
    return value == k_json || value == "1";
  default:
    return false;
  }
}

// The value a column of `type` holds first, then the others any column may hold.
inline std::vector<std::string>
candidates(const Capabilities& can, const schema::Type& type)
{
  using schema::TypeKind;
  std::vector<std::string> values = {"1", "a", can.true_value, k_date, k_timestamp, k_uuid, k_json};
  switch (type.kind) {
  case TypeKind::enumeration:
    values.insert(values.begin(), type.values.front());
    break;
  case TypeKind::json:
    values.insert(values.begin(), k_json);
    break;
  case TypeKind::boolean:
    values.insert(values.begin(), can.true_value);
    break;
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::real:
  case TypeKind::double_precision:
  case TypeKind::decimal:
  case TypeKind::raw:
    break;
  case TypeKind::date:
    values.insert(values.begin(), k_date);
    break;
  case TypeKind::timestamp:
  case TypeKind::timestamptz:
    values.insert(values.begin(), k_timestamp);
    break;
  case TypeKind::uuid:
    values.insert(values.begin(), k_uuid);
    break;
  default:
    values.insert(values.begin(), "a");
    break;
  }
  return values;
}

inline bool
references(const schema::Table& table, const std::string& column)
{
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& key) {
    return std::find(key.columns.begin(), key.columns.end(), column) != key.columns.end();
  });
}

// The table of `after` that A's `table` became (by its new name if the edit renamed it), if any.
inline const schema::Table*
successor(const schema::Schema& after, const std::string& table)
{
  for (const auto& candidate : after.tables) {
    if ((candidate.renamed_from.empty() ? candidate.name : candidate.renamed_from) == table) {
      return &candidate;
    }
  }
  return nullptr;
}

inline const schema::Column*
successor(const schema::Table* after, const std::string& column)
{
  if (!after) {
    return nullptr;
  }
  for (const auto& candidate : after->columns) {
    if ((candidate.renamed_from.empty() ? candidate.name : candidate.renamed_from) == column) {
      return &candidate;
    }
  }
  return nullptr;
}

// One row per table of `before` whose row can stay valid through the edit to `after`: each column
// a value its type takes before and after (see accepts), else NULL if it is nullable in both;
// foreign key columns NULL, auto-increment columns their default. A table is left empty if some
// column has no such value, or the edit adds a NOT NULL column without a default to it (the
// planners warn that fails on a table with rows). `filled` names the tables given a row.
inline std::vector<std::string>
row_inserts(const Capabilities& can, const schema::Schema& before, const schema::Schema& after,
            std::vector<std::string>& filled)
{
  std::vector<std::string> inserts;
  for (const auto& table : before.tables) {
    const schema::Table* later = successor(after, table.name);
    bool valid = !later || std::none_of(later->columns.begin(), later->columns.end(),
                                        [&](const schema::Column& column) {
                                          const std::string& origin = column.renamed_from.empty()
                                                                          ? column.name
                                                                          : column.renamed_from;
                                          return !table.find_column(origin) && !column.nullable &&
                                                 !column.default_value && !column.autoincrement;
                                        });
    std::vector<std::string> columns;
    std::vector<std::string> values;
    for (const auto& column : table.columns) {
      if (column.autoincrement || references(table, column.name)) {
        continue;
      }
      const schema::Column* next = successor(later, column.name);
      const schema::Type& next_type = next ? next->type : column.type;
      std::string value;
      for (const auto& candidate : candidates(can, column.type)) {
        if (accepts(can, column.type, candidate) && accepts(can, next_type, candidate)) {
          value = util::sql_string_literal(candidate);
          break;
        }
      }
      if (value.empty() && column.nullable && (!next || next->nullable)) {
        value = "NULL";
      }
      valid = valid && !value.empty();
      columns.push_back(can.quote(column.name));
      values.push_back(value);
    }
    if (!valid) {
      continue;
    }
    filled.push_back(table.name);
    std::string into = "INSERT INTO " + can.quote(table.name);
    inserts.push_back(columns.empty() ? into + " " + can.insert_defaults
                                      : into + " (" + util::join(columns, ", ") + ") VALUES (" +
                                            util::join(values, ", ") + ")");
  }
  return inserts;
}

inline std::string
row_count(dialect::Session& session, const Capabilities& can, const std::string& table)
{
  INFO("rows of " << table);
  return session.connection().query("SELECT count(*) FROM " + can.quote(table)).text(0, 0);
}

// After up: each of `filled` that the edit kept has its row, under its new name.
inline void
check_rows_up(dialect::Session& session, const Capabilities& can,
              const std::vector<std::string>& filled, const schema::Schema& after)
{
  for (const auto& name : filled) {
    if (const auto* later = successor(after, name)) {
      CHECK(row_count(session, can, later->name) == "1");
    }
  }
}

// After down: each of `filled` has its row again, but one the edit dropped (made anew, empty).
inline void
check_rows_down(dialect::Session& session, const Capabilities& can,
                const std::vector<std::string>& filled, const schema::Schema& after)
{
  for (const auto& name : filled) {
    CHECK(row_count(session, can, name) == (successor(after, name) ? "1" : "0"));
  }
}

// The database matches `wanted` when the diff is empty both ways.
inline void
require_matches(dialect::Session& session, const schema::Schema& wanted)
{
  const auto& hooks = session.dialect().hooks();
  schema::Schema actual = session.inspect();
  REQUIRE(diff::describe(diff::diff(actual, wanted, hooks)) == std::vector<std::string>{});
  REQUIRE(diff::describe(diff::diff(wanted, actual, hooks)) == std::vector<std::string>{});
}

inline std::string
listing(const std::vector<std::string>& statements)
{
  std::string text;
  for (const auto& statement : statements) {
    text += statement + ";\n";
  }
  return text;
}

} // namespace property

inline void
check_random_pairs(const PropertyTarget& target)
{
  using namespace property;
  const Capabilities& can = target.can;
  size_t tables = 0;
  size_t filled_tables = 0;
  int table_renames = 0;
  int column_renames = 0;
  for (int pair = 0; pair < target.pairs; ++pair) {
    unsigned seed = target.first_seed + static_cast<unsigned>(pair);
    RandomSchema random(can, seed);
    schema::Schema a = random.schema();
    schema::Schema b = random.edited(a);
    INFO("seed " << seed << "\nA:\n" << models::print(a) << "B:\n" << models::print(b));
    for (const auto& table : b.tables) {
      table_renames += table.renamed_from.empty() ? 0 : 1;
      for (const auto& column : table.columns) {
        column_renames += column.renamed_from.empty() ? 0 : 1;
      }
    }

    dialect::Session& session = target.empty_session();
    const dialect::Dialect& dialect = session.dialect();
    target.apply(session, up_statements(dialect.plan(diff::diff({}, a, dialect.hooks()))));
    require_matches(session, a);
    // What makemigrations diffs: the database, not the models it was made from.
    schema::Schema original = diff::normalized(session.inspect(), dialect.hooks());
    std::vector<std::string> filled;
    target.apply(session, row_inserts(can, a, b, filled));
    tables += a.tables.size();
    filled_tables += filled.size();

    auto changes = diff::diff(original, b, dialect.hooks());
    INFO("changes:\n" << util::join(diff::describe(changes), "\n"));
    auto migration = dialect.plan(changes);
    INFO("up:\n" << listing(up_statements(migration)));
    INFO("down:\n" << listing(down_statements(migration)));
    target.apply(session, up_statements(migration));
    require_matches(session, b);
    check_rows_up(session, can, filled, b);

    target.apply(session, down_statements(migration));
    require_matches(session, a);
    schema::Schema restored = diff::normalized(session.inspect(), dialect.hooks());
    if (target.keeps_column_order) {
      REQUIRE(restored == original);
    } else {
      REQUIRE(property::columns_by_name(restored) == property::columns_by_name(original));
    }
    check_rows_down(session, can, filled, b);
  }
  INFO(filled_tables << " of " << tables << " tables held a row; " << table_renames << " table and "
                     << column_renames << " column renames");
  CHECK(filled_tables * 10 >= tables * 9);   // the common case carries a row
  CHECK(table_renames * 20 >= target.pairs); // renames are common enough to matter
  CHECK(column_renames * 20 >= target.pairs);
}

} // namespace orm::test
