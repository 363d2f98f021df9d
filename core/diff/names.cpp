#include "core/diff/names.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

namespace orm::diff {

namespace {

void
require_fits(const std::string& name, const schema::NameLimit& limit, const std::string& what)
{
  size_t length = schema::name_length(name, limit);
  if (length <= limit.length) {
    return;
  }
  const char* unit = limit.unit == schema::NameLimit::Unit::bytes ? "bytes" : "characters";
  throw Error(ErrorKind::config,
              fmt::format("{} is too long: {} {}, the database allows at most {}; shorten it", what,
                          length, unit, limit.length));
}

template <typename Item>
void
fit_named(const schema::Table& table, std::vector<Item>& items, const schema::NameLimit& limit,
          const char* kind)
{
  for (auto& item : items) {
    if (schema::is_default_name(table, item)) {
      item.name = schema::shortened(item.name, limit);
    } else {
      require_fits(item.name, limit,
                   fmt::format("{} '{}' on table '{}'", kind, item.name, table.name));
    }
  }
}

} // namespace

void
fit_names(schema::Table& table, const std::optional<schema::NameLimit>& limit)
{
  if (!limit) {
    return;
  }
  require_fits(table.name, *limit, fmt::format("table name '{}'", table.name));
  for (const auto& column : table.columns) {
    require_fits(column.name, *limit, fmt::format("column name '{}.{}'", table.name, column.name));
  }
  // Derived names are told apart on the whole table before any of them changes.
  const schema::Table as_named = table;
  fit_named(as_named, table.indexes, *limit, "index");
  fit_named(as_named, table.foreign_keys, *limit, "foreign key");
  fit_named(as_named, table.checks, *limit, "check");
}

} // namespace orm::diff
