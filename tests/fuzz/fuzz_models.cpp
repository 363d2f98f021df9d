// libFuzzer target for the models language: parse(print(s)) == s. Any text the parser accepts
// prints to a text that parses to the same schema and prints again byte for byte the same; the
// parser rejects the rest with orm::Error, and any other exception escaping is a crash.
#include "core/models/models.hpp"
#include "core/util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void
fail(const char* what, const std::string& first, const std::string& second)
{
  std::fprintf(stderr, "models round trip: %s\n--- first\n%s\n--- second\n%s\n--- end\n", what,
               first.c_str(), second.c_str());
  std::abort();
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string input(reinterpret_cast<const char*>(data), size);
  orm::schema::Schema parsed;
  try {
    parsed = orm::models::parse(input, "fuzz.orm");
  } catch (const orm::Error&) {
    return 0;
  }
  std::string printed = orm::models::print(parsed);
  orm::schema::Schema reparsed;
  try {
    reparsed = orm::models::parse(printed, "printed.orm");
  } catch (const orm::Error& error) {
    fail(error.what(), input, printed);
  }
  if (!(reparsed == parsed)) {
    fail("the printout parses to another schema (input, then printout)", input, printed);
  }
  std::string reprinted = orm::models::print(reparsed);
  if (reprinted != printed) {
    fail("printing the reparsed schema gives other text", printed, reprinted);
  }
  return 0;
}
