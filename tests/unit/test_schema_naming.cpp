#include "core/schema/naming.hpp"
#include "core/util/sha256.hpp"

#include <catch2/catch.hpp>

using namespace orm::schema;

namespace {

const NameLimit k_bytes{63, NameLimit::Unit::bytes};
const NameLimit k_characters{64, NameLimit::Unit::characters};

} // namespace

TEST_CASE("a name that fits is kept as it is", "[schema]")
{
  std::string at_limit(63, 'a');
  CHECK(shortened(at_limit, k_bytes) == at_limit);
  CHECK(shortened("users_email_key", k_characters) == "users_email_key");
  // 32 two-byte characters: 64 bytes, 32 characters.
  std::string accents;
  for (int i = 0; i < 32; ++i) {
    accents += "\xc3\xa9";
  }
  CHECK(name_length(accents, k_bytes) == 64);
  CHECK(name_length(accents, k_characters) == 32);
  CHECK(shortened(accents, k_characters) == accents);
}

TEST_CASE("a long name is cut and given 8 hex digits of the SHA-256 of the whole name", "[schema]")
{
  std::string name = std::string(63, 't') + "_pkey";
  std::string short_name = shortened(name, k_bytes);
  CHECK(short_name == std::string(54, 't') + "_" + orm::util::sha256_hex(name).substr(0, 8));
  CHECK(short_name.size() == 63);
  CHECK(shortened(name, k_bytes) == short_name); // the same on every run
  CHECK(shortened(short_name, k_bytes) == short_name);
  // Names that share the kept prefix still differ.
  CHECK(shortened(std::string(63, 't') + "_a_key", k_bytes) !=
        shortened(std::string(63, 't') + "_b_key", k_bytes));
  CHECK(name_length(shortened(std::string(70, 'x'), k_characters), k_characters) == 64);
}

TEST_CASE("a name is cut between whole UTF-8 characters", "[schema]")
{
  std::string accents;
  for (int i = 0; i < 70; ++i) {
    accents += "\xc3\xa9";
  }
  // Bytes: 54 bytes of room, 27 characters; characters: 55 of them.
  std::string bytes = shortened(accents, k_bytes);
  CHECK(bytes.size() == 54 + 9);
  CHECK(bytes.substr(0, 54) == accents.substr(0, 54));
  std::string odd = "x" + accents; // 1 + 140 bytes: room for x and 26 accents, not half of one
  CHECK(shortened(odd, k_bytes).substr(0, 54) == odd.substr(0, 53) + "_");
  std::string characters = shortened(accents, k_characters);
  CHECK(name_length(characters, k_characters) == 64);
  CHECK(characters.substr(0, 110) == accents.substr(0, 110));
}

TEST_CASE("derived names are recognised, given ones are not", "[schema]")
{
  Table table;
  table.name = "posts";
  for (const char* name : {"title", "score"}) {
    Column column;
    column.name = name;
    table.columns.push_back(column);
  }
  auto index = [](const std::string& name, const std::string& column, bool unique = false) {
    Index result;
    result.name = name;
    IndexPart part;
    (column.find('(') == std::string::npos ? part.column : part.expression) = column;
    result.parts = {part};
    result.unique = unique;
    return result;
  };
  auto foreign_key = [](const std::string& name) {
    ForeignKey result;
    result.name = name;
    result.columns = {"score"};
    return result;
  };
  auto check = [](const std::string& name) {
    Check result;
    result.name = name;
    return result;
  };
  CHECK(is_default_name(table, index("posts_title_idx", "title")));
  CHECK(is_default_name(table, index("posts_title_key", "title", true)));
  CHECK(is_default_name(table, index("posts_lower_title_idx", "lower(title)")));
  CHECK_FALSE(is_default_name(table, index("posts_title_key", "title")));
  CHECK_FALSE(is_default_name(table, index("by_title", "title")));
  CHECK(is_default_name(table, foreign_key("posts_score_fkey")));
  CHECK_FALSE(is_default_name(table, foreign_key("posts_fk")));
  CHECK(is_default_name(table, check("posts_score_check")));
  CHECK(is_default_name(table, check("posts_check")));
  CHECK(is_default_name(table, check("posts_check12")));
  CHECK_FALSE(is_default_name(table, check("posts_check1")));
  CHECK_FALSE(is_default_name(table, check("posts_check02")));
  CHECK_FALSE(is_default_name(table, check("posts_body_check")));
}
