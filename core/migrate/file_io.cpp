#include "core/migrate/file_io.hpp"

#include "core/migrate/file_descriptor.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orm::migrate {

namespace fs = std::filesystem;

namespace {

constexpr int k_name_attempts = 100;
constexpr int k_random_characters = 12;

[[noreturn]] void
fail(ErrorKind kind, const fs::path& path, std::string_view action, const std::string& reason)
{
  throw Error(kind, fmt::format("{}: cannot {}: {}", path.string(), action, reason));
}

[[noreturn]] void
fail(ErrorKind kind, const fs::path& path, std::string_view action, int error_number)
{
  fail(kind, path, action, std::strerror(error_number));
}

std::string
random_name()
{
  static constexpr std::string_view k_alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device device;
  std::uniform_int_distribution<size_t> pick(0, k_alphabet.size() - 1);
  std::string name(k_temporary_prefix);
  for (int i = 0; i < k_random_characters; ++i) {
    name += k_alphabet[pick(device)];
  }
  return name;
}

// Returns 0 or the errno of the first failing write, fsync or close.
int
write_durably(FileDescriptor& file, std::string_view content)
{
  while (!content.empty()) {
    ssize_t written = ::write(file.get(), content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
  if (::fsync(file.get()) != 0) {
    return errno;
  }
  return file.close();
}

fs::path
folder_of(const fs::path& path)
{
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

void
create_folder_of(const fs::path& path, ErrorKind kind)
{
  std::error_code error;
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), error);
    if (error) {
      fail(kind, path.parent_path(), "create the directory", error.message());
    }
  }
}

} // namespace

std::string
read_text(const fs::path& path, ErrorKind kind)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(kind, path, "read", errno);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    fail(kind, path, "read", errno);
  }
  return buffer.str();
}

fs::path
write_temporary(const fs::path& target, const std::string& content, ErrorKind kind)
{
  for (int attempt = 0; attempt < k_name_attempts; ++attempt) {
    fs::path path = folder_of(target) / random_name();
    // O_EXCL with O_CREAT never follows a symbolic link: a planted one is EEXIST, not a target.
    FileDescriptor file(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (file.get() < 0) {
      if (errno == EEXIST) {
        continue;
      }
      fail(kind, target, "write", errno);
    }
    if (int error = write_durably(file, content)) {
      ::unlink(path.c_str());
      fail(kind, target, "write", error);
    }
    return path;
  }
  fail(kind, target, "write", "every random name tried for its temporary file was taken");
}

void
write_text(const fs::path& path, const std::string& content, ErrorKind kind)
{
  create_folder_of(path, kind);
  fs::path temporary = write_temporary(path, content, kind);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    fail(kind, path, "write", error);
  }
  sync_folder(folder_of(path), kind);
}

void
create_text(const fs::path& path, const std::string& content, ErrorKind kind)
{
  create_folder_of(path, kind);
  fs::path temporary = write_temporary(path, content, kind);
  // link(2), unlike rename(2), fails when the new name exists, and never follows a link there.
  int error = ::link(temporary.c_str(), path.c_str()) == 0 ? 0 : errno;
  ::unlink(temporary.c_str());
  if (error == EEXIST) {
    struct stat status;
    bool is_link = ::lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
    fail(kind, path, "create", is_link ? "it is a symbolic link" : "it already exists");
  }
  if (error) {
    fail(kind, path, "create", error);
  }
  sync_folder(folder_of(path), kind);
}

void
rename_file(const fs::path& from, const fs::path& to, ErrorKind kind)
{
  if (::rename(from.c_str(), to.c_str()) != 0) {
    fail(kind, to, fmt::format("rename {} to it", from.filename().string()), errno);
  }
}

void
remove_file(const fs::path& path, ErrorKind kind)
{
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    fail(kind, path, "remove", errno);
  }
}

void
sync_folder(const fs::path& folder, ErrorKind kind)
{
  FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) {
    fail(kind, folder, "open the directory", errno);
  }
  // Some file systems cannot fsync a directory (EINVAL): their names are as durable as they get.
  if (::fsync(directory.get()) != 0 && errno != EINVAL) {
    fail(kind, folder, "sync the directory", errno);
  }
}

} // namespace orm::migrate
