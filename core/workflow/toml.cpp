#include "core/workflow/toml.hpp"

#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <cctype>
#include <fmt/format.h>

namespace orm::workflow {

namespace {

class LineReader
{
public:
  LineReader(const std::string& line, const std::string& file_name, int line_number)
      : m_line(line), m_file(file_name), m_line_number(line_number)
  {
  }

  void skip_spaces()
  {
    while (m_pos < m_line.size() && (m_line[m_pos] == ' ' || m_line[m_pos] == '\t')) {
      ++m_pos;
    }
  }
  bool at_end_or_comment()
  {
    skip_spaces();
    return m_pos >= m_line.size() || m_line[m_pos] == '#';
  }
  std::string key()
  {
    size_t start = m_pos;
    while (m_pos < m_line.size() && (std::isalnum(static_cast<unsigned char>(m_line[m_pos])) ||
                                     m_line[m_pos] == '_' || m_line[m_pos] == '-')) {
      ++m_pos;
    }
    if (m_pos == start) {
      fail("a key");
    }
    return m_line.substr(start, m_pos - start);
  }
  void expect(char c)
  {
    skip_spaces();
    if (m_pos >= m_line.size() || m_line[m_pos] != c) {
      fail(fmt::format("'{}'", c));
    }
    ++m_pos;
  }
  std::string value()
  {
    skip_spaces();
    if (m_pos < m_line.size() && m_line[m_pos] == '"') {
      return quoted();
    }
    size_t start = m_pos;
    while (m_pos < m_line.size() && !std::isspace(static_cast<unsigned char>(m_line[m_pos])) &&
           m_line[m_pos] != '#') {
      ++m_pos;
    }
    std::string bare = m_line.substr(start, m_pos - start);
    bool number = !bare.empty() && bare.find_first_not_of("0123456789") == std::string::npos;
    if (!number && bare != "true" && bare != "false") {
      m_pos = start;
      fail("a quoted string, a number, true or false");
    }
    return bare;
  }
  [[noreturn]] void fail(const std::string& expected)
  {
    std::string found =
        m_pos >= m_line.size() ? "end of line" : fmt::format("'{}'", m_line.substr(m_pos, 1));
    throw Error(ErrorKind::config, fmt::format("{}:{}:{}: expected {}, found {}", m_file,
                                               m_line_number, m_pos + 1, expected, found));
  }

private:
  std::string quoted()
  {
    ++m_pos;
    std::string result;
    while (m_pos < m_line.size() && m_line[m_pos] != '"') {
      if (m_line[m_pos] == '\\' && m_pos + 1 < m_line.size()) {
        ++m_pos;
      }
      result += m_line[m_pos++];
    }
    if (m_pos >= m_line.size()) {
      fail("a closing '\"'");
    }
    ++m_pos;
    return result;
  }

  const std::string& m_line;
  const std::string& m_file;
  int m_line_number;
  size_t m_pos = 0;
};

} // namespace

std::map<std::string, std::string>
parse_flat_toml(const std::string& text, const std::string& file_name)
{
  std::map<std::string, std::string> values;
  int line_number = 0;
  for (const auto& raw_line : util::split(text, '\n')) {
    ++line_number;
    std::string line = raw_line;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    LineReader reader(line, file_name, line_number);
    if (reader.at_end_or_comment()) {
      continue;
    }
    std::string key = reader.key();
    reader.expect('=');
    values[key] = reader.value();
    if (!reader.at_end_or_comment()) {
      reader.fail("end of line");
    }
  }
  return values;
}

} // namespace orm::workflow
