#include "core/workflow/makemigrations.hpp"

#include "core/diff/differ.hpp"
#include "core/migrate/directory.hpp"
#include "core/migrate/runner.hpp"
#include "core/util/error.hpp"
#include "core/workflow/sources.hpp"

#include <fmt/format.h>

namespace orm::workflow {

namespace {

// Refuses to diff a database that lags behind the migration directory: the new migration would
// repeat what the pending ones do.
void
require_up_to_date(migrate::Store& store, const migrate::MigrationDirectory& directory)
{
  migrate::Runner runner(store, directory);
  int pending = 0;
  for (const auto& entry : runner.status()) {
    if (entry.state == migrate::MigrationState::pending ||
        entry.state == migrate::MigrationState::failed) {
      ++pending;
    }
  }
  if (pending > 0) {
    throw Error(
        ErrorKind::migration,
        fmt::format("the database has {} migration{} not applied; run `orm migrate up` first",
                    pending, pending == 1 ? "" : "s"));
  }
}

// Versions are strictly increasing even when two migrations are made within one second.
std::string
next_version(const migrate::MigrationDirectory& directory,
             std::chrono::system_clock::time_point now)
{
  std::string version = migrate::version_for(now);
  while (!directory.files().empty() && version <= directory.files().back().version) {
    now += std::chrono::seconds(1);
    version = migrate::version_for(now);
  }
  return version;
}

std::string
default_name(const diff::Changes& changes, bool first)
{
  if (first) {
    return "initial";
  }
  if (changes.size() == 1) {
    if (const auto* add = std::get_if<diff::AddTable>(&changes[0])) {
      return "add_" + add->table.name;
    }
    if (const auto* drop = std::get_if<diff::DropTable>(&changes[0])) {
      return "drop_" + drop->table.name;
    }
    if (const auto* modify = std::get_if<diff::ModifyTable>(&changes[0])) {
      return "alter_" + modify->to.name;
    }
  }
  return "auto";
}

} // namespace

PendingMigration
make_migration(const Project& project, const MakeOptions& options)
{
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  schema::Schema models = load_models(project);
  PendingMigration result;
  // Online, the session's dialect: it knows the server (MySQL's version, default engine,
  // charsets and collations), so both sides normalise alike.
  std::unique_ptr<dialect::Session> session;
  std::unique_ptr<dialect::Dialect> offline_dialect;
  const dialect::Dialect* dialect = nullptr;
  schema::Schema current;
  if (options.offline) {
    offline_dialect = project_dialect(project);
    dialect = offline_dialect.get();
    current = migrations_state(project);
  } else {
    session = open_session(project);
    require_up_to_date(session->store(), directory);
    current = session->inspect();
    dialect = &session->dialect();
  }
  result.dialect = std::string(dialect->name());
  if (!options.empty) {
    result.changes = diff::diff(current, models, dialect->hooks());
    if (result.changes.empty()) {
      return result;
    }
    result.plan = dialect->plan(result.changes);
    result.summary = diff::describe(result.changes);
    for (const auto& step : result.plan.steps) {
      result.warnings.insert(result.warnings.end(), step.warnings.begin(), step.warnings.end());
    }
  }
  std::string name = options.name;
  if (name.empty()) {
    name = options.empty ? "manual" : default_name(result.changes, directory.files().empty());
  }
  result.name = migrate::slug(name);
  result.version = next_version(directory, options.now);
  result.file_name = result.version + "_" + result.name + ".sql";
  result.content =
      migrate::render_migration(result.plan, result.version, result.name, result.dialect);
  return result;
}

std::string
write_migration(const Project& project, const PendingMigration& migration)
{
  auto directory = migrate::MigrationDirectory::load(project.migrations_dir);
  auto path = directory.add(migration.version, migration.name, migration.content,
                            load_models(project), migration.dialect);
  return path.string();
}

} // namespace orm::workflow
