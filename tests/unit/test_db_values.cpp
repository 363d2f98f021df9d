#include "core/db/values.hpp"

#include <catch2/catch.hpp>

using namespace orm;

TEST_CASE("values: decimals are exact text, equal whatever their scale", "[values]")
{
  CHECK(Decimal::parse("-12.50"));
  CHECK(Decimal::parse("0"));
  CHECK_FALSE(Decimal::parse("12."));
  CHECK_FALSE(Decimal::parse(".5"));
  CHECK_FALSE(Decimal::parse("1e5"));
  CHECK_FALSE(Decimal::parse("-"));
  CHECK(Decimal{"12.10"} == Decimal{"12.1"});
  CHECK(Decimal{"007"} == Decimal{"7.000"});
  CHECK(Decimal{"-0.00"} == Decimal{"0"});
  CHECK(Decimal{"12345678901234567890.0000000001"} != Decimal{"12345678901234567890"});
  CHECK(Decimal{"-1"} != Decimal{"1"});
}

TEST_CASE("values: uuids read either case and print lower case", "[values]")
{
  auto uuid = Uuid::parse("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0");
  REQUIRE(uuid);
  CHECK(uuid->bytes[0] == 0x0f);
  CHECK(uuid->bytes[15] == 0xf0);
  CHECK(uuid->to_string() == "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
  CHECK_FALSE(Uuid::parse("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
  CHECK_FALSE(Uuid::parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg"));
  CHECK_FALSE(Uuid::parse("0f1e2d3c-4b5a-6978-8796a-5b4c3d2e1f0"));
}
