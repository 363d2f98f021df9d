#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace orm::db {

// How one dialect spells what the runtime writes: the only place the runtime gets quoting and
// placeholders from. Identifiers are quoted by the dialect's own quoting function (the same one
// the migrations use); values never appear in SQL text, only as bound parameters.
class SqlFlavor
{
public:
  virtual ~SqlFlavor() = default;

  virtual std::string_view dialect() const = 0; // "sqlite", "postgres", "mysql"
  virtual std::string quote(std::string_view identifier) const = 0;
  // The n-th placeholder, counting from 0: "?" or "$1".
  virtual std::string placeholder(int index) const = 0;
  // INSERT/UPDATE/DELETE ... RETURNING (PostgreSQL, SQLite 3.35+, MariaDB 10.5+ for INSERT).
  virtual bool insert_returning() const = 0;
  // The most parameters one statement may bind (SQLite 32,766, PostgreSQL 65,535, MySQL 65,535).
  virtual std::size_t max_parameters() const = 0;
};

} // namespace orm::db
