#pragma once

#include "core/runtime/codec.hpp"
#include "core/runtime/descriptors.hpp"

#include <string>

// Reading whole rows through the generated TableTraits.
namespace orm {

template <class Row> constexpr std::size_t column_count_of = TableTraits<Row>::column_names.size();

// The row whose columns start at `first`, in TableTraits<Row>::column_names order.
template <class Row>
Row
read_row(const db::Statement& statement, int first = 0)
{
  return TableTraits<Row>::read(statement, first);
}

// `"id", "email", ...`, each name prefixed with `qualifier.` when one is given.
template <class Row>
std::string
column_list(const db::SqlFlavor& flavor, std::string_view qualifier = {})
{
  std::string prefix = qualifier.empty() ? std::string() : flavor.quote(qualifier) + ".";
  std::string list;
  for (std::string_view name : TableTraits<Row>::column_names) {
    list += (list.empty() ? "" : ", ") + prefix + flavor.quote(name);
  }
  return list;
}

} // namespace orm
