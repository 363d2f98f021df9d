#pragma once

#include <filesystem>
#include <string>

namespace orm::migrate {

// Whole-file reads and writes for the migration directory. Failures are Error(migration)
// naming the path.
std::string read_text(const std::filesystem::path& path);
// Writes through a temporary file and a rename, so a reader never sees half a file.
void write_text(const std::filesystem::path& path, const std::string& content);

} // namespace orm::migrate
