#pragma once

#include "core/schema/schema.hpp"

#include <string>

namespace orm::models {

// Parses the models language (grammar in README.md, "The models language"). Throws
// orm::Error(config) whose message is "<file>:<line>:<col>: expected <what>, found <what>".
// The returned schema is canonically sorted and every constraint has its name (given or default).
schema::Schema parse(const std::string& text, const std::string& file_name);

// Reads and parses a models file; a missing or unreadable file is an Error(config) naming it.
schema::Schema parse_file(const std::string& path);

// Writes a schema in the models language, canonically formatted: parse(print(s), f) == s.
std::string print(const schema::Schema& schema);

} // namespace orm::models
