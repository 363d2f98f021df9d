#pragma once

#include "core/schema/schema.hpp"

#include <initializer_list>

namespace orm::schema {

// Optional parts of the model that not every dialect stores. A dialect's hooks clear the parts it
// does not support on both sides of a diff, so that they never show up as differences.
enum class Feature : unsigned
{
  comments = 1U << 0,
  table_options = 1U << 1, // engine, charset and collation of a table
  charset = 1U << 2,       // of a column
  collation = 1U << 3,     // of a column
  on_update_now = 1U << 4,
  generated_columns = 1U << 5,
  index_methods = 1U << 6,
  index_include = 1U << 7,
  nulls_order = 1U << 8,
  key_prefixes = 1U << 9,
  partial_indexes = 1U << 10,
  deferrable_foreign_keys = 1U << 11,
  foreign_key_match = 1U << 12,
  identity_always = 1U << 13, // GENERATED ALWAYS AS IDENTITY
};

class FeatureSet
{
public:
  FeatureSet(std::initializer_list<Feature> features)
  {
    for (auto feature : features) {
      m_bits |= static_cast<unsigned>(feature);
    }
  }
  bool has(Feature feature) const { return (m_bits & static_cast<unsigned>(feature)) != 0; }

private:
  unsigned m_bits = 0;
};

// Resets every part of `table` whose feature is not in `supported` to its "not set" value.
void clear_unsupported(Table& table, const FeatureSet& supported);

} // namespace orm::schema
