#include "core/dialect/postgres/recovery.hpp"

#include "core/util/strings.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace orm::dialect::postgres {

namespace {

constexpr const char* k_index_validity =
    "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)";
constexpr const char* k_drop_invalid_index = "DROP INDEX CONCURRENTLY IF EXISTS ";

// The statement's first words: keywords in lower case, a quoted name as written between its
// quotes (marked), up to the first parenthesis.
struct Word
{
  std::string text;
  bool quoted = false;
};

std::vector<Word>
leading_words(std::string_view sql)
{
  std::vector<Word> words;
  size_t i = 0;
  while (i < sql.size() && sql[i] != '(') {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '"') {
      std::string name;
      for (++i; i < sql.size(); ++i) {
        if (sql[i] == '"' && i + 1 < sql.size() && sql[i + 1] == '"') {
          name += '"';
          ++i;
        } else if (sql[i] == '"') {
          ++i;
          break;
        } else {
          name += sql[i];
        }
      }
      words.push_back({name, true});
    } else {
      size_t start = i;
      while (i < sql.size() && !std::isspace(static_cast<unsigned char>(sql[i])) &&
             sql[i] != '(' && sql[i] != '"' && sql[i] != ';') {
        ++i;
      }
      words.push_back({util::to_lower(sql.substr(start, std::max(i, start + 1) - start))});
      i = std::max(i, start + 1);
    }
  }
  return words;
}

// The index named after CONCURRENTLY [IF [NOT] EXISTS], as to_regclass reads it.
std::optional<std::string>
index_name(const std::vector<Word>& words, size_t concurrently)
{
  size_t i = concurrently + 1;
  while (i < words.size() && !words[i].quoted &&
         (words[i].text == "if" || words[i].text == "not" || words[i].text == "exists")) {
    ++i;
  }
  if (i >= words.size() || (!words[i].quoted && words[i].text == "on")) {
    return std::nullopt; // no name: PostgreSQL chooses one
  }
  if (words[i].text.find('.') != std::string::npos ||
      (i + 1 < words.size() && words[i + 1].text.front() == '.')) {
    return std::nullopt; // another schema than the one orm manages
  }
  return quote_identifier(words[i].text); // unquoted words are in lower case, as PostgreSQL folds

}

bool
starts_with(const std::vector<Word>& words, std::initializer_list<std::string_view> keywords)
{
  size_t i = 0;
  for (auto keyword : keywords) {
    if (i >= words.size() || words[i].quoted || words[i].text != keyword) {
      return false;
    }
    ++i;
  }
  return true;
}

} // namespace

migrate::Effect
effect_of(PgConnection& connection, std::string_view statement)
{
  auto words = leading_words(statement);
  for (auto harmless : {"reindex", "vacuum", "analyze"}) {
    if (starts_with(words, {harmless})) {
      return migrate::Effect::no_effect;
    }
  }
  if (starts_with(words, {"refresh", "materialized", "view"})) {
    return migrate::Effect::no_effect;
  }
  bool create = starts_with(words, {"create", "index"}) ||
                starts_with(words, {"create", "unique", "index"});
  bool drop = starts_with(words, {"drop", "index"});
  size_t concurrently = create && words[1].text == "unique" ? 3 : 2;
  if (!(create || drop) || concurrently >= words.size() ||
      words[concurrently].text != "concurrently") {
    return migrate::Effect::unknown;
  }
  auto name = index_name(words, concurrently);
  if (!name) {
    return migrate::Effect::unknown;
  }
  db::Result validity = connection.query(k_index_validity, {*name});
  bool exists = !validity.rows.empty();
  if (drop) {
    return exists ? migrate::Effect::no_effect : migrate::Effect::took_effect;
  }
  if (exists && validity.text(0, 0) != "t") {
    connection.execute(k_drop_invalid_index + *name);
    return migrate::Effect::no_effect;
  }
  return exists ? migrate::Effect::took_effect : migrate::Effect::no_effect;
}

} // namespace orm::dialect::postgres
