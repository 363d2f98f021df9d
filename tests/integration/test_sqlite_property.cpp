// Seeded random schema pairs on real SQLite files (tests/support/property_check.hpp): a new file
// per pair, migrated from A to B and back, holding a row per table.

#include "core/dialect/dialect.hpp"
#include "core/dialect/sqlite/sql_scanner.hpp"
#include "tests/support/plan_statements.hpp"
#include "tests/support/property_check.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <memory>

using namespace orm;

namespace {

// SQLite stores any value in any column and rebuilds a table for what ALTER TABLE cannot do, so
// it takes every key shape, index kind and edit; it has no comments.
test::Capabilities
sqlite_capabilities()
{
  using schema::TypeKind;
  test::Capabilities can;
  can.quote = [](const std::string& name) { return dialect::sqlite::quote_identifier(name); };
  can.types = {TypeKind::boolean, TypeKind::smallint,  TypeKind::integer,
               TypeKind::bigint,  TypeKind::real,      TypeKind::double_precision,
               TypeKind::decimal, TypeKind::varchar,   TypeKind::fixed_char,
               TypeKind::text,    TypeKind::bytes,     TypeKind::date,
               TypeKind::time,    TypeKind::timestamp, TypeKind::timestamptz,
               TypeKind::uuid,    TypeKind::json};
  can.raw_types = {"citext"};
  can.enums = {{"a", "b"}, {"a", "it's", "c"}};
  can.loose_typing = true;
  can.expression_defaults = {{TypeKind::smallint, "1 + 2"},
                             {TypeKind::integer, "1 + 2"},
                             {TypeKind::bigint, "1 + 2"},
                             {TypeKind::text, "lower('AB')"}};
  can.id_type = TypeKind::integer;
  can.key_shapes = {test::KeyShape::autoincrement_id, test::KeyShape::one_column,
                    test::KeyShape::two_columns, test::KeyShape::none};
  can.key_changes = true;
  can.expression_indexes = true;
  can.partial_indexes = true;
  can.column_positions = true;
  can.enum_value_additions = true;
  return can;
}

} // namespace

TEST_CASE("sqlite property: random schema pairs migrate up, re-diff empty, and back down",
          "[sqlite][property]")
{
  test::TempDir dir;
  std::unique_ptr<dialect::Session> session;
  int files = 0;
  test::PropertyTarget target;
  target.can = sqlite_capabilities();
  target.first_seed = 20261124;
  target.pairs = 1000;
  target.empty_session = [&]() -> dialect::Session& {
    session.reset();
    session = dialect::connect("sqlite://" +
                               (dir / ("pair" + std::to_string(files++) + ".sqlite3")).string());
    session->connection().execute("PRAGMA synchronous = OFF");
    return *session;
  };
  target.apply = [](dialect::Session& on, const std::vector<std::string>& statements) {
    test::apply_on_sqlite(on.connection(), statements);
  };
  test::check_random_pairs(target);
}
