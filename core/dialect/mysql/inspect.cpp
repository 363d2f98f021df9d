#include "core/dialect/mysql/inspect.hpp"

#include "core/dialect/mysql/expression.hpp"
#include "core/dialect/mysql/types.hpp"
#include "core/util/strings.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace orm::dialect::mysql {

namespace {

// Every collation's character set, and whether it is that character set's default (a few
// hundred rows).
constexpr const char* k_collations_query = R"sql(
SELECT COLLATION_NAME, CHARACTER_SET_NAME, IS_DEFAULT
FROM information_schema.COLLATIONS)sql";

constexpr const char* k_tables_query = R"sql(
SELECT TABLE_NAME, TABLE_COMMENT, ENGINE, TABLE_COLLATION
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'orm_migrations'
ORDER BY TABLE_NAME)sql";

constexpr const char* k_columns_query = R"sql(
SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT,
  GENERATION_EXPRESSION, COLLATION_NAME
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION)sql";

// PRIMARY is the primary key; SUB_PART (prefix lengths) and EXPRESSION (MySQL 8 functional key
// parts) are read where the server has them.
constexpr const char* k_indexes_query = R"sql(
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, INDEX_TYPE, {}, SUB_PART
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX)sql";

// Two queries joined here: MariaDB joins these two views slowly (0.3 s at 2,000 tables).
constexpr const char* k_foreign_key_columns_query = R"sql(
SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION)sql";
constexpr const char* k_foreign_key_rules_query = R"sql(
SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE())sql";

// MariaDB names checks per table (a column check is named after its column), MySQL per schema.
// LEVEL is Column for a check written in a column's definition, as MariaDB does for json.
constexpr const char* k_mariadb_checks_query = R"sql(
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, CONSTRAINT_NAME)sql";
// MySQL's CHECK_CONSTRAINTS has no table name (check names are unique per schema); joined with
// TABLE_CONSTRAINTS by the server it takes MySQL 9.7 30 s at 2,000 tables: joined here instead.
constexpr const char* k_mysql_checks_query = R"sql(
SELECT CONSTRAINT_NAME, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE())sql";
constexpr const char* k_mysql_check_tables_query = R"sql(
SELECT TABLE_NAME, CONSTRAINT_NAME
FROM information_schema.TABLE_CONSTRAINTS
WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_TYPE = 'CHECK'
ORDER BY TABLE_NAME, CONSTRAINT_NAME)sql";

constexpr std::string_view k_primary_index = "PRIMARY";

using Tables = std::map<std::string, schema::Table>;

struct Collation
{
  std::string charset;
  bool is_default = false; // the default collation of its character set
};

// What the database defaults to, and every collation; table and column options equal to the
// defaults read as empty.
struct Defaults
{
  std::string engine;
  std::string collation;
  std::map<std::string, Collation> collations;
  std::map<std::string, std::string> table_collations; // by table, as the server reports it
};

Defaults
read_defaults(MysqlConnection& connection)
{
  connection.refresh_defaults(); // an ALTER DATABASE since connecting changes them
  Defaults defaults;
  defaults.engine = connection.server().default_engine;
  defaults.collation = connection.server().default_collation;
  for (const auto& row : connection.query(k_collations_query).rows) {
    defaults.collations[row[0].value_or("")] = {row[1].value_or(""),
                                                util::to_lower(row[2].value_or("")) == "yes"};
  }
  return defaults;
}

// Sets `charset` and `collation` from the server's `collation`, both empty when it is `inherited`
// (the database's or the table's), the collation empty when it is its character set's default.
void
set_collation(const Defaults& defaults, const std::string& collation, const std::string& inherited,
              std::string& charset_out, std::string& collation_out)
{
  if (collation.empty() || collation == inherited) {
    return;
  }
  auto found = defaults.collations.find(collation);
  if (found == defaults.collations.end()) {
    collation_out = collation;
    return;
  }
  charset_out = found->second.charset;
  if (!found->second.is_default) {
    collation_out = collation;
  }
}

schema::ReferentialAction
action_of(std::string_view text)
{
  std::string action = util::to_upper(text);
  if (action == "CASCADE") {
    return schema::ReferentialAction::cascade;
  }
  if (action == "SET NULL") {
    return schema::ReferentialAction::set_null;
  }
  if (action == "SET DEFAULT") {
    return schema::ReferentialAction::set_default;
  }
  // RESTRICT and NO ACTION are the same in InnoDB.
  return schema::ReferentialAction::no_action;
}

// An expression as information_schema reports it, unescaped where MySQL escaped it.
std::string
expression_of(const db::Value& value, ServerKind server)
{
  std::string text = value.value_or("");
  return server == ServerKind::mysql ? unescaped_information_schema(text) : text;
}

schema::Table*
table_of(Tables& tables, const db::Value& name)
{
  auto found = tables.find(name.value_or(""));
  return found == tables.end() ? nullptr : &found->second;
}

Tables
read_tables(MysqlConnection& connection, Defaults& defaults)
{
  Tables tables;
  for (const auto& row : connection.query(k_tables_query).rows) {
    schema::Table table;
    table.name = row[0].value_or("");
    table.comment = row[1].value_or("");
    std::string engine = row[2].value_or("");
    if (util::to_lower(engine) != util::to_lower(defaults.engine)) {
      table.engine = engine;
    }
    std::string collation = row[3].value_or("");
    defaults.table_collations[table.name] = collation;
    set_collation(defaults, collation, defaults.collation, table.charset, table.collation);
    tables.emplace(table.name, std::move(table));
  }
  return tables;
}

void
read_columns(MysqlConnection& connection, Tables& tables, const Defaults& defaults)
{
  ServerKind server = connection.server().kind;
  for (const auto& row : connection.query(k_columns_query).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue; // a view
    }
    schema::Column column;
    column.name = row[1].value_or("");
    std::string extra = util::to_lower(row[5].value_or(""));
    std::string generation = expression_of(row[7], server);
    column.type = type_of_column_type(row[2].value_or(""));
    column.generated = generation;
    column.generated_stored = extra.find("stored") != std::string::npos;
    column.nullable = row[3].value_or("") == "YES";
    column.autoincrement = extra.find("auto_increment") != std::string::npos;
    column.on_update_now = extra.find("on update") != std::string::npos;
    column.comment = row[6].value_or("");
    auto table_collation = defaults.table_collations.find(table->name);
    set_collation(defaults, row[8].value_or(""),
                  table_collation == defaults.table_collations.end() ? "" : table_collation->second,
                  column.charset, column.collation);
    // MariaDB reports the implicit default of a nullable column as the text NULL.
    if (row[4] && generation.empty() && !(column.nullable && *row[4] == "NULL")) {
      bool expression = extra.find("default_generated") != std::string::npos;
      column.default_value = default_of_column_default(
          expression ? expression_of(row[4], server) : *row[4], column.type, server, expression);
    }
    table->columns.push_back(std::move(column));
  }
}

void
read_indexes(MysqlConnection& connection, Tables& tables)
{
  bool has_expressions = connection.server().kind == ServerKind::mysql;
  std::string sql = k_indexes_query;
  sql.replace(sql.find("{}"), 2, has_expressions ? "EXPRESSION" : "NULL");
  for (const auto& row : connection.query(sql).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    std::string name = row[1].value_or("");
    if (name == k_primary_index) {
      table->primary_key.push_back(row[3].value_or(""));
      continue;
    }
    if (table->indexes.empty() || table->indexes.back().name != name) {
      schema::Index index;
      index.name = name;
      index.unique = row[2].value_or("1") == "0";
      std::string method = util::to_lower(row[5].value_or(""));
      if (method != "btree" && method != "hash") {
        index.method = method; // fulltext, spatial
      }
      table->indexes.push_back(std::move(index));
    }
    schema::IndexPart part;
    if (row[3]) {
      part.column = *row[3];
    } else {
      part.expression = expression_of(row[6], connection.server().kind);
    }
    part.descending = row[4].value_or("A") == "D";
    // MariaDB reports a SPATIAL key part's internal length (32) as a prefix; it cannot have one.
    if (table->indexes.back().method != "spatial") {
      part.prefix_length = std::stoi(row[7].value_or("0"));
    }
    table->indexes.back().parts.push_back(std::move(part));
  }
}

void
read_foreign_keys(MysqlConnection& connection, Tables& tables)
{
  using Rules = std::pair<std::string, std::string>;          // on delete, on update
  std::map<std::pair<std::string, std::string>, Rules> rules; // by table and constraint
  for (const auto& row : connection.query(k_foreign_key_rules_query).rows) {
    rules[{row[0].value_or(""), row[1].value_or("")}] = {row[2].value_or(""), row[3].value_or("")};
  }
  for (const auto& row : connection.query(k_foreign_key_columns_query).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    std::string name = row[1].value_or("");
    if (table->foreign_keys.empty() || table->foreign_keys.back().name != name) {
      schema::ForeignKey foreign_key;
      foreign_key.name = name;
      foreign_key.ref_table = row[3].value_or("");
      const Rules& actions = rules[{table->name, name}];
      foreign_key.on_delete = action_of(actions.first);
      foreign_key.on_update = action_of(actions.second);
      table->foreign_keys.push_back(std::move(foreign_key));
    }
    table->foreign_keys.back().columns.push_back(row[2].value_or(""));
    table->foreign_keys.back().ref_columns.push_back(row[4].value_or(""));
  }
}

// MariaDB's json: longtext with the column check json_valid(`column`). The check is named after
// the column when it is made, and keeps that name when the column is renamed (RENAME COLUMN
// rewrites only the clause), so it is known by its clause alone.
bool
is_json_check(schema::Table& table, std::string_view level, const std::string& clause)
{
  if (level != "Column") {
    return false;
  }
  auto column = std::ranges::find_if(table.columns, [&](const schema::Column& candidate) {
    return clause == "json_valid(" + quote_identifier(candidate.name) + ")";
  });
  if (column == table.columns.end() || column->type.kind != schema::TypeKind::text) {
    return false;
  }
  column->type = schema::Type::of(schema::TypeKind::json);
  return true;
}

// Rows of table, check name, clause and level (Column or Table), in table and name order.
std::vector<std::vector<db::Value>>
check_rows(MysqlConnection& connection)
{
  if (connection.server().kind == ServerKind::mariadb) {
    return connection.query(k_mariadb_checks_query).rows;
  }
  std::map<std::string, db::Value> clauses;
  for (auto& row : connection.query(k_mysql_checks_query).rows) {
    clauses[row[0].value_or("")] = std::move(row[1]);
  }
  std::vector<std::vector<db::Value>> rows;
  for (auto& row : connection.query(k_mysql_check_tables_query).rows) {
    db::Value clause = clauses[row[1].value_or("")];
    rows.push_back({std::move(row[0]), std::move(row[1]), std::move(clause), "Table"});
  }
  return rows;
}

void
read_checks(MysqlConnection& connection, Tables& tables)
{
  for (const auto& row : check_rows(connection)) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    std::string name = row[1].value_or("");
    std::string clause = expression_of(row[2], connection.server().kind);
    if (!is_json_check(*table, row[3].value_or(""), clause)) {
      table->checks.push_back({name, clause});
    }
  }
}

// True when the index is the one MySQL created for a foreign key of the same name.
bool
is_implicit_foreign_key_index(const schema::Table& table, const schema::Index& index)
{
  const schema::ForeignKey* foreign_key = table.find_foreign_key(index.name);
  if (!foreign_key || index.unique || index.parts.size() < foreign_key->columns.size()) {
    return false;
  }
  for (size_t i = 0; i < foreign_key->columns.size(); ++i) {
    if (index.parts[i].column != foreign_key->columns[i]) {
      return false;
    }
  }
  return true;
}

} // namespace

schema::Schema
inspect(MysqlConnection& connection)
{
  Defaults defaults = read_defaults(connection);
  Tables tables = read_tables(connection, defaults);
  read_columns(connection, tables, defaults);
  read_indexes(connection, tables);
  read_foreign_keys(connection, tables);
  read_checks(connection, tables);
  schema::Schema result;
  for (auto& entry : tables) {
    schema::Table& table = entry.second; // clang 14 cannot capture a structured binding
    std::erase_if(table.indexes, [&](const schema::Index& index) {
      return is_implicit_foreign_key_index(table, index);
    });
    result.tables.push_back(std::move(table));
  }
  schema::sort_canonically(result);
  return result;
}

} // namespace orm::dialect::mysql
