#include "core/models/lexer.hpp"
#include "core/models/models.hpp"
#include "core/models/naming.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace orm::models {

namespace {

using schema::TypeKind;

const std::map<std::string, TypeKind> k_types = {
    {"bool", TypeKind::boolean},
    {"smallint", TypeKind::smallint},
    {"int", TypeKind::integer},
    {"bigint", TypeKind::bigint},
    {"real", TypeKind::real},
    {"double", TypeKind::double_precision},
    {"decimal", TypeKind::decimal},
    {"varchar", TypeKind::varchar},
    {"char", TypeKind::fixed_char},
    {"text", TypeKind::text},
    {"bytes", TypeKind::bytes},
    {"date", TypeKind::date},
    {"time", TypeKind::time},
    {"timestamp", TypeKind::timestamp},
    {"timestamptz", TypeKind::timestamptz},
    {"uuid", TypeKind::uuid},
    {"json", TypeKind::json},
    {"enum", TypeKind::enumeration},
    {"raw", TypeKind::raw},
};

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
  Parser(std::string_view text, std::string_view file) : m_lexer(text, file) { advance(); }

  schema::Schema parse()
  {
    while (m_token.kind != Token::Kind::end) {
      if (m_token.kind == Token::Kind::newline) {
        advance();
      } else if (is_keyword("table")) {
        parse_table();
      } else {
        fail_expected("'table'");
      }
    }
    check_foreign_keys();
    schema::sort_canonically(m_schema);
    return std::move(m_schema);
  }

private:
  void advance() { m_token = m_lexer.next(); }

  [[noreturn]] void fail_at(Position position, const std::string& message) const
  {
    throw_error_at(m_lexer.file(), position, message);
  }

  [[noreturn]] void fail_expected(const std::string& what) const
  {
    fail_at(m_token.position, fmt::format("expected {}, found {}", what, describe(m_token)));
  }

  bool is_keyword(std::string_view keyword) const
  {
    return m_token.kind == Token::Kind::word && util::equals_icase(m_token.value, keyword);
  }

  bool is_symbol(char symbol) const
  {
    return m_token.kind == Token::Kind::symbol && m_token.value[0] == symbol;
  }

  bool is_name() const
  {
    return m_token.kind == Token::Kind::word || m_token.kind == Token::Kind::quoted_name;
  }

  bool at_line_end() const
  {
    return m_token.kind == Token::Kind::newline || m_token.kind == Token::Kind::end ||
           is_symbol('}');
  }

  void expect_keyword(std::string_view keyword)
  {
    if (!is_keyword(keyword)) {
      fail_expected(fmt::format("'{}'", keyword));
    }
    advance();
  }

  void expect_symbol(char symbol)
  {
    if (!is_symbol(symbol)) {
      fail_expected(fmt::format("'{}'", symbol));
    }
    advance();
  }

  std::string expect_name(const std::string& what)
  {
    if (!is_name() || m_token.value.empty()) {
      fail_expected(what);
    }
    std::string name = m_token.value;
    advance();
    return name;
  }

  std::optional<std::string> optional_name()
  {
    if (!is_name()) {
      return std::nullopt;
    }
    return expect_name("a name");
  }

  std::string expect_string(const std::string& what)
  {
    if (m_token.kind != Token::Kind::string) {
      fail_expected(what);
    }
    std::string value = m_token.value;
    advance();
    return value;
  }

  int expect_int(const std::string& what, int minimum, int maximum)
  {
    int value = 0;
    const std::string& text = m_token.value;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (m_token.kind != Token::Kind::number || error != std::errc() ||
        end != text.data() + text.size() || value < minimum || value > maximum) {
      fail_expected(what);
    }
    advance();
    return value;
  }

  // After `(`: the raw SQL up to the matching `)`, which must not be empty.
  std::string expect_parenthesized(const std::string& what)
  {
    if (!is_symbol('(')) {
      fail_expected("'('");
    }
    RawText raw = m_lexer.read_parenthesized(m_token.position);
    if (raw.text.empty()) {
      fail_at(raw.end, fmt::format("expected {}, found ')'", what));
    }
    advance();
    return raw.text;
  }

  void expect_line_end()
  {
    if (m_token.kind == Token::Kind::newline) {
      advance();
    } else if (!at_line_end()) {
      fail_expected("end of line");
    }
  }

  void parse_table()
  {
    advance();
    Position name_at = m_token.position;
    TableState state;
    state.table.name = expect_name("a table name");
    if (m_schema.find_table(state.table.name)) {
      fail_at(name_at, fmt::format("duplicate table '{}'", state.table.name));
    }
    parse_table_header(state);
    while (!is_symbol('}')) {
      if (m_token.kind == Token::Kind::newline) {
        advance();
        continue;
      }
      if (m_token.kind == Token::Kind::end) {
        fail_expected("'}'");
      }
      if (m_token.kind == Token::Kind::word &&
          k_constraint_keywords.count(util::to_lower(m_token.value))) {
        parse_constraint(state);
      } else if (is_name()) {
        parse_column(state);
      } else {
        fail_expected("a column or constraint");
      }
    }
    advance();
    expect_line_end();
    finish_table(state);
  }

  void parse_table_header(TableState& state)
  {
    schema::Table& table = state.table;
    bool has_was = false;
    while (!is_symbol('{')) {
      Position at = m_token.position;
      if (is_keyword("was")) {
        advance();
        table.renamed_from = expect_name("a table name");
        check_once(has_was, at, fmt::format("duplicate 'was' on table '{}'", table.name));
      } else if (is_keyword("comment")) {
        advance();
        table.comment = expect_string("a string");
        check_once(state.has_comment, at,
                   fmt::format("duplicate comment on table '{}'", table.name));
      } else {
        fail_expected("'{'");
      }
    }
    advance();
  }

  void check_once(bool& seen, Position at, const std::string& message) const
  {
    if (seen) {
      fail_at(at, message);
    }
    seen = true;
  }

  schema::Type parse_type()
  {
    auto found = m_token.kind == Token::Kind::word ? k_types.find(util::to_lower(m_token.value))
                                                   : k_types.end();
    if (found == k_types.end()) {
      fail_expected("a type");
    }
    advance();
    const int k_max = std::numeric_limits<int>::max();
    switch (found->second) {
    case TypeKind::varchar:
    case TypeKind::fixed_char: {
      expect_symbol('(');
      int length = expect_int("a positive length", 1, k_max);
      expect_symbol(')');
      return found->second == TypeKind::varchar ? schema::Type::varchar(length)
                                                : schema::Type::fixed_char(length);
    }
    case TypeKind::decimal: {
      expect_symbol('(');
      int precision = expect_int("a positive precision", 1, k_max);
      int scale = 0;
      if (is_symbol(',')) {
        advance();
        scale = expect_int(fmt::format("a scale from 0 to {}", precision), 0, precision);
      } else if (!is_symbol(')')) {
        fail_expected("',' or ')'");
      }
      expect_symbol(')');
      return schema::Type::decimal(precision, scale);
    }
    case TypeKind::enumeration:
      return parse_enum();
    case TypeKind::raw: {
      expect_symbol('(');
      if (m_token.kind == Token::Kind::string && m_token.value.empty()) {
        fail_expected("a type spelling");
      }
      std::string spelling = expect_string("a string");
      expect_symbol(')');
      return schema::Type::raw_type(spelling);
    }
    default:
      return schema::Type::of(found->second);
    }
  }

  schema::Type parse_enum()
  {
    expect_symbol('(');
    std::vector<std::string> values;
    while (true) {
      Position at = m_token.position;
      std::string value = expect_string("a string");
      if (std::find(values.begin(), values.end(), value) != values.end()) {
        fail_at(at, fmt::format("duplicate enum value {}", util::sql_string_literal(value)));
      }
      values.push_back(value);
      if (is_symbol(')')) {
        advance();
        return schema::Type::enumeration(values);
      }
      if (!is_symbol(',')) {
        fail_expected("',' or ')'");
      }
      advance();
    }
  }

  void parse_column(TableState& state)
  {
    schema::Table& table = state.table;
    Position name_at = m_token.position;
    schema::Column column;
    column.name = expect_name("a column name");
    if (table.find_column(column.name)) {
      fail_at(name_at, fmt::format("duplicate column '{}.{}'", table.name, column.name));
    }
    column.type = parse_type();
    if (is_symbol('?')) {
      column.nullable = true;
      advance();
    }
    std::set<std::string> seen;
    while (!at_line_end()) {
      parse_column_attribute(state, column, seen);
    }
    table.columns.push_back(column);
  }

  void parse_column_attribute(TableState& state, schema::Column& column,
                              std::set<std::string>& seen)
  {
    const std::string& table = state.table.name;
    Position at = m_token.position;
    std::string attribute = m_token.kind == Token::Kind::word ? util::to_lower(m_token.value) : "";
    static const std::set<std::string> k_attributes = {
        "primary", "autoincrement", "unique", "default", "check", "references", "was", "comment"};
    if (!k_attributes.count(attribute)) {
      fail_expected("a column attribute or end of line");
    }
    advance();
    if (attribute == "primary") {
      expect_keyword("key");
      attribute = "primary key";
    }
    if (!seen.insert(attribute).second) {
      fail_at(at, fmt::format("duplicate attribute '{}' on column '{}.{}'", attribute, table,
                              column.name));
    }
    if (attribute == "primary key") {
      set_primary_key(state, {column.name}, at);
    } else if (attribute == "autoincrement") {
      column.autoincrement = true;
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
      add_check(state,
                {schema::check_name(table, column.name, 1), expect_parenthesized("a condition")},
                at);
    } else if (attribute == "references") {
      schema::ForeignKey foreign_key;
      foreign_key.name = schema::foreign_key_name(table, {column.name});
      foreign_key.columns = {column.name};
      parse_references(state, foreign_key, at);
    } else if (attribute == "was") {
      column.renamed_from = expect_name("a column name");
    } else {
      column.comment = expect_string("a string");
    }
  }

  schema::Default parse_default()
  {
    using Kind = schema::Default::Kind;
    std::string lower = m_token.kind == Token::Kind::word ? util::to_lower(m_token.value) : "";
    schema::Default value;
    if (is_symbol('(')) {
      return {Kind::expression, expect_parenthesized("an expression")};
    }
    if (m_token.kind == Token::Kind::number) {
      value = {Kind::literal, m_token.value};
    } else if (m_token.kind == Token::Kind::string) {
      value = {Kind::literal, util::sql_string_literal(m_token.value)};
    } else if (lower == "true" || lower == "false" || lower == "null") {
      value = {Kind::literal, lower};
    } else if (lower == "now") {
      value = {Kind::now, ""};
    } else {
      fail_expected("a default value");
    }
    advance();
    return value;
  }

  void parse_constraint(TableState& state)
  {
    Position at = m_token.position;
    std::string keyword = util::to_lower(m_token.value);
    advance();
    if (keyword == "index" || keyword == "unique") {
      if (keyword == "unique" && is_keyword("index")) {
        advance();
      }
      parse_index(state, keyword == "unique", at);
    } else if (keyword == "primary") {
      expect_keyword("key");
      set_primary_key(state, parse_column_list(state), at);
    } else if (keyword == "foreign") {
      expect_keyword("key");
      Position name_at = m_token.position;
      std::optional<std::string> name = optional_name();
      schema::ForeignKey foreign_key;
      foreign_key.columns = parse_column_list(state);
      foreign_key.name =
          name.value_or(schema::foreign_key_name(state.table.name, foreign_key.columns));
      expect_keyword("references");
      parse_references(state, foreign_key, name ? name_at : at);
    } else if (keyword == "check") {
      Position name_at = m_token.position;
      std::optional<std::string> name = optional_name();
      std::string expression = expect_parenthesized("a condition");
      Position check_at = name ? name_at : at;
      if (!name) {
        name = default_table_check_name(state.table.name, ++state.unnamed_checks);
      }
      add_check(state, {*name, expression}, check_at);
    } else {
      state.table.comment = expect_string("a string");
      check_once(state.has_comment, at,
                 fmt::format("duplicate comment on table '{}'", state.table.name));
    }
    expect_line_end();
  }

  void parse_index(TableState& state, bool unique, Position at)
  {
    Position name_at = m_token.position;
    std::optional<std::string> name = optional_name();
    schema::Index index;
    index.unique = unique;
    expect_symbol('(');
    while (true) {
      schema::IndexPart part;
      if (is_symbol('(')) {
        part.expression = expect_parenthesized("an expression");
      } else if (is_name()) {
        state.column_uses.push_back({m_token.value, m_token.position});
        part.column = expect_name("a column name");
      } else {
        fail_expected("a column name or (expression)");
      }
      if (is_keyword("asc") || is_keyword("desc")) {
        part.descending = is_keyword("desc");
        advance();
      }
      index.parts.push_back(part);
      if (is_symbol(')')) {
        advance();
        break;
      }
      if (!is_symbol(',')) {
        fail_expected("',' or ')'");
      }
      advance();
    }
    if (is_keyword("where")) {
      index.where = parse_where();
    }
    index.name = name.value_or(default_index_name(state.table.name, index.parts, unique));
    add_index(state, index, name ? name_at : at);
  }

  // `where (expr)` or `where expr` up to the end of the line.
  std::string parse_where()
  {
    Position at = m_token.position;
    RawText raw = m_lexer.read_rest_of_line();
    advance();
    if (raw.text.empty()) {
      fail_expected("a condition");
    }
    const std::string& text = raw.text;
    if (text.front() == '(' && matching_paren(text) == text.size() - 1) {
      std::string inner = util::squeeze_spaces(std::string_view(text).substr(1, text.size() - 2));
      if (inner.empty()) {
        fail_at(at, "expected a condition, found '()'");
      }
      return inner;
    }
    return text;
  }

  // The index of the `)` that closes the `(` at text[0], skipping quoted text.
  static size_t matching_paren(const std::string& text)
  {
    int depth = 0;
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quote) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return std::string::npos;
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
    expect_symbol('(');
    std::vector<ColumnUse> uses;
    while (true) {
      Position at = m_token.position;
      std::string name = expect_name("a column name");
      for (const auto& use : uses) {
        if (use.column == name) {
          fail_at(at, fmt::format("column '{}' is listed twice", name));
        }
      }
      uses.push_back({name, at});
      if (is_symbol(')')) {
        advance();
        return uses;
      }
      if (!is_symbol(',')) {
        fail_expected("',' or ')'");
      }
      advance();
    }
  }

  void parse_references(TableState& state, schema::ForeignKey& foreign_key, Position at)
  {
    PendingForeignKey pending;
    pending.table = state.table.name;
    pending.ref_table_at = m_token.position;
    foreign_key.ref_table = expect_name("a table name");
    pending.ref_table = foreign_key.ref_table;
    pending.ref_columns = parse_name_list();
    for (const auto& use : pending.ref_columns) {
      foreign_key.ref_columns.push_back(use.column);
    }
    if (foreign_key.ref_columns.size() != foreign_key.columns.size()) {
      fail_at(pending.ref_table_at,
              fmt::format("expected {}, found {}",
                          plural(foreign_key.columns.size(), "referenced column"),
                          foreign_key.ref_columns.size()));
    }
    bool has_delete = false;
    bool has_update = false;
    while (is_keyword("on")) {
      Position on_at = m_token.position;
      advance();
      if (is_keyword("delete") || is_keyword("update")) {
        bool is_delete = is_keyword("delete");
        std::string event = is_delete ? "on delete" : "on update";
        check_once(is_delete ? has_delete : has_update, on_at,
                   fmt::format("duplicate '{}' on foreign key '{}'", event, foreign_key.name));
        advance();
        (is_delete ? foreign_key.on_delete : foreign_key.on_update) = parse_action();
      } else {
        fail_expected("'delete' or 'update'");
      }
    }
    add_name(state, foreign_key.name, at);
    state.table.foreign_keys.push_back(foreign_key);
    m_foreign_keys.push_back(pending);
  }

  schema::ReferentialAction parse_action()
  {
    using Action = schema::ReferentialAction;
    if (is_keyword("cascade") || is_keyword("restrict")) {
      Action action = is_keyword("cascade") ? Action::cascade : Action::restrict;
      advance();
      return action;
    }
    if (is_keyword("set")) {
      advance();
      if (!is_keyword("null") && !is_keyword("default")) {
        fail_expected("'null' or 'default'");
      }
      Action action = is_keyword("null") ? Action::set_null : Action::set_default;
      advance();
      return action;
    }
    if (is_keyword("no")) {
      advance();
      expect_keyword("action");
      return Action::no_action;
    }
    fail_expected("cascade, restrict, set null, set default or no action");
  }

  void set_primary_key(TableState& state, std::vector<std::string> columns, Position at)
  {
    check_once(state.has_primary_key, at,
               fmt::format("duplicate primary key on table '{}'", state.table.name));
    state.table.primary_key = std::move(columns);
  }

  void add_name(TableState& state, const std::string& name, Position at)
  {
    if (!state.constraint_names.insert(name).second) {
      fail_at(at, fmt::format("duplicate index or constraint name '{}' on table '{}'", name,
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
        fail_at(use.position,
                fmt::format("unknown column '{}' in table '{}'", use.column, table.name));
      }
    }
    for (const auto& use : state.autoincrements) {
      const schema::Column& column = *table.find_column(use.column);
      if (!schema::is_integer(column.type.kind)) {
        fail_at(use.position,
                fmt::format("expected an integer type for autoincrement column '{}.{}', "
                            "found '{}'",
                            table.name, column.name, schema::to_string(column.type)));
      }
      if (table.primary_key != std::vector<std::string>{column.name}) {
        fail_at(use.position,
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
        fail_at(pending.ref_table_at, fmt::format("unknown table '{}' referenced by table '{}'",
                                                  pending.ref_table, pending.table));
      }
      for (const auto& use : pending.ref_columns) {
        if (!target->find_column(use.column)) {
          fail_at(use.position,
                  fmt::format("unknown column '{}' in table '{}'", use.column, target->name));
        }
      }
    }
  }

  Lexer m_lexer;
  Token m_token;
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
