#include "core/schema/naming.hpp"

#include "core/util/sha256.hpp"

#include <algorithm>

namespace orm::schema {

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
default_index_name(const std::string& table, const std::vector<IndexPart>& parts, bool unique)
{
  std::vector<std::string> columns;
  for (const auto& part : parts) {
    columns.push_back(part.expression.empty() ? part.column : reduce_expression(part.expression));
  }
  return index_name(table, columns, unique);
}

std::string
default_table_check_name(const std::string& table, int ordinal)
{
  return table + "_check" + (ordinal > 1 ? std::to_string(ordinal) : "");
}

bool
is_default_name(const Table& table, const Index& index)
{
  return index.name == default_index_name(table.name, index.parts, index.unique);
}

bool
is_default_name(const Table& table, const ForeignKey& foreign_key)
{
  return foreign_key.name == foreign_key_name(table.name, foreign_key.columns);
}

bool
is_default_name(const Table& table, const Check& check)
{
  std::string table_check = table.name + "_check";
  if (check.name.rfind(table_check, 0) == 0) {
    std::string ordinal = check.name.substr(table_check.size());
    if (ordinal.empty() || (ordinal.find_first_not_of("0123456789") == std::string::npos &&
                            ordinal.front() != '0' && ordinal != "1")) {
      return true;
    }
  }
  return std::any_of(table.columns.begin(), table.columns.end(), [&](const Column& column) {
    return check.name == check_name(table.name, column.name, 1);
  });
}

namespace {

bool
continues_character(char byte)
{
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

constexpr size_t k_hash_digits = 8;

} // namespace

size_t
name_length(const std::string& name, const NameLimit& limit)
{
  if (limit.unit == NameLimit::Unit::bytes) {
    return name.size();
  }
  return static_cast<size_t>(
      std::count_if(name.begin(), name.end(), [](char c) { return !continues_character(c); }));
}

std::string
shortened(const std::string& name, const NameLimit& limit)
{
  if (name_length(name, limit) <= limit.length) {
    return name;
  }
  size_t keep = limit.length - 1 - k_hash_digits; // in the limit's unit
  size_t end = 0;
  for (size_t kept = 0; end < name.size(); ++kept) {
    size_t next = end + 1;
    while (next < name.size() && continues_character(name[next])) {
      ++next;
    }
    if ((limit.unit == NameLimit::Unit::bytes ? next : kept + 1) > keep) {
      break;
    }
    end = next;
  }
  return name.substr(0, end) + "_" + util::sha256_hex(name).substr(0, k_hash_digits);
}

} // namespace orm::schema
