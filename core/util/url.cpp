#include "core/util/url.hpp"

#include "core/util/error.hpp"
#include "core/util/mask.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>

namespace orm::util {

namespace {

constexpr unsigned k_max_port = 65535;

bool
is_scheme_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// The length of the scheme `text` starts with (letters, then letters, digits, + - .), or 0.
size_t
scheme_length(std::string_view text)
{
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) {
    return 0;
  }
  size_t length = 1;
  while (length < text.size() && is_scheme_char(text[length])) {
    ++length;
  }
  return length;
}

class UrlReader
{
public:
  UrlReader(std::string_view text, std::string_view source) : m_text(text)
  {
    m_url.display = mask_url(text);
    m_url.source = source;
    m_url.secrets = password_texts(text);
  }

  Url read(UrlForm form)
  {
    size_t length = scheme_length(m_text);
    if (length == 0 || m_text.substr(length, 3) != "://") {
      bool scheme_without_slashes = length > 0 && m_text.substr(length, 1) == ":" &&
                                    m_text.find('@') == std::string_view::npos;
      fail(scheme_without_slashes
               ? fmt::format("'{}:' must be followed by '//' ({}://...)", m_text.substr(0, length),
                             to_lower(m_text.substr(0, length)))
               : std::string("it does not start with a scheme and '://' (postgres://, "
                             "mysql://, sqlite://)"));
    }
    m_url.scheme = to_lower(m_text.substr(0, length));
    std::string_view rest = m_text.substr(length + 3);
    if (form == UrlForm::path) {
      m_url.path = std::string(rest);
    } else {
      read_network(rest);
    }
    return std::move(m_url);
  }

private:
  void read_network(std::string_view rest)
  {
    if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
      std::string_view userinfo = rest.substr(0, at);
      size_t colon = userinfo.find(':');
      m_url.user = decoded(userinfo.substr(0, colon), "the user name");
      if (colon != std::string_view::npos) {
        m_url.password = decoded(userinfo.substr(colon + 1), "the password");
      }
      rest = rest.substr(at + 1);
    }
    size_t query = rest.find('?');
    if (query != std::string_view::npos) {
      read_query(rest.substr(query + 1));
      rest = rest.substr(0, query);
    }
    size_t slash = rest.find('/');
    if (slash != std::string_view::npos) {
      m_url.database = decoded(rest.substr(slash + 1), "the database name");
      rest = rest.substr(0, slash);
    }
    read_host_and_port(rest);
  }

  void read_host_and_port(std::string_view authority)
  {
    std::string_view port;
    if (authority.starts_with('[')) {
      size_t close = authority.find(']');
      if (close == std::string_view::npos) {
        fail("the IPv6 address after '[' has no closing ']'");
      }
      m_url.host = std::string(authority.substr(1, close - 1));
      std::string_view after = authority.substr(close + 1);
      if (!after.empty() && !after.starts_with(':')) {
        fail("after the IPv6 address in '[...]' only ':port' may follow");
      }
      port = after.empty() ? after : after.substr(1);
      if (after == ":") {
        fail("the port after ':' is missing");
      }
    } else {
      size_t colon = authority.rfind(':');
      m_url.host = decoded(authority.substr(0, colon), "the host");
      if (colon != std::string_view::npos) {
        port = authority.substr(colon + 1);
        if (port.empty()) {
          fail("the port after ':' is missing");
        }
      }
    }
    if (!port.empty()) {
      unsigned value = 0;
      auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
      if (error != std::errc() || end != port.data() + port.size() || value == 0 ||
          value > k_max_port) {
        fail(fmt::format("the port is not a number from 1 to {}", k_max_port));
      }
      m_url.port = value;
    }
  }

  void read_query(std::string_view query)
  {
    int position = 0;
    for (size_t start = 0; start <= query.size();) {
      ++position;
      size_t end = std::min(query.find('&', start), query.size());
      std::string_view pair = query.substr(start, end - start);
      size_t equals = pair.find('=');
      if (pair.empty()) {
        start = end + 1;
        continue;
      }
      if (equals == std::string_view::npos || equals == 0) {
        fail(fmt::format("query parameter {} is not key=value", position));
      }
      std::string key = decoded(pair.substr(0, equals), "a parameter name");
      std::string what = "parameter '" + key + "'";
      if (equals_icase(key, "password")) {
        end = end_of_password_parameter(query, end);
        pair = query.substr(start, end - start);
        what = "the password parameter";
      }
      m_url.parameters.emplace_back(key, decoded(pair.substr(equals + 1), what));
      start = end + 1;
    }
  }

  std::string decoded(std::string_view text, std::string_view what)
  {
    auto result = percent_decoded(text);
    if (!result) {
      fail(fmt::format("{} has a '%' that is not followed by two hex digits (or encodes NUL); "
                       "write '%' as %25",
                       what));
    }
    return *result;
  }

  [[noreturn]] void fail(const std::string& why) const
  {
    throw Error(ErrorKind::config,
                fmt::format("{}: invalid database URL '{}': {}", m_url.source, m_url.display, why));
  }

  std::string_view m_text;
  Url m_url;
};

} // namespace

const std::string*
Url::parameter(std::string_view key) const
{
  const std::string* found = nullptr;
  for (const auto& [name, value] : parameters) {
    if (name == key) {
      found = &value;
    }
  }
  return found;
}

std::optional<std::string>
scheme_of(std::string_view text)
{
  size_t length = scheme_length(text);
  if (length == 0 || text.substr(length, 3) != "://") {
    return std::nullopt;
  }
  return to_lower(text.substr(0, length));
}

Url
parse_url(std::string_view text, std::string_view source, UrlForm form)
{
  return UrlReader(text, source).read(form);
}

std::optional<std::string>
percent_decoded(std::string_view text)
{
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      result += text[i];
      continue;
    }
    if (i + 2 >= text.size()) {
      return std::nullopt;
    }
    int high = util::hex_digit_value(text[i + 1]);
    int low = util::hex_digit_value(text[i + 2]);
    if (high < 0 || low < 0 || (high == 0 && low == 0)) {
      return std::nullopt;
    }
    result += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return result;
}

} // namespace orm::util
