#pragma once

#include "core/schema/schema.hpp"

#include <string>
#include <vector>

// The text of SQLite's DDL statements, one function per statement kind.
namespace orm::dialect::sqlite {

// `table` under the name `name` (a rebuild creates it under a temporary name).
std::string create_table_sql(const schema::Table& table, const std::string& name);

std::string create_index_sql(const std::string& table, const schema::Index& index);

std::string drop_index_sql(const schema::Index& index);

std::string drop_table_sql(const std::string& table);

std::string rename_table_sql(const std::string& from, const std::string& to);

std::string add_column_sql(const std::string& table, const schema::Column& column);

std::string drop_column_sql(const std::string& table, const std::string& column);

std::string rename_column_sql(const std::string& table, const std::string& from,
                              const std::string& to);

// CREATE TABLE, then its indexes and triggers.
std::vector<std::string> table_statements(const schema::Table& table);

} // namespace orm::dialect::sqlite
