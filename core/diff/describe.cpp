#include "core/diff/change.hpp"

#include "core/diff/spell.hpp"

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

// The name of the object a drop or add is about, and its kind; empty for the other changes.
struct Redefinable
{
  const char* kind = "";
  std::string name;
};

Redefinable
redefinable(const TableChange& change)
{
  return std::visit(Overloaded{
                        [](const DropIndex& c) {
                          return Redefinable{"index", c.index.name};
                        },
                        [](const AddIndex& c) {
                          return Redefinable{"index", c.index.name};
                        },
                        [](const DropForeignKey& c) {
                          return Redefinable{"foreign key", c.foreign_key.name};
                        },
                        [](const AddForeignKey& c) {
                          return Redefinable{"foreign key", c.foreign_key.name};
                        },
                        [](const DropCheck& c) {
                          return Redefinable{"check", c.check.name};
                        },
                        [](const AddCheck& c) {
                          return Redefinable{"check", c.check.name};
                        },
                        [](const auto&) { return Redefinable{}; },
                    },
                    change);
}

// "~ index p_body_idx on p: (body) -> (body(768))" for a drop and an add of the same object.
std::string
describe_redefinition(const std::string& table, const TableChange& drop, const TableChange& add)
{
  Redefinable what = redefinable(drop);
  std::string difference;
  if (const auto* index = std::get_if<DropIndex>(&drop)) {
    difference = spell_difference(index->index, std::get<AddIndex>(add).index);
  } else if (const auto* key = std::get_if<DropForeignKey>(&drop)) {
    difference = spell_difference(key->foreign_key, std::get<AddForeignKey>(add).foreign_key);
  } else {
    difference = spell_difference(std::get<DropCheck>(drop).check, std::get<AddCheck>(add).check);
  }
  return fmt::format("~ {} {} on {}: {}", what.kind, what.name, table, difference);
}

bool
is_drop(const TableChange& change)
{
  return std::holds_alternative<DropIndex>(change) ||
         std::holds_alternative<DropForeignKey>(change) ||
         std::holds_alternative<DropCheck>(change);
}

// One line per change, except that an index or constraint dropped and added again under the same
// name is one line that says what differs.
std::vector<std::string>
describe_table_changes(const std::string& table, const std::vector<TableChange>& changes)
{
  std::vector<std::string> lines;
  std::vector<bool> merged(changes.size(), false);
  for (size_t i = 0; i < changes.size(); ++i) {
    if (merged[i]) {
      continue;
    }
    Redefinable what = redefinable(changes[i]);
    size_t add = changes.size();
    if (is_drop(changes[i])) {
      for (size_t j = i + 1; j < changes.size() && add == changes.size(); ++j) {
        Redefinable other = redefinable(changes[j]);
        if (!is_drop(changes[j]) && std::string_view(other.kind) == what.kind &&
            other.name == what.name) {
          add = j;
        }
      }
    }
    if (add < changes.size()) {
      merged[add] = true;
      lines.push_back(describe_redefinition(table, changes[i], changes[add]));
    } else {
      lines.push_back(describe_table_change(table, changes[i]));
    }
  }
  return lines;
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
          [](const ModifyTable& c) { return describe_table_changes(c.to.name, c.changes); },
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
