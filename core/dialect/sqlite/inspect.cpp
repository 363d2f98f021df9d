#include "core/dialect/sqlite/inspect.hpp"

#include "core/dialect/sqlite/sql_scanner.hpp"
#include "core/dialect/sqlite/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <map>

namespace orm::dialect::sqlite {

namespace {

// Every query lists the user's tables the same way: no sqlite_* internals, no virtual tables,
// not orm's own history table.
constexpr std::string_view k_tables_query = R"sql(
SELECT m.name, m.sql
FROM sqlite_schema m
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND m.name <> 'orm_migrations' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
ORDER BY m.name)sql";

// Hidden columns (generated, virtual-table) are not part of the model.
constexpr std::string_view k_columns_query = R"sql(
SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND m.name <> 'orm_migrations' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
  AND p.hidden = 0
ORDER BY m.name, p.cid)sql";

// Key parts only (key = 1), in key order; the primary key's own autoindex is left out.
constexpr std::string_view k_indexes_query = R"sql(
SELECT m.name, l.name, l."unique", l.origin, s.sql, x.cid, x.name, x."desc"
FROM sqlite_schema m
JOIN pragma_index_list(m.name) l
JOIN pragma_index_xinfo(l.name) x
LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = l.name
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND m.name <> 'orm_migrations' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
  AND l.origin <> 'pk' AND x.key = 1
ORDER BY m.name, l.name, x.seqno)sql";

constexpr std::string_view k_foreign_keys_query = R"sql(
SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete
FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND m.name <> 'orm_migrations' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
ORDER BY m.name, f.id, f.seq)sql";

constexpr std::string_view k_views_query = R"sql(
SELECT v.name, v.sql FROM sqlite_schema v WHERE v.type = 'view' ORDER BY v.name)sql";

constexpr std::string_view k_triggers_query = R"sql(
SELECT t.tbl_name, t.name, t.sql
FROM sqlite_schema t
WHERE t.type = 'trigger' AND t.tbl_name <> 'orm_migrations'
ORDER BY t.tbl_name, t.name)sql";

// pragma_index_xinfo's cid for an expression part.
constexpr int k_expression_cid = -2;

struct Inspected
{
  schema::Table table;
  TableText text;
};

using Tables = std::map<std::string, Inspected>;

schema::ReferentialAction
action_of(std::string_view text)
{
  std::string action = util::to_upper(text);
  if (action == "RESTRICT") {
    return schema::ReferentialAction::restrict;
  }
  if (action == "CASCADE") {
    return schema::ReferentialAction::cascade;
  }
  if (action == "SET NULL") {
    return schema::ReferentialAction::set_null;
  }
  if (action == "SET DEFAULT") {
    return schema::ReferentialAction::set_default;
  }
  return schema::ReferentialAction::no_action;
}

Tables
read_tables(db::Connection& connection)
{
  Tables tables;
  for (const auto& row : connection.query(std::string(k_tables_query)).rows) {
    Inspected inspected;
    inspected.table.name = row[0].value_or("");
    inspected.text = parse_create_table(row[1].value_or(""));
    tables.emplace(inspected.table.name, std::move(inspected));
  }
  return tables;
}

void
read_columns(db::Connection& connection, Tables& tables)
{
  std::map<std::string, std::map<int, std::string>> keys; // table -> key position -> column
  for (const auto& row : connection.query(std::string(k_columns_query)).rows) {
    auto& table = tables.at(row[0].value_or("")).table;
    schema::Column column;
    column.name = row[1].value_or("");
    column.type = type_of_declared(row[2].value_or(""));
    column.nullable = row[3].value_or("0") == "0";
    if (row[4]) {
      column.default_value = default_of_sql(*row[4]);
    }
    if (int position = std::stoi(row[5].value_or("0")); position > 0) {
      keys[table.name][position] = column.name;
    }
    table.columns.push_back(std::move(column));
  }
  for (auto& [name, positions] : keys) {
    for (auto& [position, column] : positions) {
      tables.at(name).table.primary_key.push_back(column);
    }
  }
}

// Checks from the CREATE TABLE text; the enum checks this dialect writes become enum types.
void
read_checks(Inspected& inspected)
{
  auto& table = inspected.table;
  int unnamed = 0;
  for (const auto& check : inspected.text.checks) {
    auto enum_check = enum_check_of(check.expression);
    auto* column = enum_check ? table.find_column(enum_check->column) : nullptr;
    // The suffix alone: SQLite keeps the constraint name when it renames the table or column.
    bool enum_name = check.name.size() > 5 && check.name.ends_with("_enum");
    if (column && enum_name && column->type.kind == schema::TypeKind::text) {
      column->type = schema::Type::enumeration(enum_check->values);
      continue;
    }
    std::string name = check.name;
    if (name.empty()) {
      ++unnamed;
      name = table.name + "_check" + (unnamed > 1 ? std::to_string(unnamed) : "");
    }
    table.checks.push_back({name, check.expression});
  }
  if (inspected.text.autoincrement && table.primary_key.size() == 1) {
    table.find_column(table.primary_key.front())->autoincrement = true;
  }
}

// An index as the pragmas report it, with what only its CREATE INDEX text tells.
struct IndexRows
{
  schema::Index index;
  IndexText text;
  bool from_unique_constraint = false; // origin 'u': an autoindex without a name of its own
};

std::vector<std::string>
column_names(const schema::Index& index)
{
  std::vector<std::string> names;
  for (const auto& part : index.parts) {
    names.push_back(part.column);
  }
  return names;
}

void
read_indexes(db::Connection& connection, Tables& tables)
{
  std::map<std::pair<std::string, std::string>, IndexRows> found; // (table, index)
  for (const auto& row : connection.query(std::string(k_indexes_query)).rows) {
    auto [entry, inserted] = found.try_emplace({row[0].value_or(""), row[1].value_or("")});
    auto& [index, text, from_unique_constraint] = entry->second;
    if (inserted) {
      index.name = row[1].value_or("");
      index.unique = row[2].value_or("0") != "0";
      from_unique_constraint = row[3].value_or("") == "u";
      text = parse_create_index(row[4].value_or(""));
      index.where = text.where;
    }
    schema::IndexPart part;
    part.descending = row[7].value_or("0") != "0";
    if (std::stoi(row[5].value_or("0")) == k_expression_cid) {
      size_t position = index.parts.size();
      part.expression = position < text.parts.size() ? text.parts[position] : std::string();
    } else {
      part.column = row[6].value_or("");
    }
    index.parts.push_back(std::move(part));
  }
  for (auto& [key, rows] : found) {
    if (rows.from_unique_constraint) {
      rows.index.name = schema::index_name(key.first, column_names(rows.index), true);
    }
    tables.at(key.first).table.indexes.push_back(std::move(rows.index));
  }
}

std::string
foreign_key_name_of(const Inspected& inspected, const schema::ForeignKey& foreign_key)
{
  for (const auto& named : inspected.text.foreign_key_names) {
    bool same_columns =
        std::equal(named.columns.begin(), named.columns.end(), foreign_key.columns.begin(),
                   foreign_key.columns.end(),
                   [](const auto& a, const auto& b) { return util::equals_icase(a, b); });
    if (same_columns && util::equals_icase(named.ref_table, foreign_key.ref_table)) {
      return named.name;
    }
  }
  return schema::foreign_key_name(inspected.table.name, foreign_key.columns);
}

// The referenced table's real spelling, and its key when REFERENCES named no columns.
void
resolve_reference(const Tables& tables, schema::ForeignKey& foreign_key)
{
  for (const auto& [name, inspected] : tables) {
    if (util::equals_icase(name, foreign_key.ref_table)) {
      foreign_key.ref_table = name;
      if (foreign_key.ref_columns.empty()) {
        foreign_key.ref_columns = inspected.table.primary_key;
      }
      return;
    }
  }
}

void
read_foreign_keys(db::Connection& connection, Tables& tables)
{
  std::map<std::pair<std::string, std::string>, schema::ForeignKey> keys; // (table, id)
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& row : connection.query(std::string(k_foreign_keys_query)).rows) {
    std::pair<std::string, std::string> id{row[0].value_or(""), row[1].value_or("")};
    auto [found, inserted] = keys.try_emplace(id);
    auto& foreign_key = found->second;
    if (inserted) {
      order.push_back(id);
      foreign_key.ref_table = row[2].value_or("");
      foreign_key.on_update = action_of(row[5].value_or(""));
      foreign_key.on_delete = action_of(row[6].value_or(""));
    }
    foreign_key.columns.push_back(row[3].value_or(""));
    if (row[4]) {
      foreign_key.ref_columns.push_back(*row[4]);
    }
  }
  for (const auto& id : order) {
    auto& foreign_key = keys.at(id);
    auto& inspected = tables.at(id.first);
    resolve_reference(tables, foreign_key);
    foreign_key.name = foreign_key_name_of(inspected, foreign_key);
    inspected.table.foreign_keys.push_back(std::move(foreign_key));
  }
}

void
read_triggers(db::Connection& connection, Tables& tables)
{
  for (const auto& row : connection.query(std::string(k_triggers_query)).rows) {
    auto table = tables.find(row[0].value_or(""));
    if (table != tables.end()) {
      table->second.table.triggers.push_back({row[1].value_or(""), row[2].value_or("")});
    }
  }
}

// SQLite keeps no dependencies: a view reads a table when its text names it.
void
read_views(db::Connection& connection, Tables& tables)
{
  for (const auto& row : connection.query(std::string(k_views_query)).rows) {
    std::string sql = row[1].value_or("");
    for (auto& [name, inspected] : tables) {
      if (mentions_identifier(sql, name)) {
        inspected.table.views.push_back({row[0].value_or(""), sql});
      }
    }
  }
}

} // namespace

schema::Schema
inspect(db::Connection& connection)
{
  Tables tables = read_tables(connection);
  read_columns(connection, tables);
  read_indexes(connection, tables);
  read_foreign_keys(connection, tables);
  read_triggers(connection, tables);
  read_views(connection, tables);
  schema::Schema schema;
  for (auto& [name, inspected] : tables) {
    read_checks(inspected);
    schema.tables.push_back(std::move(inspected.table));
  }
  schema::sort_canonically(schema);
  return schema;
}

} // namespace orm::dialect::sqlite
