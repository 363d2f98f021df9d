#pragma once

#include "core/util/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace orm::migrate {

// Every temporary file orm writes starts with this, so that loading a migration directory can
// recognise and remove what a killed process left behind.
inline constexpr std::string_view k_temporary_prefix = ".orm-tmp-";

// Whole-file reads and writes. Failures are Error(kind) naming the path and the OS reason.
std::string read_text(const std::filesystem::path& path, ErrorKind kind = ErrorKind::migration);

// Replaces `path` (creating its folder if needed) through a temporary file in the same folder
// that is renamed over it, so a reader sees the old content or the new, never half of it. A
// symbolic link at `path` is replaced by the file, never written through.
void write_text(const std::filesystem::path& path, const std::string& content,
                ErrorKind kind = ErrorKind::migration);

// Creates `path` with the whole `content` or not at all; fails when the name is taken, even by a
// dangling symbolic link.
void create_text(const std::filesystem::path& path, const std::string& content,
                 ErrorKind kind = ErrorKind::migration);

// Writes `content` to a new temporary file beside `target` (which it does not touch), created
// exclusively under a random name (`k_temporary_prefix` + 12 random characters) and fsynced;
// returns its path. Removes it and throws, naming `target`, on any failure.
std::filesystem::path write_temporary(const std::filesystem::path& target,
                                      const std::string& content,
                                      ErrorKind kind = ErrorKind::migration);

// rename(2): atomic, and replaces a symbolic link at `to` rather than following it.
void rename_file(const std::filesystem::path& from, const std::filesystem::path& to,
                 ErrorKind kind = ErrorKind::migration);
// Removes a file; a missing one is no error.
void remove_file(const std::filesystem::path& path, ErrorKind kind = ErrorKind::migration);
// fsyncs the folder itself, making the names created, renamed or removed in it durable.
void sync_folder(const std::filesystem::path& folder, ErrorKind kind = ErrorKind::migration);

} // namespace orm::migrate
