#include "core/schema/schema.hpp"

#include "core/util/strings.hpp"

#include <algorithm>

namespace orm::schema {

namespace {

template <typename T>
auto
find_by_name(T& items, std::string_view wanted) -> decltype(&items.front())
{
  auto found = std::find_if(items.begin(), items.end(),
                            [&](const auto& item) { return item.name == wanted; });
  return found == items.end() ? nullptr : &*found;
}

template <typename T>
void
sort_by_name(std::vector<T>& items)
{
  std::stable_sort(items.begin(), items.end(),
                   [](const T& a, const T& b) { return a.name < b.name; });
}

} // namespace

const Column*
Table::find_column(std::string_view wanted) const
{
  return find_by_name(columns, wanted);
}
Column*
Table::find_column(std::string_view wanted)
{
  return find_by_name(columns, wanted);
}
const Index*
Table::find_index(std::string_view wanted) const
{
  return find_by_name(indexes, wanted);
}
const ForeignKey*
Table::find_foreign_key(std::string_view wanted) const
{
  return find_by_name(foreign_keys, wanted);
}
const Check*
Table::find_check(std::string_view wanted) const
{
  return find_by_name(checks, wanted);
}
const Table*
Schema::find_table(std::string_view wanted) const
{
  return find_by_name(tables, wanted);
}
Table*
Schema::find_table(std::string_view wanted)
{
  return find_by_name(tables, wanted);
}

void
sort_canonically(Table& table)
{
  sort_by_name(table.indexes);
  sort_by_name(table.foreign_keys);
  sort_by_name(table.checks);
  sort_by_name(table.triggers);
  sort_by_name(table.views);
}

void
sort_canonically(Schema& schema)
{
  sort_by_name(schema.tables);
  for (auto& table : schema.tables) {
    sort_canonically(table);
  }
}

std::string
index_name(const std::string& table, const std::vector<std::string>& columns, bool unique)
{
  return table + "_" + util::join(columns, "_") + (unique ? "_key" : "_idx");
}

std::string
foreign_key_name(const std::string& table, const std::vector<std::string>& columns)
{
  return table + "_" + util::join(columns, "_") + "_fkey";
}

std::string
check_name(const std::string& table, const std::string& column, int ordinal)
{
  std::string name = table + "_" + column + "_check";
  return ordinal > 1 ? name + std::to_string(ordinal) : name;
}

const char*
to_string(ReferentialAction action)
{
  switch (action) {
  case ReferentialAction::no_action:
    return "no action";
  case ReferentialAction::restrict:
    return "restrict";
  case ReferentialAction::cascade:
    return "cascade";
  case ReferentialAction::set_null:
    return "set null";
  case ReferentialAction::set_default:
    return "set default";
  }
  return "no action";
}

const char*
to_string(IndexPart::NullsOrder nulls)
{
  switch (nulls) {
  case IndexPart::NullsOrder::unspecified:
    return "";
  case IndexPart::NullsOrder::first:
    return "nulls first";
  case IndexPart::NullsOrder::last:
    return "nulls last";
  }
  return "";
}

} // namespace orm::schema
