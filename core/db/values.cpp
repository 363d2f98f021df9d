#include "core/db/values.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace orm {

std::optional<Decimal>
Decimal::parse(std::string_view text)
{
  size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  size_t digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    ++digits;
  }
  if (i < text.size() && text[i] == '.') {
    size_t fraction = 0;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      ++fraction;
    }
    if (fraction == 0) {
      return std::nullopt;
    }
  }
  if (digits == 0 || i != text.size()) {
    return std::nullopt;
  }
  return Decimal{std::string(text)};
}

namespace {

// Without leading integer zeros, trailing fraction zeros, and the sign of zero.
std::string
normalised(std::string_view text)
{
  bool negative = !text.empty() && text[0] == '-';
  text.remove_prefix(negative ? 1 : 0);
  if (text.find('.') != std::string_view::npos) {
    text.remove_suffix(text.size() - 1 - text.find_last_not_of('0'));
    if (text.back() == '.') {
      text.remove_suffix(1);
    }
  }
  text.remove_prefix(std::min(text.find_first_not_of('0'), text.size()));
  std::string magnitude =
      text.empty() || text[0] == '.' ? "0" + std::string(text) : std::string(text);
  return negative && magnitude != "0" ? "-" + magnitude : magnitude;
}

bool
is_dash_position(size_t i)
{
  return i == 8 || i == 13 || i == 18 || i == 23;
}

} // namespace

bool
Decimal::operator==(const Decimal& other) const
{
  return normalised(text) == normalised(other.text);
}

std::optional<Uuid>
Uuid::parse(std::string_view text)
{
  if (text.size() != 36) {
    return std::nullopt;
  }
  Uuid uuid;
  size_t byte = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_dash_position(i)) {
      if (text[i] != '-') {
        return std::nullopt;
      }
      continue;
    }
    int high = util::hex_digit_value(text[i]);
    int low = util::hex_digit_value(text[++i]);
    if (high < 0 || low < 0 || is_dash_position(i)) {
      return std::nullopt;
    }
    uuid.bytes[byte++] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return uuid;
}

std::string
Uuid::to_string() const
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      text += '-';
    }
    text += k_digits[bytes[i] >> 4];
    text += k_digits[bytes[i] & 15];
  }
  return text;
}

} // namespace orm
