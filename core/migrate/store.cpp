#include "core/migrate/store.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::migrate {

namespace {

[[noreturn]] void
never_partial(const MigrationFile& migration)
{
  throw Error(ErrorKind::migration,
              fmt::format("migration {} is not partly applied: this database applies each "
                          "migration in one transaction",
                          migration.file_name));
}

} // namespace

void
Store::resume(const MigrationFile& migration, const HistoryRow&, FirstStatement)
{
  never_partial(migration);
}

void
Store::revert_partial(const MigrationFile& migration, const HistoryRow&)
{
  never_partial(migration);
}

} // namespace orm::migrate
