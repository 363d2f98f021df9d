#include "core/dialect/postgres/plan.hpp"

#include "core/dialect/postgres/ddl.hpp"
#include "core/dialect/postgres/hooks.hpp"
#include "core/dialect/sql_common.hpp"

#include "core/dialect/postgres/types.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace orm::dialect::postgres {

namespace {

using migrate::Step;
using schema::Column;
using schema::Table;
using schema::TypeKind;

using util::Overloaded;

// An enum type being rebuilt keeps this suffix until the columns moved to the new one.
constexpr std::string_view k_old_enum_suffix = "__orm_old";

// Renames the enum types `<from>_<column>` of the columns of table `table` (already renamed)
// to `<to>_<column>`: a table rename carries no column list, so the catalog supplies it.
constexpr const char* k_rename_enum_types = R"(DO $orm$
DECLARE r record;
BEGIN
  FOR r IN SELECT t.typname, a.attname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
           WHERE a.attrelid = {table}::regclass AND t.typtype = 'e' AND t.typname = {from} || a.attname
  LOOP
    EXECUTE format('ALTER TYPE %I RENAME TO %I', r.typname, {to} || r.attname);
  END LOOP;
END
$orm$)";

// ---- Columns ----------------------------------------------------------------------------------

Statements
add_column_statements(const std::string& table, const Column& column)
{
  auto [sequences, owners] = serial_sequences(table, {column});
  Statements statements;
  if (is_enum(column)) {
    statements.push_back(create_enum_sql(enum_type(table, column), column.type.values));
  }
  append(statements, std::move(sequences));
  statements.push_back(alter_table(table, "ADD COLUMN " + column_definition(table, column)));
  append(statements, std::move(owners));
  if (!column.comment.empty()) {
    statements.push_back(column_comment_sql(table, column.name, column.comment));
  }
  return statements;
}

// A value any column of `type` accepts: what a restored NOT NULL column holds in existing rows.
std::string
placeholder(const schema::Type& type)
{
  switch (type.kind) {
  case TypeKind::boolean:
    return "false";
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::real:
  case TypeKind::double_precision:
  case TypeKind::decimal:
    return "0";
  case TypeKind::bytes:
    return "''::bytea";
  case TypeKind::date:
    return "'epoch'::date";
  case TypeKind::time:
    return "'00:00'::time";
  case TypeKind::timestamp:
  case TypeKind::timestamptz:
    return "'epoch'";
  case TypeKind::uuid:
    return "'00000000-0000-0000-0000-000000000000'";
  case TypeKind::json:
    return "'null'";
  case TypeKind::enumeration:
    return literal(type.values.front());
  default:
    return "''";
  }
}

// The down of a dropped column: the column back, existing rows filled with a placeholder when it
// is NOT NULL without a default.
Statements
restore_column_statements(const std::string& table, const Column& column)
{
  if (column.nullable || column.default_value || column.autoincrement) {
    return add_column_statements(table, column);
  }
  Column filled = column;
  filled.default_value =
      schema::Default{schema::Default::Kind::expression, placeholder(column.type)};
  Statements statements = add_column_statements(table, filled);
  statements.push_back(alter_column(table, column.name, "DROP DEFAULT"));
  return statements;
}

Statements
drop_column_statements(const std::string& table, const Column& column)
{
  Statements statements{alter_table(table, "DROP COLUMN " + q(column.name))};
  if (is_enum(column)) {
    statements.push_back(drop_enum_sql(table, column));
  }
  return statements;
}

// Enum values renamed in place, old name first: the hints of `to` (`'live' was 'published'`),
// and those of `from` backwards, since the down is planned with `from` and `to` swapped.
using Renames = std::vector<std::pair<std::string, std::string>>;

Renames
renamed_enum_values(const schema::Type& from, const schema::Type& to)
{
  auto has = [](const schema::Type& type, const std::string& value) {
    return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
  };
  Renames renames;
  for (const auto& [value, old] : to.renamed_values) {
    if (has(from, old) && !has(to, old) && has(to, value) && !has(from, value)) {
      renames.emplace_back(old, value);
    }
  }
  for (const auto& [value, old] : from.renamed_values) {
    if (has(from, value) && !has(to, value) && has(to, old) && !has(from, old)) {
      renames.emplace_back(value, old);
    }
  }
  return renames;
}

// `from`'s values once the renames towards `to` are done.
std::vector<std::string>
values_after_renames(const schema::Type& from, const schema::Type& to)
{
  std::vector<std::string> values = from.values;
  for (const auto& [old, value] : renamed_enum_values(from, to)) {
    *std::find(values.begin(), values.end(), old) = value;
  }
  return values;
}

// The positions in `to`'s values of the values ALTER TYPE ... ADD VALUE can insert to turn
// `from`'s enum (renamed) into `to`'s; nothing when values are removed or reordered, or when a new
// value is the column's default (a transaction may not use a value it added).
std::optional<std::vector<size_t>>
inserted_enum_values(const Column& from, const Column& to)
{
  const auto old_values = values_after_renames(from.type, to.type);
  const auto& new_values = to.type.values;
  auto old_position = old_values.begin();
  std::vector<size_t> inserted;
  for (size_t i = 0; i < new_values.size(); ++i) {
    if (old_position != old_values.end() && new_values[i] == *old_position) {
      ++old_position;
    } else if (std::find(old_values.begin(), old_values.end(), new_values[i]) == old_values.end()) {
      inserted.push_back(i);
    } else {
      return std::nullopt;
    }
  }
  bool default_is_new =
      to.default_value && std::any_of(inserted.begin(), inserted.end(), [&](size_t i) {
        return to.default_value->text == util::sql_string_literal(new_values[i]);
      });
  if (old_position != old_values.end() || default_is_new) {
    return std::nullopt;
  }
  return inserted;
}

// True when ALTER COLUMN TYPE rewrites the column, so its default must go first and come back.
bool
rewrites_column(const Column& from, const Column& to)
{
  return !(is_enum(from) && is_enum(to) && inserted_enum_values(from, to));
}

// Statements that give `to`'s enum type its new values: RENAME VALUE for the hinted renames, then
// ADD VALUE [BEFORE|AFTER] when values are only inserted, else a new type and a cast of the
// column through text.
Statements
change_enum_values(const std::string& table, const Column& from, const Column& to)
{
  const auto& new_values = to.type.values;
  std::string type = enum_type(table, to);
  Statements statements;
  for (const auto& [old, value] : renamed_enum_values(from.type, to.type)) {
    statements.push_back(
        fmt::format("ALTER TYPE {} RENAME VALUE {} TO {}", type, literal(old), literal(value)));
  }
  if (auto inserted = inserted_enum_values(from, to)) {
    for (size_t i : *inserted) {
      std::string where =
          i == 0 ? "BEFORE " + literal(values_after_renames(from.type, to.type).front())
                 : "AFTER " + literal(new_values[i - 1]);
      statements.push_back(
          fmt::format("ALTER TYPE {} ADD VALUE {} {}", type, literal(new_values[i]), where));
    }
    return statements;
  }
  std::string old_type = q(schema::shortened(
      enum_type_name(table, to.name) + std::string(k_old_enum_suffix), k_name_limit));
  statements.push_back(fmt::format("ALTER TYPE {} RENAME TO {}", type, old_type));
  statements.push_back(create_enum_sql(type, new_values));
  statements.push_back(alter_column(
      table, to.name, fmt::format("TYPE {} USING {}::text::{}", type, q(to.name), type)));
  statements.push_back("DROP TYPE " + old_type);
  return statements;
}

// ALTER COLUMN ... TYPE, with the enum types created or dropped around it.
bool
is_number(TypeKind kind)
{
  return schema::is_integer(kind) || kind == TypeKind::real || kind == TypeKind::double_precision ||
         kind == TypeKind::decimal;
}

bool
is_text(TypeKind kind)
{
  return kind == TypeKind::varchar || kind == TypeKind::fixed_char || kind == TypeKind::text;
}

// True when PostgreSQL has a cast from `from` to `to`; otherwise a change goes through text,
// which every type has a cast to and from (the values must still parse).
bool
casts_directly(const schema::Type& from, const schema::Type& to)
{
  if (from.kind == TypeKind::enumeration || to.kind == TypeKind::enumeration) {
    return false;
  }
  return from.kind == to.kind || is_text(to.kind) || (is_number(from.kind) && is_number(to.kind)) ||
         (from.kind == TypeKind::timestamp && to.kind == TypeKind::timestamptz) ||
         (from.kind == TypeKind::timestamptz && to.kind == TypeKind::timestamp) ||
         from.kind == TypeKind::raw || to.kind == TypeKind::raw;
}

// True when the SQL text `sql` names `column`: quoted, or as a word of its own (not inside a
// longer name). It may be wrong the other way (a string literal that spells the name), which
// costs only a drop and a create of something that did not need them.
bool
mentions(const std::string& sql, const std::string& column)
{
  if (column.empty() || sql.find(q(column)) != std::string::npos) {
    return true;
  }
  auto in_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t at = sql.find(column); at != std::string::npos; at = sql.find(column, at + 1)) {
    size_t end = at + column.size();
    if ((at == 0 || !in_name(sql[at - 1])) && (end == sql.size() || !in_name(sql[end]))) {
      return true;
    }
  }
  return false;
}

bool
contains(const std::vector<std::string>& names, const std::string& name)
{
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Drops before a change, creates after it.
using Around = std::pair<Statements, Statements>;

void
add_around(Around& around, Statements drops, std::string create)
{
  append(around.first, std::move(drops));
  around.second.push_back(std::move(create));
}

// Partial or expression indexes and checks that mention `column`: PostgreSQL keeps them bound to
// the column's old enum type, so a rebuild of the type drops and recreates them around it.
Around
objects_using(const Table& table, const std::string& column)
{
  Around around;
  for (const auto& index : table.indexes) {
    bool uses = mentions(index.where, column) ||
                std::any_of(index.parts.begin(), index.parts.end(),
                            [&](const auto& part) { return mentions(part.expression, column); });
    if (uses) {
      add_around(around, drop_index_sql(table.name, index), create_index_sql(table.name, index));
    }
  }
  for (const auto& check : table.checks) {
    if (mentions(check.expression, column)) {
      add_around(around, {alter_table(table.name, "DROP CONSTRAINT " + q(check.name))},
                 alter_table(table.name, "ADD " + check_clause(check)));
    }
  }
  return around;
}

// Everything of `table` that DROP COLUMN `column` takes with it: the primary key, indexes
// (parts, INCLUDE, expressions, predicates), checks and the table's own foreign keys that
// involve it, dropped explicitly before (foreign keys first) and created again after (primary key
// first). Foreign keys that reference the column are refused before (refuse_referenced).
Around
objects_on_column(const Table& table, const std::string& column)
{
  std::vector<Around> groups;
  if (contains(table.primary_key, column)) {
    Around& key = groups.emplace_back();
    add_around(key, {alter_table(table.name, "DROP CONSTRAINT " + q(primary_key_name(table.name)))},
               alter_table(table.name, "ADD " + primary_key_clause(table.name, table.primary_key)));
  }
  for (const auto& index : table.indexes) {
    bool uses = mentions(index.where, column) || contains(index.include, column) ||
                std::any_of(index.parts.begin(), index.parts.end(), [&](const auto& part) {
                  return part.column == column || mentions(part.expression, column);
                });
    if (uses) {
      add_around(groups.emplace_back(), drop_index_sql(table.name, index),
                 create_index_sql(table.name, index));
    }
  }
  for (const auto& check : table.checks) {
    if (mentions(check.expression, column)) {
      add_around(groups.emplace_back(),
                 {alter_table(table.name, "DROP CONSTRAINT " + q(check.name))},
                 alter_table(table.name, "ADD " + check_clause(check)));
    }
  }
  for (const auto& key : table.foreign_keys) {
    if (contains(key.columns, column)) {
      add_around(groups.emplace_back(), {alter_table(table.name, "DROP CONSTRAINT " + q(key.name))},
                 alter_table(table.name, "ADD " + foreign_key_clause(key)));
    }
  }
  Around around;
  for (auto group = groups.rbegin(); group != groups.rend(); ++group) {
    append(around.first, std::move(group->first));
  }
  for (auto& group : groups) {
    append(around.second, std::move(group.second));
  }
  return around;
}

Statements
change_type(const Table& owner, const Column& from, const Column& to)
{
  const std::string& table = owner.name;
  if (is_enum(from) && is_enum(to) && rewrites_column(from, to)) {
    auto [drops, creates] = objects_using(owner, to.name);
    Statements statements = std::move(drops);
    append(statements, change_enum_values(table, from, to));
    append(statements, std::move(creates));
    return statements;
  }
  if (is_enum(from) && is_enum(to)) {
    return change_enum_values(table, from, to);
  }
  Statements statements;
  if (is_enum(to)) {
    statements.push_back(create_enum_sql(enum_type(table, to), to.type.values));
  }
  std::string type = declared_type(to.type, table, to.name);
  std::string collated = collated_type(table, to);
  std::string source = casts_directly(from.type, to.type) ? q(to.name) : q(to.name) + "::text";
  statements.push_back(
      alter_column(table, to.name, fmt::format("TYPE {} USING {}::{}", collated, source, type)));
  if (is_enum(from)) {
    statements.push_back(drop_enum_sql(table, from));
  }
  return statements;
}

std::string
set_default_sql(const std::string& table, const Column& column)
{
  return column.default_value
             ? alter_column(table, column.name, "SET DEFAULT " + default_sql(*column.default_value))
             : alter_column(table, column.name, "DROP DEFAULT");
}

// How an autoincrement column counts: not at all, from a sequence it owns (serial), or as an
// identity.
enum class Counter
{
  none,
  serial,
  identity
};

Counter
counter_of(const Column& column)
{
  if (!column.autoincrement) {
    return Counter::none;
  }
  return is_serial(column) ? Counter::serial : Counter::identity;
}

// Everything ModifyColumn changes, in an order PostgreSQL accepts: a default goes before a type
// change (it may not cast) and an identity is added once the column has no default and is NOT
// NULL. `current` is the table as it stands when the step runs (see table_at_column_changes).
// The down is the same function with from and to swapped.
Statements
modify_column_statements(const Table& current, const Column& from, const Column& to,
                         const diff::ColumnChangeSet& what)
{
  const std::string& table = current.name;
  Statements statements;
  if (what.generated && !to.generated.empty()) {
    // PostgreSQL 15 cannot give a column a (new) generation expression: the column is added
    // again, computed from the other columns, with everything else `to` says, and the keys,
    // indexes, checks and foreign keys on it are dropped before and created again after.
    auto [drops, creates] = objects_on_column(current, to.name);
    statements = std::move(drops);
    append(statements, drop_column_statements(table, from));
    append(statements, add_column_statements(table, to));
    append(statements, std::move(creates));
    return statements;
  }
  if (what.generated) { // the values stay, as plain ones
    statements.push_back(alter_column(table, to.name, "DROP EXPRESSION"));
  }
  Counter from_counter = counter_of(from);
  Counter to_counter = counter_of(to);
  bool counter_changes = from_counter != to_counter;
  // Only the identity kind changes: SET GENERATED keeps the sequence and its position.
  bool identity_kind = from_counter == Counter::identity && to_counter == Counter::identity &&
                       from.identity_always != to.identity_always;
  // A default goes before a rewrite (and comes back after it), and before a change of counter,
  // a serial's nextval included (a serial that stays one keeps it through a rewrite: nextval
  // casts to every integer type).
  bool default_dropped = false;
  if ((what.type && rewrites_column(from, to) && from.default_value) ||
      (counter_changes && (from.default_value || from_counter == Counter::serial))) {
    statements.push_back(alter_column(table, to.name, "DROP DEFAULT"));
    default_dropped = true;
  }
  if (identity_kind) {
    statements.push_back(alter_column(
        table, to.name, to.identity_always ? "SET GENERATED ALWAYS" : "SET GENERATED BY DEFAULT"));
  }
  if (counter_changes && from_counter == Counter::identity) {
    statements.push_back(alter_column(table, to.name, "DROP IDENTITY IF EXISTS"));
  }
  if (counter_changes && from_counter == Counter::serial) { // its sequence goes with it
    statements.push_back("DROP SEQUENCE " + q(from.serial_sequence));
  }
  if (what.type) {
    append(statements, change_type(current, from, to));
    // An identity's sequence follows the column's type; a serial's keeps its own.
    if (from_counter == Counter::serial && to_counter == Counter::serial) {
      statements.push_back(fmt::format("ALTER SEQUENCE {} AS {}", q(to.serial_sequence),
                                       declared_type(to.type, table, to.name)));
    }
  } else if (what.collation) {
    statements.push_back(
        alter_column(table, to.name,
                     fmt::format("TYPE {} COLLATE {}", declared_type(to.type, table, to.name),
                                 q(to.collation.empty() ? "default" : to.collation))));
  }
  if (what.nullability) {
    statements.push_back(
        alter_column(table, to.name, to.nullable ? "DROP NOT NULL" : "SET NOT NULL"));
  }
  if (counter_changes && to_counter == Counter::identity) {
    statements.push_back(alter_column(table, to.name, "ADD " + identity_clause(to)));
    statements.push_back(restart_past_rows_sql(
        table, to.name,
        fmt::format("pg_get_serial_sequence({}, {})", literal(q(table)), literal(to.name))));
  }
  if (counter_changes && to_counter == Counter::serial) { // as PostgreSQL makes `serial`
    statements.push_back(create_sequence_sql(table, to) + " OWNED BY " + q(table) + "." +
                         q(to.name));
    statements.push_back(alter_column(table, to.name, "SET DEFAULT " + nextval_sql(to)));
    statements.push_back(restart_past_rows_sql(table, to.name, literal(q(to.serial_sequence))));
  }
  bool default_differs =
      default_dropped ? to.default_value.has_value() : from.default_value != to.default_value;
  if (default_differs && !to.autoincrement) {
    statements.push_back(set_default_sql(table, to));
  }
  if (what.comment) {
    statements.push_back(column_comment_sql(table, to.name, to.comment));
  }
  return statements;
}

int
integer_rank(TypeKind kind)
{
  switch (kind) {
  case TypeKind::smallint:
    return 1;
  case TypeKind::integer:
    return 2;
  case TypeKind::bigint:
    return 3;
  default:
    return 0;
  }
}

bool
is_character(TypeKind kind)
{
  return kind == TypeKind::varchar || kind == TypeKind::fixed_char;
}

// True when `to` holds less than `from`: a shorter string, a smaller integer or number.
bool
narrows(const schema::Type& from, const schema::Type& to)
{
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
  if (from.kind == TypeKind::enumeration && to.kind == TypeKind::enumeration) {
    auto renamed = values_after_renames(from, to);
    return std::any_of(renamed.begin(), renamed.end(), [&](const std::string& v) {
      return std::find(to.values.begin(), to.values.end(), v) == to.values.end();
    });
  }
  return from.kind == TypeKind::double_precision && to.kind == TypeKind::real;
}

// ---- One function per table change ------------------------------------------------------------

Step
step(std::string summary, Statements up, Statements down)
{
  return Step{std::move(summary), std::move(up), std::move(down), {}, false};
}

// The table's primary key, indexes, checks and foreign keys as they stand when its column
// changes run (see diff_table: drops before them; the primary key change, renames of indexes and
// constraints, and additions after): `to`'s, less the ones the change adds, the renamed ones
// under their old names, and the primary key before it changes.
Table
table_at_column_changes(const diff::ModifyTable& modify)
{
  Table table = modify.to;
  std::set<std::string> added;
  std::map<std::string, std::string> old_names;
  for (const auto& change : modify.changes) {
    std::visit(Overloaded{
                   [&](const diff::AddIndex& c) { added.insert(c.index.name); },
                   [&](const diff::AddCheck& c) { added.insert(c.check.name); },
                   [&](const diff::AddForeignKey& c) { added.insert(c.foreign_key.name); },
                   [&](const diff::RenameIndex& c) { old_names[c.to] = c.from; },
                   [&](const diff::RenameConstraint& c) { old_names[c.to] = c.from; },
                   [&](const diff::ChangePrimaryKey& c) { table.primary_key = c.from; },
                   [](const auto&) {},
               },
               change);
  }
  auto as_before = [&](auto& items) {
    std::erase_if(items, [&](const auto& item) { return added.count(item.name) > 0; });
    for (auto& item : items) {
      if (auto found = old_names.find(item.name); found != old_names.end()) {
        item.name = found->second;
      }
    }
  };
  as_before(table.indexes);
  as_before(table.checks);
  as_before(table.foreign_keys);
  return table;
}

// A column dropped and added again (one that becomes generated, changes its expression, or comes
// back generated on the way down) loses the values that foreign keys point at: PostgreSQL refuses
// to drop it while any references it, and recreating them would check them against the computed
// values. The plan refuses, naming the way out.
void
refuse_referenced(const diff::ModifyTable& modify, const Table& current,
                  const diff::ModifyColumn& change)
{
  const std::string& column = change.to.name;
  std::vector<diff::InboundForeignKey> referencing = modify.referenced_by;
  for (const auto& key : current.foreign_keys) {
    referencing.push_back({current.name, key});
  }
  for (const auto& [table, key] : referencing) {
    if (key.ref_table != current.name || !contains(key.ref_columns, column)) {
      continue;
    }
    std::string what = change.from.generated.empty() ? "becomes generated"
                       : change.to.generated.empty()
                           ? "stops being generated (its down makes it generated again)"
                           : "changes its generation expression";
    throw Error(ErrorKind::migration,
                fmt::format("column {}.{} {}, which PostgreSQL 15 does by dropping the column and "
                            "adding it again, but foreign key {} of table {} references it: drop "
                            "that foreign key in a migration of its own first",
                            current.name, column, what, key.name, table));
  }
}

// The models cannot tell a serial from an identity BY DEFAULT: a serial the models want as
// `autoincrement` stays a serial, through type changes too.
Column
with_kept_serial(const Column& from, Column to)
{
  if (is_serial(from) && to.autoincrement && !to.identity_always && to.serial_sequence.empty()) {
    to.serial_sequence = from.serial_sequence;
  }
  return to;
}

Step
plan_table_change(const diff::ModifyTable& modify, const diff::TableChange& change)
{
  const Table& table = modify.to;
  const std::string& name = table.name;
  std::string summary = diff::describe(name, change);
  return std::visit(
      Overloaded{
          [&](const diff::AddColumn& c) {
            Step result = step(summary, add_column_statements(name, c.column),
                               drop_column_statements(name, c.column));
            if (!c.column.nullable && !c.column.default_value && !c.column.autoincrement) {
              result.warnings.push_back(fmt::format(
                  "adds NOT NULL column {}.{} without a default: fails if the table has rows", name,
                  c.column.name));
            }
            return result;
          },
          [&](const diff::DropColumn& c) {
            Step result = step(summary, drop_column_statements(name, c.column),
                               restore_column_statements(name, c.column));
            result.warnings.push_back(
                fmt::format("drops column {}.{} and its data", name, c.column.name));
            result.irreversible = true;
            return result;
          },
          [&](const diff::RenameColumn& c) {
            auto rename = [&](const std::string& from, const std::string& to) {
              Statements statements{
                  alter_table(name, fmt::format("RENAME COLUMN {} TO {}", q(from), q(to)))};
              const Column* column = table.find_column(c.to);
              if (column && is_enum(*column)) {
                statements.push_back(fmt::format("ALTER TYPE {} RENAME TO {}",
                                                 q(enum_type_name(name, from)),
                                                 q(enum_type_name(name, to))));
              }
              return statements;
            };
            return step(summary, rename(c.from, c.to), rename(c.to, c.from));
          },
          [&](const diff::ModifyColumn& c) {
            Table current = table_at_column_changes(modify);
            if (c.what.generated) {
              refuse_referenced(modify, current, c);
            }
            Column to = with_kept_serial(c.from, c.to);
            Step result = step(summary, modify_column_statements(current, c.from, to, c.what),
                               modify_column_statements(current, to, c.from, c.what));
            if (c.what.type && narrows(c.from.type, c.to.type)) {
              result.warnings.push_back(fmt::format("narrows {}.{} from {} to {}", name, c.to.name,
                                                    schema::to_string(c.from.type),
                                                    schema::to_string(c.to.type)));
            }
            if (c.what.generated && !c.to.generated.empty() && c.from.generated.empty()) {
              result.warnings.push_back(
                  fmt::format("replaces the values of {}.{} with generated ones: the down keeps "
                              "those, not the old values",
                              name, c.to.name));
              result.irreversible = true;
            }
            if (c.what.nullability && !c.to.nullable) {
              result.warnings.push_back(
                  fmt::format("makes {}.{} NOT NULL: fails if it holds NULLs", name, c.to.name));
            }
            return result;
          },
          [&](const diff::ChangePrimaryKey& c) {
            auto change_key = [&](const std::vector<std::string>& from,
                                  const std::vector<std::string>& to) {
              Statements statements;
              if (!from.empty()) {
                statements.push_back(
                    alter_table(name, "DROP CONSTRAINT " + q(primary_key_name(name))));
              }
              if (!to.empty()) {
                statements.push_back(alter_table(name, "ADD " + primary_key_clause(name, to)));
              }
              return statements;
            };
            return step(summary, change_key(c.from, c.to), change_key(c.to, c.from));
          },
          [&](const diff::AddIndex& c) {
            auto how = c.index.concurrently ? Concurrently::yes : Concurrently::no;
            return step(summary, {create_index_sql(name, c.index, how)},
                        drop_index_sql(name, c.index, how));
          },
          [&](const diff::DropIndex& c) {
            return step(summary, drop_index_sql(name, c.index), {create_index_sql(name, c.index)});
          },
          // Renaming the index of a unique constraint renames the constraint too.
          [&](const diff::RenameIndex& c) {
            auto rename = [](const std::string& from, const std::string& to) {
              return fmt::format("ALTER INDEX {} RENAME TO {}", q(from), q(to));
            };
            return step(summary, {rename(c.from, c.to)}, {rename(c.to, c.from)});
          },
          [&](const diff::AddForeignKey& c) {
            return step(summary, {alter_table(name, "ADD " + foreign_key_clause(c.foreign_key))},
                        {alter_table(name, "DROP CONSTRAINT " + q(c.foreign_key.name))});
          },
          [&](const diff::DropForeignKey& c) {
            return step(summary, {alter_table(name, "DROP CONSTRAINT " + q(c.foreign_key.name))},
                        {alter_table(name, "ADD " + foreign_key_clause(c.foreign_key))});
          },
          [&](const diff::AddCheck& c) {
            return step(summary, {alter_table(name, "ADD " + check_clause(c.check))},
                        {alter_table(name, "DROP CONSTRAINT " + q(c.check.name))});
          },
          [&](const diff::DropCheck& c) {
            return step(summary, {alter_table(name, "DROP CONSTRAINT " + q(c.check.name))},
                        {alter_table(name, "ADD " + check_clause(c.check))});
          },
          [&](const diff::RenameConstraint& c) {
            auto rename = [&](const std::string& from, const std::string& to) {
              return alter_table(name, fmt::format("RENAME CONSTRAINT {} TO {}", q(from), q(to)));
            };
            return step(summary, {rename(c.from, c.to)}, {rename(c.to, c.from)});
          },
          [&](const diff::ChangeTableComment& c) {
            return step(summary, {table_comment_sql(name, c.to)},
                        {table_comment_sql(name, c.from)});
          },
          // Engine, charset and collation are MySQL's; PostgresHooks::normalize clears them.
          [&](const diff::ChangeTableOptions&) -> Step {
            throw Error(ErrorKind::migration, "table options are not supported on PostgreSQL");
          },
      },
      change);
}

Statements
rename_table_statements(const std::string& from, const std::string& to)
{
  std::string enum_types = k_rename_enum_types;
  auto replace = [&](std::string_view key, const std::string& value) {
    enum_types.replace(enum_types.find(key), key.size(), value);
  };
  replace("{table}", literal(q(to)));
  replace("{from}", literal(from + "_"));
  replace("{to}", literal(to + "_"));
  return {alter_table(from, "RENAME TO " + q(to)),
          fmt::format("ALTER INDEX IF EXISTS {} RENAME TO {}", q(primary_key_name(from)),
                      q(primary_key_name(to))),
          enum_types};
}

// True when an index is created CONCURRENTLY, which PostgreSQL refuses inside a transaction: the
// whole migration then runs statement by statement (see README, "How PostgreSQL migrations are
// applied").
bool
has_concurrent_index(const diff::Changes& changes)
{
  for (const auto& change : changes) {
    const auto* modify = std::get_if<diff::ModifyTable>(&change);
    if (!modify) {
      continue;
    }
    for (const auto& table_change : modify->changes) {
      const auto* add = std::get_if<diff::AddIndex>(&table_change);
      if (add && add->index.concurrently) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

migrate::Plan
plan(const diff::Changes& changes)
{
  refuse_characters(changes, StringPlaces::all, std::string_view("\0", 1),
                    "a NUL character, which PostgreSQL text cannot store");
  migrate::Plan result;
  for (const auto& change : changes) {
    std::visit(Overloaded{
                   [&](const diff::AddTable& c) {
                     result.steps.push_back(step(diff::describe(change).front(),
                                                 create_table_statements(c.table),
                                                 drop_table_statements(c.table)));
                   },
                   [&](const diff::DropTable& c) {
                     Step dropped =
                         step(diff::describe(change).front(), drop_table_statements(c.table),
                              create_table_statements(c.table));
                     dropped.warnings.push_back(
                         fmt::format("drops table {} and all its rows", c.table.name));
                     dropped.irreversible = true;
                     result.steps.push_back(std::move(dropped));
                   },
                   [&](const diff::RenameTable& c) {
                     result.steps.push_back(step(diff::describe(change).front(),
                                                 rename_table_statements(c.from, c.to),
                                                 rename_table_statements(c.to, c.from)));
                   },
                   [&](const diff::ModifyTable& c) {
                     for (const auto& table_change : c.changes) {
                       result.steps.push_back(plan_table_change(c, table_change));
                     }
                   },
               },
               change);
  }
  result.needs_no_transaction = has_concurrent_index(changes);
  return result;
}

std::vector<std::string>
create_statements(const schema::Schema& schema)
{
  Statements statements;
  Statements foreign_keys;
  for (const auto& table : schema.tables) {
    Table without_keys = table;
    without_keys.foreign_keys.clear();
    append(statements, create_table_statements(without_keys));
    for (const auto& key : table.foreign_keys) {
      foreign_keys.push_back(alter_table(table.name, "ADD " + foreign_key_clause(key)));
    }
  }
  append(statements, std::move(foreign_keys));
  return statements;
}

} // namespace orm::dialect::postgres
