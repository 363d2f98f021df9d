#pragma once

#include "core/diff/change.hpp"
#include "core/schema/schema.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace orm::diff {

// Foreign-key-safe ordering lives here, and only here.

// Referenced tables before the tables that reference them; ties and cycles broken by name.
std::vector<const schema::Table*> order_for_creation(std::vector<const schema::Table*> tables);

// Referencing tables before the tables they reference: the reverse of the creation order.
std::vector<const schema::Table*> order_for_dropping(std::vector<const schema::Table*> tables);

// Splits a new table into what CREATE TABLE can declare now and, when some of its foreign keys
// reference new tables not created yet (a cycle), a ModifyTable that adds them afterwards.
// `created` holds the names of new tables already created; `new_tables` all new tables' names.
std::pair<schema::Table, std::optional<ModifyTable>>
split_for_creation(const schema::Table& table, const std::vector<std::string>& created,
                   const std::vector<std::string>& new_tables);

// Splits a change of an existing table whose new foreign keys reference other tables named in
// `later_targets` (new tables not created yet, tables whose referenced columns or key change)
// into the change without them (nullopt when nothing else is left) and a ModifyTable adding them
// once every other change is done.
std::pair<std::optional<ModifyTable>, std::optional<ModifyTable>>
split_for_new_references(ModifyTable modify, const std::vector<std::string>& later_targets);

// Splits a change of an existing table that drops foreign keys to other tables named in
// `changing` into a ModifyTable dropping them before every other change (whose reverse adds them
// back after the other tables are restored) and the rest (nullopt when nothing is left). The drops
// carry the keys from `as_created`: the table with the foreign keys it has before any column is
// renamed, which is what their reverses must create.
std::pair<std::optional<ModifyTable>, std::optional<ModifyTable>>
split_for_old_references(ModifyTable modify, const std::vector<std::string>& changing,
                         const schema::Table& as_created);

} // namespace orm::diff
