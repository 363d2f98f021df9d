#pragma once

#include "core/schema/schema.hpp"

#include <algorithm>
#include <random>
#include <string>

namespace orm::test {

// Seeded random schemas and random edits of them, for property tests of any dialect: the same
// seed gives the same pair everywhere. Only portable types; every constraint named as the models
// language names it.
class RandomSchema
{
public:
  explicit RandomSchema(unsigned seed) : m_random(seed) {}

  schema::Schema schema()
  {
    schema::Schema result;
    int tables = between(1, 4);
    for (int t = 0; t < tables; ++t) {
      result.tables.push_back(table("t" + std::to_string(t), result));
    }
    schema::sort_canonically(result);
    return result;
  }

  // `from` with one to three edits: columns added, dropped, renamed, retyped, made nullable or
  // not, defaults and comments changed, indexes and tables added or dropped, enum values added.
  schema::Schema edited(schema::Schema from)
  {
    int edits = between(1, 3);
    for (int e = 0; e < edits; ++e) {
      edit(from);
    }
    schema::sort_canonically(from);
    return from;
  }

private:
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
  bool chance(int percent) { return between(1, 100) <= percent; }

  schema::Type type()
  {
    using schema::Type;
    using schema::TypeKind;
    switch (between(0, 11)) {
    case 0:
      return Type::of(TypeKind::boolean);
    case 1:
      return Type::of(TypeKind::smallint);
    case 2:
      return Type::of(TypeKind::integer);
    case 3:
      return Type::of(TypeKind::bigint);
    case 4:
      return Type::of(TypeKind::double_precision);
    case 5:
      return Type::decimal(between(5, 12), between(0, 4));
    case 6:
      return Type::varchar(between(1, 300));
    case 7:
      return Type::of(TypeKind::text);
    case 8:
      return Type::of(TypeKind::timestamp);
    case 9:
      return Type::of(TypeKind::date);
    case 10:
      return Type::of(TypeKind::uuid);
    default:
      return Type::enumeration({"a", "b", "c"});
    }
  }

  std::optional<schema::Default> default_for(const schema::Type& type)
  {
    using schema::Default;
    using schema::TypeKind;
    if (!chance(40)) {
      return std::nullopt;
    }
    switch (type.kind) {
    case TypeKind::boolean:
      return Default{Default::Kind::literal, chance(50) ? "true" : "false"};
    case TypeKind::smallint:
    case TypeKind::integer:
    case TypeKind::bigint:
      return Default{Default::Kind::literal, std::to_string(between(-5, 99))};
    case TypeKind::double_precision:
    case TypeKind::decimal:
      return Default{Default::Kind::literal, "1.5"};
    case TypeKind::varchar:
    case TypeKind::text:
      return Default{Default::Kind::literal, "'x'"};
    case TypeKind::timestamp:
      return Default{Default::Kind::now, ""};
    case TypeKind::uuid:
      return Default{Default::Kind::expression, "gen_random_uuid()"};
    case TypeKind::enumeration:
      return Default{Default::Kind::literal, "'b'"};
    default:
      return std::nullopt;
    }
  }

  schema::Column column(const std::string& name)
  {
    schema::Column result;
    result.name = name;
    result.type = type();
    result.nullable = chance(50);
    result.default_value = default_for(result.type);
    if (chance(10)) {
      result.comment = "about " + name;
    }
    return result;
  }

  schema::Table table(const std::string& name, const schema::Schema& earlier)
  {
    schema::Table result;
    result.name = name;
    schema::Column id;
    id.name = "id";
    id.type = schema::Type::of(schema::TypeKind::bigint);
    id.autoincrement = true;
    result.columns.push_back(id);
    result.primary_key = {"id"};
    int columns = between(1, 5);
    for (int c = 0; c < columns; ++c) {
      result.columns.push_back(column("c" + std::to_string(m_next++)));
    }
    if (!earlier.tables.empty() && chance(60)) {
      const auto& target = earlier.tables[between(0, static_cast<int>(earlier.tables.size()) - 1)];
      schema::Column reference;
      reference.name = target.name + "_id";
      reference.type = schema::Type::of(schema::TypeKind::bigint);
      reference.nullable = true;
      result.columns.push_back(reference);
      result.foreign_keys.push_back(
          {schema::foreign_key_name(name, {reference.name}),
           {reference.name},
           target.name,
           {"id"},
           chance(50) ? schema::ReferentialAction::cascade : schema::ReferentialAction::set_null,
           schema::ReferentialAction::no_action});
    }
    if (chance(50)) {
      add_index(result);
    }
    if (chance(20)) {
      result.comment = "table " + name;
    }
    return result;
  }

  void add_index(schema::Table& table)
  {
    const auto& column = table.columns[between(1, static_cast<int>(table.columns.size()) - 1)];
    bool unique = chance(30);
    std::string name = schema::index_name(table.name, {column.name}, unique);
    if (table.find_index(name)) {
      return;
    }
    table.indexes.push_back({name, {{column.name, "", chance(20)}}, unique, ""});
  }

  bool referenced(const schema::Schema& schema, const std::string& name)
  {
    return std::any_of(schema.tables.begin(), schema.tables.end(), [&](const auto& table) {
      return table.name != name &&
             std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                         [&](const auto& key) { return key.ref_table == name; });
    });
  }

  // A column that no key, index or foreign key uses.
  schema::Column* plain_column(schema::Table& table)
  {
    std::vector<schema::Column*> plain;
    for (auto& column : table.columns) {
      bool used = column.name == "id" || column.name.ends_with("_id");
      for (const auto& index : table.indexes) {
        used = used || index.parts.front().column == column.name;
      }
      if (!used) {
        plain.push_back(&column);
      }
    }
    return plain.empty() ? nullptr : plain[between(0, static_cast<int>(plain.size()) - 1)];
  }

  void edit(schema::Schema& schema)
  {
    auto& table = schema.tables[between(0, static_cast<int>(schema.tables.size()) - 1)];
    schema::Column* column = plain_column(table);
    switch (between(0, 10)) {
    case 0:
      table.columns.push_back(this->column("c" + std::to_string(m_next++)));
      break;
    case 1:
      if (column) {
        std::string name = column->name;
        std::erase_if(table.columns, [&](const auto& c) { return c.name == name; });
      }
      break;
    case 2:
      if (column) {
        column->renamed_from = column->name;
        column->name = "r" + std::to_string(m_next++);
      }
      break;
    case 3:
      if (column) {
        column->type = type();
        column->default_value = default_for(column->type);
      }
      break;
    case 4:
      if (column) {
        column->nullable = !column->nullable;
      }
      break;
    case 5:
      if (column) {
        column->default_value = default_for(column->type);
      }
      break;
    case 6:
      if (column && column->type.kind == schema::TypeKind::enumeration) {
        column->type.values.insert(column->type.values.begin() + between(0, 3),
                                   "v" + std::to_string(m_next++));
      } else if (column) {
        column->comment = column->comment.empty() ? "now commented" : "";
      }
      break;
    case 7:
      add_index(table);
      break;
    case 8:
      if (!table.indexes.empty()) {
        table.indexes.erase(table.indexes.begin());
      }
      break;
    case 9:
      schema.tables.push_back(this->table("t" + std::to_string(m_next++), schema));
      break;
    default:
      if (schema.tables.size() > 1 && !referenced(schema, table.name)) {
        std::string name = table.name;
        std::erase_if(schema.tables, [&](const auto& t) { return t.name == name; });
      }
      break;
    }
  }

  std::mt19937 m_random;
  int m_next = 0;
};

} // namespace orm::test
