#include "core/runtime/json.hpp"
#include "core/util/strings.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm {

void
json_set(Json& json, std::string_view key, Json value)
{
  json[std::string(key)] = std::move(value);
}

bool
json_has(const Json& json, std::string_view key)
{
  return json.is_object() && json.find(key) != json.end();
}

const Json&
json_at(const Json& json, std::string_view key)
{
  return json.at(std::string(key));
}

std::string
hex_of(const Bytes& bytes)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (std::byte byte : bytes) {
    auto value = std::to_integer<unsigned>(byte);
    hex += k_digits[value >> 4];
    hex += k_digits[value & 15];
  }
  return hex;
}

Bytes
bytes_of_hex(std::string_view hex)
{
  if (hex.size() % 2 != 0) {
    bad_json_value(Json(std::string(hex)), "hex digits in pairs");
  }
  Bytes bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = util::hex_digit_value(hex[i]);
    int low = util::hex_digit_value(hex[i + 1]);
    if (high < 0 || low < 0) {
      bad_json_value(Json(std::string(hex)), "hex digits");
    }
    bytes.push_back(static_cast<std::byte>(high * 16 + low));
  }
  return bytes;
}

void
bad_json_value(const Json& json, std::string_view expected)
{
  throw Error(ErrorKind::usage, fmt::format("JSON value {} is not {}", json.dump(), expected));
}

} // namespace orm
