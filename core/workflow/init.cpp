#include "core/workflow/init.hpp"

#include "core/util/error.hpp"
#include "core/workflow/project.hpp"

#include <fmt/format.h>
#include <fstream>

namespace orm::workflow {

namespace {

constexpr const char* k_example_models =
    R"(// The data model. Edit it, then run `orm makemigrations` and `orm migrate up`.
// Columns are NOT NULL unless their type ends with `?`.

table users {
  id          bigint        primary key autoincrement
  email       varchar(255)  unique
  name        text?
  created_at  timestamp     default now
}
)";

void
write_new_file(const std::filesystem::path& path, const std::string& content)
{
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) {
    throw Error(ErrorKind::config, fmt::format("{}: cannot write the file", path.string()));
  }
}

} // namespace

std::vector<std::string>
init_project(const std::filesystem::path& folder, const std::string& dialect)
{
  auto config = folder / "orm.toml";
  if (std::filesystem::exists(config)) {
    throw Error(
        ErrorKind::usage,
        fmt::format("{} already exists; this folder is already an orm project", config.string()));
  }
  std::vector<std::string> created;
  write_new_file(config, default_config_text(dialect));
  created.push_back("orm.toml");
  if (!std::filesystem::exists(folder / "models.orm")) {
    write_new_file(folder / "models.orm", k_example_models);
    created.push_back("models.orm");
  }
  std::error_code error;
  if (std::filesystem::create_directories(folder / "migrations", error)) {
    created.push_back("migrations/");
  } else if (error) {
    throw Error(ErrorKind::config,
                fmt::format("{}: {}", (folder / "migrations").string(), error.message()));
  }
  return created;
}

} // namespace orm::workflow
