#pragma once

#include "core/runtime/codec.hpp"
#include "core/runtime/descriptors.hpp"

#include <string>
#include <tuple>
#include <type_traits>

// Reading whole rows through the generated TableTraits.
namespace orm {

template <class Row>
constexpr std::size_t column_count_of = std::tuple_size_v<decltype(TableTraits<Row>::columns)>;

// The row whose columns start at `first`, in TableTraits<Row>::columns order.
template <class Row>
Row
read_row(const db::Statement& statement, int first = 0)
{
  Row row{};
  int column = first;
  std::apply(
      [&](const auto*... descriptor) {
        ((row.*(descriptor->member) =
              Codec<typename std::remove_cvref_t<decltype(*descriptor)>::value_type>::read(
                  statement, column++)),
         ...);
      },
      TableTraits<Row>::columns);
  return row;
}

// `"id", "email", ...`, each name prefixed with `qualifier.` when one is given.
template <class Row>
std::string
column_list(const db::SqlFlavor& flavor, std::string_view qualifier = {})
{
  std::string list;
  std::apply(
      [&](const auto*... descriptor) {
        ((list += (list.empty() ? "" : ", ") +
                  (qualifier.empty() ? std::string() : flavor.quote(qualifier) + ".") +
                  flavor.quote(descriptor->name)),
         ...);
      },
      TableTraits<Row>::columns);
  return list;
}

} // namespace orm
