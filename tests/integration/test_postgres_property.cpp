// 200 seeded random schema pairs on PostgreSQL: create the first with a row per table, migrate to
// the second, re-inspect and re-diff empty, migrate down and diff empty against the first again;
// every table keeps its row throughout, but one the edit dropped.

#include "core/dialect/postgres/connection.hpp"
#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "core/util/strings.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/random_schema.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

using namespace orm;

namespace {

constexpr int k_pairs = 200;

const std::vector<std::string> k_none; // no differences

void
run_statements(dialect::Session& session, const std::vector<std::string>& statements)
{
  db::Transaction transaction(session.connection());
  for (const auto& statement : statements) {
    INFO(statement);
    session.connection().execute(statement);
  }
  transaction.commit();
}

std::vector<std::string>
up_of(const migrate::Plan& plan)
{
  std::vector<std::string> statements;
  for (const auto& step : plan.steps) {
    statements.insert(statements.end(), step.up.begin(), step.up.end());
  }
  return statements;
}

std::vector<std::string>
down_of(const migrate::Plan& plan)
{
  std::vector<std::string> statements;
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    statements.insert(statements.end(), step->down.begin(), step->down.end());
  }
  return statements;
}

std::vector<std::string>
differences(dialect::Session& session, const schema::Schema& models)
{
  return diff::describe(diff::diff(session.inspect(), models, session.dialect().hooks()));
}

// PostgreSQL's optional parts on some indexes and foreign keys, chosen by a hash of the object's
// name so that an object the edit left alone keeps them and one it changed may gain or lose them.
void
add_postgres_features(schema::Schema& schema)
{
  using Nulls = schema::IndexPart::NullsOrder;
  for (auto& table : schema.tables) {
    for (auto& index : table.indexes) {
      size_t hash = std::hash<std::string>{}(table.name + "." + index.name);
      if (hash % 3 == 0) {
        index.parts.front().nulls = index.parts.front().descending ? Nulls::last : Nulls::first;
      }
      if (hash % 5 == 0 && !table.primary_key.empty()) {
        index.include = {table.primary_key.front()};
      }
    }
    for (auto& key : table.foreign_keys) {
      size_t hash = std::hash<std::string>{}(table.name + "." + key.name);
      key.deferrable = hash % 2 == 0;
      key.initially_deferred = key.deferrable && hash % 4 == 0;
      key.match = hash % 3 == 0 ? "full" : "";
    }
  }
}

const std::string k_uuid = "00000000-0000-0000-0000-000000000001";

// Whether a column of `type` takes `value` (in text form), and keeps it through a change to or
// from any type that takes it too: the planner casts directly or through text.
bool
accepts(const schema::Type& type, const std::string& value)
{
  using schema::TypeKind;
  switch (type.kind) {
  case TypeKind::boolean:
    return value == "true";
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::double_precision:
  case TypeKind::decimal:
    return value == "1";
  case TypeKind::varchar:
    return static_cast<int>(value.size()) <= type.length;
  case TypeKind::text:
    return true;
  case TypeKind::date:
  case TypeKind::timestamp:
    return value == "2020-01-01";
  case TypeKind::uuid:
    return value == k_uuid;
  case TypeKind::enumeration:
    return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
  default:
    return false;
  }
}

// The value a column of `type` holds first, then the others any column may hold.
std::vector<std::string>
candidates(const schema::Type& type)
{
  using schema::TypeKind;
  std::vector<std::string> values = {"1", "a", "true", "2020-01-01", k_uuid};
  if (type.kind == TypeKind::enumeration) {
    values.insert(values.begin(), type.values.front());
  } else if (type.kind == TypeKind::varchar || type.kind == TypeKind::text) {
    values.insert(values.begin(), "a");
  }
  return values;
}

bool
references(const schema::Table& table, const std::string& column)
{
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& key) {
    return std::find(key.columns.begin(), key.columns.end(), column) != key.columns.end();
  });
}

// `table`'s column in `after` (by its new name if the edit renamed it), if it is still there.
const schema::Column*
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
// foreign key columns NULL, identity columns their default. A table is left empty if some column
// has no such value, or the edit adds a NOT NULL column without a default to it (the planner
// warns that fails on a table with rows). `filled` names the tables given a row.
std::vector<std::string>
row_inserts(const schema::Schema& before, const schema::Schema& after,
            std::vector<std::string>& filled)
{
  using dialect::postgres::quote_identifier;
  std::vector<std::string> inserts;
  for (const auto& table : before.tables) {
    const schema::Table* later = after.find_table(table.name);
    bool valid = !later || std::none_of(later->columns.begin(), later->columns.end(),
                                        [&](const schema::Column& column) {
                                          return column.renamed_from.empty() &&
                                                 !table.find_column(column.name) &&
                                                 !column.nullable && !column.default_value &&
                                                 !column.autoincrement;
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
      columns.push_back(quote_identifier(column.name));
      values.push_back(value);
    }
    if (!valid) {
      continue;
    }
    filled.push_back(table.name);
    std::string into = "INSERT INTO " + quote_identifier(table.name);
    inserts.push_back(columns.empty() ? into + " DEFAULT VALUES"
                                      : into + " (" + util::join(columns, ", ") + ") VALUES (" +
                                            util::join(values, ", ") + ")");
  }
  return inserts;
}

// Each of `filled` that `present` holds has its row if `kept` holds it too (the edit kept the
// table), else none.
void
check_rows(dialect::Session& session, const std::vector<std::string>& filled,
           const schema::Schema& present, const schema::Schema& kept)
{
  for (const auto& name : filled) {
    if (!present.find_table(name)) {
      continue;
    }
    INFO("rows of " << name);
    auto count = session.connection().query("SELECT count(*) FROM " +
                                            dialect::postgres::quote_identifier(name));
    CHECK(count.text(0, 0) == (kept.find_table(name) ? "1" : "0"));
  }
}

} // namespace

TEST_CASE("postgres property: random schema pairs migrate up, re-diff empty, and back down",
          "[postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = scratch.session();
  const auto& dialect = session->dialect();
  size_t tables = 0;
  size_t filled_tables = 0;
  for (unsigned seed = 1; seed <= k_pairs; ++seed) {
    test::RandomSchema random(seed);
    schema::Schema before = random.schema();
    schema::Schema after = random.edited(before);
    add_postgres_features(before);
    add_postgres_features(after);
    INFO("seed " << seed << "\nbefore:\n"
                 << models::print(before) << "after:\n"
                 << models::print(after));
    scratch.reset();
    run_statements(*session, up_of(dialect.plan(diff::diff({}, before, dialect.hooks()))));
    REQUIRE(differences(*session, before) == k_none);
    std::vector<std::string> filled;
    run_statements(*session, row_inserts(before, after, filled));
    tables += before.tables.size();
    filled_tables += filled.size();
    auto migration = dialect.plan(diff::diff(before, after, dialect.hooks()));
    run_statements(*session, up_of(migration));
    REQUIRE(differences(*session, after) == k_none);
    check_rows(*session, filled, after, after);
    run_statements(*session, down_of(migration));
    REQUIRE(differences(*session, before) == k_none);
    check_rows(*session, filled, before, after);
  }
  INFO(filled_tables << " of " << tables << " tables held a row");
  CHECK(filled_tables * 10 >= tables * 9); // the common case carries a row
}
