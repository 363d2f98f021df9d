#include "core/dialect/sql_common.hpp"

#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <functional>

namespace orm::dialect {

namespace {

struct CharacterCheck
{
  StringPlaces places;
  std::string_view characters;
  std::function<void(const std::string& what)> found; // `what`: "the default of column t.c"

  void text(std::string_view value, const std::string& what) const
  {
    if (value.find_first_of(characters) != std::string_view::npos) {
      found(what);
    }
  }

  void column(const std::string& table, const schema::Column& column) const
  {
    std::string name = fmt::format("column {}.{}", table, column.name);
    text(column.comment, "the comment of " + name);
    if (places == StringPlaces::comments) {
      return;
    }
    if (column.default_value && column.default_value->kind == schema::Default::Kind::literal) {
      if (auto value = string_literal_value(column.default_value->text)) {
        text(*value, "the default of " + name);
      }
    }
    for (const auto& value : column.type.values) {
      text(value, "an enum value of " + name);
    }
  }

  void table(const schema::Table& table) const
  {
    for (const auto& column : table.columns) {
      this->column(table.name, column);
    }
    text(table.comment, "the comment of table " + table.name);
  }

  void changes(const diff::Changes& changes) const
  {
    for (const auto& change : changes) {
      if (const auto* add = std::get_if<diff::AddTable>(&change)) {
        table(add->table);
      } else if (const auto* modify = std::get_if<diff::ModifyTable>(&change)) {
        for (const auto& table_change : modify->changes) {
          std::visit(util::Overloaded{
                         [&](const diff::AddColumn& c) { column(modify->to.name, c.column); },
                         [&](const diff::ModifyColumn& c) { column(modify->to.name, c.to); },
                         [&](const diff::ChangeTableComment& c) {
                           text(c.to, "the comment of table " + modify->to.name);
                         },
                         [](const auto&) {},
                     },
                     table_change);
        }
      }
    }
  }
};

} // namespace

std::string
referential_actions_sql(const schema::ForeignKey& foreign_key)
{
  std::string sql;
  if (foreign_key.on_delete != schema::ReferentialAction::no_action) {
    sql += " ON DELETE " + util::to_upper(schema::to_string(foreign_key.on_delete));
  }
  if (foreign_key.on_update != schema::ReferentialAction::no_action) {
    sql += " ON UPDATE " + util::to_upper(schema::to_string(foreign_key.on_update));
  }
  return sql;
}

void
refuse_characters(const diff::Changes& changes, StringPlaces places, std::string_view characters,
                  std::string_view why)
{
  CharacterCheck{places, characters,
                 [&](const std::string& what) {
                   throw Error(ErrorKind::config, fmt::format("{} holds {}", what, why));
                 }}
      .changes(changes);
}

bool
writes_any_of(const diff::Changes& changes, StringPlaces places, std::string_view characters)
{
  bool any = false;
  CharacterCheck{places, characters, [&](const std::string&) { any = true; }}.changes(changes);
  return any;
}

std::optional<std::string>
string_literal_value(std::string_view literal)
{
  if (literal.size() < 2 || literal.front() != '\'' || literal.back() != '\'') {
    return std::nullopt;
  }
  std::string value;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] == '\'') {
      if (literal[i + 1] != '\'' || i + 2 == literal.size()) {
        return std::nullopt; // a quote that ends the string before its end
      }
      ++i;
    }
    value += literal[i];
  }
  return value;
}

} // namespace orm::dialect
