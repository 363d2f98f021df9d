#include "core/dialect/postgres/inspect.hpp"

#include "core/dialect/postgres/connection.hpp"
#include "core/dialect/postgres/types.hpp"

#include <map>

namespace orm::dialect::postgres {

namespace {

// Every query takes the schema name as $1 and leaves out orm's own history table.
constexpr const char* k_tables_query = R"(SELECT c.relname, d.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.relname <> 'orm_migrations'
ORDER BY c.relname)";

// The last column is the sequence a serial column owns (an 'a'uto dependency on the column; an
// identity's sequence depends on it as 'i'nternal).
constexpr const char* k_columns_query = R"(SELECT c.relname, a.attname,
  format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid, true),
  a.attidentity, a.attgenerated, t.typtype = 'e' AND tn.nspname = $1, t.typname,
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, d.description,
  CASE WHEN ad.adbin IS NOT NULL THEN (SELECT s.relname FROM pg_depend dep
    JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
      AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'
    ORDER BY s.relname LIMIT 1) END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum)";

constexpr const char* k_enums_query = R"(SELECT t.typname, e.enumlabel
FROM pg_enum e
JOIN pg_type t ON t.oid = e.enumtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = $1
ORDER BY t.typname, e.enumsortorder)";

constexpr const char* k_primary_keys_query = R"(SELECT c.relname, a.attname
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
WHERE n.nspname = $1 AND con.contype = 'p'
ORDER BY c.relname, k.position)";

// One row per key part, then one per INCLUDE column (position past indnkeyatts); attnum 0 is an
// expression, which pg_get_indexdef gives. indoption: bit 1 DESC, bit 2 NULLS FIRST.
constexpr const char* k_indexes_query = R"(SELECT c.relname, ic.relname, ix.indisunique,
  pg_get_expr(ix.indpred, ix.indrelid, true), a.attname,
  pg_get_indexdef(ix.indexrelid, k.position::int, true), ix.indoption[k.position - 1] & 1,
  ix.indoption[k.position - 1] & 2, k.position > ix.indnkeyatts, am.amname
FROM pg_index ix
JOIN pg_class c ON c.oid = ix.indrelid
JOIN pg_class ic ON ic.oid = ix.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL generate_series(1, ix.indnatts) AS k(position)
LEFT JOIN pg_attribute a
  ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.position - 1] AND a.attnum > 0
WHERE n.nspname = $1 AND NOT ix.indisprimary
ORDER BY c.relname, ic.relname, k.position)";

constexpr const char* k_foreign_keys_query = R"(SELECT c.relname, con.conname, rc.relname,
  a.attname, ra.attname, con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred,
  con.confmatchtype
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, ref_attnum, position)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.ref_attnum
WHERE n.nspname = $1 AND con.contype = 'f'
ORDER BY c.relname, con.conname, k.position)";

constexpr const char* k_checks_query = R"(SELECT c.relname, con.conname,
  pg_get_expr(con.conbin, con.conrelid, true)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND con.contype = 'c'
ORDER BY c.relname, con.conname)";

using Tables = std::map<std::string, schema::Table>;
using EnumValues = std::map<std::string, std::vector<std::string>>;

db::Result
run(db::Connection& connection, const char* sql, const std::string& schema_name)
{
  return connection.query(sql, {schema_name});
}

// The table a row belongs to; nullptr for orm's own table and other relations left out.
schema::Table*
table_of(Tables& tables, const db::Value& name)
{
  auto found = tables.find(name.value_or(""));
  return found == tables.end() ? nullptr : &found->second;
}

Tables
read_tables(db::Connection& connection, const std::string& schema_name)
{
  Tables tables;
  for (const auto& row : run(connection, k_tables_query, schema_name).rows) {
    schema::Table table;
    table.name = row[0].value_or("");
    table.comment = row[1].value_or("");
    tables.emplace(table.name, std::move(table));
  }
  return tables;
}

EnumValues
read_enums(db::Connection& connection, const std::string& schema_name)
{
  EnumValues values;
  for (const auto& row : run(connection, k_enums_query, schema_name).rows) {
    values[row[0].value_or("")].push_back(row[1].value_or(""));
  }
  return values;
}

bool
is_sequence_default(const std::string& sql)
{
  return sql.starts_with("nextval(");
}

// The column's type: an enum type of the schema is portable (orm names the ones it creates
// <table>_<column>), other types as they map.
schema::Type
column_type(const std::vector<db::Value>& row, const EnumValues& enums)
{
  if (row[7].value_or("f") == "t") {
    if (auto found = enums.find(row[8].value_or("")); found != enums.end()) {
      return schema::Type::enumeration(found->second);
    }
  }
  return type_of_declared(row[2].value_or(""));
}

void
read_columns(db::Connection& connection, const std::string& schema_name, Tables& tables,
             const EnumValues& enums)
{
  for (const auto& row : run(connection, k_columns_query, schema_name).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    schema::Column column;
    column.name = row[1].value_or("");
    column.type = column_type(row, enums);
    column.nullable = row[3].value_or("f") != "t";
    column.comment = row[10].value_or("");
    column.collation = row[9].value_or(""); // empty: the type's (the database's) default
    std::string default_text = row[4].value_or("");
    bool generated = row[6].value_or("") == "s"; // PostgreSQL 15 knows only STORED
    if (generated) {
      column.generated = default_text; // a generated column keeps its expression here
      column.generated_stored = true;
    }
    std::string identity = row[5].value_or(""); // attidentity: 'a' ALWAYS, 'd' BY DEFAULT
    std::string owned_sequence = row[11].value_or("");
    // A serial: an integer column whose nextval default draws from a sequence it owns. A nextval
    // of another sequence (shared, or owned elsewhere) is an ordinary expression default.
    bool serial = identity.empty() && is_sequence_default(default_text) &&
                  !owned_sequence.empty() && schema::is_integer(column.type.kind);
    if (!identity.empty() || serial) {
      column.autoincrement = true;
      column.identity_always = identity == "a";
      column.serial_sequence = serial ? owned_sequence : "";
    } else if (!generated && !default_text.empty()) {
      column.default_value = default_of_sql(default_text);
    }
    table->columns.push_back(std::move(column));
  }
}

void
read_primary_keys(db::Connection& connection, const std::string& schema_name, Tables& tables)
{
  for (const auto& row : run(connection, k_primary_keys_query, schema_name).rows) {
    if (schema::Table* table = table_of(tables, row[0])) {
      table->primary_key.push_back(row[1].value_or(""));
    }
  }
}

void
read_indexes(db::Connection& connection, const std::string& schema_name, Tables& tables)
{
  schema::Index* index = nullptr;
  std::pair<std::string, std::string> current;
  for (const auto& row : run(connection, k_indexes_query, schema_name).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    std::pair<std::string, std::string> key{table->name, row[1].value_or("")};
    if (!index || key != current) {
      current = key;
      index = &table->indexes.emplace_back();
      index->name = key.second;
      index->unique = row[2].value_or("f") == "t";
      index->where = row[3].value_or("");
      index->method = row[9].value_or("") == "btree" ? "" : row[9].value_or("");
    }
    if (row[8].value_or("f") == "t") {
      index->include.push_back(row[4].value_or(""));
      continue;
    }
    schema::IndexPart part;
    if (row[4]) {
      part.column = *row[4];
    } else {
      part.expression = row[5].value_or("");
    }
    part.descending = row[6].value_or("0") != "0";
    bool nulls_first = row[7].value_or("0") != "0";
    if (nulls_first != part.descending) { // DESC puts NULLs first, ASC last, unless told
      part.nulls =
          nulls_first ? schema::IndexPart::NullsOrder::first : schema::IndexPart::NullsOrder::last;
    }
    index->parts.push_back(std::move(part));
  }
}

schema::ReferentialAction
action_of(const std::string& code)
{
  switch (code.empty() ? 'a' : code[0]) {
  case 'r':
    return schema::ReferentialAction::restrict;
  case 'c':
    return schema::ReferentialAction::cascade;
  case 'n':
    return schema::ReferentialAction::set_null;
  case 'd':
    return schema::ReferentialAction::set_default;
  default:
    return schema::ReferentialAction::no_action;
  }
}

// confmatchtype: 'f' FULL, 'p' PARTIAL, 's' SIMPLE (the default, empty).
std::string
match_of(const std::string& code)
{
  if (code == "f") {
    return "full";
  }
  return code == "p" ? "partial" : "";
}

void
read_foreign_keys(db::Connection& connection, const std::string& schema_name, Tables& tables)
{
  schema::ForeignKey* key = nullptr;
  std::pair<std::string, std::string> current;
  for (const auto& row : run(connection, k_foreign_keys_query, schema_name).rows) {
    schema::Table* table = table_of(tables, row[0]);
    if (!table) {
      continue;
    }
    std::pair<std::string, std::string> id{table->name, row[1].value_or("")};
    if (!key || id != current) {
      current = id;
      key = &table->foreign_keys.emplace_back();
      key->name = id.second;
      key->ref_table = row[2].value_or("");
      key->on_delete = action_of(row[5].value_or(""));
      key->on_update = action_of(row[6].value_or(""));
      key->deferrable = row[7].value_or("f") == "t";
      key->initially_deferred = row[8].value_or("f") == "t";
      key->match = match_of(row[9].value_or(""));
    }
    key->columns.push_back(row[3].value_or(""));
    key->ref_columns.push_back(row[4].value_or(""));
  }
}

void
read_checks(db::Connection& connection, const std::string& schema_name, Tables& tables)
{
  for (const auto& row : run(connection, k_checks_query, schema_name).rows) {
    if (schema::Table* table = table_of(tables, row[0])) {
      table->checks.push_back({row[1].value_or(""), row[2].value_or("")});
    }
  }
}

} // namespace

schema::Schema
inspect(db::Connection& connection, const std::string& schema_name)
{
  Tables tables = read_tables(connection, schema_name);
  read_columns(connection, schema_name, tables, read_enums(connection, schema_name));
  read_primary_keys(connection, schema_name, tables);
  read_indexes(connection, schema_name, tables);
  read_foreign_keys(connection, schema_name, tables);
  read_checks(connection, schema_name, tables);
  schema::Schema schema;
  for (auto& [name, table] : tables) {
    schema.tables.push_back(std::move(table));
  }
  schema::sort_canonically(schema);
  return schema;
}

} // namespace orm::dialect::postgres
