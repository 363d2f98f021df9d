#include "core/util/mask.hpp"

#include "core/util/strings.hpp"
#include "core/util/url.hpp"

#include <algorithm>
#include <cctype>

namespace orm::util {

size_t
end_of_password_parameter(std::string_view url, size_t ampersand)
{
  while (ampersand < url.size()) {
    size_t next = std::min(url.find('&', ampersand + 1), url.size());
    if (url.substr(ampersand + 1, next - ampersand - 1).find('=') != std::string_view::npos) {
      break;
    }
    ampersand = next;
  }
  return ampersand;
}

namespace {

constexpr std::string_view k_mask = "****";

struct Span
{
  size_t begin;
  size_t end;
};

bool
all_digits(std::string_view text)
{
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Where the passwords of `url` are, in order.
std::vector<Span>
password_spans(std::string_view url)
{
  std::vector<Span> spans;
  size_t scheme_end = url.find("://");
  size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  size_t at = url.rfind('@');
  size_t host_start = start;
  if (at != std::string_view::npos && at >= start) {
    size_t colon = url.find(':', start);
    if (colon < at) {
      spans.push_back({colon + 1, at});
    }
    host_start = at + 1;
  } else if (scheme_end != std::string_view::npos) {
    size_t end = std::min(url.find_first_of("/?", start), url.size());
    std::string_view authority = url.substr(start, end - start);
    size_t colon = authority.find(':');
    if (!authority.starts_with('[') && colon != std::string_view::npos &&
        !all_digits(authority.substr(colon + 1))) {
      spans.push_back({start + colon + 1, end});
    }
  }
  size_t query = url.find('?', host_start);
  for (size_t pos = query; pos != std::string_view::npos && pos < url.size();) {
    size_t key_start = pos + 1;
    size_t next = std::min(url.find('&', key_start), url.size());
    size_t equals = url.find('=', key_start);
    if (equals < next && equals_icase(url.substr(key_start, equals - key_start), "password")) {
      next = end_of_password_parameter(url, next);
      spans.push_back({equals + 1, next});
    }
    pos = next < url.size() ? next : std::string_view::npos;
  }
  return spans;
}

bool
is_scheme_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

} // namespace

std::string
mask_url(std::string_view url)
{
  std::string masked;
  size_t copied = 0;
  for (const auto& span : password_spans(url)) {
    masked.append(url.substr(copied, span.begin - copied));
    masked.append(k_mask);
    copied = span.end;
  }
  masked.append(url.substr(copied));
  return masked;
}

std::string
mask_urls_in(std::string_view text)
{
  std::string result;
  size_t copied = 0;
  for (size_t found = text.find("://"); found != std::string_view::npos;
       found = text.find("://", found + 3)) {
    size_t begin = found;
    while (begin > copied && is_scheme_char(text[begin - 1])) {
      --begin;
    }
    size_t end = std::min(text.find_first_of(" \t\n'\"", found), text.size());
    while (end > found + 3 &&
           std::string_view(":,;.)").find(text[end - 1]) != std::string_view::npos) {
      --end; // "cannot connect to <url>: ..." ends the URL before its colon
    }
    result.append(text.substr(copied, begin - copied));
    result.append(mask_url(text.substr(begin, end - begin)));
    copied = end;
    found = end > found + 3 ? end - 3 : found;
  }
  result.append(text.substr(copied));
  return result;
}

std::vector<std::string>
password_texts(std::string_view url)
{
  std::vector<std::string> texts;
  for (const auto& span : password_spans(url)) {
    std::string written(url.substr(span.begin, span.end - span.begin));
    if (auto decoded = percent_decoded(written); decoded && *decoded != written) {
      texts.push_back(*decoded);
    }
    texts.push_back(std::move(written));
  }
  return texts;
}

std::string
scrub(std::string text, const std::vector<std::string>& secrets)
{
  std::vector<std::string> longest_first = secrets;
  std::sort(longest_first.begin(), longest_first.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& secret : longest_first) {
    if (secret.size() < k_min_scrubbed) {
      continue;
    }
    for (size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + k_mask.size())) {
      text.replace(at, secret.size(), k_mask);
    }
  }
  return text;
}

} // namespace orm::util
