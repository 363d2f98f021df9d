// Seeded random schema pairs on a real MariaDB server (tests/support/property_check.hpp), each in
// the same scratch database, emptied between pairs.

#include "core/dialect/dialect.hpp"
#include "core/dialect/mysql/types.hpp"
#include "tests/support/mysql_scratch.hpp"
#include "tests/support/property_check.hpp"

#include <catch2/catch.hpp>

using namespace orm;

namespace {

// MySQL and MariaDB: no DDL in transactions, no partial or expression indexes (MariaDB), TEXT and
// JSON keys need a prefix length, and TEXT takes only expression defaults (MySQL).
test::Capabilities
mysql_capabilities()
{
  using schema::TypeKind;
  test::Capabilities can;
  can.quote = [](const std::string& name) { return dialect::mysql::quote_identifier(name); };
  can.insert_defaults = "() VALUES ()";
  can.types = {TypeKind::boolean,   TypeKind::smallint, TypeKind::integer,    TypeKind::bigint,
               TypeKind::decimal,   TypeKind::varchar,  TypeKind::fixed_char, TypeKind::text,
               TypeKind::timestamp, TypeKind::uuid,     TypeKind::json};
  can.raw_types = {"int unsigned"};
  can.enums = {{"a", "it's"}};
  can.unindexable = {TypeKind::text, TypeKind::json, TypeKind::raw};
  can.true_value = "1";
  can.expression_defaults = {{TypeKind::text, "lower('A')"}};
  can.text_literal_defaults = false;
  can.key_shapes = {test::KeyShape::autoincrement_id, test::KeyShape::plain_id,
                    test::KeyShape::one_column, test::KeyShape::two_columns, test::KeyShape::none};
  can.comments = true;
  can.key_changes = true;
  return can;
}

} // namespace

TEST_CASE("mysql property: random schema pairs migrate up, re-diff empty, and back down",
          "[mysql][property]")
{
  test::ScratchDatabase database;
  auto session = dialect::connect(database.url());
  test::PropertyTarget target;
  target.can = mysql_capabilities();
  target.first_seed = 20261124;
  target.pairs = 200;
  target.empty_session = [&]() -> dialect::Session& {
    database.clear();
    return *session;
  };
  target.apply = [](dialect::Session& on, const std::vector<std::string>& statements) {
    for (const auto& statement : statements) {
      INFO(statement);
      on.connection().execute(statement);
    }
  };
  test::check_random_pairs(target);
}
