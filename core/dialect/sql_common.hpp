#pragma once

#include "core/schema/schema.hpp"

#include <string>

// SQL text that every dialect spells the same way (standard SQL). Each dialect's folder keeps
// what it spells its own way.
namespace orm::dialect {

// " ON DELETE CASCADE ON UPDATE SET NULL"; NO ACTION, the default, is left out.
std::string referential_actions_sql(const schema::ForeignKey& foreign_key);

} // namespace orm::dialect
