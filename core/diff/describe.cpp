#include "core/diff/change.hpp"

#include "core/util/overloaded.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <tuple>

namespace orm::diff {

namespace {

using util::Overloaded;

std::string
spell_default(const std::optional<schema::Default>& value)
{
  if (!value) {
    return "no default";
  }
  switch (value->kind) {
  case schema::Default::Kind::now:
    return "default now";
  case schema::Default::Kind::expression:
    return fmt::format("default ({})", value->text);
  case schema::Default::Kind::literal:
    break;
  }
  return "default " + value->text;
}

// The changed aspects of a column, one side: "varchar(100) not null".
std::string
spell_aspects(const schema::Column& column, const ColumnChangeSet& what)
{
  std::vector<std::string> parts;
  if (what.type) {
    parts.push_back(schema::to_string(column.type));
  }
  if (what.nullability) {
    parts.emplace_back(column.nullable ? "null" : "not null");
  }
  if (what.default_value) {
    parts.push_back(spell_default(column.default_value));
  }
  if (what.autoincrement) {
    parts.emplace_back(!column.autoincrement    ? "no autoincrement"
                       : column.identity_always ? "autoincrement always"
                                                : "autoincrement");
  }
  if (what.comment) {
    parts.push_back(column.comment.empty() ? "no comment"
                                           : "comment " + util::sql_string_literal(column.comment));
  }
  if (what.charset) {
    parts.push_back(column.charset.empty() ? "default charset" : "charset " + column.charset);
  }
  if (what.collation) {
    parts.push_back(column.collation.empty() ? "default collation" : "collate " + column.collation);
  }
  if (what.on_update) {
    parts.emplace_back(column.on_update_now ? "on update now" : "no on update");
  }
  if (what.generated) {
    parts.push_back(column.generated.empty()
                        ? "not generated"
                        : fmt::format("generated ({}) {}", column.generated,
                                      column.generated_stored ? "stored" : "virtual"));
  }
  return util::join(parts, " ");
}

// "engine MyISAM -> InnoDB, charset default -> utf8mb4": only the options that change.
std::string
spell_options(const TableOptions& from, const TableOptions& to)
{
  auto value = [](const std::string& text) { return text.empty() ? "default" : text; };
  std::vector<std::string> parts;
  for (auto [name, before, after] : {std::tuple{"engine", &from.engine, &to.engine},
                                     std::tuple{"charset", &from.charset, &to.charset},
                                     std::tuple{"collate", &from.collation, &to.collation}}) {
    if (*before != *after) {
      parts.push_back(fmt::format("{} {} -> {}", name, value(*before), value(*after)));
    }
  }
  return util::join(parts, ", ");
}

std::string
spell_columns(const std::vector<std::string>& columns)
{
  return "(" + util::join(columns, ", ") + ")";
}

std::string
describe_table_change(const std::string& table, const TableChange& change)
{
  return std::visit(
      Overloaded{
          [&](const AddColumn& c) { return fmt::format("+ column {}.{}", table, c.column.name); },
          [&](const DropColumn& c) { return fmt::format("- column {}.{}", table, c.column.name); },
          [&](const RenameColumn& c) {
            return fmt::format("~ column {}.{} -> {} (rename)", table, c.from, c.to);
          },
          [&](const ModifyColumn& c) {
            return fmt::format("~ column {}.{}: {} -> {}", table, c.to.name,
                               spell_aspects(c.from, c.what), spell_aspects(c.to, c.what));
          },
          [&](const ChangePrimaryKey& c) {
            return fmt::format("~ primary key {}: {} -> {}", table, spell_columns(c.from),
                               spell_columns(c.to));
          },
          [&](const AddIndex& c) { return fmt::format("+ index {} on {}", c.index.name, table); },
          [&](const DropIndex& c) { return fmt::format("- index {} on {}", c.index.name, table); },
          [&](const RenameIndex& c) {
            return fmt::format("~ index {} -> {} on {} (rename)", c.from, c.to, table);
          },
          [&](const AddForeignKey& c) {
            return fmt::format("+ foreign key {} on {}", c.foreign_key.name, table);
          },
          [&](const DropForeignKey& c) {
            return fmt::format("- foreign key {} on {}", c.foreign_key.name, table);
          },
          [&](const AddCheck& c) { return fmt::format("+ check {} on {}", c.check.name, table); },
          [&](const DropCheck& c) { return fmt::format("- check {} on {}", c.check.name, table); },
          [&](const RenameConstraint& c) {
            return fmt::format("~ constraint {} -> {} on {} (rename)", c.from, c.to, table);
          },
          [&](const ChangeTableComment&) { return fmt::format("~ comment on table {}", table); },
          [&](const ChangeTableOptions& c) {
            return fmt::format("~ options of table {}: {}", table, spell_options(c.from, c.to));
          },
      },
      change);
}

} // namespace

std::vector<std::string>
describe(const Change& change)
{
  return std::visit(
      Overloaded{
          [](const AddTable& c) { return std::vector<std::string>{"+ table " + c.table.name}; },
          [](const DropTable& c) { return std::vector<std::string>{"- table " + c.table.name}; },
          [](const RenameTable& c) {
            return std::vector<std::string>{fmt::format("~ table {} -> {} (rename)", c.from, c.to)};
          },
          [](const ModifyTable& c) {
            std::vector<std::string> lines;
            for (const auto& table_change : c.changes) {
              lines.push_back(describe_table_change(c.to.name, table_change));
            }
            return lines;
          },
      },
      change);
}

std::vector<std::string>
describe(const Changes& changes)
{
  std::vector<std::string> lines;
  for (const auto& change : changes) {
    for (auto& line : describe(change)) {
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

std::string
describe(const std::string& table, const TableChange& change)
{
  return describe_table_change(table, change);
}

} // namespace orm::diff
