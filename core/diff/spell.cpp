#include "core/diff/spell.hpp"

#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <functional>
#include <vector>

namespace orm::diff {

namespace {

// One aspect of a definition, spelled for a side.
template <typename Item> using Aspect = std::function<std::string(const Item&)>;

template <typename Item>
std::string
spell_changed(const Item& from, const Item& to, const std::vector<Aspect<Item>>& aspects)
{
  std::vector<std::string> before;
  std::vector<std::string> after;
  for (const auto& aspect : aspects) {
    std::string a = aspect(from);
    std::string b = aspect(to);
    if (a != b) {
      before.push_back(std::move(a));
      after.push_back(std::move(b));
    }
  }
  return util::join(before, " ") + " -> " + util::join(after, " ");
}

std::string
spell_part(const schema::IndexPart& part)
{
  std::string text = part.expression.empty() ? part.column : "(" + part.expression + ")";
  if (part.prefix_length > 0) {
    text += fmt::format("({})", part.prefix_length);
  }
  if (part.descending) {
    text += " desc";
  }
  if (part.nulls != schema::IndexPart::NullsOrder::unspecified) {
    text += std::string(" ") + schema::to_string(part.nulls);
  }
  return text;
}

std::string
spell_parts(const std::vector<schema::IndexPart>& parts)
{
  std::vector<std::string> spelled;
  for (const auto& part : parts) {
    spelled.push_back(spell_part(part));
  }
  return "(" + util::join(spelled, ", ") + ")";
}

std::string
spell_names(const std::vector<std::string>& names)
{
  return "(" + util::join(names, ", ") + ")";
}

std::string
spell_deferrable(const schema::ForeignKey& key)
{
  std::string text = key.deferrable ? "deferrable" : "not deferrable";
  return key.initially_deferred ? text + " initially deferred" : text;
}

} // namespace

std::string
spell_difference(const schema::Index& from, const schema::Index& to)
{
  using Index = schema::Index;
  return spell_changed<Index>(
      from, to,
      {[](const Index& i) { return spell_parts(i.parts); },
       [](const Index& i) { return std::string(i.unique ? "unique" : "not unique"); },
       [](const Index& i) { return i.method.empty() ? "default method" : "using " + i.method; },
       [](const Index& i) {
         return i.include.empty() ? "no include" : "include " + spell_names(i.include);
       },
       [](const Index& i) { return i.where.empty() ? "no where" : "where (" + i.where + ")"; }});
}

std::string
spell_difference(const schema::ForeignKey& from, const schema::ForeignKey& to)
{
  using Key = schema::ForeignKey;
  return spell_changed<Key>(
      from, to,
      {[](const Key& k) { return spell_names(k.columns); },
       [](const Key& k) { return "references " + k.ref_table + spell_names(k.ref_columns); },
       [](const Key& k) { return std::string("on delete ") + schema::to_string(k.on_delete); },
       [](const Key& k) { return std::string("on update ") + schema::to_string(k.on_update); },
       [](const Key& k) { return spell_deferrable(k); },
       [](const Key& k) { return k.match.empty() ? "default match" : "match " + k.match; }});
}

std::string
spell_difference(const schema::Check& from, const schema::Check& to)
{
  return fmt::format("({}) -> ({})", from.expression, to.expression);
}

} // namespace orm::diff
