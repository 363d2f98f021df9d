#include "core/models/naming.hpp"

namespace orm::models {

namespace {

std::string
reduce_expression(const std::string& expression)
{
  std::string result;
  bool pending_separator = false;
  for (char c : expression) {
    char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_') {
      if (pending_separator && !result.empty()) {
        result += '_';
      }
      pending_separator = false;
      result += lower;
    } else {
      pending_separator = true;
    }
  }
  return result;
}

} // namespace

std::string
default_index_name(const std::string& table, const std::vector<schema::IndexPart>& parts,
                   bool unique)
{
  std::vector<std::string> columns;
  for (const auto& part : parts) {
    columns.push_back(part.expression.empty() ? part.column : reduce_expression(part.expression));
  }
  return schema::index_name(table, columns, unique);
}

std::string
default_table_check_name(const std::string& table, int ordinal)
{
  return table + "_check" + (ordinal > 1 ? std::to_string(ordinal) : "");
}

} // namespace orm::models
