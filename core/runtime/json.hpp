#pragma once

#include "core/db/value_text.hpp"
#include "core/runtime/codec.hpp"

#include <optional>
#include <string>

// Rows to and from JSON (nlohmann), so one model serves the database and an HTTP API: the
// generated to_json/from_json of every row and insert struct call these per field. Dates and
// times are ISO 8601 text, bytes lower-case hex, decimals and uuids their text, enums their name,
// NULL null.
namespace orm {

// Field access by name without a template per key (nlohmann's operator[] takes a template per
// string literal length): what keeps the generated JSON functions cheap to compile.
void json_set(Json& json, std::string_view key, Json value);
bool json_has(const Json& json, std::string_view key);
const Json& json_at(const Json& json, std::string_view key); // throws Json::out_of_range

std::string hex_of(const Bytes& bytes);
Bytes bytes_of_hex(std::string_view hex); // throws orm::Error on anything but hex digits

template <class T>
Json
to_json_value(const T& value)
{
  if constexpr (std::is_same_v<T, Date>) {
    return db::format_date(value);
  } else if constexpr (std::is_same_v<T, Time>) {
    return db::format_time(value);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return db::format_timestamp(value);
  } else if constexpr (std::is_same_v<T, TimestampTz>) {
    return db::format_timestamptz(value);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return value.text;
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return value.to_string();
  } else if constexpr (std::is_same_v<T, Bytes>) {
    return hex_of(value);
  } else if constexpr (std::is_enum_v<T>) {
    return std::string(EnumNames<T>::names[static_cast<std::size_t>(value)]);
  } else {
    return value;
  }
}

template <class T>
Json
to_json_value(const std::optional<T>& value)
{
  return value ? to_json_value(*value) : Json(nullptr);
}

[[noreturn]] void bad_json_value(const Json& json, std::string_view expected);

template <class T>
void
from_json_value(const Json& json, T& value)
{
  auto parsed = [&](auto result, std::string_view expected) {
    if (!json.is_string() || !result) {
      bad_json_value(json, expected);
    }
    return *result;
  };
  if constexpr (std::is_same_v<T, Date>) {
    value = parsed(db::parse_date(json.is_string() ? json.get<std::string>() : ""), "a date");
  } else if constexpr (std::is_same_v<T, Time>) {
    value = parsed(db::parse_time(json.is_string() ? json.get<std::string>() : ""), "a time");
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    value =
        parsed(db::parse_timestamp(json.is_string() ? json.get<std::string>() : ""), "a timestamp");
  } else if constexpr (std::is_same_v<T, TimestampTz>) {
    value = parsed(db::parse_timestamptz(json.is_string() ? json.get<std::string>() : ""),
                   "a timestamp with a time zone");
  } else if constexpr (std::is_same_v<T, Decimal>) {
    value = parsed(Decimal::parse(json.is_string() ? json.get<std::string>() : ""), "a decimal");
  } else if constexpr (std::is_same_v<T, Uuid>) {
    value = parsed(Uuid::parse(json.is_string() ? json.get<std::string>() : ""), "a uuid");
  } else if constexpr (std::is_same_v<T, Bytes>) {
    value = bytes_of_hex(json.is_string() ? json.get<std::string>() : "");
  } else if constexpr (std::is_enum_v<T>) {
    const auto& names = EnumNames<T>::names;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (json.is_string() && names[k] == json.get<std::string>()) {
        value = static_cast<T>(k);
        return;
      }
    }
    bad_json_value(json, "one of the enum's values");
  } else {
    value = json.get<T>();
  }
}

template <class T>
void
from_json_value(const Json& json, std::optional<T>& value)
{
  if (json.is_null()) {
    value = std::nullopt;
  } else {
    from_json_value(json, value.emplace());
  }
}

} // namespace orm
