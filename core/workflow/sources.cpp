#include "core/workflow/sources.hpp"

#include "core/migrate/directory.hpp"
#include "core/models/models.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::workflow {

schema::Schema
load_models(const Project& project)
{
  return models::parse_file(project.models.string());
}

std::unique_ptr<dialect::Dialect>
project_dialect(const Project& project)
{
  if (project.database_url_source == "the default" && project.dialect) {
    return dialect::make_dialect(*project.dialect);
  }
  return dialect::make_dialect(
      dialect::dialect_name_of(project.database_url, project.database_url_source));
}

std::unique_ptr<dialect::Session>
open_session(const Project& project, const std::string& url, std::string_view source)
{
  dialect::ConnectOptions options{project.schema, project.statement_timeout_ms,
                                  project.ddl_lock_timeout_ms};
  if (url.empty()) {
    return dialect::connect(project.database_url, options, project.database_url_source);
  }
  return dialect::connect(url, options, source);
}

schema::Schema
migrations_state(const Project& project)
{
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  if (auto state = directory.state()) {
    return *state;
  }
  if (!directory.files().empty()) {
    throw Error(
        ErrorKind::migration,
        fmt::format("{}: there are migrations but no orm.state; generate the next migration "
                    "once without --offline to record it",
                    project.migrations_dir.string()));
  }
  return {};
}

DiffSide
load_side(const std::string& spec, const Project& project, std::string_view source)
{
  if (spec == "migrations") {
    return {migrations_state(project), {}};
  }
  if (spec == "models") {
    return {load_models(project), {}};
  }
  if (spec.find("://") != std::string::npos || spec.rfind("sqlite:", 0) == 0) {
    auto session = open_session(project, spec, source);
    schema::Schema schema = session->inspect();
    return {std::move(schema), std::move(session)};
  }
  return {models::parse_file(spec), {}};
}

} // namespace orm::workflow
