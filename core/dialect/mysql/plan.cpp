#include "core/dialect/mysql/plan.hpp"

#include "core/dialect/sql_common.hpp"

#include "core/dialect/mysql/types.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace orm::dialect::mysql {

namespace {

using migrate::Step;
using schema::Column;
using schema::Table;

using util::Overloaded;

// ---- DDL text -------------------------------------------------------------------------------

std::string
quoted_list(const std::vector<std::string>& names)
{
  return dialect::quoted_list(names, quote_identifier);
}

// `CURRENT_TIMESTAMP(6)` for a `datetime(6)`: ON UPDATE must match the column's precision.
std::string
current_timestamp_for(const schema::Type& type)
{
  size_t open = type.raw.find('(');
  if (type.kind == schema::TypeKind::raw && open != std::string::npos && type.raw.back() == ')') {
    return "CURRENT_TIMESTAMP" + type.raw.substr(open);
  }
  return "CURRENT_TIMESTAMP";
}

// The whole definition, so that MODIFY COLUMN keeps everything the column has.
std::string
column_definition(const Column& column)
{
  std::string sql = quote_identifier(column.name) + " " + column_type(column.type);
  if (!column.charset.empty()) {
    sql += " CHARACTER SET " + column.charset;
  }
  if (!column.collation.empty()) {
    sql += " COLLATE " + column.collation;
  }
  if (!column.generated.empty()) {
    sql += fmt::format(" GENERATED ALWAYS AS ({}) {}", column.generated,
                       column.generated_stored ? "STORED" : "VIRTUAL");
    // MariaDB takes neither NULL nor NOT NULL here; a nullable generated column says nothing.
    sql += column.nullable ? "" : " NOT NULL";
  } else {
    sql += column.nullable ? " NULL" : " NOT NULL";
  }
  if (column.default_value) {
    sql += " DEFAULT " + default_sql(*column.default_value, column.type);
  }
  if (column.on_update_now) {
    sql += " ON UPDATE " + current_timestamp_for(column.type);
  }
  if (column.autoincrement) {
    sql += " AUTO_INCREMENT";
  }
  if (!column.comment.empty()) {
    sql += " COMMENT " + string_literal(column.comment, LiteralUse::comment);
  }
  return sql;
}

std::string
foreign_key_clause(const schema::ForeignKey& foreign_key)
{
  std::string sql =
      fmt::format("CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
                  quote_identifier(foreign_key.name), quoted_list(foreign_key.columns),
                  quote_identifier(foreign_key.ref_table), quoted_list(foreign_key.ref_columns));
  sql += referential_actions_sql(foreign_key);
  return sql;
}

std::string
check_clause(const schema::Check& check)
{
  return fmt::format("CONSTRAINT {} CHECK ({})", quote_identifier(check.name), check.expression);
}

std::string
index_clause(const schema::Index& index)
{
  std::vector<std::string> parts;
  for (const auto& part : index.parts) {
    std::string sql =
        part.expression.empty() ? quote_identifier(part.column) : "(" + part.expression + ")";
    if (part.prefix_length > 0) {
      sql += fmt::format("({})", part.prefix_length);
    }
    parts.push_back(part.descending ? sql + " DESC" : sql);
  }
  std::string kind = index.method == "fulltext"  ? "FULLTEXT "
                     : index.method == "spatial" ? "SPATIAL "
                     : index.unique              ? "UNIQUE "
                                                 : "";
  return fmt::format("{}INDEX {} ({})", kind, quote_identifier(index.name),
                     util::join(parts, ", "));
}

// The character set a collation belongs to: utf8mb4_bin -> utf8mb4.
std::string
charset_of(const std::string& charset, const std::string& collation)
{
  return charset.empty() ? collation.substr(0, collation.find('_')) : charset;
}

// `ENGINE = MyISAM DEFAULT CHARSET = latin1 COLLATE = latin1_bin`, the options that are set.
std::string
table_options_sql(const Table& table)
{
  std::string sql;
  if (!table.engine.empty()) {
    sql += " ENGINE = " + table.engine;
  }
  if (!table.charset.empty() || !table.collation.empty()) {
    sql += " DEFAULT CHARSET = " + charset_of(table.charset, table.collation);
  }
  if (!table.collation.empty()) {
    sql += " COLLATE = " + table.collation;
  }
  return sql;
}

// Turns `table` (its columns as they are) to `to`. A new character set or collation converts the
// text columns that follow the table's (CONVERT TO, which converts every column), then gives the
// columns that have their own back theirs, one statement each: the server applies CONVERT TO
// after a MODIFY COLUMN of the same statement. No engine is the server's default engine.
std::vector<std::string>
change_options_sql(const Table& table, const diff::TableOptions& from, const diff::TableOptions& to,
                   const ServerInfo& server)
{
  std::vector<std::string> statements;
  std::vector<std::string> parts;
  if (from.engine != to.engine) {
    parts.push_back("ENGINE = " + (to.engine.empty() ? server.default_engine : to.engine));
  }
  bool convert = from.charset != to.charset || from.collation != to.collation;
  if (convert) {
    if (to.charset.empty() && to.collation.empty()) {
      parts.push_back("CONVERT TO CHARACTER SET DEFAULT");
    } else {
      std::string sql = "CONVERT TO CHARACTER SET " + charset_of(to.charset, to.collation);
      if (!to.collation.empty()) {
        sql += " COLLATE " + to.collation;
      }
      parts.push_back(sql);
    }
  }
  statements.push_back(
      fmt::format("ALTER TABLE {} {}", quote_identifier(table.name), util::join(parts, ", ")));
  for (const auto& column : table.columns) {
    if (convert && (!column.charset.empty() || !column.collation.empty())) {
      statements.push_back(fmt::format("ALTER TABLE {} MODIFY COLUMN {}",
                                       quote_identifier(table.name), column_definition(column)));
    }
  }
  return statements;
}

std::string
create_table_sql(const Table& table)
{
  std::vector<std::string> lines;
  for (const auto& column : table.columns) {
    lines.push_back(column_definition(column));
  }
  if (!table.primary_key.empty()) {
    lines.push_back("PRIMARY KEY (" + quoted_list(table.primary_key) + ")");
  }
  for (const auto& index : table.indexes) {
    lines.push_back(index_clause(index));
  }
  for (const auto& foreign_key : table.foreign_keys) {
    lines.push_back(foreign_key_clause(foreign_key));
  }
  for (const auto& check : table.checks) {
    lines.push_back(check_clause(check));
  }
  std::string sql = fmt::format("CREATE TABLE {} (\n  {}\n)", quote_identifier(table.name),
                                util::join(lines, ",\n  "));
  sql += table_options_sql(table);
  if (!table.comment.empty()) {
    sql += " COMMENT = " + string_literal(table.comment, LiteralUse::comment);
  }
  return sql;
}

std::string
alter(const std::string& table, const std::string& what)
{
  return fmt::format("ALTER TABLE {} {}", quote_identifier(table), what);
}

// ` AFTER prev` or ` FIRST`: where `name` sits in `table`, so that ADD COLUMN restores the order.
std::string
position_of(const Table& table, const std::string& name)
{
  std::string previous;
  for (const auto& column : table.columns) {
    if (column.name == name) {
      return previous.empty() ? " FIRST" : " AFTER " + quote_identifier(previous);
    }
    previous = column.name;
  }
  return "";
}

std::string
add_column_sql(const Table& table, const Column& column)
{
  return alter(table.name,
               "ADD COLUMN " + column_definition(column) + position_of(table, column.name));
}

std::string
drop_column_sql(const std::string& table, const std::string& column)
{
  return alter(table, "DROP COLUMN " + quote_identifier(column));
}

std::string
primary_key_sql(const std::string& table, const std::vector<std::string>& from,
                const std::vector<std::string>& to)
{
  std::vector<std::string> parts;
  if (!from.empty()) {
    parts.push_back("DROP PRIMARY KEY");
  }
  if (!to.empty()) {
    parts.push_back("ADD PRIMARY KEY (" + quoted_list(to) + ")");
  }
  return alter(table, util::join(parts, ", "));
}

// True when MySQL must keep an index of its own for `foreign_key` in `table`: no index (nor the
// primary key) starts with the foreign key's columns. It creates one named after the foreign key,
// which inspect leaves out and DROP FOREIGN KEY leaves behind.
bool
needs_implicit_index(const Table& table, const schema::ForeignKey& foreign_key)
{
  auto covers = [&](const std::vector<std::string>& columns) {
    return columns.size() >= foreign_key.columns.size() &&
           std::equal(foreign_key.columns.begin(), foreign_key.columns.end(), columns.begin());
  };
  if (covers(table.primary_key)) {
    return false;
  }
  return std::none_of(table.indexes.begin(), table.indexes.end(), [&](const schema::Index& index) {
    std::vector<std::string> columns;
    for (const auto& part : index.parts) {
      columns.push_back(part.column);
    }
    return covers(columns);
  });
}

std::string
add_foreign_key_sql(const std::string& table, const schema::ForeignKey& foreign_key)
{
  return alter(table, "ADD " + foreign_key_clause(foreign_key));
}

// `table` is the table with the foreign key, as it is when the statement runs.
std::string
drop_foreign_key_sql(const Table& table, const schema::ForeignKey& foreign_key)
{
  std::string name = quote_identifier(foreign_key.name);
  if (needs_implicit_index(table, foreign_key)) {
    return alter(table.name, fmt::format("DROP FOREIGN KEY {}, DROP INDEX {}", name, name));
  }
  return alter(table.name, "DROP FOREIGN KEY " + name);
}

// What keeps the index MySQL needs for each foreign key right when an index change turns `before`
// into `after`: `, DROP INDEX fk` when a new index covers the foreign key, `, ADD INDEX fk (...)`
// when the index that covered it goes (MySQL refuses to drop that one alone).
std::string
implicit_index_changes(const Table& before, const Table& after)
{
  std::string sql;
  for (const auto& foreign_key : after.foreign_keys) {
    bool needed_before = needs_implicit_index(before, foreign_key);
    bool needed_after = needs_implicit_index(after, foreign_key);
    if (needed_before && !needed_after) {
      sql += ", DROP INDEX " + quote_identifier(foreign_key.name);
    } else if (!needed_before && needed_after) {
      sql += fmt::format(", ADD INDEX {} ({})", quote_identifier(foreign_key.name),
                         quoted_list(foreign_key.columns));
    }
  }
  return sql;
}

std::string
drop_check_sql(const std::string& table, const std::string& name, const ServerInfo& server)
{
  // MySQL before 8.0.19 knows only DROP CHECK; MariaDB only DROP CONSTRAINT.
  const char* verb = server.kind == ServerKind::mysql ? "DROP CHECK" : "DROP CONSTRAINT";
  return alter(table, fmt::format("{} {}", verb, quote_identifier(name)));
}

// True unless every value of `from` fits `to`: a longer string, more digits, a wider integer.
bool
may_not_fit(const schema::Type& from, const schema::Type& to)
{
  using schema::TypeKind;
  auto rank = [](TypeKind kind) {
    return kind == TypeKind::smallint ? 1 : kind == TypeKind::integer ? 2 : 3;
  };
  if (schema::is_integer(from.kind) && schema::is_integer(to.kind)) {
    return rank(to.kind) < rank(from.kind);
  }
  if (from.kind != to.kind) {
    return !(to.kind == TypeKind::text &&
             (from.kind == TypeKind::varchar || from.kind == TypeKind::fixed_char));
  }
  switch (from.kind) {
  case TypeKind::varchar:
  case TypeKind::fixed_char:
    return to.length < from.length;
  case TypeKind::decimal:
    return to.scale < from.scale || to.precision - to.scale < from.precision - from.scale;
  default:
    return from != to;
  }
}

template <typename Item>
void
erase_named(std::vector<Item>& items, const std::string& name)
{
  std::erase_if(items, [&](const Item& item) { return item.name == name; });
}

template <typename Item>
const Item*
find_named(const std::vector<Item>& items, const std::string& name)
{
  auto found =
      std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.name == name; });
  return found == items.end() ? nullptr : &*found;
}

// ---- ALTER TABLE, one change at a time ------------------------------------------------------

// Plans the changes of one table against `state`, the table as the earlier steps left it.
class TablePlanner
{
public:
  TablePlanner(const diff::ModifyTable& change, const ServerInfo& server)
      : m_state(change.from), m_to(change.to), m_server(server)
  {
  }

  Step operator()(const diff::AddColumn& change)
  {
    insert_column(change.column);
    return step(change, add_column_sql(m_state, change.column),
                drop_column_sql(name(), change.column.name));
  }

  Step operator()(const diff::DropColumn& change)
  {
    const Column* column = m_state.find_column(change.column.name);
    Column before = column ? *column : change.column;
    std::string add = add_column_sql(m_state, before);
    erase_named(m_state.columns, change.column.name);
    Step result = step(change, drop_column_sql(name(), change.column.name), add);
    result.warnings.push_back(
        fmt::format("drops column {}.{} and its data", name(), change.column.name));
    result.irreversible = true;
    return result;
  }

  Step operator()(const diff::RenameColumn& change)
  {
    auto rename = [&](std::string& column) {
      if (column == change.from) {
        column = change.to;
      }
    };
    for (auto& column : m_state.columns) {
      rename(column.name);
    }
    std::for_each(m_state.primary_key.begin(), m_state.primary_key.end(), rename);
    for (auto& index : m_state.indexes) {
      for (auto& part : index.parts) {
        rename(part.column);
      }
    }
    for (auto& foreign_key : m_state.foreign_keys) {
      std::for_each(foreign_key.columns.begin(), foreign_key.columns.end(), rename);
    }
    auto sql = [&](const std::string& from, const std::string& to) {
      return alter(name(), fmt::format("RENAME COLUMN {} TO {}", quote_identifier(from),
                                       quote_identifier(to)));
    };
    return step(change, sql(change.from, change.to), sql(change.to, change.from));
  }

  Step operator()(const diff::ModifyColumn& change)
  {
    Column* column = m_state.find_column(change.to.name);
    Column before = column ? *column : change.from;
    if (column) {
      *column = change.to;
    }
    Step result = step(change, alter(name(), "MODIFY COLUMN " + column_definition(change.to)),
                       alter(name(), "MODIFY COLUMN " + column_definition(before)));
    if (change.what.type && may_not_fit(before.type, change.to.type)) {
      result.warnings.push_back(fmt::format(
          "changes the type of {}.{} from {} to {}: fails, or truncates in a non-strict sql_mode, "
          "where a value does not fit",
          name(), change.to.name, schema::to_string(before.type),
          schema::to_string(change.to.type)));
    }
    return result;
  }

  Step operator()(const diff::ChangePrimaryKey& change)
  {
    std::vector<std::string> before = m_state.primary_key;
    m_state.primary_key = change.to;
    return step(change, primary_key_sql(name(), before, change.to),
                primary_key_sql(name(), change.to, before));
  }

  Step operator()(const diff::AddIndex& change)
  {
    Table before = m_state;
    m_state.indexes.push_back(change.index);
    return step(change,
                alter(name(), "ADD " + index_clause(change.index) +
                                  implicit_index_changes(before, m_state)),
                alter(name(), "DROP INDEX " + quote_identifier(change.index.name) +
                                  implicit_index_changes(m_state, before)));
  }

  Step operator()(const diff::DropIndex& change)
  {
    const schema::Index* current = find_named(m_state.indexes, change.index.name);
    schema::Index index = current ? *current : change.index;
    Table before = m_state;
    erase_named(m_state.indexes, change.index.name);
    return step(
        change,
        alter(name(), "DROP INDEX " + quote_identifier(change.index.name) +
                          implicit_index_changes(before, m_state)),
        alter(name(), "ADD " + index_clause(index) + implicit_index_changes(m_state, before)));
  }

  Step operator()(const diff::RenameIndex& change)
  {
    for (auto& index : m_state.indexes) {
      if (index.name == change.from) {
        index.name = change.to;
      }
    }
    auto sql = [&](const std::string& from, const std::string& to) {
      return alter(name(), fmt::format("RENAME INDEX {} TO {}", quote_identifier(from),
                                       quote_identifier(to)));
    };
    return step(change, sql(change.from, change.to), sql(change.to, change.from));
  }

  Step operator()(const diff::AddForeignKey& change)
  {
    m_state.foreign_keys.push_back(change.foreign_key);
    return step(change, add_foreign_key_sql(name(), change.foreign_key),
                drop_foreign_key_sql(m_state, change.foreign_key));
  }

  Step operator()(const diff::DropForeignKey& change)
  {
    const schema::ForeignKey* current = find_named(m_state.foreign_keys, change.foreign_key.name);
    schema::ForeignKey before = current ? *current : change.foreign_key;
    std::string drop = drop_foreign_key_sql(m_state, before);
    erase_named(m_state.foreign_keys, change.foreign_key.name);
    return step(change, drop, add_foreign_key_sql(name(), before));
  }

  Step operator()(const diff::AddCheck& change)
  {
    m_state.checks.push_back(change.check);
    return step(change, alter(name(), "ADD " + check_clause(change.check)),
                drop_check_sql(name(), change.check.name, m_server));
  }

  Step operator()(const diff::DropCheck& change)
  {
    const schema::Check* current = find_named(m_state.checks, change.check.name);
    schema::Check before = current ? *current : change.check;
    erase_named(m_state.checks, change.check.name);
    return step(change, drop_check_sql(name(), change.check.name, m_server),
                alter(name(), "ADD " + check_clause(before)));
  }

  // MySQL cannot rename a foreign key or a check: drop it and add it again under the new name.
  Step operator()(const diff::RenameConstraint& change)
  {
    if (const auto* current = find_named(m_state.foreign_keys, change.from)) {
      schema::ForeignKey key = *current;
      Step drop = (*this)(diff::DropForeignKey{key});
      key.name = change.to;
      return replaced(change, std::move(drop), (*this)(diff::AddForeignKey{key}));
    }
    const schema::Check* current = find_named(m_state.checks, change.from);
    if (!current) {
      throw Error(ErrorKind::migration,
                  fmt::format("no foreign key or check {} on {} to rename", change.from, name()));
    }
    schema::Check check = *current;
    Step drop = (*this)(diff::DropCheck{check});
    check.name = change.to;
    return replaced(change, std::move(drop), (*this)(diff::AddCheck{check}));
  }

  Step operator()(const diff::ChangeTableComment& change)
  {
    m_state.comment = change.to;
    return step(change,
                alter(name(), "COMMENT = " + string_literal(change.to, LiteralUse::comment)),
                alter(name(), "COMMENT = " + string_literal(change.from, LiteralUse::comment)));
  }

  Step operator()(const diff::ChangeTableOptions& change)
  {
    Table before = m_state;
    m_state.engine = change.to.engine;
    m_state.charset = change.to.charset;
    m_state.collation = change.to.collation;
    Step result = step(change, "", "");
    result.up = change_options_sql(m_state, change.from, change.to, m_server);
    result.down = change_options_sql(before, change.to, change.from, m_server);
    return result;
  }

  // Several changes as one ALTER TABLE, and its reverse as another: MySQL checks that an
  // AUTO_INCREMENT column is a key only at the end of a statement. Each change plans one
  // statement on this table.
  Step combined(const std::vector<const diff::TableChange*>& changes)
  {
    Step result = step(*changes.front(), "", "");
    std::vector<std::string> summaries;
    std::vector<std::string> up;
    std::vector<std::string> down;
    const std::string prefix = alter(name(), "");
    auto clause = [&](const std::vector<std::string>& statements) {
      if (statements.size() != 1 || statements.front().rfind(prefix, 0) != 0) {
        throw Error(ErrorKind::migration,
                    fmt::format("cannot combine the changes of {} in one statement", name()));
      }
      return statements.front().substr(prefix.size());
    };
    for (const auto* change : changes) {
      Step part = std::visit(*this, *change);
      summaries.push_back(part.summary);
      up.push_back(clause(part.up));
      down.insert(down.begin(), clause(part.down));
      result.warnings.insert(result.warnings.end(), part.warnings.begin(), part.warnings.end());
      result.irreversible = result.irreversible || part.irreversible;
    }
    result.summary = util::join(summaries, "; ");
    result.up = {prefix + util::join(up, ", ")};
    result.down = {prefix + util::join(down, ", ")};
    return result;
  }

private:
  const std::string& name() const { return m_to.name; }

  Step step(const diff::TableChange& change, std::string up, std::string down) const
  {
    return Step{diff::describe(name(), change), {std::move(up)}, {std::move(down)}, {}, false};
  }

  // One step of a drop and an add; its down undoes the add, then the drop.
  Step replaced(const diff::TableChange& change, Step drop, Step add) const
  {
    Step result = step(change, "", "");
    result.up = std::move(drop.up);
    result.up.insert(result.up.end(), add.up.begin(), add.up.end());
    result.down = std::move(add.down);
    result.down.insert(result.down.end(), drop.down.begin(), drop.down.end());
    return result;
  }

  // Puts a new column where `to` has it, after the columns it follows there.
  void insert_column(const Column& column)
  {
    auto position = m_state.columns.begin();
    for (const auto& wanted : m_to.columns) {
      if (wanted.name == column.name) {
        break;
      }
      auto found = std::find_if(m_state.columns.begin(), m_state.columns.end(),
                                [&](const Column& c) { return c.name == wanted.name; });
      if (found != m_state.columns.end()) {
        position = found + 1;
      }
    }
    m_state.columns.insert(position, column);
  }

  Table m_state;
  const Table& m_to;
  const ServerInfo& m_server;
};

template <typename Item>
bool
contains(const std::vector<Item>& items, const Item& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

// The positions of the changes that go in one ALTER TABLE with the primary key change, empty
// when they can go one by one. MySQL refuses an AUTO_INCREMENT column that is not a key, so a
// column that gains or loses AUTO_INCREMENT (added, dropped or modified) goes with the key
// change, and so do the added columns of the new key. Dropping the last column of a key drops the
// key, after which DROP PRIMARY KEY fails: a dropped key column goes with the key change too.
std::vector<size_t>
key_group(const diff::ModifyTable& modify)
{
  const diff::ChangePrimaryKey* key = nullptr;
  for (const auto& change : modify.changes) {
    if (const auto* found = std::get_if<diff::ChangePrimaryKey>(&change)) {
      key = found;
    }
  }
  if (!key) {
    return {};
  }
  std::vector<size_t> group;
  bool needed = false;
  for (size_t i = 0; i < modify.changes.size(); ++i) {
    const diff::TableChange& change = modify.changes[i];
    bool member = std::holds_alternative<diff::ChangePrimaryKey>(change);
    if (const auto* add = std::get_if<diff::AddColumn>(&change)) {
      needed = needed || add->column.autoincrement;
      member = add->column.autoincrement || contains(key->to, add->column.name);
    } else if (const auto* drop = std::get_if<diff::DropColumn>(&change)) {
      member = drop->column.autoincrement || contains(key->from, drop->column.name);
      needed = needed || member;
    } else if (const auto* modify_column = std::get_if<diff::ModifyColumn>(&change)) {
      member = modify_column->what.autoincrement;
      needed = needed || member;
    }
    if (member) {
      group.push_back(i);
    }
  }
  return needed ? group : std::vector<size_t>{};
}

void
plan_change(const diff::Change& change, const ServerInfo& server, migrate::Plan& plan)
{
  std::visit(Overloaded{
                 [&](const diff::AddTable& add) {
                   plan.steps.push_back({diff::describe(change).front(),
                                         {create_table_sql(add.table)},
                                         {"DROP TABLE " + quote_identifier(add.table.name)},
                                         {},
                                         false});
                 },
                 [&](const diff::DropTable& drop) {
                   plan.steps.push_back(
                       {diff::describe(change).front(),
                        {"DROP TABLE " + quote_identifier(drop.table.name)},
                        {create_table_sql(drop.table)},
                        {fmt::format("drops table {} and its data", drop.table.name)},
                        true});
                 },
                 [&](const diff::RenameTable& rename) {
                   auto sql = [](const std::string& from, const std::string& to) {
                     return fmt::format("RENAME TABLE {} TO {}", quote_identifier(from),
                                        quote_identifier(to));
                   };
                   plan.steps.push_back({diff::describe(change).front(),
                                         {sql(rename.from, rename.to)},
                                         {sql(rename.to, rename.from)},
                                         {},
                                         false});
                 },
                 [&](const diff::ModifyTable& modify) {
                   TablePlanner planner(modify, server);
                   std::vector<size_t> group = key_group(modify);
                   for (size_t i = 0; i < modify.changes.size(); ++i) {
                     if (!group.empty() && i == group.front()) {
                       std::vector<const diff::TableChange*> members;
                       for (size_t member : group) {
                         members.push_back(&modify.changes[member]);
                       }
                       plan.steps.push_back(planner.combined(members));
                     } else if (!contains(group, i)) {
                       plan.steps.push_back(std::visit(planner, modify.changes[i]));
                     }
                   }
                 },
             },
             change);
}

// MariaDB has no functional key parts (`INDEX ((lower(title)))` is a syntax error there): a
// connected MariaDB server refuses the models before anything is written. Offline, where
// MariaDB is only assumed, they are planned as for MySQL.
void
refuse_functional_key_part(const std::string& table, const schema::Index& index,
                           const ServerInfo& server)
{
  if (server.kind != ServerKind::mariadb || !server.connected) {
    return;
  }
  for (const auto& part : index.parts) {
    if (!part.expression.empty()) {
      throw Error(ErrorKind::config,
                  fmt::format("table {}, index {}: MariaDB does not support functional "
                              "(expression) indexes, and this one has the key part ({}); add "
                              "a generated column, `name type? generated ({}) stored`, and "
                              "index that column instead",
                              table, index.name, part.expression, part.expression));
    }
  }
}

// A b-tree key part on a text or bytes column needs a prefix length: MySQL refuses one without
// (error 1170), MariaDB picks a prefix by itself (768 characters of utf8mb4, 3072 bytes of a blob)
// or, for a unique index, a hash, which then read back as something the models did not say.
// Refused on both, offline too, so that the models mean the same on either server.
void
refuse_unprefixed_text_key_part(const schema::Table& table, const schema::Index& index)
{
  if (index.method == "fulltext" || index.method == "spatial") {
    return;
  }
  for (const auto& part : index.parts) {
    const auto* column = part.expression.empty() ? table.find_column(part.column) : nullptr;
    if (column && part.prefix_length == 0 && is_blob_or_text(column->type)) {
      throw Error(ErrorKind::config,
                  fmt::format("table {}, index {}: MySQL and MariaDB index a {} column only by "
                              "a prefix, and the key part ({}) has no length; give it one, "
                              "`({}(255))`{}",
                              table.name, index.name, schema::to_string(column->type), part.column,
                              part.column,
                              index.unique ? " (then only the prefix is unique), or make the "
                                             "column a varchar"
                                           : ""));
    }
  }
}

void
refuse_unplannable_indexes(const diff::Changes& changes, const ServerInfo& server)
{
  auto refuse = [&](const schema::Table& table, const schema::Index& index) {
    refuse_functional_key_part(table.name, index, server);
    refuse_unprefixed_text_key_part(table, index);
  };
  for (const auto& change : changes) {
    if (const auto* add = std::get_if<diff::AddTable>(&change)) {
      for (const auto& index : add->table.indexes) {
        refuse(add->table, index);
      }
    } else if (const auto* modify = std::get_if<diff::ModifyTable>(&change)) {
      for (const auto& table_change : modify->changes) {
        if (const auto* add_index = std::get_if<diff::AddIndex>(&table_change)) {
          refuse(modify->to, add_index->index);
        }
      }
    }
  }
}

} // namespace

migrate::Plan
plan(const diff::Changes& changes, const ServerInfo& server)
{
  refuse_unplannable_indexes(changes, server);
  refuse_characters(changes, StringPlaces::comments, std::string_view("\0", 1),
                    "a NUL character, which MariaDB and MySQL do not keep in a comment");
  migrate::Plan result;
  for (const auto& change : changes) {
    plan_change(change, server, result);
  }
  if (writes_any_of(changes, StringPlaces::comments, std::string_view("\\\n\r", 3))) {
    result.notes.push_back("Comments here use backslash escapes: run by hand with a sql_mode "
                           "without NO_BACKSLASH_ESCAPES, as orm does.");
  }
  return result;
}

std::vector<std::string>
create_statements(const schema::Schema& schema)
{
  std::vector<std::string> statements;
  for (const auto& table : schema.tables) {
    statements.push_back(create_table_sql(table));
  }
  return statements;
}

} // namespace orm::dialect::mysql
