#include "core/codegen/cpp_header.hpp"

#include "core/codegen/identifiers.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace orm::codegen {

namespace {

using schema::Column;
using schema::ForeignKey;
using schema::Table;
using schema::TypeKind;

// The C++ names of one table and its columns.
struct TableNames
{
  const Table* table = nullptr;
  std::string row;                               // User
  std::string insert;                            // NewUser
  std::string space;                             // users
  std::vector<std::string> members;              // per column, declaration order
  std::map<std::string, std::string> enum_types; // column -> PostKind
  std::set<std::string> taken;                   // names declared in the table's namespace
};

struct Names
{
  std::vector<TableNames> tables; // schema order (sorted by name)
  std::map<std::string, size_t> by_table;

  const TableNames* find(const std::string& table) const
  {
    auto found = by_table.find(table);
    return found == by_table.end() ? nullptr : &tables[found->second];
  }
};

bool
ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string
string_literal(std::string_view text)
{
  std::string literal = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      literal += '\\';
      literal += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      literal += fmt::format("\\{:03o}", static_cast<unsigned char>(c));
    } else {
      literal += c;
    }
  }
  return literal + "\"";
}

// Comments hold SQL text: no line breaks, nothing that ends a comment early.
std::string
comment_text(std::string_view text)
{
  std::string clean;
  for (char c : text) {
    clean += c == '\n' || c == '\r' ? ' ' : c;
  }
  return clean;
}

size_t
column_index(const Table& table, const std::string& name)
{
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) {
      return i;
    }
  }
  return table.columns.size();
}

Names
name_everything(const schema::Schema& schema)
{
  Names names;
  std::set<std::string> types; // struct and enum names share the models namespace
  std::set<std::string> spaces;
  for (const auto& table : schema.tables) {
    TableNames entry;
    entry.table = &table;
    entry.row = unique_in(types, struct_name(table.name));
    entry.insert = unique_in(types, "New" + entry.row);
    names.by_table[table.name] = names.tables.size();
    names.tables.push_back(std::move(entry));
  }
  for (auto& entry : names.tables) {
    std::string space = cpp_identifier(entry.table->name);
    entry.space = unique_in(spaces, types.count(space) ? space + "_" : space);
    entry.taken = {"table", "get"};
    std::set<std::string> members;
    for (const auto& column : entry.table->columns) {
      std::string member = unique_in(members, cpp_identifier(column.name));
      entry.members.push_back(member);
      entry.taken.insert(member);
      if (column.type.kind == TypeKind::enumeration) {
        entry.enum_types[column.name] = unique_in(types, entry.row + camel_case(column.name));
      }
    }
  }
  return names;
}

std::string
value_type(const TableNames& names, const Column& column)
{
  switch (column.type.kind) {
  case TypeKind::boolean:
    return "bool";
  case TypeKind::smallint:
    return "std::int16_t";
  case TypeKind::integer:
    return "std::int32_t";
  case TypeKind::bigint:
    return "std::int64_t";
  case TypeKind::real:
    return "float";
  case TypeKind::double_precision:
    return "double";
  case TypeKind::decimal:
    return "orm::Decimal";
  case TypeKind::bytes:
    return "orm::Bytes";
  case TypeKind::date:
    return "orm::Date";
  case TypeKind::time:
    return "orm::Time";
  case TypeKind::timestamp:
    return "orm::Timestamp";
  case TypeKind::timestamptz:
    return "orm::TimestampTz";
  case TypeKind::uuid:
    return "orm::Uuid";
  case TypeKind::json:
    return "orm::Json";
  case TypeKind::enumeration:
    return names.enum_types.at(column.name);
  case TypeKind::varchar:
  case TypeKind::fixed_char:
  case TypeKind::text:
  case TypeKind::raw:
    break;
  }
  return "std::string";
}

std::string
member_type(const TableNames& names, const Column& column)
{
  std::string type = value_type(names, column);
  return column.nullable ? "std::optional<" + type + ">" : type;
}

bool
is_scalar(const Column& column)
{
  switch (column.type.kind) {
  case TypeKind::boolean:
  case TypeKind::smallint:
  case TypeKind::integer:
  case TypeKind::bigint:
  case TypeKind::real:
  case TypeKind::double_precision:
  case TypeKind::enumeration:
    return !column.nullable;
  default:
    return false;
  }
}

bool
written_by_database(const Column& column)
{
  return column.autoincrement || !column.generated.empty();
}

// A unique index usable as a key: every part a plain column, no predicate.
bool
is_plain_unique(const schema::Index& index)
{
  if (!index.unique || !index.where.empty()) {
    return false;
  }
  for (const auto& part : index.parts) {
    if (part.column.empty() || part.prefix_length != 0) {
      return false;
    }
  }
  return true;
}

std::vector<std::string>
index_columns(const schema::Index& index)
{
  std::vector<std::string> columns;
  for (const auto& part : index.parts) {
    columns.push_back(part.column);
  }
  return columns;
}

bool
alone_unique(const Table& table, const std::string& column)
{
  if (table.primary_key == std::vector<std::string>{column}) {
    return true;
  }
  for (const auto& index : table.indexes) {
    if (is_plain_unique(index) && index_columns(index) == std::vector<std::string>{column}) {
      return true;
    }
  }
  return false;
}

std::string
flags_of(const Table& table, const Column& column)
{
  std::vector<std::string> flags;
  if (std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
      table.primary_key.end()) {
    flags.push_back("orm::primary_key");
  }
  if (column.autoincrement) {
    flags.push_back("orm::autoincrement");
  }
  if (alone_unique(table, column.name) && table.primary_key != std::vector{column.name}) {
    flags.push_back("orm::unique");
  }
  if (!column.generated.empty()) {
    flags.push_back("orm::generated");
  }
  if (column.default_value) {
    flags.push_back("orm::has_default");
  }
  if (column.nullable) {
    flags.push_back("orm::nullable");
  }
  return flags.empty() ? "orm::no_flags" : util::join(flags, " | ");
}

std::string
member_comment(const Table& table, const Column& column)
{
  std::string text = schema::to_string(column.type) + (column.nullable ? "?" : "");
  if (std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
      table.primary_key.end()) {
    text += ", primary key";
  }
  if (column.autoincrement) {
    text += ", autoincrement";
  }
  if (alone_unique(table, column.name) && table.primary_key != std::vector{column.name}) {
    text += ", unique";
  }
  if (column.default_value) {
    text += column.default_value->kind == schema::Default::Kind::now
                ? std::string(", default now")
                : ", default " + column.default_value->text;
  }
  if (!column.generated.empty()) {
    text += ", generated as (" + column.generated + ")";
  }
  return comment_text(text);
}

class Printer
{
public:
  Printer(const schema::Schema& schema, const HeaderPin& pin, const HeaderOptions& options)
      : m_pin(pin), m_options(options), m_names(name_everything(schema))
  {
  }

  std::string print()
  {
    head();
    open_namespace();
    pin_block();
    enums();
    for (const auto& names : m_names.tables) {
      structs(names);
    }
    for (const auto& names : m_names.tables) {
      descriptors(names);
    }
    relations();
    close_namespace();
    traits();
    open_namespace();
    lookups();
    json();
    close_namespace();
    return m_out;
  }

private:
  void line(const std::string& text = {}) { m_out += text + "\n"; }

  void head()
  {
    line("// Generated by `orm generate --lang cpp` from migrations/orm.state: do not edit.");
    line(fmt::format("// dialect {}, head {}{}; `orm generate --check` tells when it is stale.",
                     m_pin.dialect, m_pin.head.empty() ? "(none)" : m_pin.head,
                     m_pin.head_name.empty() ? "" : " (" + m_pin.head_name + ")"));
    line("#pragma once");
    line();
    line("#include \"core/runtime/model.hpp\"");
    line();
    line("#include <array>");
    line("#include <cstdint>");
    line("#include <optional>");
    line("#include <string>");
    line("#include <string_view>");
    line("#include <tuple>");
    line();
  }

  void open_namespace()
  {
    line("namespace " + m_options.name_space + " {");
    line();
  }
  void close_namespace()
  {
    line("} // namespace " + m_options.name_space);
    line();
  }

  void pin_block()
  {
    line("// The migrations this header was generated from; orm::Database::open compares them");
    line("// with the database's orm_migrations.");
    line(fmt::format("inline constexpr std::array<orm::PinnedMigration, {}> pinned_migrations{{{{",
                     m_pin.history.size()));
    for (const auto& file : m_pin.history) {
      line(fmt::format("    {{{}, {}}},", string_literal(file.version),
                       string_literal(file.checksum)));
    }
    line("}};");
    line(fmt::format("inline constexpr orm::Pin pin{{{}, {}, {}, pinned_migrations}};",
                     string_literal(m_pin.dialect), string_literal(m_pin.head),
                     string_literal(m_pin.sum)));
    line();
  }

  void enums()
  {
    for (const auto& names : m_names.tables) {
      for (const auto& column : names.table->columns) {
        auto found = names.enum_types.find(column.name);
        if (found == names.enum_types.end()) {
          continue;
        }
        line(fmt::format("// {}.{}: {}", names.table->name, column.name,
                         comment_text(schema::to_string(column.type))));
        std::set<std::string> taken;
        std::vector<std::string> values;
        for (const auto& value : column.type.values) {
          values.push_back(unique_in(taken, cpp_identifier(value)));
        }
        line(fmt::format("enum class {} {{ {} }};", found->second, util::join(values, ", ")));
        line();
      }
    }
  }

  void structs(const TableNames& names)
  {
    const Table& table = *names.table;
    line("// table " + comment_text(table.name) +
         (table.comment.empty() ? "" : ": " + comment_text(table.comment)));
    line("struct " + names.row);
    line("{");
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      line(fmt::format("  {} {}; // {}", member_type(names, column), names.members[i],
                       member_comment(table, column)));
    }
    line("};");
    line();
    line("// What inserting into " + comment_text(table.name) +
         " takes: columns the database fills are left out; nullopt in a column");
    line("// with a default leaves it to the default.");
    line("struct " + names.insert);
    line("{");
    line("  using row_type = " + names.row + ";");
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      if (written_by_database(column)) {
        continue;
      }
      std::string type = member_type(names, column);
      if (column.default_value) {
        line(fmt::format("  std::optional<{}> {} = {{}};", type, names.members[i]));
      } else {
        line(fmt::format("  {} {}{};", type, names.members[i], column.nullable ? " = {}" : ""));
      }
    }
    line("};");
    line();
  }

  void descriptors(const TableNames& names)
  {
    const Table& table = *names.table;
    line("namespace " + names.space + " {");
    line(fmt::format("inline constexpr orm::Table<{}> table{{{}}};", names.row,
                     string_literal(table.name)));
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      line(fmt::format("inline constexpr orm::Column<{}, {}> {}{{{}, {}, &{}::{}, {}}};", names.row,
                       member_type(names, column), names.members[i], string_literal(table.name),
                       string_literal(column.name), names.row, names.members[i],
                       flags_of(table, column)));
    }
    line("} // namespace " + names.space);
    line();
  }

  struct Side
  {
    const TableNames* names;
    size_t column;
  };

  std::string column_type(const Side& side) const
  {
    return member_type(*side.names, side.names->table->columns[side.column]);
  }
  std::string column_ref(const Side& side) const
  {
    return side.names->space + "::" + side.names->members[side.column];
  }

  // The referencing and referenced columns of a single-column foreign key; nothing for a
  // composite key or one whose table or column is not in the schema.
  std::optional<std::pair<Side, Side>> ends_of(const TableNames& from, const ForeignKey& key)
  {
    if (key.columns.size() != 1) {
      return std::nullopt;
    }
    const TableNames* to = m_names.find(key.ref_table);
    if (!to) {
      return std::nullopt;
    }
    std::string ref_column =
        key.ref_columns.empty()
            ? (to->table->primary_key.size() == 1 ? to->table->primary_key[0] : std::string())
            : key.ref_columns[0];
    size_t fk = column_index(*from.table, key.columns[0]);
    size_t ref = column_index(*to->table, ref_column);
    if (key.ref_columns.size() > 1 || fk == from.table->columns.size() ||
        ref == to->table->columns.size()) {
      return std::nullopt;
    }
    return std::pair{Side{&from, fk}, Side{to, ref}};
  }

  void relation(const TableNames& owner, const std::string& text)
  {
    m_relations[owner.space].push_back(text);
  }

  std::string take(const TableNames& names, const std::string& wanted)
  {
    return unique_in(m_names.tables[m_names.by_table.at(names.table->name)].taken, wanted);
  }

  void relations()
  {
    for (const auto& names : m_names.tables) {
      // How many foreign keys of this table point to each table: two or more need longer names.
      std::map<std::string, int> targets;
      for (const auto& key : names.table->foreign_keys) {
        ++targets[key.ref_table];
      }
      for (const auto& key : names.table->foreign_keys) {
        auto ends = ends_of(names, key);
        if (!ends) {
          continue;
        }
        auto [from, to] = *ends;
        std::string column = names.table->columns[from.column].name;
        std::string stem = ends_with(column, "_id") && column.size() > 3
                               ? column.substr(0, column.size() - 3)
                               : column + "_row";
        relation(names,
                 fmt::format("inline constexpr orm::BelongsTo<{}, {}, {}, {}> {}{{{}, {}, {}}};",
                             names.row, column_type(from), to.names->row, column_type(to),
                             take(names, cpp_identifier(stem)), string_literal(key.name),
                             column_ref(from), column_ref(to)));
        bool one = alone_unique(*names.table, column);
        std::string reverse = one ? singular_name(names.table->name) : names.table->name;
        if (targets[key.ref_table] > 1 || to.names == &names) {
          reverse = names.table->name + "_by_" + stem;
        }
        relation(*to.names,
                 fmt::format("inline constexpr orm::{}<{}, {}, {}, {}> {}{{{}, {}, {}}};",
                             one ? "HasOne" : "HasMany", to.names->row, column_type(to), names.row,
                             column_type(from), take(*to.names, cpp_identifier(reverse)),
                             string_literal(key.name), column_ref(to), column_ref(from)));
      }
      many_to_many(names);
    }
    for (const auto& names : m_names.tables) {
      auto found = m_relations.find(names.space);
      if (found == m_relations.end()) {
        continue;
      }
      line("// relations of " + comment_text(names.table->name) + ", from its foreign keys");
      line("namespace " + names.space + " {");
      for (const auto& text : found->second) {
        line(text);
      }
      line("} // namespace " + names.space);
      line();
    }
  }

  // A join table: its primary key is exactly two columns, each a single-column foreign key.
  void many_to_many(const TableNames& join)
  {
    const Table& table = *join.table;
    if (table.primary_key.size() != 2) {
      return;
    }
    std::vector<std::pair<Side, Side>> ends;
    for (const auto& key_column : table.primary_key) {
      for (const auto& key : table.foreign_keys) {
        auto found = ends_of(join, key);
        if (found && key.columns[0] == key_column) {
          ends.push_back(*found);
          break;
        }
      }
    }
    if (ends.size() != 2) {
      return;
    }
    for (int side = 0; side < 2; ++side) {
      const auto& [join_from, from] = ends[side];
      const auto& [join_to, to] = ends[1 - side];
      std::string wanted = from.names == to.names
                               ? table.name + "_" + table.columns[join_to.column].name
                               : to.names->table->name;
      relation(*from.names,
               fmt::format("inline constexpr orm::ManyToMany<{}, {}, {}, {}, {}, {}, {}> "
                           "{}{{{}, {}, {}, {}, {}}};",
                           from.names->row, column_type(from), join.row, column_type(join_from),
                           column_type(join_to), to.names->row, column_type(to),
                           take(*from.names, cpp_identifier(wanted)), string_literal(table.name),
                           column_ref(from), column_ref(join_from), column_ref(join_to),
                           column_ref(to)));
    }
  }

  std::string qualified(const std::string& name) const
  {
    return m_options.name_space + "::" + name;
  }

  void traits()
  {
    for (const auto& names : m_names.tables) {
      for (const auto& column : names.table->columns) {
        auto found = names.enum_types.find(column.name);
        if (found == names.enum_types.end()) {
          continue;
        }
        std::vector<std::string> values;
        for (const auto& value : column.type.values) {
          values.push_back(string_literal(value));
        }
        line("template <>");
        line(fmt::format("struct orm::EnumNames<{}>", qualified(found->second)));
        line("{");
        line(fmt::format("  static constexpr std::array<std::string_view, {}> names{{{}}};",
                         values.size(), util::join(values, ", ")));
        line("};");
        line();
      }
    }
    for (const auto& names : m_names.tables) {
      table_traits(names);
    }
  }

  void table_traits(const TableNames& names)
  {
    const Table& table = *names.table;
    std::string row = qualified(names.row);
    std::string insert = qualified(names.insert);
    std::vector<std::string> columns;
    std::vector<std::string> reads;
    std::vector<std::string> insert_columns;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      columns.push_back(string_literal(table.columns[i].name));
      reads.push_back(fmt::format("orm::Codec<decltype({}::{})>::read(statement, first + {})", row,
                                  names.members[i], i));
      if (!written_by_database(table.columns[i])) {
        insert_columns.push_back(string_literal(table.columns[i].name));
      }
    }
    line("template <>");
    line(fmt::format("struct orm::TableTraits<{}>", row));
    line("{");
    line(fmt::format("  static constexpr const auto& table = {}::table;", qualified(names.space)));
    line(fmt::format("  static constexpr std::array<std::string_view, {}> column_names{{{}}};",
                     columns.size(), util::join(columns, ", ")));
    line(fmt::format("  static {} read(const orm::db::Statement& statement, int first)", row));
    line("  {");
    line("    return {" + util::join(reads, ",\n            ") + "};");
    line("  }");
    line(fmt::format("  using insert_type = {};", insert));
    line(fmt::format("  static constexpr std::array<std::string_view, {}> insert_columns{{{}}};",
                     insert_columns.size(), util::join(insert_columns, ", ")));
    std::vector<std::string> bits;
    std::vector<std::string> defaulted;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      if (written_by_database(column)) {
        continue;
      }
      defaulted.push_back(column.default_value ? "true" : "false");
      if (column.default_value) {
        if (bits.size() == 64) {
          throw Error(ErrorKind::config,
                      fmt::format("table {} has more than 64 columns with defaults: orm generate "
                                  "cannot write its insert struct",
                                  table.name));
        }
        bits.push_back(fmt::format("(row.{} ? {}u : 0u)", names.members[i], 1ull << bits.size()));
      }
    }
    line("  // Whether each insert column has a default; bit k of insert_shape: the k-th of those "
         "is set.");
    line(fmt::format("  static constexpr std::array<bool, {}> insert_defaulted{{{}}};",
                     defaulted.size(), util::join(defaulted, ", ")));
    line(
        fmt::format("  static std::uint64_t insert_shape([[maybe_unused]] const {}& row)", insert));
    line("  {");
    line("    return " + (bits.empty() ? std::string("0") : util::join(bits, " | ")) + ";");
    line("  }");
    line(fmt::format("  static int bind_insert([[maybe_unused]] orm::db::Statement& statement, int "
                     "first, [[maybe_unused]] const {}& row)",
                     insert));
    line("  {");
    line("    int index = first;");
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      if (written_by_database(column)) {
        continue;
      }
      const std::string& member = names.members[i];
      if (column.default_value) {
        line(fmt::format(
            "    if (row.{0}) {{\n      orm::Codec<decltype({1}::{0})::value_type>::bind("
            "statement, index++, *row.{0});\n    }}",
            member, insert));
      } else {
        line(fmt::format("    orm::Codec<decltype({1}::{0})>::bind(statement, index++, row.{0});",
                         member, insert));
      }
    }
    line("    return index - first;");
    line("  }");
    std::vector<std::string> keys;
    for (const auto& key : unique_keys(table)) {
      keys.push_back(string_literal(util::join(key, ",")));
    }
    line("  // The primary key, then each unique key: what an upsert may name as its target.");
    line(fmt::format("  static constexpr std::array<std::string_view, {}> unique_keys{{{}}};",
                     keys.size(), util::join(keys, ", ")));
    line("};");
    line();
  }

  static std::vector<std::vector<std::string>> unique_keys(const Table& table)
  {
    std::vector<std::vector<std::string>> keys;
    if (!table.primary_key.empty()) {
      keys.push_back(table.primary_key);
    }
    for (const auto& index : table.indexes) {
      auto columns = index_columns(index);
      if (is_plain_unique(index) && std::find(keys.begin(), keys.end(), columns) == keys.end()) {
        keys.push_back(columns);
      }
    }
    return keys;
  }

  void lookups()
  {
    for (const auto& names : m_names.tables) {
      const Table& table = *names.table;
      auto keys = unique_keys(table);
      if (keys.empty()) {
        continue;
      }
      line("namespace " + names.space + " {");
      for (size_t k = 0; k < keys.size(); ++k) {
        std::vector<std::string> parameters;
        std::vector<std::string> descriptors;
        std::vector<std::string> arguments;
        std::vector<std::string> members;
        for (const auto& column_name : keys[k]) {
          size_t i = column_index(table, column_name);
          const auto& column = table.columns[i];
          std::string type = member_type(names, column);
          // Parameters are not named as the descriptors they would shadow.
          std::string parameter = names.members[i] + "_value";
          parameters.push_back((is_scalar(column) ? type : "const " + type + "&") + " " +
                               parameter);
          descriptors.push_back("&" + names.space + "::" + names.members[i]);
          arguments.push_back(parameter);
          members.push_back(names.members[i]);
        }
        bool primary = k == 0 && keys[0] == table.primary_key;
        std::string function = primary ? "get" : take(names, "get_by_" + util::join(members, "_"));
        line(fmt::format("// The {} row with this {}, if any.", comment_text(table.name),
                         primary ? "primary key" : "unique key"));
        line(fmt::format("inline std::optional<{}> {}(orm::Executor& executor, {})", names.row,
                         function, util::join(parameters, ", ")));
        line("{");
        line(fmt::format("  return orm::find_by<{}>(executor, {});", util::join(descriptors, ", "),
                         util::join(arguments, ", ")));
        line("}");
      }
      line("} // namespace " + names.space);
      line();
    }
  }

  void json_pair(const TableNames& names, const std::string& type, bool insert)
  {
    const Table& table = *names.table;
    line(fmt::format("inline void to_json(orm::Json& json, const {}& row)", type));
    line("{");
    line("  json = orm::Json::object();");
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (insert && written_by_database(table.columns[i])) {
        continue;
      }
      bool skippable = insert && table.columns[i].default_value;
      line(fmt::format("  {}orm::json_set(json, {}, orm::to_json_value({}row.{}));",
                       skippable ? "if (row." + names.members[i] + ") " : "",
                       string_literal(table.columns[i].name), skippable ? "*" : "",
                       names.members[i]));
    }
    line("}");
    line(fmt::format("inline void from_json(const orm::Json& json, {}& row)", type));
    line("{");
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const auto& column = table.columns[i];
      if (insert && written_by_database(column)) {
        continue;
      }
      std::string key = string_literal(column.name);
      if (insert && (column.default_value || column.nullable)) {
        line(fmt::format("  if (orm::json_has(json, {})) {{", key));
        line(fmt::format("    orm::from_json_value(orm::json_at(json, {}), row.{}{});", key,
                         names.members[i], column.default_value ? ".emplace()" : ""));
        line("  }");
      } else {
        line(fmt::format("  orm::from_json_value(orm::json_at(json, {}), row.{});", key,
                         names.members[i]));
      }
    }
    line("}");
  }

  void json()
  {
    line("// JSON (nlohmann): `orm::Json j = row;`, `j.get<NewUser>()`.");
    for (const auto& names : m_names.tables) {
      json_pair(names, names.row, false);
      json_pair(names, names.insert, true);
    }
    line();
  }

  const HeaderPin& m_pin;
  const HeaderOptions& m_options;
  Names m_names;
  std::map<std::string, std::vector<std::string>> m_relations; // namespace -> declarations
  std::string m_out;
};

} // namespace

std::string
cpp_header(const schema::Schema& schema, const HeaderPin& pin, const HeaderOptions& options)
{
  return Printer(schema, pin, options).print();
}

bool
valid_namespace(const std::string& name_space)
{
  if (name_space.empty()) {
    return false;
  }
  size_t start = 0;
  while (true) {
    size_t end = name_space.find("::", start);
    std::string part = name_space.substr(start, end == std::string::npos ? end : end - start);
    if (part.empty() || cpp_identifier(part) != part) {
      return false;
    }
    if (end == std::string::npos) {
      return true;
    }
    start = end + 2;
  }
}

} // namespace orm::codegen
