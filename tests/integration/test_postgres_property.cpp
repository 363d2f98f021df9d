// Seeded random schema pairs on PostgreSQL (tests/support/property_check.hpp), each in the same
// scratch schema, emptied between pairs.

#include "core/db/connection.hpp"
#include "core/dialect/postgres/connection.hpp"
#include "tests/support/postgres_scratch.hpp"
#include "tests/support/property_check.hpp"

#include <catch2/catch.hpp>

using namespace orm;

namespace {

// PostgreSQL alters everything in place, with its own index and foreign key options and comments;
// it has no column positions.
test::Capabilities
postgres_capabilities()
{
  using schema::TypeKind;
  test::Capabilities can;
  can.quote = [](const std::string& name) { return dialect::postgres::quote_identifier(name); };
  can.types = {TypeKind::boolean,          TypeKind::smallint, TypeKind::integer, TypeKind::bigint,
               TypeKind::double_precision, TypeKind::decimal,  TypeKind::varchar, TypeKind::text,
               TypeKind::timestamp,        TypeKind::date,     TypeKind::uuid};
  can.enums = {{"a", "b", "c"}};
  can.expression_defaults = {{TypeKind::uuid, "gen_random_uuid()"}};
  can.key_shapes = {test::KeyShape::autoincrement_id, test::KeyShape::plain_id,
                    test::KeyShape::one_column, test::KeyShape::two_columns, test::KeyShape::none};
  can.expression_indexes = true;
  can.partial_indexes = true;
  can.nulls_order = true;
  can.include_columns = true;
  can.deferrable_foreign_keys = true;
  can.match_full = true;
  can.comments = true;
  can.key_changes = true;
  can.enum_value_additions = true;
  return can;
}

} // namespace

TEST_CASE("postgres property: random schema pairs migrate up, re-diff empty, and back down",
          "[postgres][property]")
{
  test::PostgresScratchSchema scratch;
  auto session = scratch.session();
  test::PropertyTarget target;
  target.can = postgres_capabilities();
  target.first_seed = 1;
  target.pairs = 200;
  target.empty_session = [&]() -> dialect::Session& {
    scratch.reset();
    return *session;
  };
  target.apply = [](dialect::Session& on, const std::vector<std::string>& statements) {
    db::Transaction transaction(on.connection());
    for (const auto& statement : statements) {
      INFO(statement);
      on.connection().execute(statement);
    }
    transaction.commit();
  };
  target.keeps_column_order = false; // down adds a dropped column back after the others
  test::check_random_pairs(target);
}
