#include "core/codegen/identifiers.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace orm::codegen {

namespace {

// C++20 keywords and alternative tokens, plus names the generated header itself declares in a
// table's namespace.
constexpr std::string_view k_keywords[] = {
    "alignas",       "alignof",     "and",
    "and_eq",        "asm",         "auto",
    "bitand",        "bitor",       "bool",
    "break",         "case",        "catch",
    "char",          "char8_t",     "char16_t",
    "char32_t",      "class",       "compl",
    "concept",       "const",       "consteval",
    "constexpr",     "constinit",   "const_cast",
    "continue",      "co_await",    "co_return",
    "co_yield",      "decltype",    "default",
    "delete",        "do",          "double",
    "dynamic_cast",  "else",        "enum",
    "explicit",      "export",      "extern",
    "false",         "float",       "for",
    "friend",        "goto",        "if",
    "inline",        "int",         "long",
    "mutable",       "namespace",   "new",
    "noexcept",      "not",         "not_eq",
    "nullptr",       "operator",    "or",
    "or_eq",         "private",     "protected",
    "public",        "register",    "reinterpret_cast",
    "requires",      "return",      "short",
    "signed",        "sizeof",      "static",
    "static_assert", "static_cast", "struct",
    "switch",        "template",    "this",
    "thread_local",  "throw",       "true",
    "try",           "typedef",     "typeid",
    "typename",      "union",       "unsigned",
    "using",         "virtual",     "void",
    "volatile",      "wchar_t",     "while",
    "xor",           "xor_eq",      "NULL",
    "assert",        "errno",       "std",
    "orm",
};

bool
is_keyword(std::string_view name)
{
  for (auto keyword : k_keywords) {
    if (keyword == name) {
      return true;
    }
  }
  return false;
}

bool
is_word_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::vector<std::string>
words_of(std::string_view name)
{
  std::vector<std::string> words;
  std::string word;
  for (char c : name) {
    if (is_word_char(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

bool
ends_with(const std::string& text, std::string_view suffix)
{
  return text.size() > suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string
singular(std::string word)
{
  std::string lower;
  for (char c : word) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto cut = [&](size_t drop, std::string_view add = "") {
    return word.substr(0, word.size() - drop) + std::string(add);
  };
  if (lower == "people") {
    return cut(4, "rson");
  }
  if (lower == "children") {
    return cut(3);
  }
  if (ends_with(lower, "ies")) {
    return cut(3, "y");
  }
  if (ends_with(lower, "sses") || ends_with(lower, "xes") || ends_with(lower, "ches") ||
      ends_with(lower, "shes") || ends_with(lower, "uses")) {
    return cut(2);
  }
  if (ends_with(lower, "s") && !ends_with(lower, "ss") && !ends_with(lower, "us") &&
      !ends_with(lower, "is")) {
    return cut(1);
  }
  return word;
}

std::string
capitalised(std::string word)
{
  word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

std::string
joined_camel(const std::vector<std::string>& words)
{
  std::string name;
  for (const auto& word : words) {
    name += capitalised(word);
  }
  return cpp_identifier(name.empty() ? "Unnamed" : name);
}

} // namespace

std::string
cpp_identifier(std::string_view name)
{
  std::string identifier;
  for (char c : name) {
    identifier += is_word_char(c) || c == '_' ? c : '_';
  }
  if (identifier.empty() || std::isdigit(static_cast<unsigned char>(identifier[0]))) {
    identifier = "_" + identifier;
  }
  // Names with a double underscore or `_` and a capital are reserved in C++: keep them valid.
  if (identifier.find("__") != std::string::npos ||
      (identifier[0] == '_' && identifier.size() > 1 &&
       std::isupper(static_cast<unsigned char>(identifier[1])))) {
    identifier = "x" + identifier;
  }
  return is_keyword(identifier) ? identifier + "_" : identifier;
}

std::string
struct_name(std::string_view table)
{
  auto words = words_of(table);
  if (!words.empty()) {
    words.back() = singular(words.back());
  }
  return joined_camel(words);
}

std::string
singular_name(std::string_view table)
{
  size_t cut = table.find_last_of("_") == std::string_view::npos ? 0 : table.find_last_of("_") + 1;
  std::string last(table.substr(cut));
  return std::string(table.substr(0, cut)) + (last.empty() ? last : singular(last));
}

std::string
camel_case(std::string_view name)
{
  return joined_camel(words_of(name));
}

std::string
unique_in(std::set<std::string>& taken, const std::string& wanted)
{
  std::string name = wanted;
  for (int n = 2; taken.count(name) != 0; ++n) {
    name = wanted + "_" + std::to_string(n);
  }
  taken.insert(name);
  return name;
}

} // namespace orm::codegen
