#include "core/workflow/toml.hpp"

#include "core/util/error.hpp"
#include "core/util/mask.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

namespace orm::workflow {

namespace {

// The key a line of the file sets ("lock_timeout = ..." -> "lock_timeout"), if any.
std::string
key_of_line(const std::vector<std::string>& lines, size_t line)
{
  if (line == 0 || line > lines.size()) {
    return "";
  }
  std::string_view text = util::trim(lines[line - 1]);
  size_t equals = text.find('=');
  return equals == std::string_view::npos ? "" : std::string(util::trim(text.substr(0, equals)));
}

// toml++ may quote what it could not read: URLs and their passwords are masked out of it.
std::string
masked_description(std::string_view description, const std::vector<std::string>& lines)
{
  std::vector<std::string> secrets;
  for (const auto& line : lines) {
    std::string_view text = line;
    size_t quote = text.find('"');
    for (auto& secret :
         util::password_texts(text.substr(quote == std::string::npos ? 0 : quote + 1))) {
      secrets.push_back(std::move(secret));
    }
  }
  return util::scrub(util::mask_urls_in(description), secrets);
}

[[noreturn]] void
fail(const std::string& file, const toml::source_region& where, const std::string& key,
     const std::string& what)
{
  throw Error(ErrorKind::config,
              fmt::format("{}:{}:{}: {}{}", file, where.begin.line, where.begin.column,
                          key.empty() ? "" : key + ": ", what));
}

} // namespace

std::map<std::string, TomlSetting>
read_flat_toml(const std::string& text, const std::string& file_name)
{
  auto lines = util::split(text, '\n');
  toml::table table;
  try {
    table = toml::parse(std::string_view(text), std::string_view(file_name));
  } catch (const toml::parse_error& error) {
    fail(file_name, error.source(), key_of_line(lines, error.source().begin.line),
         masked_description(error.description(), lines));
  }
  std::map<std::string, TomlSetting> settings;
  auto add = [&](const std::string& key, const toml::node& node) {
    TomlSetting setting;
    setting.line = static_cast<int>(node.source().begin.line);
    setting.column = static_cast<int>(node.source().begin.column);
    if (const auto* string = node.as_string()) {
      setting.value = string->get();
    } else if (const auto* integer = node.as_integer()) {
      setting.value = integer->get();
    } else if (const auto* boolean = node.as_boolean()) {
      setting.value = boolean->get();
    } else {
      fail(file_name, node.source(), key,
           fmt::format("expected a string, an integer or true/false, found {}",
                       node.is_table()            ? "a table"
                       : node.is_array()          ? "an array"
                       : node.is_floating_point() ? "a number with a fraction"
                                                  : "a date or time"));
    }
    settings.emplace(key, std::move(setting));
  };
  for (const auto& [key, node] : table) {
    // One level of tables, `[generate] cpp = ...`, reads as the key "generate.cpp".
    if (const auto* section = node.as_table()) {
      for (const auto& [inner, value] : *section) {
        add(std::string(key.str()) + "." + std::string(inner.str()), value);
      }
    } else {
      add(std::string(key.str()), node);
    }
  }
  return settings;
}

} // namespace orm::workflow
