#include "core/workflow/init.hpp"

#include "core/migrate/file_io.hpp"
#include "core/util/error.hpp"
#include "core/workflow/project.hpp"

#include <fmt/format.h>

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

namespace fs = std::filesystem;

enum class Presence
{
  missing,
  present
};

const char*
kind_name(fs::file_type type)
{
  return type == fs::file_type::directory ? "folder" : "file";
}

// Whether `path` exists as a `expected` kind of file, or a link to one (used as it is, never
// written through); anything else there, a link to nothing included, is refused.
Presence
presence_of(const fs::path& path, fs::file_type expected)
{
  std::error_code error;
  auto type = fs::symlink_status(path, error).type();
  if (type == fs::file_type::not_found) {
    return Presence::missing;
  }
  if (type == fs::file_type::symlink) {
    if (fs::status(path, error).type() != expected) {
      throw Error(ErrorKind::usage,
                  fmt::format("{} is a symbolic link, and not to a {}; orm init does not write "
                              "through links: remove it",
                              path.string(), kind_name(expected)));
    }
  } else if (type != expected) {
    throw Error(ErrorKind::usage,
                fmt::format("{} exists and is not a {}", path.string(), kind_name(expected)));
  }
  return Presence::present;
}

} // namespace

// Everything is checked before anything is written, and orm.toml, which marks a finished
// project, is written last: an interrupted init can be run again.
std::vector<std::string>
init_project(const fs::path& folder, const std::string& dialect)
{
  using fs::file_type;
  auto config = folder / "orm.toml";
  auto models = folder / "models.orm";
  auto migrations = folder / "migrations";
  std::error_code error;
  if (fs::is_symlink(config, error)) {
    throw Error(ErrorKind::usage,
                fmt::format("{} is a symbolic link; orm init does not write through links",
                            config.string()));
  }
  if (presence_of(config, file_type::regular) == Presence::present) {
    throw Error(
        ErrorKind::usage,
        fmt::format("{} already exists; this folder is already an orm project", config.string()));
  }
  bool write_models = presence_of(models, file_type::regular) == Presence::missing;
  bool make_migrations = presence_of(migrations, file_type::directory) == Presence::missing;

  std::vector<std::string> created;
  if (make_migrations) {
    fs::create_directory(migrations, error);
    if (error) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", migrations.string(), error.message()));
    }
  }
  if (write_models) {
    migrate::create_text(models, k_example_models, ErrorKind::config);
  }
  migrate::create_text(config, default_config_text(dialect), ErrorKind::config);
  created.push_back("orm.toml");
  if (write_models) {
    created.push_back("models.orm");
  }
  if (make_migrations) {
    created.push_back("migrations/");
  }
  return created;
}

} // namespace orm::workflow
