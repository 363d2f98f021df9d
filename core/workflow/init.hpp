#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace orm::workflow {

// Writes orm.toml, an example models.orm and an empty migrations/ in `folder`; returns what it
// created. Refuses (Error(usage)) when orm.toml already exists or is a symbolic link, and when
// models.orm or migrations/ is a link to nothing (or to the wrong kind of file); keeps an existing
// models.orm (a link to a file included). Each file is created whole or not at all, exclusively.
std::vector<std::string> init_project(const std::filesystem::path& folder,
                                      const std::string& dialect);

} // namespace orm::workflow
