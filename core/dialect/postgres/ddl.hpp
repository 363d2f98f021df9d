#pragma once

#include "core/dialect/postgres/expression.hpp"
#include "core/schema/schema.hpp"

#include <string>
#include <utility>
#include <vector>

// The text of PostgreSQL's DDL: names, clauses and the statements that create and drop tables,
// columns, indexes, enum types, sequences and comments. plan.cpp decides which to run.
namespace orm::dialect::postgres {

using Statements = std::vector<std::string>;

// `name` quoted as an identifier where PostgreSQL needs it (quote_identifier).
std::string q(const std::string& name);

std::string alter_table(const std::string& table, const std::string& action);

std::string alter_column(const std::string& table, const std::string& column,
                         const std::string& action);

bool is_enum(const schema::Column& column);

std::string enum_type(const std::string& table, const schema::Column& column);

std::string create_enum_sql(const std::string& type, const std::vector<std::string>& values);

std::string drop_enum_sql(const std::string& table, const schema::Column& column);

// The column's type with its collation, as CREATE TABLE and ALTER COLUMN ... TYPE take it.
std::string collated_type(const std::string& table, const schema::Column& column);

std::string identity_clause(const schema::Column& column);

// A serial column (`serial`, `bigserial`, made by hand or by another tool) is an autoincrement
// column that takes its values from a sequence it owns through a nextval default, rather than an
// identity. PostgreSQL inspect remembers the sequence, so that a serial comes back as a serial
// (same sequence, same default) in a down, and turns into an identity when the models ask for
// one that a serial cannot be.
bool is_serial(const schema::Column& column);

std::string nextval_sql(const schema::Column& column);

// The sequence as PostgreSQL creates it for `serial`: of the column's type, owned by the column
// once that exists.
std::string create_sequence_sql(const std::string& table, const schema::Column& column);

// Moves `sequence` (an SQL expression naming it) past the column's values, so that new rows do
// not collide with existing ones.
std::string restart_past_rows_sql(const std::string& table, const std::string& column,
                                  const std::string& sequence);

std::string column_definition(const std::string& table, const schema::Column& column);

// The sequences of a table's (or a new column's) serial columns: created before the columns that
// take their default from them, owned by them after.
std::pair<std::vector<std::string>, std::vector<std::string>>
serial_sequences(const std::string& table, const std::vector<schema::Column>& columns);

std::string foreign_key_clause(const schema::ForeignKey& key);

std::string check_clause(const schema::Check& check);

std::string primary_key_name(const std::string& table);

std::string primary_key_clause(const std::string& table, const std::vector<std::string>& columns);

// CONCURRENTLY builds or drops an index without blocking writes, but only outside a transaction.
enum class Concurrently
{
  no,
  yes
};

std::string create_index_sql(const std::string& table, const schema::Index& index,
                             Concurrently concurrently = Concurrently::no);

// A unique index may be a UNIQUE constraint's (a database orm did not create): drop either.
Statements drop_index_sql(const std::string& table, const schema::Index& index,
                          Concurrently concurrently = Concurrently::no);

std::string table_comment_sql(const std::string& table, const std::string& comment);

std::string column_comment_sql(const std::string& table, const std::string& column,
                               const std::string& comment);

void append(Statements& to, Statements more);

Statements create_table_statements(const schema::Table& table);

Statements drop_table_statements(const schema::Table& table);

} // namespace orm::dialect::postgres
