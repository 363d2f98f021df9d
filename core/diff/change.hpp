#pragma once

#include "core/schema/schema.hpp"

#include <string>
#include <variant>
#include <vector>

namespace orm::diff {

// Changes are data: one struct per verb and object kind (the Atlas model). Changes inside one
// table are grouped in a ModifyTable so that a dialect can decide to rebuild the table instead.

struct AddColumn
{
  schema::Column column;
};

struct DropColumn
{
  schema::Column column;
};

struct RenameColumn
{
  std::string from;
  std::string to;
};

// What a ModifyColumn changes; several may be set at once.
struct ColumnChangeSet
{
  bool type = false;
  bool nullability = false;
  bool default_value = false;
  bool autoincrement = false;
  bool comment = false;
  bool collation = false;
  bool charset = false;
  bool on_update = false;
  bool generated = false; // the expression, or STORED/VIRTUAL

  bool any() const
  {
    return type || nullability || default_value || autoincrement || comment || collation ||
           charset || on_update || generated;
  }
  bool operator==(const ColumnChangeSet&) const = default;
};

struct ModifyColumn
{
  schema::Column from; // under its new name when it was renamed too
  schema::Column to;
  ColumnChangeSet what;
};

struct ChangePrimaryKey
{
  std::vector<std::string> from;
  std::vector<std::string> to;
};

struct AddIndex
{
  schema::Index index;
};

struct DropIndex
{
  schema::Index index;
};

// Only the name changes: the definition is the same on both sides.
struct RenameIndex
{
  std::string from;
  std::string to;
};

struct AddForeignKey
{
  schema::ForeignKey foreign_key;
};

struct DropForeignKey
{
  schema::ForeignKey foreign_key;
};

struct AddCheck
{
  schema::Check check;
};

struct DropCheck
{
  schema::Check check;
};

// A foreign key or a check whose name alone changes.
struct RenameConstraint
{
  std::string from;
  std::string to;
};

struct ChangeTableComment
{
  std::string from;
  std::string to;
};

// MySQL table options; empty: the server's default.
struct TableOptions
{
  std::string engine;
  std::string charset;
  std::string collation;

  bool operator==(const TableOptions&) const = default;
};

struct ChangeTableOptions
{
  TableOptions from;
  TableOptions to;
};

using TableChange =
    std::variant<AddColumn, DropColumn, RenameColumn, ModifyColumn, ChangePrimaryKey, AddIndex,
                 DropIndex, RenameIndex, AddForeignKey, DropForeignKey, AddCheck, DropCheck,
                 RenameConstraint, ChangeTableComment, ChangeTableOptions>;

struct AddTable
{
  schema::Table table; // without the foreign keys that AddForeignKeys adds later (FK cycles)
};

struct DropTable
{
  schema::Table table;
};

struct RenameTable
{
  std::string from;
  std::string to;
};

// A foreign key of another table that references the table of a ModifyTable.
struct InboundForeignKey
{
  std::string table;
  schema::ForeignKey foreign_key;

  bool operator==(const InboundForeignKey&) const = default;
};

// `from` and `to` are the whole table before and after (under the new name when renamed), so a
// dialect that cannot ALTER in place can rebuild `to` from `from`. `referenced_by` lists the
// foreign keys of other tables that reference it, in the current schema or in the desired one
// (under the new names), sorted by table and name: what a dialect must mind before it drops and
// adds a column again.
struct ModifyTable
{
  schema::Table from;
  schema::Table to;
  std::vector<TableChange> changes;
  std::vector<InboundForeignKey> referenced_by{};
};

using Change = std::variant<AddTable, DropTable, RenameTable, ModifyTable>;
using Changes = std::vector<Change>;

// One line per change for people: "+ table users", "~ column posts.title: varchar(100) ->
// varchar(200)".
std::vector<std::string> describe(const Changes& changes);
std::vector<std::string> describe(const Change& change);
std::string describe(const std::string& table, const TableChange& change);

} // namespace orm::diff
