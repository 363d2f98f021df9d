// 200 seeded random schema pairs on PostgreSQL: create the first, migrate to the second,
// re-inspect and re-diff empty, migrate down and diff empty against the first again.

#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/random_schema.hpp"

#include <catch2/catch.hpp>

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

} // namespace

TEST_CASE("postgres property: random schema pairs migrate up, re-diff empty, and back down",
          "[postgres]")
{
  test::PostgresScratchSchema scratch;
  auto session = scratch.session();
  const auto& dialect = session->dialect();
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
    auto migration = dialect.plan(diff::diff(before, after, dialect.hooks()));
    run_statements(*session, up_of(migration));
    REQUIRE(differences(*session, after) == k_none);
    run_statements(*session, down_of(migration));
    REQUIRE(differences(*session, before) == k_none);
  }
}
