#include "core/dialect/mysql/recovery.hpp"

#include "core/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace orm::dialect::mysql {

namespace {

constexpr const char* k_table_exists = "SELECT 1 FROM information_schema.TABLES "
                                       "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
constexpr const char* k_column_exists =
    "SELECT 1 FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?";
constexpr const char* k_index_exists =
    "SELECT 1 FROM information_schema.STATISTICS "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ?";
constexpr const char* k_constraint_exists =
    "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS "
    "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?";
constexpr const char* k_primary_key_columns =
    "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
    "AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
constexpr const char* k_trigger_exists = "SELECT 1 FROM information_schema.TRIGGERS "
                                         "WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?";
constexpr const char* k_routine_exists = "SELECT 1 FROM information_schema.ROUTINES "
                                         "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = ?";

// A statement's words: keywords and names (backticks removed), punctuation; a string literal is
// one word "'"; comments are dropped.
struct Word
{
  std::string text;
  bool quoted = false;
};
using Words = std::vector<Word>;

bool
is_name_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

size_t
end_of_string(std::string_view sql, size_t i)
{
  char quote = sql[i++];
  while (i < sql.size()) {
    if (sql[i] == '\\') {
      i += 2;
    } else if (sql[i] == quote && i + 1 < sql.size() && sql[i + 1] == quote) {
      i += 2;
    } else if (sql[i++] == quote) {
      break;
    }
  }
  return std::min(i, sql.size());
}

Words
words_of(std::string_view sql)
{
  Words words;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#' || sql.substr(i, 3) == "-- " || sql.substr(i, 3) == "--\n") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'' || c == '"') {
      i = end_of_string(sql, i);
      words.push_back({"'"});
    } else if (c == '`') {
      std::string name;
      for (++i; i < sql.size(); ++i) {
        if (sql[i] == '`' && i + 1 < sql.size() && sql[i + 1] == '`') {
          name += '`';
          ++i;
        } else if (sql[i] == '`') {
          ++i;
          break;
        } else {
          name += sql[i];
        }
      }
      words.push_back({name, true});
    } else if (is_name_char(c)) {
      size_t start = i;
      while (i < sql.size() && is_name_char(sql[i])) {
        ++i;
      }
      words.push_back({std::string(sql.substr(start, i - start))});
    } else {
      words.push_back({std::string(1, c)});
      ++i;
    }
  }
  return words;
}

// One thing the catalog shows once the statement has run.
enum class ObjectKind
{
  table,
  column,
  index,
  constraint,
  primary_key,
  trigger,
  routine
};

struct Fact
{
  ObjectKind kind;
  std::string table;
  std::string name; // for a primary key: its columns, comma separated
  bool present = true;
};

// What a statement says it does: facts to look up, and whether any part of it is neither a
// fact nor harmless to run again.
struct Claims
{
  std::vector<Fact> facts;
  bool opaque = false;
};

class Reader
{
public:
  explicit Reader(Words words) : m_words(std::move(words)) {}

  bool done() const { return m_at >= m_words.size(); }
  bool at(std::string_view keyword) const { return is(m_at, keyword); }
  bool is(size_t i, std::string_view keyword) const
  {
    return i < m_words.size() && !m_words[i].quoted &&
           util::to_lower(m_words[i].text) == util::to_lower(std::string(keyword));
  }
  // Consumes `keyword` when it comes next.
  bool take(std::string_view keyword)
  {
    if (!at(keyword)) {
      return false;
    }
    ++m_at;
    return true;
  }
  bool take_all(std::initializer_list<std::string_view> keywords)
  {
    size_t i = m_at;
    for (auto keyword : keywords) {
      if (!is(i++, keyword)) {
        return false;
      }
    }
    m_at = i;
    return true;
  }
  // A name, possibly `schema`.`name` (the last part is kept); nothing at punctuation.
  std::optional<std::string> name()
  {
    if (done() || (!m_words[m_at].quoted && !is_name_char(m_words[m_at].text[0]))) {
      return std::nullopt;
    }
    std::string result = m_words[m_at++].text;
    while (m_at + 1 < m_words.size() && m_words[m_at].text == "." && !m_words[m_at].quoted) {
      result = m_words[m_at + 1].text;
      m_at += 2;
    }
    return result;
  }
  // The names in the parenthesised list that comes next, or nothing when a part is not a plain
  // name (an expression or a prefix length).
  std::optional<std::vector<std::string>> name_list()
  {
    if (!take("(")) {
      return std::nullopt;
    }
    std::vector<std::string> names;
    while (!done() && !at(")")) {
      auto part = name();
      if (!part) {
        return std::nullopt;
      }
      names.push_back(*part);
      if (!take("asc")) {
        take("desc");
      }
      if (!take(",") && !at(")")) {
        return std::nullopt;
      }
    }
    return names;
  }
  // The rest of the statement as its top-level comma-separated clauses.
  std::vector<Reader> clauses()
  {
    std::vector<Reader> result;
    Words clause;
    int depth = 0;
    for (; m_at < m_words.size(); ++m_at) {
      const Word& word = m_words[m_at];
      if (!word.quoted && word.text == "," && depth == 0) {
        result.emplace_back(std::move(clause));
        clause.clear();
        continue;
      }
      depth += !word.quoted && word.text == "(" ? 1 : !word.quoted && word.text == ")" ? -1 : 0;
      clause.push_back(word);
    }
    result.emplace_back(std::move(clause));
    return result;
  }

private:
  Words m_words;
  size_t m_at = 0;
};

bool
same_name(const std::string& a, const std::string& b)
{
  return util::to_lower(a) == util::to_lower(b);
}

// ADD ... or DROP ... of an index, key, constraint or column in ALTER TABLE `table`.
void
read_add(Reader& clause, const std::string& table, Claims& claims)
{
  auto push = [&](ObjectKind kind, std::optional<std::string> name) {
    if (name) {
      claims.facts.push_back({kind, table, *name, true});
    } else {
      claims.opaque = true; // a name the server chooses: running it again adds a second one
    }
  };
  if (clause.take("constraint")) {
    auto name = clause.at("primary") || clause.at("foreign") || clause.at("unique") ||
                        clause.at("check")
                    ? std::nullopt
                    : clause.name();
    if (clause.take_all({"primary", "key"})) {
      auto columns = clause.name_list();
      push(ObjectKind::primary_key,
           columns ? std::optional(util::join(*columns, ",")) : std::nullopt);
      return;
    }
    push(ObjectKind::constraint, name);
    return;
  }
  if (clause.take_all({"primary", "key"})) {
    auto columns = clause.name_list();
    push(ObjectKind::primary_key, columns ? std::optional(util::join(*columns, ",")) : std::nullopt);
    return;
  }
  if (clause.take("unique") || clause.take("fulltext") || clause.take("spatial")) {
    clause.take("index") || clause.take("key");
    clause.take_all({"if", "not", "exists"});
    push(ObjectKind::index, clause.at("(") ? std::nullopt : clause.name());
    return;
  }
  if (clause.take("index") || clause.take("key")) {
    clause.take_all({"if", "not", "exists"});
    push(ObjectKind::index, clause.at("(") ? std::nullopt : clause.name());
    return;
  }
  if (clause.at("foreign") || clause.at("check") || clause.at("partition") ||
      clause.at("period") || clause.at("system")) {
    claims.opaque = true;
    return;
  }
  clause.take("column");
  clause.take_all({"if", "not", "exists"});
  push(ObjectKind::column, clause.at("(") ? std::nullopt : clause.name());
}

void
read_drop(Reader& clause, const std::string& table, Claims& claims)
{
  auto push = [&](ObjectKind kind, std::optional<std::string> name) {
    if (name) {
      claims.facts.push_back({kind, table, *name, false});
    } else {
      claims.opaque = true;
    }
  };
  if (clause.take_all({"primary", "key"})) {
    claims.facts.push_back({ObjectKind::primary_key, table, "", false});
  } else if (clause.take_all({"foreign", "key"}) || clause.take("check") ||
             clause.take("constraint")) {
    clause.take_all({"if", "exists"});
    push(ObjectKind::constraint, clause.name());
  } else if (clause.take("index") || clause.take("key")) {
    clause.take_all({"if", "exists"});
    push(ObjectKind::index, clause.name());
  } else if (clause.at("partition")) {
    claims.opaque = true;
  } else {
    clause.take("column");
    clause.take_all({"if", "exists"});
    push(ObjectKind::column, clause.name());
  }
}

// `from` is gone and `to` is there: a rename.
void
push_rename(Claims& claims, ObjectKind kind, const std::string& table,
            const std::optional<std::string>& from, const std::optional<std::string>& to)
{
  if (!from || !to) {
    claims.opaque = true;
    return;
  }
  if (same_name(*from, *to)) {
    return; // harmless
  }
  claims.facts.push_back({kind, table, *to, true});
  claims.facts.push_back({kind, table, *from, false});
}

// Clauses that only redefine what exists, and table options: running them again changes nothing.
bool
is_harmless_clause(const Reader& clause)
{
  for (auto word : {"modify", "alter", "comment", "engine", "default", "character", "charset",
                    "collate", "auto_increment", "convert", "row_format", "key_block_size",
                    "algorithm", "lock", "force", "order", "stats_persistent", "checksum"}) {
    if (clause.at(word)) {
      return true;
    }
  }
  return false;
}

Claims
read_alter_table(Reader& statement)
{
  Claims claims;
  statement.take("online");
  statement.take("ignore");
  statement.take("table");
  statement.take_all({"if", "exists"});
  auto table = statement.name();
  if (!table) {
    return {{}, true};
  }
  std::string current = *table;
  for (auto& clause : statement.clauses()) {
    if (clause.done()) {
      continue;
    }
    if (clause.take("add")) {
      read_add(clause, current, claims);
    } else if (clause.take("drop")) {
      read_drop(clause, current, claims);
    } else if (clause.take("change")) {
      clause.take("column");
      clause.take_all({"if", "exists"});
      auto from = clause.name();
      push_rename(claims, ObjectKind::column, current, from, clause.name());
    } else if (clause.take("rename")) {
      if (clause.take("column")) {
        auto from = clause.name();
        clause.take("to");
        push_rename(claims, ObjectKind::column, current, from, clause.name());
      } else if (clause.take("index") || clause.take("key")) {
        auto from = clause.name();
        clause.take("to");
        push_rename(claims, ObjectKind::index, current, from, clause.name());
      } else {
        clause.take("to") || clause.take("as");
        auto to = clause.name();
        push_rename(claims, ObjectKind::table, "", current, to);
        current = to.value_or(current);
      }
    } else if (!is_harmless_clause(clause)) {
      claims.opaque = true;
    }
  }
  return claims;
}

// The kind of object a CREATE or DROP names, among its first words.
std::optional<ObjectKind>
object_word(Reader& statement)
{
  for (int skipped = 0; !statement.done() && skipped < 12; ++skipped) {
    if (statement.take("table") || statement.take("view")) {
      return ObjectKind::table;
    }
    if (statement.take("index")) {
      return ObjectKind::index;
    }
    if (statement.take("trigger")) {
      return ObjectKind::trigger;
    }
    if (statement.take("procedure") || statement.take("function")) {
      return ObjectKind::routine;
    }
    statement.name() || statement.take("'") || statement.take("@") || statement.take("=") ||
        statement.take("(") || statement.take(")");
  }
  return std::nullopt;
}

Claims
read_create_or_drop(Reader& statement, bool create)
{
  bool or_replace = create && statement.take_all({"or", "replace"});
  auto kind = object_word(statement);
  if (!kind) {
    return {{}, true};
  }
  if (or_replace) {
    return {}; // replaces whatever is there: harmless
  }
  statement.take_all({"if", "not", "exists"}) || statement.take_all({"if", "exists"});
  Claims claims;
  do {
    auto name = statement.name();
    if (!name) {
      return {{}, true};
    }
    std::string table;
    if (*kind == ObjectKind::index) {
      if (!statement.take("on")) {
        return {{}, true};
      }
      table = statement.name().value_or("");
    }
    claims.facts.push_back({*kind, table, *name, create});
  } while (!create && statement.take(","));
  return claims;
}

Claims
read_rename_table(Reader& statement)
{
  statement.take("table");
  std::set<std::string> sources;
  std::set<std::string> targets;
  do {
    auto from = statement.name();
    statement.take("to");
    auto to = statement.name();
    if (!from || !to) {
      return {{}, true};
    }
    sources.insert(util::to_lower(*from));
    targets.insert(util::to_lower(*to));
  } while (statement.take(","));
  Claims claims;
  for (const auto& to : targets) {
    if (!sources.count(to)) {
      claims.facts.push_back({ObjectKind::table, "", to, true});
    }
  }
  for (const auto& from : sources) {
    if (!targets.count(from)) {
      claims.facts.push_back({ObjectKind::table, "", from, false});
    }
  }
  claims.opaque = claims.facts.empty(); // a swap: running it again swaps back
  return claims;
}

Claims
claims_of(std::string_view sql)
{
  Reader statement(words_of(sql));
  if (statement.take("alter")) {
    return read_alter_table(statement);
  }
  if (statement.take("create")) {
    return read_create_or_drop(statement, true);
  }
  if (statement.take("drop")) {
    statement.take("temporary");
    return read_create_or_drop(statement, false);
  }
  if (statement.take("rename")) {
    return read_rename_table(statement);
  }
  return {{}, true};
}

// A statement that drops and adds the same object redefines it: those facts say nothing.
void
drop_redefinitions(std::vector<Fact>& facts)
{
  std::vector<Fact> kept;
  for (const auto& fact : facts) {
    bool redefined = std::any_of(facts.begin(), facts.end(), [&](const Fact& other) {
      return other.present != fact.present && other.kind == fact.kind &&
             same_name(other.table, fact.table) &&
             (fact.kind == ObjectKind::primary_key || same_name(other.name, fact.name));
    });
    if (!redefined) {
      kept.push_back(fact);
    }
  }
  facts = std::move(kept);
}

bool
holds(MysqlConnection& connection, const Fact& fact)
{
  auto exists = [&](const char* sql, std::vector<db::Value> params) {
    return !connection.query(sql, params).rows.empty();
  };
  bool present = false;
  switch (fact.kind) {
  case ObjectKind::table:
    present = exists(k_table_exists, {fact.name});
    break;
  case ObjectKind::column:
    present = exists(k_column_exists, {fact.table, fact.name});
    break;
  case ObjectKind::index:
    present = exists(k_index_exists, {fact.table, fact.name});
    break;
  case ObjectKind::constraint:
    present = exists(k_constraint_exists, {fact.table, fact.name});
    break;
  case ObjectKind::primary_key: {
    db::Result columns = connection.query(k_primary_key_columns, {fact.table});
    std::vector<std::string> names;
    for (size_t i = 0; i < columns.rows.size(); ++i) {
      names.push_back(columns.text(i, 0));
    }
    present = fact.present ? same_name(util::join(names, ","), fact.name) : !names.empty();
    break;
  }
  case ObjectKind::trigger:
    present = exists(k_trigger_exists, {fact.name});
    break;
  case ObjectKind::routine:
    present = exists(k_routine_exists, {fact.name});
    break;
  }
  return present == fact.present;
}

} // namespace

bool
runs_in_transaction(std::string_view statement)
{
  Reader reader(words_of(statement));
  while (reader.take("(")) {
  }
  for (auto word : {"insert", "update", "delete", "replace", "select", "with", "values",
                    "table", "load"}) {
    if (reader.at(word)) {
      return true;
    }
  }
  return false;
}

migrate::Effect
effect_of(MysqlConnection& connection, std::string_view statement)
{
  Claims claims = claims_of(statement);
  drop_redefinitions(claims.facts);
  if (claims.facts.empty()) {
    return claims.opaque ? migrate::Effect::unknown : migrate::Effect::no_effect;
  }
  size_t holding = 0;
  for (const auto& fact : claims.facts) {
    holding += holds(connection, fact) ? 1 : 0;
  }
  if (holding == claims.facts.size()) {
    return migrate::Effect::took_effect;
  }
  return holding == 0 ? migrate::Effect::no_effect : migrate::Effect::unknown;
}

} // namespace orm::dialect::mysql
