#pragma once

#include <stdexcept>
#include <string>

namespace orm::test {

// `text` with the first `from` replaced by `to`; a `from` it lacks is a broken test.
inline std::string
edited(std::string text, const std::string& from, const std::string& to)
{
  size_t at = text.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("the text to edit has no '" + from + "'");
  }
  return text.replace(at, from.size(), to);
}

} // namespace orm::test
