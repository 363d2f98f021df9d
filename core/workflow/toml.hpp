#pragma once

#include <map>
#include <string>

namespace orm::workflow {

// The subset of TOML that orm.toml uses: `key = "string"`, `key = 123`, `key = true`, comments
// and blank lines. Throws Error(config) "<file>:<line>:<col>: expected ..., found ..." otherwise.
std::map<std::string, std::string> parse_flat_toml(const std::string& text,
                                                   const std::string& file_name);

} // namespace orm::workflow
