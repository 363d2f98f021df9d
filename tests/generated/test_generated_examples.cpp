// The shop and crm golden headers compile (with -Wall -Wextra -Wpedantic as the tests do) and
// say what their schemas say.

#include "tests/golden/crm.hpp"
#include "tests/golden/shop.hpp"

#include <catch2/catch.hpp>

TEST_CASE("generated example headers: pins and enums", "[generated]")
{
  CHECK(shop::pin.dialect == "postgres");
  CHECK(crm::pin.dialect == "mysql");
  CHECK(shop::pin.head == shop::pin.history.back().version);
  CHECK(orm::EnumNames<shop::OrderStatus>::names[0] == "new");
  CHECK(orm::to_json_value(shop::OrderStatus::new_) == "new");
  CHECK(orm::EnumNames<crm::DealStage>::names.size() == 3);
}
