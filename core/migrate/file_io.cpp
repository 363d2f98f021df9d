#include "core/migrate/file_io.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace orm::migrate {

namespace {

[[noreturn]] void
fail(const std::filesystem::path& path, const char* action, const std::string& reason)
{
  throw Error(ErrorKind::migration,
              fmt::format("{}: cannot {}: {}", path.string(), action, reason));
}

} // namespace

std::string
read_text(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(path, "read", std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    fail(path, "read", std::strerror(errno));
  }
  return buffer.str();
}

void
write_text(const std::filesystem::path& path, const std::string& content)
{
  std::error_code error;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      fail(path.parent_path(), "create directory", error.message());
    }
  }
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      fail(temporary, "write", std::strerror(errno));
    }
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::string reason = error.message();
    std::filesystem::remove(temporary, error);
    fail(path, "write", reason);
  }
}

} // namespace orm::migrate
