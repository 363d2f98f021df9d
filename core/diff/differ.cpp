#include "core/diff/differ.hpp"

#include "core/diff/names.hpp"
#include "core/diff/order.hpp"
#include "core/diff/table_differ.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace orm::diff {

namespace {

// A current table paired with the desired one it becomes (under a new name when renamed).
struct TablePair
{
  const schema::Table* from;
  const schema::Table* to;
};

struct Pairing
{
  std::vector<TablePair> pairs;
  std::vector<RenameTable> renames;
  std::vector<const schema::Table*> added;
  std::vector<const schema::Table*> dropped;
};

// Pairs tables by name, then by `was` hints whose old table exists and is not wanted any more.
Pairing
pair_tables(const schema::Schema& from, const schema::Schema& to)
{
  Pairing pairing;
  std::set<std::string> claimed;
  for (const auto& table : to.tables) {
    if (const auto* current = from.find_table(table.name)) {
      pairing.pairs.push_back({current, &table});
      claimed.insert(current->name);
    }
  }
  for (const auto& table : to.tables) {
    if (from.find_table(table.name)) {
      continue;
    }
    const auto* old = table.renamed_from.empty() ? nullptr : from.find_table(table.renamed_from);
    if (old && !to.find_table(old->name) && claimed.insert(old->name).second) {
      pairing.pairs.push_back({old, &table});
      pairing.renames.push_back({old->name, table.name});
    } else {
      pairing.added.push_back(&table);
    }
  }
  for (const auto& table : from.tables) {
    if (!claimed.count(table.name)) {
      pairing.dropped.push_back(&table);
    }
  }
  return pairing;
}

// Foreign keys in `from` follow renamed tables and columns, as every database rewrites them on
// RENAME.
schema::Schema
follow_renames(
    schema::Schema from, const std::vector<RenameTable>& table_renames,
    const std::map<std::string, std::map<std::string, std::string>>& column_renames_by_table)
{
  std::map<std::string, std::string> new_names;
  for (const auto& rename : table_renames) {
    new_names[rename.from] = rename.to;
  }
  for (auto& table : from.tables) {
    for (auto& foreign_key : table.foreign_keys) {
      if (auto found = new_names.find(foreign_key.ref_table); found != new_names.end()) {
        foreign_key.ref_table = found->second;
      }
      auto columns = column_renames_by_table.find(foreign_key.ref_table);
      if (columns == column_renames_by_table.end()) {
        continue;
      }
      for (auto& column : foreign_key.ref_columns) {
        if (auto found = columns->second.find(column); found != columns->second.end()) {
          column = found->second;
        }
      }
    }
  }
  return from;
}

// The foreign keys of `from` (which follow the renames) and of `to` by the table they reference,
// each with the table that holds it.
struct ForeignKeyOrigin
{
  bool in_from;
  InboundForeignKey key;
};
using ForeignKeysByTarget = std::map<std::string, std::vector<ForeignKeyOrigin>>;

ForeignKeysByTarget
foreign_keys_by_target(const schema::Schema& from, const schema::Schema& to)
{
  ForeignKeysByTarget by_target;
  for (const auto* schema : {&from, &to}) {
    for (const auto& table : schema->tables) {
      for (const auto& key : table.foreign_keys) {
        by_target[key.ref_table].push_back({schema == &from, {table.name, key}});
      }
    }
  }
  return by_target;
}

// The foreign keys of other tables that reference the table of `pair` (under its new name), in
// the current schema or in the desired one, each once.
std::vector<InboundForeignKey>
inbound_foreign_keys(const TablePair& pair, const ForeignKeysByTarget& by_target)
{
  std::vector<InboundForeignKey> inbound;
  auto found = by_target.find(pair.to->name);
  if (found == by_target.end()) {
    return inbound;
  }
  for (const auto& [in_from, entry] : found->second) {
    const std::string& itself = in_from ? pair.from->name : pair.to->name;
    if (entry.table != itself &&
        std::find(inbound.begin(), inbound.end(), entry) == inbound.end()) {
      inbound.push_back(entry);
    }
  }
  std::stable_sort(inbound.begin(), inbound.end(), [](const auto& a, const auto& b) {
    return std::tie(a.table, a.foreign_key.name) < std::tie(b.table, b.foreign_key.name);
  });
  return inbound;
}

} // namespace

schema::Schema
normalized(schema::Schema schema, const DiffHooks& hooks)
{
  for (auto& table : schema.tables) {
    fit_names(table, hooks.name_limit());
    hooks.normalize(table);
  }
  schema::sort_canonically(schema);
  return schema;
}

// The order of the changes: renames first so that everything after uses the new names; then,
// where foreign keys are checked, the foreign keys dropped between two changing tables; then
// changes inside existing tables (which drop foreign keys to tables about to go); then dropped
// tables (referencing ones first), so that their index names are free; then new tables
// (referenced ones first); last, the foreign keys that could not be declared before every new
// table existed or every table they reference changed. The down section reverses this order,
// which stays safe.
Changes
diff(const schema::Schema& from_input, const schema::Schema& to_input, const DiffHooks& hooks)
{
  const schema::Schema to = normalized(to_input, hooks);
  schema::Schema from_original = normalized(from_input, hooks);
  Pairing pairing = pair_tables(from_original, to);
  std::map<std::string, std::map<std::string, std::string>> renames_by_table; // by new table name
  for (const auto& pair : pairing.pairs) {
    renames_by_table[pair.to->name] = column_renames(*pair.from, *pair.to);
  }
  const schema::Schema from = follow_renames(from_original, pairing.renames, renames_by_table);
  // Re-point the pairs at the copy whose foreign keys follow the renames.
  for (auto& pair : pairing.pairs) {
    pair.from = from.find_table(pair.from->name);
  }
  // Dropped tables too: they are dropped after the renames, and made again before they are undone.
  for (auto& table : pairing.dropped) {
    table = from.find_table(table->name);
  }
  std::vector<std::string> new_tables;
  for (const auto* table : pairing.added) {
    new_tables.push_back(table->name);
  }
  bool forward = hooks.allows_forward_references();
  const ForeignKeysByTarget by_target = foreign_keys_by_target(from, to);
  std::vector<ModifyTable> modifies;
  std::vector<std::string> old_names; // of the tables in `modifies`
  for (const auto& pair : pairing.pairs) {
    schema::Table before = *pair.from;
    before.name = pair.to->name;
    if (auto modify = diff_table(before, *pair.to, renames_by_table[pair.to->name])) {
      modify->referenced_by = inbound_foreign_keys(pair, by_target);
      modifies.push_back(std::move(*modify));
      old_names.push_back(pair.from->name);
    }
  }

  Changes changes;
  for (auto& rename : pairing.renames) {
    changes.emplace_back(rename);
  }
  Changes deferred_foreign_keys;
  if (forward) {
    changes.insert(changes.end(), modifies.begin(), modifies.end());
  } else {
    // A foreign key between two tables that both change is dropped before either changes and
    // added after both did: the key and columns it references may exist only before, or after.
    std::vector<std::string> changing = new_tables;
    for (const auto& modify : modifies) {
      changing.push_back(modify.to.name);
    }
    // The foreign keys as created: following the renamed tables, not yet the renamed columns.
    const schema::Schema as_created = follow_renames(from_original, pairing.renames, {});
    Changes later_changes;
    for (size_t i = 0; i < modifies.size(); ++i) {
      auto [early, rest] = split_for_old_references(std::move(modifies[i]), changing,
                                                    *as_created.find_table(old_names[i]));
      if (early) {
        changes.emplace_back(std::move(*early));
      }
      if (!rest) {
        continue;
      }
      auto [now, later] = split_for_new_references(std::move(*rest), changing);
      if (now) {
        later_changes.emplace_back(std::move(*now));
      }
      if (later) {
        deferred_foreign_keys.emplace_back(std::move(*later));
      }
    }
    changes.insert(changes.end(), later_changes.begin(), later_changes.end());
  }
  for (const auto* table : order_for_dropping(pairing.dropped)) {
    changes.emplace_back(DropTable{*table});
  }
  std::vector<std::string> created;
  for (const auto* table : order_for_creation(pairing.added)) {
    if (forward) {
      changes.emplace_back(AddTable{*table});
    } else {
      auto [now, later] = split_for_creation(*table, created, new_tables);
      changes.emplace_back(AddTable{std::move(now)});
      if (later) {
        deferred_foreign_keys.emplace_back(std::move(*later));
      }
    }
    created.push_back(table->name);
  }
  for (auto& change : deferred_foreign_keys) {
    changes.push_back(std::move(change));
  }
  return changes;
}

} // namespace orm::diff
