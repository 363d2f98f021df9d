#include "core/diff/order.hpp"

#include <algorithm>
#include <set>

namespace orm::diff {

namespace {

bool
contains(const std::vector<std::string>& names, const std::string& name)
{
  return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

std::vector<const schema::Table*>
order_for_creation(std::vector<const schema::Table*> tables)
{
  std::sort(tables.begin(), tables.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  std::set<std::string> pending;
  for (const auto* table : tables) {
    pending.insert(table->name);
  }
  auto ready = [&](const schema::Table* table) {
    return std::none_of(
        table->foreign_keys.begin(), table->foreign_keys.end(),
        [&](const auto& fk) { return fk.ref_table != table->name && pending.count(fk.ref_table); });
  };
  std::vector<const schema::Table*> ordered;
  while (!pending.empty()) {
    auto next = std::find_if(tables.begin(), tables.end(), [&](const auto* table) {
      return pending.count(table->name) && ready(table);
    });
    if (next == tables.end()) { // a cycle: take the first pending table by name
      next = std::find_if(tables.begin(), tables.end(),
                          [&](const auto* table) { return pending.count(table->name); });
    }
    pending.erase((*next)->name);
    ordered.push_back(*next);
  }
  return ordered;
}

std::vector<const schema::Table*>
order_for_dropping(std::vector<const schema::Table*> tables)
{
  auto ordered = order_for_creation(std::move(tables));
  std::reverse(ordered.begin(), ordered.end());
  return ordered;
}

std::pair<schema::Table, std::optional<ModifyTable>>
split_for_creation(const schema::Table& table, const std::vector<std::string>& created,
                   const std::vector<std::string>& new_tables)
{
  schema::Table now = table;
  std::vector<schema::ForeignKey> later;
  std::erase_if(now.foreign_keys, [&](const schema::ForeignKey& fk) {
    bool forward = fk.ref_table != table.name && contains(new_tables, fk.ref_table) &&
                   !contains(created, fk.ref_table);
    if (forward) {
      later.push_back(fk);
    }
    return forward;
  });
  if (later.empty()) {
    return {std::move(now), std::nullopt};
  }
  ModifyTable modify{now, table, {}};
  for (auto& fk : later) {
    modify.changes.emplace_back(AddForeignKey{std::move(fk)});
  }
  return {std::move(now), std::move(modify)};
}

std::pair<std::optional<ModifyTable>, std::optional<ModifyTable>>
split_for_new_references(ModifyTable modify, const std::vector<std::string>& later_targets)
{
  ModifyTable later{{}, modify.to, {}};
  std::erase_if(modify.changes, [&](const TableChange& change) {
    const auto* add = std::get_if<AddForeignKey>(&change);
    bool forward = add && add->foreign_key.ref_table != modify.to.name &&
                   contains(later_targets, add->foreign_key.ref_table);
    if (forward) {
      later.changes.push_back(change);
      std::erase(modify.to.foreign_keys, add->foreign_key);
    }
    return forward;
  });
  if (later.changes.empty()) {
    return {std::move(modify), std::nullopt};
  }
  later.from = modify.to;
  if (modify.changes.empty()) {
    return {std::nullopt, std::move(later)};
  }
  return {std::move(modify), std::move(later)};
}

std::pair<std::optional<ModifyTable>, std::optional<ModifyTable>>
split_for_old_references(ModifyTable modify, const std::vector<std::string>& changing,
                         const schema::Table& as_created)
{
  ModifyTable early{modify.from, modify.from, {}};
  std::erase_if(modify.changes, [&](const TableChange& change) {
    const auto* drop = std::get_if<DropForeignKey>(&change);
    bool first = drop && drop->foreign_key.ref_table != modify.to.name &&
                 contains(changing, drop->foreign_key.ref_table);
    if (first) {
      const std::string& name = drop->foreign_key.name;
      const auto* created = as_created.find_foreign_key(name);
      early.changes.emplace_back(DropForeignKey{created ? *created : drop->foreign_key});
      std::erase_if(early.to.foreign_keys, [&](const auto& key) { return key.name == name; });
    }
    return first;
  });
  if (early.changes.empty()) {
    return {std::nullopt, std::move(modify)};
  }
  modify.from = early.to;
  if (modify.changes.empty()) {
    return {std::move(early), std::nullopt};
  }
  return {std::move(early), std::move(modify)};
}

} // namespace orm::diff
