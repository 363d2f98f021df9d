#include "core/models/models.hpp"
#include "core/schema/naming.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace orm::models {

namespace {

// Every word the language gives a meaning to; names spelled like one are quoted.
const std::set<std::string> k_keywords = {
    "action",   "always",       "asc",       "autoincrement", "bigint",    "bool",
    "bytes",    "cascade",      "char",      "charset",       "check",     "collate",
    "comment",  "concurrently", "date",      "decimal",       "default",   "deferrable",
    "deferred", "delete",       "desc",      "double",        "engine",    "enum",
    "false",    "first",        "foreign",   "full",          "generated", "immediate",
    "include",  "index",        "initially", "int",           "json",      "key",
    "last",     "match",        "no",        "now",           "null",      "nulls",
    "on",       "partial",      "primary",   "raw",           "real",      "references",
    "restrict", "set",          "simple",    "smallint",      "stored",    "table",
    "text",     "time",         "timestamp", "timestamptz",   "true",      "unique",
    "update",   "using",        "uuid",      "varchar",       "virtual",   "was",
    "where",
};

bool
is_plain_name(const std::string& name)
{
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
    return false;
  }
  bool all_name_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  return all_name_chars && !k_keywords.count(util::to_lower(name));
}

std::string
quote_name(const std::string& name)
{
  if (is_plain_name(name)) {
    return name;
  }
  std::string result = "\"";
  for (char c : name) {
    result += c == '"' ? "\"\"" : std::string(1, c);
  }
  return result + "\"";
}

std::string
quote_names(const std::vector<std::string>& names)
{
  std::vector<std::string> quoted;
  for (const auto& name : names) {
    quoted.push_back(quote_name(name));
  }
  return util::join(quoted, ", ");
}

// A simple predicate reads better unparenthesised and parses back the same.
std::string
print_where(const std::string& where)
{
  bool simple = std::all_of(where.begin(), where.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ' ' || c == '.';
  });
  return simple ? " where " + where : " where (" + where + ")";
}

std::string
print_default(const schema::Default& value)
{
  switch (value.kind) {
  case schema::Default::Kind::now:
    return "now";
  case schema::Default::Kind::expression:
    return "(" + value.text + ")";
  case schema::Default::Kind::literal:
    return value.text;
  }
  return value.text;
}

std::string
print_references(const schema::ForeignKey& foreign_key)
{
  std::string text = fmt::format("references {}({})", quote_name(foreign_key.ref_table),
                                 quote_names(foreign_key.ref_columns));
  if (foreign_key.on_delete != schema::ReferentialAction::no_action) {
    text += fmt::format(" on delete {}", schema::to_string(foreign_key.on_delete));
  }
  if (foreign_key.on_update != schema::ReferentialAction::no_action) {
    text += fmt::format(" on update {}", schema::to_string(foreign_key.on_update));
  }
  if (foreign_key.deferrable) {
    text += foreign_key.initially_deferred ? " deferrable initially deferred" : " deferrable";
  }
  if (!foreign_key.match.empty()) {
    text += " match " + foreign_key.match;
  }
  return text;
}

std::string
print_index(const schema::Table& table, const schema::Index& index)
{
  std::vector<std::string> parts;
  for (const auto& part : index.parts) {
    std::string text =
        part.expression.empty() ? quote_name(part.column) : "(" + part.expression + ")";
    if (part.prefix_length > 0) {
      text += fmt::format("({})", part.prefix_length);
    }
    if (part.descending) {
      text += " desc";
    }
    if (part.nulls != schema::IndexPart::NullsOrder::unspecified) {
      text += std::string(" ") + schema::to_string(part.nulls);
    }
    parts.push_back(text);
  }
  std::string text = index.unique ? "unique " : "index ";
  if (index.name != schema::default_index_name(table.name, index.parts, index.unique)) {
    text += quote_name(index.name) + " ";
  }
  text += "(" + util::join(parts, ", ") + ")";
  if (!index.method.empty()) {
    text += " using " + quote_name(index.method);
  }
  if (!index.include.empty()) {
    text += " include (" + quote_names(index.include) + ")";
  }
  if (index.concurrently) {
    text += " concurrently";
  }
  return index.where.empty() ? text : text + print_where(index.where);
}

// Display width, so that non-ASCII names still line up.
size_t
width(const std::string& text)
{
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string
pad(const std::string& text, size_t target)
{
  return text + std::string(target - std::min(target, width(text)), ' ');
}

// Sorts a table's constraints into those printed as column attributes and the rest.
class TablePrinter
{
public:
  explicit TablePrinter(const schema::Table& table) : m_table(table) {}

  std::string print()
  {
    std::string header = "table " + quote_name(m_table.name);
    if (!m_table.renamed_from.empty()) {
      header += " was " + quote_name(m_table.renamed_from);
    }
    if (!m_table.engine.empty()) {
      header += " engine " + quote_name(m_table.engine);
    }
    if (!m_table.charset.empty()) {
      header += " charset " + quote_name(m_table.charset);
    }
    if (!m_table.collation.empty()) {
      header += " collate " + quote_name(m_table.collation);
    }
    std::vector<std::string> lines = column_lines();
    add_constraint_lines(lines);
    std::string text = header + " {\n";
    for (const auto& line : lines) {
      text += "  " + line + "\n";
    }
    return text + "}\n";
  }

private:
  bool is_column(const std::string& name) const { return m_table.find_column(name) != nullptr; }

  bool is_column_primary_key() const
  {
    return m_table.primary_key.size() == 1 && is_column(m_table.primary_key[0]);
  }

  // A column's `unique` attribute: one plain column part and nothing else to say.
  bool is_column_unique(const schema::Index& index) const
  {
    if (!index.unique || index.parts.size() != 1 || !index.where.empty() || !index.method.empty() ||
        !index.include.empty() || index.concurrently) {
      return false;
    }
    const schema::IndexPart& part = index.parts[0];
    schema::IndexPart plain;
    plain.column = part.column;
    return part == plain && is_column(part.column) &&
           index.name == schema::index_name(m_table.name, {part.column}, true);
  }

  bool is_column_foreign_key(const schema::ForeignKey& foreign_key) const
  {
    return foreign_key.columns.size() == 1 && foreign_key.ref_columns.size() == 1 &&
           is_column(foreign_key.columns[0]) &&
           foreign_key.name == schema::foreign_key_name(m_table.name, foreign_key.columns);
  }

  // The column whose default check name this is, if any.
  const schema::Column* check_column(const schema::Check& check) const
  {
    for (const auto& column : m_table.columns) {
      if (check.name == schema::check_name(m_table.name, column.name, 1)) {
        return &column;
      }
    }
    return nullptr;
  }

  std::string column_attributes(const schema::Column& column) const
  {
    std::vector<std::string> attributes;
    if (is_column_primary_key() && m_table.primary_key[0] == column.name) {
      attributes.push_back("primary key");
    }
    if (column.autoincrement) {
      attributes.push_back(column.identity_always ? "autoincrement always" : "autoincrement");
    }
    for (const auto& index : m_table.indexes) {
      if (is_column_unique(index) && index.parts[0].column == column.name) {
        attributes.push_back("unique");
      }
    }
    if (!column.charset.empty()) {
      attributes.push_back("charset " + quote_name(column.charset));
    }
    if (!column.collation.empty()) {
      attributes.push_back("collate " + quote_name(column.collation));
    }
    if (column.default_value) {
      attributes.push_back("default " + print_default(*column.default_value));
    }
    if (column.on_update_now) {
      attributes.push_back("on update now");
    }
    if (!column.generated.empty()) {
      attributes.push_back("generated (" + column.generated +
                           (column.generated_stored ? ") stored" : ") virtual"));
    }
    for (const auto& check : m_table.checks) {
      if (check_column(check) == &column) {
        attributes.push_back("check (" + check.expression + ")");
      }
    }
    for (const auto& foreign_key : m_table.foreign_keys) {
      if (is_column_foreign_key(foreign_key) && foreign_key.columns[0] == column.name) {
        attributes.push_back(print_references(foreign_key));
      }
    }
    if (!column.renamed_from.empty()) {
      attributes.push_back("was " + quote_name(column.renamed_from));
    }
    if (!column.comment.empty()) {
      attributes.push_back("comment " + util::sql_string_literal(column.comment));
    }
    return util::join(attributes, " ");
  }

  std::vector<std::string> column_lines() const
  {
    std::vector<std::string> names;
    std::vector<std::string> types;
    size_t name_width = 0;
    size_t type_width = 0;
    for (const auto& column : m_table.columns) {
      names.push_back(quote_name(column.name));
      types.push_back(schema::to_string(column.type) + (column.nullable ? "?" : ""));
      name_width = std::max(name_width, width(names.back()));
      type_width = std::max(type_width, width(types.back()));
    }
    std::vector<std::string> lines;
    for (size_t i = 0; i < names.size(); ++i) {
      std::string attributes = column_attributes(m_table.columns[i]);
      std::string line = pad(names[i], name_width) + "  " + types[i];
      lines.push_back(
          attributes.empty() ? line : pad(line, name_width + 2 + type_width) + "  " + attributes);
    }
    return lines;
  }

  // Order: primary key, unique, index, foreign key, check, comment.
  void add_constraint_lines(std::vector<std::string>& lines) const
  {
    if (!m_table.primary_key.empty() && !is_column_primary_key()) {
      lines.push_back("primary key (" + quote_names(m_table.primary_key) + ")");
    }
    for (bool unique : {true, false}) {
      for (const auto& index : m_table.indexes) {
        if (index.unique == unique && !is_column_unique(index)) {
          lines.push_back(print_index(m_table, index));
        }
      }
    }
    for (const auto& foreign_key : m_table.foreign_keys) {
      if (!is_column_foreign_key(foreign_key)) {
        std::string name =
            foreign_key.name == schema::foreign_key_name(m_table.name, foreign_key.columns)
                ? ""
                : quote_name(foreign_key.name) + " ";
        lines.push_back(fmt::format("foreign key {}({}) {}", name, quote_names(foreign_key.columns),
                                    print_references(foreign_key)));
      }
    }
    add_check_lines(lines);
    if (!m_table.comment.empty()) {
      lines.push_back("comment " + util::sql_string_literal(m_table.comment));
    }
  }

  // Unnamed checks parse back as <table>_check, <table>_check2, ... in order, so a check is
  // printed unnamed only when its name is the next one in that sequence.
  void add_check_lines(std::vector<std::string>& lines) const
  {
    int unnamed = 0;
    for (const auto& check : m_table.checks) {
      if (check_column(check)) {
        continue;
      }
      if (check.name == schema::default_table_check_name(m_table.name, unnamed + 1)) {
        ++unnamed;
        lines.push_back("check (" + check.expression + ")");
      } else {
        lines.push_back("check " + quote_name(check.name) + " (" + check.expression + ")");
      }
    }
  }

  const schema::Table& m_table;
};

} // namespace

std::string
print(const schema::Schema& schema)
{
  std::string text;
  for (const auto& table : schema.tables) {
    text += (text.empty() ? "" : "\n") + TablePrinter(table).print();
  }
  return text;
}

} // namespace orm::models
