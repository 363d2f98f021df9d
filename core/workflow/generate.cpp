#include "core/workflow/generate.hpp"

#include "core/codegen/cpp_header.hpp"
#include "core/migrate/directory.hpp"
#include "core/migrate/file_io.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <system_error>

namespace orm::workflow {

namespace {

namespace fs = std::filesystem;

// `dialect=...` of orm.state's first line, `// orm:state dialect=sqlite version=...`.
std::string
state_dialect(const fs::path& migrations_dir)
{
  fs::path path = migrations_dir / "orm.state";
  std::string text = migrate::read_text(path);
  std::string first = text.substr(0, text.find('\n'));
  for (const auto& word : util::split(first, ' ')) {
    if (word.rfind("dialect=", 0) == 0) {
      return word.substr(8);
    }
  }
  throw Error(ErrorKind::migration,
              fmt::format("{}:1: the header names no dialect (`dialect=...`)", path.string()));
}

} // namespace

std::string
generated_cpp(const Project& project, const GenerateOptions& options)
{
  if (!codegen::valid_namespace(options.name_space)) {
    throw Error(ErrorKind::usage,
                fmt::format("--namespace '{}' is not a C++ namespace name (a, or a::b)",
                            options.name_space));
  }
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto state = directory.state();
  if (!state) {
    throw Error(ErrorKind::migration,
                fmt::format("{} has no orm.state: run `orm makemigrations` first (the header is "
                            "generated from the schema the committed migrations lead to)",
                            project.migrations_dir.string()));
  }
  codegen::HeaderPin pin;
  pin.dialect = state_dialect(project.migrations_dir);
  const auto& files = directory.files();
  if (!files.empty()) {
    pin.head = files.back().version;
    pin.head_name = files.back().name;
  }
  std::string sum = migrate::compute_sum(files);
  pin.sum = sum.substr(0, sum.find('\n'));
  for (const auto& file : files) {
    pin.history.push_back({file.version, file.checksum});
  }
  return codegen::cpp_header(*state, pin, {options.name_space});
}

std::optional<fs::path>
generated_cpp_path(const Project& project, const std::string& out)
{
  if (!out.empty()) {
    return fs::path(out);
  }
  return project.generate_cpp;
}

bool
generated_is_current(const fs::path& path, const std::string& text)
{
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return false;
  }
  return migrate::read_text(path, ErrorKind::config) == text;
}

bool
write_generated(const fs::path& path, const std::string& text)
{
  if (generated_is_current(path, text)) {
    return false;
  }
  migrate::write_text(path, text, ErrorKind::config);
  return true;
}

std::optional<fs::path>
regenerate_configured(const Project& project)
{
  if (!project.generate_cpp) {
    return std::nullopt;
  }
  write_generated(*project.generate_cpp, generated_cpp(project, {}));
  return project.generate_cpp;
}

} // namespace orm::workflow
