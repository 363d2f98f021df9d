#include "core/migrate/migration_file.hpp"
#include "core/util/strings.hpp"

#include <cctype>
#include <string_view>

namespace orm::migrate {

namespace {

// A statement is a block statement when one of its first words, after CREATE, is one of these.
constexpr size_t k_header_words = 6;
constexpr std::string_view k_block_kinds[] = {"TRIGGER", "PROCEDURE", "FUNCTION"};
// `END IF`, `END LOOP`, ...: closers of constructs that are not counted as openers.
constexpr std::string_view k_uncounted_after_end[] = {"IF", "LOOP", "WHILE", "REPEAT"};

bool
is_word_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

template <size_t N>
bool
contains(const std::string_view (&list)[N], std::string_view word)
{
  for (std::string_view item : list) {
    if (item == word) {
      return true;
    }
  }
  return false;
}

// The length of the dollar-quote tag ($$ or $name$) at `at`, or 0 when there is none
// ($1 is a parameter, a$b$ an identifier).
size_t
dollar_tag_length(std::string_view sql, size_t at)
{
  if (sql[at] != '$' || (at > 0 && is_word_char(sql[at - 1]))) {
    return 0;
  }
  size_t end = at + 1;
  if (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) {
    return 0;
  }
  while (end < sql.size() &&
         (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) {
    ++end;
  }
  return end < sql.size() && sql[end] == '$' ? end + 1 - at : 0;
}

// Where the text that starts at `from` and ends with `terminator` ends (just after it), or the
// end of `sql` when it is not terminated.
size_t
skip_past(std::string_view sql, size_t from, std::string_view terminator)
{
  size_t found = sql.find(terminator, from);
  return found == std::string_view::npos ? sql.size() : found + terminator.size();
}

class Splitter
{
public:
  explicit Splitter(std::string_view sql) : m_sql(sql) {}

  std::vector<std::string> run()
  {
    size_t i = 0;
    while (i < m_sql.size()) {
      i = step(i);
    }
    finish();
    return std::move(m_statements);
  }

  std::vector<TextRange> quoted_ranges()
  {
    run();
    return std::move(m_quoted);
  }

private:
  // Consumes one token at `i` and returns where the next one starts.
  size_t step(size_t i)
  {
    char c = m_sql[i];
    char next = i + 1 < m_sql.size() ? m_sql[i + 1] : '\0';
    if (c == '-' && next == '-') {
      return skip_past(m_sql, i, "\n");
    }
    if (c == '/' && next == '*') {
      return quoted(i, skip_past(m_sql, i + 2, "*/"));
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      return i + 1;
    }
    if (c == ';' && m_depth == 0) {
      finish();
      return i + 1;
    }
    if (m_start == std::string_view::npos) {
      m_start = i;
    }
    m_end = token_end(i);
    return m_end;
  }

  // Where the token at `i`, which is neither a comment nor a space, ends; tracks block nesting.
  size_t token_end(size_t i)
  {
    char c = m_sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      // A doubled quote inside reads as two adjacent quoted strings, which is just as good.
      return quoted(i, skip_past(m_sql, i + 1, std::string_view(&m_sql[i], 1)));
    }
    if (size_t tag = dollar_tag_length(m_sql, i)) {
      return quoted(i, skip_past(m_sql, i + tag, m_sql.substr(i, tag)));
    }
    if (is_word_char(c)) {
      size_t end = i;
      while (end < m_sql.size() && is_word_char(m_sql[end])) {
        ++end;
      }
      on_word(util::to_upper(m_sql.substr(i, end - i)));
      return end;
    }
    return i + 1;
  }

  size_t quoted(size_t begin, size_t end)
  {
    m_quoted.push_back({begin, end});
    return end;
  }

  // Tracks BEGIN/CASE ... END nesting inside CREATE TRIGGER (and procedure) bodies.
  void on_word(const std::string& word)
  {
    ++m_words;
    if (m_words == 1) {
      m_creates = word == "CREATE";
    } else if (m_creates && m_words <= k_header_words && contains(k_block_kinds, word)) {
      m_block = true;
    }
    if (!m_block) {
      return;
    }
    bool after_end = m_previous_word == "END";
    m_previous_word = word;
    if (word == "END") {
      m_depth = m_depth > 0 ? m_depth - 1 : 0;
    } else if (after_end && contains(k_uncounted_after_end, word)) {
      ++m_depth; // undo: that END closed an IF or a loop, not a block
    } else if (word == "BEGIN" || (word == "CASE" && !after_end)) {
      ++m_depth;
    }
  }

  // A statement ends with its last token: a comment between it and the `;` is left out, so that
  // the statement printed with a `;` after it reads back as the same statement.
  void finish()
  {
    if (m_start != std::string_view::npos) {
      m_statements.emplace_back(util::trim(m_sql.substr(m_start, m_end - m_start)));
    }
    m_start = std::string_view::npos;
    m_words = 0;
    m_creates = false;
    m_block = false;
    m_depth = 0;
    m_previous_word.clear();
  }

  std::string_view m_sql;
  std::vector<std::string> m_statements;
  std::vector<TextRange> m_quoted;
  size_t m_start = std::string_view::npos; // first character of the statement, after comments
  size_t m_end = 0;                        // just after its last token so far
  size_t m_words = 0;
  bool m_creates = false;
  bool m_block = false;
  int m_depth = 0;
  std::string m_previous_word;
};

} // namespace

std::vector<std::string>
split_statements(const std::string& script)
{
  return Splitter(script).run();
}

std::vector<TextRange>
quoted_ranges(std::string_view script)
{
  return Splitter(script).quoted_ranges();
}

} // namespace orm::migrate
