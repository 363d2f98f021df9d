#pragma once

#include "core/workflow/project.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace orm::workflow {

struct GenerateOptions
{
  std::string name_space = "models";
};

// The C++ header of `orm generate --lang cpp` for the schema the project's committed migrations
// lead to (orm.state), pinned to orm.sum. Throws Error(migration) when orm.sum does not match the
// files or migrations exist without orm.state, Error(usage) for a bad namespace.
std::string generated_cpp(const Project& project, const GenerateOptions& options);

// The header's path: `--out`, else orm.toml's `[generate] cpp`; nothing for stdout.
std::optional<std::filesystem::path> generated_cpp_path(const Project& project,
                                                        const std::string& out);

// Writes `text` to `path` (safely: a reader sees the old file or the new) unless it is already
// there; true when it wrote.
bool write_generated(const std::filesystem::path& path, const std::string& text);

// True when `path` holds exactly `text`.
bool generated_is_current(const std::filesystem::path& path, const std::string& text);

// After makemigrations: regenerates orm.toml's `[generate] cpp` header, if one is configured;
// the path written, or nothing.
std::optional<std::filesystem::path> regenerate_configured(const Project& project);

} // namespace orm::workflow
