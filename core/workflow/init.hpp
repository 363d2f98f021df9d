#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace orm::workflow {

// Writes orm.toml, an example models.orm and an empty migrations/ in `folder`; returns what it
// created. Refuses (Error(usage)) when orm.toml already exists; keeps an existing models.orm.
std::vector<std::string> init_project(const std::filesystem::path& folder,
                                      const std::string& dialect);

} // namespace orm::workflow
