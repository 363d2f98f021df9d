#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace orm::workflow {

// One top-level value of orm.toml and where it was written (1-based).
struct TomlSetting
{
  std::variant<std::string, std::int64_t, bool> value;
  int line = 0;
  int column = 0;
};

// The top-level `key = value` settings of orm.toml, read with toml++, and those of one level of
// tables as "table.key" (`[generate] cpp = ...` is "generate.cpp"). Throws Error(config)
// "<file>:<line>:<col>: [<key>: ]<what is wrong>" for a TOML error (a duplicate key, an integer
// past 64 bits, a missing quote, ...) and for a value that is not a string, an integer or a
// boolean (a table, an array, a float, a date). Passwords are masked in every message.
std::map<std::string, TomlSetting> read_flat_toml(const std::string& text,
                                                  const std::string& file_name);

} // namespace orm::workflow
