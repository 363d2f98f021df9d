#pragma once

#include "core/schema/schema.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orm::dialect::sqlite {

// Portable type -> the type SQLite declares: varchar(255) -> VARCHAR(255), enum -> TEXT.
std::string declared_type(const schema::Type& type);
// A declared type back to the portable one, case-insensitively and tolerantly (INT, DECIMAL(10,2),
// CHARACTER VARYING(n), DOUBLE PRECISION...); anything unknown is a raw type spelt as declared.
schema::Type type_of_declared(std::string_view declared);

// An enum column is TEXT plus the check `"status" IN ('a', 'b')` named <table>_<column>_enum.
std::string enum_check_name(const std::string& table, const std::string& column);
std::string enum_check_expression(const std::string& column,
                                  const std::vector<std::string>& values);
struct EnumCheck
{
  std::string column;
  std::vector<std::string> values;
};
// The column and values of a check shaped like enum_check_expression, else nothing.
std::optional<EnumCheck> enum_check_of(std::string_view expression);

// The DEFAULT clause's value: 0, 'abc', TRUE, NULL, CURRENT_TIMESTAMP, (expr).
std::string default_sql(const schema::Default& value);
// A default as pragma_table_xinfo.dflt_value reports it (expressions lose their outer
// parentheses): literals in models spelling, CURRENT_TIMESTAMP as now, anything else an expression.
schema::Default default_of_sql(std::string_view text);

} // namespace orm::dialect::sqlite
