#include "core/models/models.hpp"

#include "core/models/cursor.hpp"
#include "core/models/type_parser.hpp"
#include "core/schema/naming.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace orm::models {

namespace {

const int k_max_int = std::numeric_limits<int>::max();

const std::set<std::string> k_constraint_keywords = {"index",   "unique", "primary",
                                                     "foreign", "check",  "comment"};

// A name used by a constraint, checked against the table's columns once the table is read.
struct ColumnUse
{
  std::string column;
  Position position;
};

struct PendingForeignKey
{
  std::string table;
  std::string ref_table;
  Position ref_table_at;
  std::vector<ColumnUse> ref_columns;
};

// What is known about the table being read beyond schema::Table itself.
struct TableState
{
  schema::Table table;
  std::set<std::string> constraint_names;
  std::vector<ColumnUse> column_uses;
  std::vector<ColumnUse> autoincrements;
  bool has_primary_key = false;
  bool has_comment = false;
  int unnamed_checks = 0;
};

std::string
plural(size_t count, const std::string& noun)
{
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

class Parser
{
public:
  Parser(std::string_view text, std::string_view file) : m_in(text, file) {}

  schema::Schema parse()
  {
    while (m_in.token().kind != Token::Kind::end) {
      if (m_in.token().kind == Token::Kind::newline) {
        m_in.advance();
      } else if (m_in.is_keyword("table")) {
        parse_table();
      } else {
        m_in.fail_expected("'table'");
      }
    }
    check_foreign_keys();
    schema::sort_canonically(m_schema);
    return std::move(m_schema);
  }

private:
  void parse_table()
  {
    m_in.advance();
    Position name_at = m_in.token().position;
    TableState state;
    state.table.name = m_in.expect_name("a table name");
    if (m_schema.find_table(state.table.name)) {
      m_in.fail_at(name_at, fmt::format("duplicate table '{}'", state.table.name));
    }
    parse_table_header(state);
    while (!m_in.is_symbol('}')) {
      if (m_in.token().kind == Token::Kind::newline) {
        m_in.advance();
        continue;
      }
      if (m_in.token().kind == Token::Kind::end) {
        m_in.fail_expected("'}'");
      }
      if (m_in.token().kind == Token::Kind::word &&
          k_constraint_keywords.count(util::to_lower(m_in.token().value))) {
        parse_constraint(state);
      } else if (m_in.is_name()) {
        parse_column(state);
      } else {
        m_in.fail_expected("a column or constraint");
      }
    }
    m_in.advance();
    m_in.expect_line_end();
    finish_table(state);
  }

  void parse_table_header(TableState& state)
  {
    schema::Table& table = state.table;
    bool has_was = false;
    std::set<std::string> seen_options;
    while (!m_in.is_symbol('{')) {
      Position at = m_in.token().position;
      if (m_in.is_keyword("was")) {
        m_in.advance();
        table.renamed_from = m_in.expect_name("a table name");
        m_in.check_once(has_was, at, fmt::format("duplicate 'was' on table '{}'", table.name));
      } else if (m_in.is_keyword("comment")) {
        m_in.advance();
        table.comment = m_in.expect_string("a string");
        m_in.check_once(state.has_comment, at,
                        fmt::format("duplicate comment on table '{}'", table.name));
      } else if (m_in.is_keyword("engine") || m_in.is_keyword("charset") ||
                 m_in.is_keyword("collate")) {
        std::string option = util::to_lower(m_in.token().value);
        m_in.advance();
        std::string& value = option == "engine"    ? table.engine
                             : option == "charset" ? table.charset
                                                   : table.collation;
        value = m_in.expect_name(fmt::format("a {} name", option == "engine"    ? "table engine"
                                                          : option == "charset" ? "character set"
                                                                                : "collation"));
        if (!seen_options.insert(option).second) {
          m_in.fail_at(at, fmt::format("duplicate '{}' on table '{}'", option, table.name));
        }
      } else {
        m_in.fail_expected("'{'");
      }
    }
    m_in.advance();
  }

  void parse_column(TableState& state)
  {
    schema::Table& table = state.table;
    Position name_at = m_in.token().position;
    schema::Column column;
    column.name = m_in.expect_name("a column name");
    if (table.find_column(column.name)) {
      m_in.fail_at(name_at, fmt::format("duplicate column '{}.{}'", table.name, column.name));
    }
    column.type = parse_type(m_in);
    if (m_in.is_symbol('?')) {
      column.nullable = true;
      m_in.advance();
    }
    std::set<std::string> seen;
    while (!m_in.at_line_end()) {
      parse_column_attribute(state, column, seen);
    }
    if (!column.generated.empty() && column.default_value) {
      m_in.fail_at(name_at, fmt::format("generated column '{}.{}' cannot have a default",
                                        table.name, column.name));
    }
    table.columns.push_back(column);
  }

  void parse_column_attribute(TableState& state, schema::Column& column,
                              std::set<std::string>& seen)
  {
    const std::string& table = state.table.name;
    Position at = m_in.token().position;
    std::string attribute =
        m_in.token().kind == Token::Kind::word ? util::to_lower(m_in.token().value) : "";
    if (m_in.are_keywords({"on", "update", "now"})) {
      m_in.advance();
      m_in.advance();
      attribute = "on update now";
    }
    static const std::set<std::string> k_attributes = {
        "primary", "autoincrement", "unique",  "default", "check",     "references",
        "was",     "comment",       "collate", "charset", "generated", "on update now"};
    if (!k_attributes.count(attribute)) {
      m_in.fail_expected("a column attribute or end of line");
    }
    m_in.advance();
    if (attribute == "primary") {
      m_in.expect_keyword("key");
      attribute = "primary key";
    }
    if (!seen.insert(attribute).second) {
      m_in.fail_at(at, fmt::format("duplicate attribute '{}' on column '{}.{}'", attribute, table,
                                   column.name));
    }
    if (attribute == "primary key") {
      set_primary_key(state, {column.name}, at);
    } else if (attribute == "autoincrement") {
      column.autoincrement = true;
      if (m_in.is_keyword("always")) {
        column.identity_always = true;
        m_in.advance();
      }
      state.autoincrements.push_back({column.name, at});
    } else if (attribute == "unique") {
      schema::Index index;
      index.name = schema::index_name(table, {column.name}, true);
      index.parts.push_back({column.name, "", false});
      index.unique = true;
      add_index(state, index, at);
    } else if (attribute == "default") {
      column.default_value = parse_default();
    } else if (attribute == "check") {
      add_check(
          state,
          {schema::check_name(table, column.name, 1), m_in.expect_parenthesized("a condition")},
          at);
    } else if (attribute == "references") {
      schema::ForeignKey foreign_key;
      foreign_key.name = schema::foreign_key_name(table, {column.name});
      foreign_key.columns = {column.name};
      parse_references(state, foreign_key, at);
    } else if (attribute == "was") {
      column.renamed_from = m_in.expect_name("a column name");
    } else if (attribute == "collate") {
      column.collation = m_in.expect_name("a collation name");
    } else if (attribute == "charset") {
      column.charset = m_in.expect_name("a character set name");
    } else if (attribute == "on update now") {
      column.on_update_now = true;
    } else if (attribute == "generated") {
      column.generated = m_in.expect_parenthesized("an expression");
      if (m_in.is_keyword("stored") || m_in.is_keyword("virtual")) {
        column.generated_stored = m_in.is_keyword("stored");
        m_in.advance();
      }
    } else {
      column.comment = m_in.expect_string("a string");
    }
  }

  schema::Default parse_default()
  {
    using Kind = schema::Default::Kind;
    std::string lower =
        m_in.token().kind == Token::Kind::word ? util::to_lower(m_in.token().value) : "";
    schema::Default value;
    if (m_in.is_symbol('(')) {
      return {Kind::expression, m_in.expect_parenthesized("an expression")};
    }
    if (m_in.token().kind == Token::Kind::number) {
      value = {Kind::literal, m_in.token().value};
    } else if (m_in.token().kind == Token::Kind::string) {
      value = {Kind::literal, util::sql_string_literal(m_in.token().value)};
    } else if (lower == "true" || lower == "false" || lower == "null") {
      value = {Kind::literal, lower};
    } else if (lower == "now") {
      value = {Kind::now, ""};
    } else {
      m_in.fail_expected("a default value");
    }
    m_in.advance();
    return value;
  }

  void parse_constraint(TableState& state)
  {
    Position at = m_in.token().position;
    std::string keyword = util::to_lower(m_in.token().value);
    m_in.advance();
    if (keyword == "index" || keyword == "unique") {
      if (keyword == "unique" && m_in.is_keyword("index")) {
        m_in.advance();
      }
      parse_index(state, keyword == "unique", at);
    } else if (keyword == "primary") {
      m_in.expect_keyword("key");
      set_primary_key(state, parse_column_list(state), at);
    } else if (keyword == "foreign") {
      m_in.expect_keyword("key");
      Position name_at = m_in.token().position;
      std::optional<std::string> name = m_in.optional_name();
      schema::ForeignKey foreign_key;
      foreign_key.columns = parse_column_list(state);
      foreign_key.name =
          name.value_or(schema::foreign_key_name(state.table.name, foreign_key.columns));
      m_in.expect_keyword("references");
      parse_references(state, foreign_key, name ? name_at : at);
    } else if (keyword == "check") {
      Position name_at = m_in.token().position;
      std::optional<std::string> name = m_in.optional_name();
      std::string expression = m_in.expect_parenthesized("a condition");
      Position check_at = name ? name_at : at;
      if (!name) {
        name = schema::default_table_check_name(state.table.name, ++state.unnamed_checks);
      }
      add_check(state, {*name, expression}, check_at);
    } else {
      state.table.comment = m_in.expect_string("a string");
      m_in.check_once(state.has_comment, at,
                      fmt::format("duplicate comment on table '{}'", state.table.name));
    }
    m_in.expect_line_end();
  }

  void parse_index(TableState& state, bool unique, Position at)
  {
    Position name_at = m_in.token().position;
    std::optional<std::string> name = m_in.optional_name();
    schema::Index index;
    index.unique = unique;
    m_in.expect_symbol('(');
    while (true) {
      schema::IndexPart part;
      if (m_in.is_symbol('(')) {
        part.expression = m_in.expect_parenthesized("an expression");
      } else if (m_in.is_name()) {
        state.column_uses.push_back({m_in.token().value, m_in.token().position});
        part.column = m_in.expect_name("a column name");
        if (m_in.is_symbol('(')) {
          m_in.advance();
          part.prefix_length = m_in.expect_int("a positive prefix length", 1, k_max_int);
          m_in.expect_symbol(')');
        }
      } else {
        m_in.fail_expected("a column name or (expression)");
      }
      if (m_in.is_keyword("asc") || m_in.is_keyword("desc")) {
        part.descending = m_in.is_keyword("desc");
        m_in.advance();
      }
      if (m_in.is_keyword("nulls")) {
        m_in.advance();
        if (!m_in.is_keyword("first") && !m_in.is_keyword("last")) {
          m_in.fail_expected("'first' or 'last'");
        }
        part.nulls = m_in.is_keyword("first") ? schema::IndexPart::NullsOrder::first
                                              : schema::IndexPart::NullsOrder::last;
        m_in.advance();
      }
      index.parts.push_back(part);
      if (m_in.is_symbol(')')) {
        m_in.advance();
        break;
      }
      if (!m_in.is_symbol(',')) {
        m_in.fail_expected("',' or ')'");
      }
      m_in.advance();
    }
    index.name = name.value_or(schema::default_index_name(state.table.name, index.parts, unique));
    parse_index_options(state, index);
    if (m_in.is_keyword("where")) {
      index.where = m_in.expect_where();
    }
    add_index(state, index, name ? name_at : at);
  }

  // `using METHOD`, `include (columns)`, `concurrently`: in any order, each at most once.
  void parse_index_options(TableState& state, schema::Index& index)
  {
    std::set<std::string> seen;
    while (m_in.is_keyword("using") || m_in.is_keyword("include") ||
           m_in.is_keyword("concurrently")) {
      Position at = m_in.token().position;
      std::string option = util::to_lower(m_in.token().value);
      m_in.advance();
      if (!seen.insert(option).second) {
        m_in.fail_at(at, fmt::format("duplicate '{}' on index '{}'", option, index.name));
      }
      if (option == "using") {
        index.method = util::to_lower(m_in.expect_name("an index method"));
      } else if (option == "include") {
        index.include = parse_column_list(state);
      } else {
        index.concurrently = true;
      }
    }
  }

  std::vector<std::string> parse_column_list(TableState& state)
  {
    std::vector<ColumnUse> uses = parse_name_list();
    std::vector<std::string> columns;
    for (const auto& use : uses) {
      state.column_uses.push_back(use);
      columns.push_back(use.column);
    }
    return columns;
  }

  // `(a, b, ...)`: at least one name, none twice.
  std::vector<ColumnUse> parse_name_list()
  {
    m_in.expect_symbol('(');
    std::vector<ColumnUse> uses;
    while (true) {
      Position at = m_in.token().position;
      std::string name = m_in.expect_name("a column name");
      for (const auto& use : uses) {
        if (use.column == name) {
          m_in.fail_at(at, fmt::format("column '{}' is listed twice", name));
        }
      }
      uses.push_back({name, at});
      if (m_in.is_symbol(')')) {
        m_in.advance();
        return uses;
      }
      if (!m_in.is_symbol(',')) {
        m_in.fail_expected("',' or ')'");
      }
      m_in.advance();
    }
  }

  void parse_references(TableState& state, schema::ForeignKey& foreign_key, Position at)
  {
    PendingForeignKey pending;
    pending.table = state.table.name;
    pending.ref_table_at = m_in.token().position;
    foreign_key.ref_table = m_in.expect_name("a table name");
    pending.ref_table = foreign_key.ref_table;
    pending.ref_columns = parse_name_list();
    for (const auto& use : pending.ref_columns) {
      foreign_key.ref_columns.push_back(use.column);
    }
    if (foreign_key.ref_columns.size() != foreign_key.columns.size()) {
      m_in.fail_at(pending.ref_table_at,
                   fmt::format("expected {}, found {}",
                               plural(foreign_key.columns.size(), "referenced column"),
                               foreign_key.ref_columns.size()));
    }
    parse_foreign_key_options(foreign_key);
    add_name(state, foreign_key.name, at);
    state.table.foreign_keys.push_back(foreign_key);
    m_foreign_keys.push_back(pending);
  }

  // `on delete A`, `on update A`, `deferrable [initially deferred|immediate]`, `match M`: in any
  // order, each at most once.
  void parse_foreign_key_options(schema::ForeignKey& foreign_key)
  {
    std::set<std::string> seen;
    // `on update now` after a column's `references` is the column's own attribute.
    while ((m_in.is_keyword("on") && !m_in.are_keywords({"on", "update", "now"})) ||
           m_in.is_keyword("deferrable") || m_in.is_keyword("match")) {
      Position at = m_in.token().position;
      std::string option = util::to_lower(m_in.token().value);
      m_in.advance();
      if (option == "on") {
        if (!m_in.is_keyword("delete") && !m_in.is_keyword("update")) {
          m_in.fail_expected("'delete' or 'update'");
        }
        option = "on " + util::to_lower(m_in.token().value);
        m_in.advance();
      }
      if (!seen.insert(option).second) {
        m_in.fail_at(at,
                     fmt::format("duplicate '{}' on foreign key '{}'", option, foreign_key.name));
      }
      if (option == "deferrable") {
        parse_deferrable(foreign_key);
      } else if (option == "match") {
        if (!m_in.is_keyword("full") && !m_in.is_keyword("simple") && !m_in.is_keyword("partial")) {
          m_in.fail_expected("full, simple or partial");
        }
        foreign_key.match = util::to_lower(m_in.token().value);
        m_in.advance();
      } else {
        (option == "on delete" ? foreign_key.on_delete : foreign_key.on_update) = parse_action();
      }
    }
  }

  // After `deferrable`: `[initially deferred|immediate]`.
  void parse_deferrable(schema::ForeignKey& foreign_key)
  {
    foreign_key.deferrable = true;
    if (m_in.is_keyword("initially")) {
      m_in.advance();
      if (!m_in.is_keyword("deferred") && !m_in.is_keyword("immediate")) {
        m_in.fail_expected("'deferred' or 'immediate'");
      }
      foreign_key.initially_deferred = m_in.is_keyword("deferred");
      m_in.advance();
    }
  }

  schema::ReferentialAction parse_action()
  {
    using Action = schema::ReferentialAction;
    if (m_in.is_keyword("cascade") || m_in.is_keyword("restrict")) {
      Action action = m_in.is_keyword("cascade") ? Action::cascade : Action::restrict;
      m_in.advance();
      return action;
    }
    if (m_in.is_keyword("set")) {
      m_in.advance();
      if (!m_in.is_keyword("null") && !m_in.is_keyword("default")) {
        m_in.fail_expected("'null' or 'default'");
      }
      Action action = m_in.is_keyword("null") ? Action::set_null : Action::set_default;
      m_in.advance();
      return action;
    }
    if (m_in.is_keyword("no")) {
      m_in.advance();
      m_in.expect_keyword("action");
      return Action::no_action;
    }
    m_in.fail_expected("cascade, restrict, set null, set default or no action");
  }

  void set_primary_key(TableState& state, std::vector<std::string> columns, Position at)
  {
    m_in.check_once(state.has_primary_key, at,
                    fmt::format("duplicate primary key on table '{}'", state.table.name));
    state.table.primary_key = std::move(columns);
  }

  void add_name(TableState& state, const std::string& name, Position at)
  {
    if (!state.constraint_names.insert(name).second) {
      m_in.fail_at(at, fmt::format("duplicate index or constraint name '{}' on table '{}'", name,
                                   state.table.name));
    }
  }

  void add_index(TableState& state, const schema::Index& index, Position at)
  {
    add_name(state, index.name, at);
    state.table.indexes.push_back(index);
  }

  void add_check(TableState& state, const schema::Check& check, Position at)
  {
    add_name(state, check.name, at);
    state.table.checks.push_back(check);
  }

  void finish_table(TableState& state)
  {
    const schema::Table& table = state.table;
    for (const auto& use : state.column_uses) {
      if (!table.find_column(use.column)) {
        m_in.fail_at(use.position,
                     fmt::format("unknown column '{}' in table '{}'", use.column, table.name));
      }
    }
    for (const auto& use : state.autoincrements) {
      const schema::Column& column = *table.find_column(use.column);
      if (!schema::is_integer(column.type.kind)) {
        m_in.fail_at(use.position,
                     fmt::format("expected an integer type for autoincrement column '{}.{}', "
                                 "found '{}'",
                                 table.name, column.name, schema::to_string(column.type)));
      }
      if (table.primary_key != std::vector<std::string>{column.name}) {
        m_in.fail_at(use.position,
                     fmt::format("autoincrement column '{}.{}' must be the only primary key column",
                                 table.name, column.name));
      }
    }
    m_schema.tables.push_back(std::move(state.table));
  }

  // Foreign keys may point forward in the file, so they are checked once every table is known.
  void check_foreign_keys() const
  {
    for (const auto& pending : m_foreign_keys) {
      const schema::Table* target = m_schema.find_table(pending.ref_table);
      if (!target) {
        m_in.fail_at(pending.ref_table_at,
                     fmt::format("unknown table '{}' referenced by table '{}'", pending.ref_table,
                                 pending.table));
      }
      for (const auto& use : pending.ref_columns) {
        if (!target->find_column(use.column)) {
          m_in.fail_at(use.position,
                       fmt::format("unknown column '{}' in table '{}'", use.column, target->name));
        }
      }
    }
  }

  Cursor m_in;
  schema::Schema m_schema;
  std::vector<PendingForeignKey> m_foreign_keys;
};

} // namespace

schema::Schema
parse(const std::string& text, const std::string& file_name)
{
  return Parser(text, file_name).parse();
}

schema::Schema
parse_file(const std::string& path)
{
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path, error) || !file) {
    throw Error(ErrorKind::config, fmt::format("cannot read models file '{}'", path));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    throw Error(ErrorKind::config, fmt::format("cannot read models file '{}'", path));
  }
  return parse(text.str(), path);
}

} // namespace orm::models
