#include "core/dialect/sqlite/plan.hpp"

#include "core/dialect/sql_common.hpp"

#include "core/dialect/sqlite/ddl.hpp"
#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/util/overloaded.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace orm::dialect::sqlite {

namespace {

using migrate::Step;
using schema::Column;
using schema::Table;

using util::Overloaded;

// The table a rebuild creates next to the old one before taking its name.
constexpr std::string_view k_rebuild_suffix = "__orm_new";

// ---- Rebuild ------------------------------------------------------------------------------------

// Whether a rebuild gives the columns that have no source a value: the down of a rebuild that
// dropped a NOT NULL column must restore the schema even when the table has rows.
enum class Fill
{
  placeholders,
  no
};

// A value any column of `type` accepts: what a restored NOT NULL column holds.
std::string
placeholder(const schema::Type& type)
{
  switch (type.kind) {
  case schema::TypeKind::boolean:
  case schema::TypeKind::smallint:
  case schema::TypeKind::integer:
  case schema::TypeKind::bigint:
  case schema::TypeKind::real:
  case schema::TypeKind::double_precision:
  case schema::TypeKind::decimal:
    return "0";
  case schema::TypeKind::bytes:
    return "X''";
  case schema::TypeKind::enumeration:
    return type.values.empty() ? "''" : string_literal(type.values.front());
  default:
    return "''";
  }
}

// The twelve-step procedure of https://sqlite.org/lang_altertable.html, without its pragmas.
// The live table already has the `copied` columns of `to` under their names in `to`.
std::vector<std::string>
rebuild_statements(const Table& to, const std::vector<std::string>& copied, Fill fill)
{
  std::string temporary = to.name + std::string(k_rebuild_suffix);
  std::vector<std::string> targets;
  std::vector<std::string> values;
  for (const auto& column : to.columns) {
    if (std::find(copied.begin(), copied.end(), column.name) != copied.end()) {
      targets.push_back(quote_identifier(column.name));
      values.push_back(quote_identifier(column.name));
    } else if (fill == Fill::placeholders && !column.nullable && !column.default_value &&
               !column.autoincrement) {
      targets.push_back(quote_identifier(column.name));
      values.push_back(placeholder(column.type));
    }
  }
  if (targets.empty()) { // no column to copy, but the rows stay
    targets.emplace_back("rowid");
    values.emplace_back("rowid");
  }
  // RENAME checks every view, and a view of the dropped table would fail it: they go and come back.
  std::vector<std::string> statements;
  for (const auto& view : to.views) {
    statements.push_back("DROP VIEW " + quote_identifier(view.name));
  }
  statements.push_back(create_table_sql(to, temporary));
  statements.push_back(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}",
                                   quote_identifier(temporary), util::join(targets, ", "),
                                   util::join(values, ", "), quote_identifier(to.name)));
  statements.push_back(drop_table_sql(to.name));
  statements.push_back(rename_table_sql(temporary, to.name));
  for (const auto& index : to.indexes) {
    statements.push_back(create_index_sql(to.name, index));
  }
  for (const auto& trigger : to.triggers) { // DROP TABLE took them with the old table
    statements.push_back(trigger.sql);
  }
  for (const auto& view : to.views) {
    statements.push_back(view.sql);
  }
  return statements;
}

// The columns of `to` that `from` has, under their old name when `old_names` (new -> old) says so.
std::vector<std::string>
copied_columns(const Table& from, const Table& to,
               const std::map<std::string, std::string>& old_names)
{
  std::vector<std::string> copied;
  for (const auto& column : to.columns) {
    auto renamed = old_names.find(column.name);
    if (from.find_column(renamed == old_names.end() ? column.name : renamed->second)) {
      copied.push_back(column.name);
    }
  }
  return copied;
}

std::vector<std::string>
column_names(const Table& table)
{
  std::vector<std::string> names;
  for (const auto& column : table.columns) {
    names.push_back(column.name);
  }
  return names;
}

int
integer_rank(schema::TypeKind kind)
{
  switch (kind) {
  case schema::TypeKind::smallint:
    return 1;
  case schema::TypeKind::integer:
    return 2;
  case schema::TypeKind::bigint:
    return 3;
  default:
    return 0;
  }
}

bool
is_character(schema::TypeKind kind)
{
  return kind == schema::TypeKind::varchar || kind == schema::TypeKind::fixed_char;
}

// True when `to` holds less than `from`: a shorter string, a smaller integer or number.
bool
narrows(const schema::Type& from, const schema::Type& to)
{
  using schema::TypeKind;
  if (schema::is_integer(from.kind) && schema::is_integer(to.kind)) {
    return integer_rank(to.kind) < integer_rank(from.kind);
  }
  if (is_character(to.kind)) {
    return is_character(from.kind) ? to.length < from.length
                                   : from.kind == TypeKind::text || from.kind == TypeKind::json;
  }
  if (from.kind == TypeKind::decimal && to.kind == TypeKind::decimal) {
    return to.precision < from.precision || to.scale < from.scale;
  }
  return from.kind == TypeKind::double_precision && to.kind == TypeKind::real;
}

// Old column names by new name, per table (under its new name): the renames of the whole plan.
using ColumnRenames = std::map<std::string, std::map<std::string, std::string>>;

ColumnRenames
column_renames(const diff::Changes& changes)
{
  ColumnRenames renames;
  for (const auto& change : changes) {
    if (const auto* modify = std::get_if<diff::ModifyTable>(&change)) {
      for (const auto& table_change : modify->changes) {
        if (const auto* rename = std::get_if<diff::RenameColumn>(&table_change)) {
          renames[modify->to.name][rename->to] = rename->from;
        }
      }
    }
  }
  return renames;
}

// `table` with its foreign keys as they were created. The differ makes them follow the renamed
// columns they reference; a down recreates the table before or after those renames are undone,
// and since SQLite rewrites only references to a column's current name, the original names are
// right in either order.
Table
as_created(Table table, const ColumnRenames& renames)
{
  for (auto& key : table.foreign_keys) {
    auto renamed = renames.find(key.ref_table);
    if (renamed == renames.end()) {
      continue;
    }
    for (auto& column : key.ref_columns) {
      if (auto old_name = renamed->second.find(column); old_name != renamed->second.end()) {
        column = old_name->second;
      }
    }
  }
  return table;
}

// A rebuild renames columns by ALTER TABLE first, in both directions: only RENAME COLUMN makes
// SQLite rewrite the foreign keys of other tables that reference them.
Step
rebuild_step(const diff::ModifyTable& change, const ColumnRenames& plan_renames)
{
  const Table& from = change.from;
  const Table& to = change.to;
  std::vector<const diff::RenameColumn*> renames;
  std::map<std::string, std::string> old_names;
  std::map<std::string, std::string> new_names;
  for (const auto& table_change : change.changes) {
    if (const auto* rename = std::get_if<diff::RenameColumn>(&table_change)) {
      renames.push_back(rename);
      old_names[rename->to] = rename->from;
      new_names[rename->from] = rename->to;
    }
  }
  Step step;
  step.summary = fmt::format("~ table {} (rebuild)", to.name);
  for (const auto& line : diff::describe(diff::Change(change))) {
    step.summary += "\n  " + line;
  }
  for (const auto* rename : renames) {
    step.up.push_back(rename_column_sql(to.name, rename->from, rename->to));
  }
  for (auto rename = renames.rbegin(); rename != renames.rend(); ++rename) {
    step.down.push_back(rename_column_sql(to.name, (*rename)->to, (*rename)->from));
  }
  auto forward = copied_columns(from, to, old_names);
  auto backward = copied_columns(to, from, new_names);
  auto up = rebuild_statements(to, forward, Fill::no);
  auto down = rebuild_statements(as_created(from, plan_renames), backward, Fill::placeholders);
  step.up.insert(step.up.end(), up.begin(), up.end());
  step.down.insert(step.down.end(), down.begin(), down.end());

  for (const auto& column : from.columns) {
    if (std::find(backward.begin(), backward.end(), column.name) == backward.end()) {
      step.warnings.push_back(fmt::format("drops column {}.{} and its data", to.name, column.name));
      step.irreversible = true;
    }
  }
  for (const auto& column : to.columns) {
    bool copied = std::find(forward.begin(), forward.end(), column.name) != forward.end();
    if (!copied && !column.nullable && !column.default_value && !column.autoincrement) {
      step.warnings.push_back(
          fmt::format("adds NOT NULL column {}.{} without a default: fails if the table has rows",
                      to.name, column.name));
    }
  }
  for (const auto& table_change : change.changes) {
    const auto* modify = std::get_if<diff::ModifyColumn>(&table_change);
    if (modify && modify->what.type && narrows(modify->from.type, modify->to.type)) {
      step.warnings.push_back(fmt::format("narrows {}.{} from {} to {}", to.name, modify->to.name,
                                          schema::to_string(modify->from.type),
                                          schema::to_string(modify->to.type)));
    }
  }
  return step;
}

// ---- ALTER TABLE ------------------------------------------------------------------------------

// ALTER TABLE ADD COLUMN cannot add a key, a check, or a default that is not a constant.
bool
addable(const Column& column, const Table& table)
{
  bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                table.primary_key.end();
  if (in_key || column.autoincrement || column.type.kind == schema::TypeKind::enumeration) {
    return false;
  }
  if (!column.default_value) {
    return column.nullable;
  }
  if (column.default_value->kind != schema::Default::Kind::literal) {
    return false;
  }
  return column.nullable || !util::equals_icase(column.default_value->text, "null");
}

bool
mentioned_in_index(const schema::Index& index, const std::string& column)
{
  return std::any_of(index.parts.begin(), index.parts.end(),
                     [&](const schema::IndexPart& part) {
                       return util::equals_icase(part.column, column) ||
                              mentions_identifier(part.expression, column);
                     }) ||
         mentions_identifier(index.where, column);
}

// ALTER TABLE DROP COLUMN refuses the last column, and a column that a key, an index, a foreign
// key or a check uses.
bool
droppable(const Column& column, const Table& table)
{
  const std::string& name = column.name;
  auto named = [&](const std::string& other) { return util::equals_icase(other, name); };
  return table.columns.size() > 1 && column.type.kind != schema::TypeKind::enumeration &&
         std::none_of(table.primary_key.begin(), table.primary_key.end(), named) &&
         std::none_of(table.indexes.begin(), table.indexes.end(),
                      [&](const auto& index) { return mentioned_in_index(index, name); }) &&
         std::none_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                      [&](const auto& key) {
                        return std::any_of(key.columns.begin(), key.columns.end(), named);
                      }) &&
         std::none_of(table.checks.begin(), table.checks.end(), [&](const auto& check) {
           return mentions_identifier(check.expression, name);
         });
}

// A unique index with the default name may be the autoindex of an inline UNIQUE in a database
// orm did not create; DROP INDEX cannot drop those, so such an index goes by a rebuild.
bool
may_be_autoindex(const std::string& table, const schema::Index& index)
{
  std::vector<std::string> columns;
  for (const auto& part : index.parts) {
    if (part.column.empty()) {
      return false;
    }
    columns.push_back(part.column);
  }
  return index.unique && index.where.empty() &&
         index.name == schema::index_name(table, columns, true);
}

template <typename Item>
void
erase_named(std::vector<Item>& items, const std::string& name)
{
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Item& item) { return item.name == name; }),
              items.end());
}

// Each function below plans one change by ALTER TABLE against `state`, the table as the earlier
// steps left it, and updates `state`; nothing means the table needs a rebuild instead.

std::optional<Step>
alter_add_column(Table& state, const diff::AddColumn& change)
{
  if (!addable(change.column, state)) {
    return std::nullopt;
  }
  state.columns.push_back(change.column);
  return Step{diff::describe(state.name, change),
              {add_column_sql(state.name, change.column)},
              {drop_column_sql(state.name, change.column.name)},
              {},
              false};
}

std::optional<Step>
alter_drop_column(Table& state, const diff::DropColumn& change, const ColumnRenames& renames)
{
  const Column* column = state.find_column(change.column.name);
  if (!column || !droppable(*column, state)) {
    return std::nullopt;
  }
  Table before = state;
  bool last = &state.columns.back() == column;
  erase_named(state.columns, change.column.name);
  Step step{diff::describe(state.name, change),
            {drop_column_sql(state.name, change.column.name)},
            {},
            {fmt::format("drops column {}.{} and its data", state.name, change.column.name)},
            true};
  // ADD COLUMN appends: it restores the column only where it was the last one.
  if (last && addable(before.columns.back(), before)) {
    step.down = {add_column_sql(state.name, before.columns.back())};
  } else {
    step.down =
        rebuild_statements(as_created(before, renames), column_names(state), Fill::placeholders);
  }
  return step;
}

std::optional<Step>
alter_rename_column(Table& state, const diff::RenameColumn& change)
{
  Column* column = state.find_column(change.from);
  if (!column || state.find_column(change.to)) {
    return std::nullopt;
  }
  auto rename = [&](std::string& name) {
    if (name == change.from) {
      name = change.to;
    }
  };
  rename(column->name);
  std::for_each(state.primary_key.begin(), state.primary_key.end(), rename);
  for (auto& index : state.indexes) {
    for (auto& part : index.parts) {
      rename(part.column);
    }
  }
  for (auto& foreign_key : state.foreign_keys) {
    std::for_each(foreign_key.columns.begin(), foreign_key.columns.end(), rename);
  }
  return Step{diff::describe(state.name, change),
              {rename_column_sql(state.name, change.from, change.to)},
              {rename_column_sql(state.name, change.to, change.from)},
              {},
              false};
}

std::optional<Step>
alter_add_index(Table& state, const diff::AddIndex& change)
{
  state.indexes.push_back(change.index);
  return Step{diff::describe(state.name, change),
              {create_index_sql(state.name, change.index)},
              {drop_index_sql(change.index)},
              {},
              false};
}

std::optional<Step>
alter_drop_index(Table& state, const diff::DropIndex& change)
{
  // The change holds the index under renamed columns; its down runs before the renames.
  const schema::Index* current = state.find_index(change.index.name);
  if (!current || may_be_autoindex(state.name, *current)) {
    return std::nullopt;
  }
  std::string create = create_index_sql(state.name, *current);
  erase_named(state.indexes, change.index.name);
  return Step{
      diff::describe(state.name, change), {drop_index_sql(change.index)}, {create}, {}, false};
}

// SQLite has no RENAME INDEX: the index is dropped and created again under its new name.
std::optional<Step>
alter_rename_index(Table& state, const Table& to, const diff::RenameIndex& change)
{
  const schema::Index* current = state.find_index(change.from);
  const schema::Index* renamed = to.find_index(change.to);
  if (!current || !renamed || may_be_autoindex(state.name, *current)) {
    return std::nullopt;
  }
  Step step{diff::describe(state.name, change),
            {drop_index_sql(*current), create_index_sql(state.name, *renamed)},
            {drop_index_sql(*renamed), create_index_sql(state.name, *current)},
            {},
            false};
  erase_named(state.indexes, change.from);
  state.indexes.push_back(*renamed);
  return step;
}

// The parts of a table that a schema compares, without models-only hints and comments.
Table
comparable(Table table)
{
  table.renamed_from.clear();
  table.comment.clear();
  for (auto& column : table.columns) {
    column.renamed_from.clear();
    column.comment.clear();
  }
  schema::sort_canonically(table);
  return table;
}

// One ALTER TABLE step per change, or nothing when some change needs a rebuild or the ALTERs
// would not give exactly `to` (ADD COLUMN appends, so a new column must come last).
std::optional<std::vector<Step>>
alter_steps(const diff::ModifyTable& change, const ColumnRenames& renames)
{
  Table state = change.from;
  std::vector<Step> steps;
  for (const auto& table_change : change.changes) {
    auto step = std::visit(
        Overloaded{
            [&](const diff::AddColumn& c) { return alter_add_column(state, c); },
            [&](const diff::DropColumn& c) { return alter_drop_column(state, c, renames); },
            [&](const diff::RenameColumn& c) { return alter_rename_column(state, c); },
            [&](const diff::AddIndex& c) { return alter_add_index(state, c); },
            [&](const diff::DropIndex& c) { return alter_drop_index(state, c); },
            [&](const diff::RenameIndex& c) { return alter_rename_index(state, change.to, c); },
            // SQLite cannot ALTER types, nullability, defaults, keys, foreign keys or checks, nor
            // rename a constraint.
            [](const auto&) -> std::optional<Step> { return std::nullopt; },
        },
        table_change);
    if (!step) {
      return std::nullopt;
    }
    steps.push_back(std::move(*step));
  }
  if (comparable(state) != comparable(change.to)) {
    return std::nullopt;
  }
  return steps;
}

// ---- One function per change kind -----------------------------------------------------------

std::vector<Step>
plan_add_table(const diff::AddTable& change, const std::string& summary)
{
  return {Step{
      summary, table_statements(change.table), {drop_table_sql(change.table.name)}, {}, false}};
}

std::vector<Step>
plan_drop_table(const diff::DropTable& change, const std::string& summary)
{
  return {Step{summary,
               {drop_table_sql(change.table.name)},
               table_statements(change.table),
               {fmt::format("drops table {} and all its rows", change.table.name)},
               true}};
}

std::vector<Step>
plan_rename_table(const diff::RenameTable& change, const std::string& summary)
{
  return {Step{summary,
               {rename_table_sql(change.from, change.to)},
               {rename_table_sql(change.to, change.from)},
               {},
               false}};
}

std::vector<Step>
plan_modify_table(const diff::ModifyTable& change, const ColumnRenames& renames)
{
  if (auto steps = alter_steps(change, renames)) {
    return std::move(*steps);
  }
  return {rebuild_step(change, renames)};
}

} // namespace

migrate::Plan
plan(const diff::Changes& changes)
{
  // SQLite strings have no escapes, and migration files read a carriage return as a line break.
  refuse_characters(changes, StringPlaces::all, std::string_view("\0\r", 2),
                    "a NUL or carriage return character, which a SQLite string literal in a "
                    "migration file cannot carry");
  const ColumnRenames renames = column_renames(changes);
  migrate::Plan result;
  for (const auto& change : changes) {
    // describe() gives a whole-table change one line; a modified table gets one per step.
    auto summary = [&] { return diff::describe(change).front(); };
    auto steps =
        std::visit(Overloaded{
                       [&](const diff::AddTable& c) { return plan_add_table(c, summary()); },
                       [&](const diff::DropTable& c) { return plan_drop_table(c, summary()); },
                       [&](const diff::RenameTable& c) { return plan_rename_table(c, summary()); },
                       [&](const diff::ModifyTable& c) { return plan_modify_table(c, renames); },
                   },
                   change);
    std::move(steps.begin(), steps.end(), std::back_inserter(result.steps));
  }
  return result;
}

std::vector<std::string>
create_statements(const schema::Schema& schema)
{
  std::vector<std::string> statements;
  for (const auto& table : schema.tables) {
    auto table_sql = table_statements(table);
    std::move(table_sql.begin(), table_sql.end(), std::back_inserter(statements));
  }
  return statements;
}

} // namespace orm::dialect::sqlite
