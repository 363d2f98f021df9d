#pragma once

#include "core/schema/schema.hpp"

#include <optional>
#include <string>

// Small builders the table-driven tests share.
namespace orm::test {

inline schema::Column
column(std::string name, schema::Type type, bool nullable = false,
       std::optional<schema::Default> default_value = std::nullopt)
{
  schema::Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  result.default_value = std::move(default_value);
  return result;
}

inline schema::Default
literal(std::string text)
{
  return {schema::Default::Kind::literal, std::move(text)};
}

} // namespace orm::test
