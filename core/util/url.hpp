#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orm::util {

// How the text after "scheme://" reads.
enum class UrlForm
{
  network, // [user[:password]@]host[:port][/database][?key=value&...] (postgres://, mysql://)
  path,    // a file path, kept as written (sqlite://relative, sqlite:///absolute)
};

// A database URL taken apart. The user's and password's parts end at the LAST '@' of the URL, so
// a password may hold '@', '/', '#' and '?' as they are; an '@' anywhere else is written %40.
struct Url
{
  std::string scheme; // lowercase, without "://"
  std::string path;   // UrlForm::path: everything after "scheme://", as written
  std::string user;   // the rest is percent-decoded
  std::optional<std::string> password;
  std::string host; // an IPv6 address without its brackets; empty when the URL names none
  std::optional<unsigned> port;
  std::string database;
  std::vector<std::pair<std::string, std::string>> parameters; // the query, in order
  std::string display; // the URL for messages: every password masked
  std::string source;  // where the URL came from: "--database-url", "orm.toml:1:16", ...
  // The password's texts as written and as decoded (userinfo and password= parameters), for
  // scrubbing them from a client library's messages.
  std::vector<std::string> secrets;

  // The last value of a query parameter, if given.
  const std::string* parameter(std::string_view key) const;
};

// The scheme of `text` (lowercase), if it starts with one followed by "://".
std::optional<std::string> scheme_of(std::string_view text);

// Throws Error(config) "<source>: invalid database URL '<masked>': <why>" for a URL without
// "scheme://", bad percent-encoding, an unclosed IPv6 bracket, a port that is no number from 1
// to 65535, or a query parameter without '='. The message never holds the password.
Url parse_url(std::string_view text, std::string_view source, UrlForm form);

// "%2F" -> "/"; nullopt for a '%' not followed by two hex digits, or one that decodes to NUL.
std::optional<std::string> percent_decoded(std::string_view text);

} // namespace orm::util
