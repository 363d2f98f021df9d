#pragma once

#include <filesystem>
#include <string>

namespace orm::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir
{
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::filesystem::path &path() const { return m_path; }
  std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

void write_file(const std::filesystem::path &path, const std::string &content);
std::string read_file(const std::filesystem::path &path);

} // namespace orm::test
