#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orm::util {

// `url` with its password as "****": the userinfo's (after the first ':', up to the last '@') and
// every `password=` query parameter's. Never throws: also for a malformed URL or one without a
// scheme (`u:secret@host/db`), and for `scheme://u:secret/db`, whose '@' is missing.
std::string mask_url(std::string_view url);

// Where a `password=` query parameter's value ends, given the '&' (or the end) after it: at the
// next '&' that starts a key=value, so that an unencoded '&' stays inside the password.
size_t end_of_password_parameter(std::string_view url, size_t ampersand);

// `text` (a message) with mask_url applied to every "scheme://..." in it, each ending at a space
// or a quote, without the punctuation that ends it (`:`, `,`, `;`, `.`, `)`).
std::string mask_urls_in(std::string_view text);

// The password texts of `url` that a message must not show: each as written and as decoded.
std::vector<std::string> password_texts(std::string_view url);

// `text` with every occurrence of each secret replaced by "****". Secrets shorter than
// k_min_scrubbed characters are left alone: they would blank out ordinary words.
inline constexpr size_t k_min_scrubbed = 4;
std::string scrub(std::string text, const std::vector<std::string>& secrets);

} // namespace orm::util
