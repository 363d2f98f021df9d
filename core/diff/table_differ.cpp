#include "core/diff/table_differ.hpp"

#include <algorithm>

namespace orm::diff {

namespace {

std::string
renamed(const std::map<std::string, std::string>& renames, const std::string& column)
{
  auto found = renames.find(column);
  return found == renames.end() ? column : found->second;
}

// `from` as it reads after its columns are renamed: keys, index parts and foreign keys follow,
// as every database rewrites them on RENAME COLUMN.
schema::Table
with_renamed_columns(schema::Table table, const std::map<std::string, std::string>& renames)
{
  for (auto& column : table.columns) {
    column.name = renamed(renames, column.name);
  }
  for (auto& key_column : table.primary_key) {
    key_column = renamed(renames, key_column);
  }
  for (auto& index : table.indexes) {
    for (auto& part : index.parts) {
      if (!part.column.empty()) {
        part.column = renamed(renames, part.column);
      }
    }
  }
  for (auto& foreign_key : table.foreign_keys) {
    for (auto& column : foreign_key.columns) {
      column = renamed(renames, column);
    }
  }
  return table;
}

template <typename Item>
bool
same_definition(const Item& a, const Item& b)
{
  return a == b;
}

// `concurrently` only says how to create an index, which the database does not remember.
bool
same_definition(schema::Index a, schema::Index b)
{
  a.concurrently = b.concurrently = false;
  return a == b;
}

template <typename Item>
bool
is_named(const std::vector<Item>& items, const std::string& name)
{
  return std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.name == name; });
}

template <typename Item>
bool
same_but_name(Item a, Item b)
{
  a.name = b.name;
  return same_definition(a, b);
}

// Objects compared by name: dropped when gone or changed, added when new or changed. A dropped
// and an added object that differ only in their name become a rename instead: in name order,
// each paired once, and only to a name that `from` does not use (no chains nor swaps).
template <typename Item, typename Drop, typename Add, typename Rename>
void
diff_named(const std::vector<Item>& from, const std::vector<Item>& to,
           std::vector<TableChange>& drops, std::vector<TableChange>& renames,
           std::vector<TableChange>& adds)
{
  std::vector<Item> dropped;
  std::vector<Item> added;
  for (const auto& item : from) {
    auto found =
        std::find_if(to.begin(), to.end(), [&](const Item& i) { return i.name == item.name; });
    if (found == to.end() || !same_definition(*found, item)) {
      dropped.push_back(item);
    }
  }
  for (const auto& item : to) {
    auto found =
        std::find_if(from.begin(), from.end(), [&](const Item& i) { return i.name == item.name; });
    if (found == from.end() || !same_definition(*found, item)) {
      added.push_back(item);
    }
  }
  auto by_name = [](const Item& a, const Item& b) { return a.name < b.name; };
  std::stable_sort(dropped.begin(), dropped.end(), by_name);
  std::stable_sort(added.begin(), added.end(), by_name);
  for (const auto& item : dropped) {
    auto twin = std::find_if(added.begin(), added.end(), [&](const Item& i) {
      return same_but_name(i, item) && !is_named(from, i.name);
    });
    if (twin == added.end()) {
      drops.emplace_back(Drop{item});
      continue;
    }
    renames.emplace_back(Rename{item.name, twin->name});
    added.erase(twin);
  }
  for (const auto& item : added) {
    adds.emplace_back(Add{item});
  }
}

ColumnChangeSet
compare_columns(const schema::Column& from, const schema::Column& to)
{
  ColumnChangeSet what;
  what.type = from.type != to.type;
  what.nullability = from.nullable != to.nullable;
  what.default_value = from.default_value != to.default_value;
  what.autoincrement =
      from.autoincrement != to.autoincrement || from.identity_always != to.identity_always;
  what.comment = from.comment != to.comment;
  what.collation = from.collation != to.collation;
  what.charset = from.charset != to.charset;
  what.on_update = from.on_update_now != to.on_update_now;
  what.generated = from.generated != to.generated ||
                   (!to.generated.empty() && from.generated_stored != to.generated_stored);
  return what;
}

// Renames, then drops, then changes in place, then additions (in the desired column order).
void
diff_columns(const schema::Table& original, const schema::Table& from, const schema::Table& to,
             const std::map<std::string, std::string>& renames, std::vector<TableChange>& changes)
{
  for (const auto& column : original.columns) {
    if (auto found = renames.find(column.name); found != renames.end()) {
      changes.emplace_back(RenameColumn{found->first, found->second});
    }
  }
  for (const auto& column : from.columns) {
    if (!to.find_column(column.name)) {
      changes.emplace_back(DropColumn{column});
    }
  }
  for (const auto& column : to.columns) {
    const auto* current = from.find_column(column.name);
    if (!current) {
      continue;
    }
    if (auto what = compare_columns(*current, column); what.any()) {
      changes.emplace_back(ModifyColumn{*current, column, what});
    }
  }
  for (const auto& column : to.columns) {
    if (!from.find_column(column.name)) {
      changes.emplace_back(AddColumn{column});
    }
  }
}

} // namespace

std::map<std::string, std::string>
column_renames(const schema::Table& from, const schema::Table& to)
{
  std::map<std::string, std::string> renames;
  for (const auto& column : to.columns) {
    if (column.renamed_from.empty() || from.find_column(column.name) ||
        !from.find_column(column.renamed_from) || to.find_column(column.renamed_from) ||
        renames.count(column.renamed_from)) {
      continue;
    }
    renames[column.renamed_from] = column.name;
  }
  return renames;
}

// Drops come before the column changes that could break them (an index on a dropped column),
// additions after the columns they need.
std::optional<ModifyTable>
diff_table(const schema::Table& original, const schema::Table& to,
           const std::map<std::string, std::string>& renames)
{
  schema::Table from = with_renamed_columns(original, renames);
  std::vector<TableChange> drops;
  std::vector<TableChange> renames_of_objects;
  std::vector<TableChange> added_foreign_keys;
  std::vector<TableChange> added_checks;
  std::vector<TableChange> added_indexes;
  diff_named<schema::ForeignKey, DropForeignKey, AddForeignKey, RenameConstraint>(
      from.foreign_keys, to.foreign_keys, drops, renames_of_objects, added_foreign_keys);
  diff_named<schema::Check, DropCheck, AddCheck, RenameConstraint>(
      from.checks, to.checks, drops, renames_of_objects, added_checks);
  diff_named<schema::Index, DropIndex, AddIndex, RenameIndex>(from.indexes, to.indexes, drops,
                                                              renames_of_objects, added_indexes);

  // The drops come before the column renames: they drop the objects as they are, so that their
  // reverses, in the down after the renames are undone, name the columns by their old names.
  if (!renames.empty()) {
    for (auto& drop : drops) {
      if (auto* key = std::get_if<DropForeignKey>(&drop)) {
        key->foreign_key = *original.find_foreign_key(key->foreign_key.name);
      } else if (auto* check = std::get_if<DropCheck>(&drop)) {
        check->check = *original.find_check(check->check.name);
      } else if (auto* index = std::get_if<DropIndex>(&drop)) {
        index->index = *original.find_index(index->index.name);
      }
    }
  }
  std::vector<TableChange> changes = std::move(drops);
  diff_columns(original, from, to, renames, changes);
  if (from.primary_key != to.primary_key) {
    changes.emplace_back(ChangePrimaryKey{from.primary_key, to.primary_key});
  }
  // Renamed indexes and constraints keep their columns, which are then under their new names.
  std::move(renames_of_objects.begin(), renames_of_objects.end(), std::back_inserter(changes));
  for (auto* added : {&added_indexes, &added_checks, &added_foreign_keys}) {
    std::move(added->begin(), added->end(), std::back_inserter(changes));
  }
  if (from.comment != to.comment) {
    changes.emplace_back(ChangeTableComment{from.comment, to.comment});
  }
  TableOptions from_options{from.engine, from.charset, from.collation};
  TableOptions to_options{to.engine, to.charset, to.collation};
  if (from_options != to_options) {
    changes.emplace_back(ChangeTableOptions{from_options, to_options});
  }
  if (changes.empty()) {
    return std::nullopt;
  }
  // The database's triggers and views stay what they are: the models do not declare them.
  schema::Table desired = to;
  desired.triggers = original.triggers;
  desired.views = original.views;
  return ModifyTable{original, std::move(desired), std::move(changes)};
}

} // namespace orm::diff
