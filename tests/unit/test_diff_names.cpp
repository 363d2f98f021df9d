#include "core/dialect/dialect.hpp"
#include "core/diff/differ.hpp"
#include "core/models/models.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace orm;

namespace {

schema::Schema
normalized_for(const std::string& dialect, const std::string& models)
{
  return diff::normalized(models::parse(models, "models.orm"),
                          dialect::make_dialect(dialect)->hooks());
}

std::string
refusal(const std::string& dialect, const std::string& models)
{
  try {
    normalized_for(dialect, models);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::config);
    return error.what();
  }
  return "";
}

const std::string k_65(65, 'n');
const std::string k_64(64, 'n');
const std::string k_63(63, 'n');

} // namespace

TEST_CASE("each dialect refuses a given name longer than it keeps, naming it", "[diff]")
{
  CHECK(refusal("postgres", "table " + k_64 + " { id int }") ==
        "table name '" + k_64 +
            "' is too long: 64 bytes, the database allows at most 63; "
            "shorten it");
  CHECK(refusal("postgres", "table " + k_63 + " { " + k_63 + " int }").empty());
  CHECK(refusal("mysql", "table " + k_64 + " { " + k_64 + " int }").empty());
  CHECK(refusal("mysql", "table t { " + k_65 + " int }") ==
        "column name 't." + k_65 +
            "' is too long: 65 characters, the database allows at most 64; "
            "shorten it");
  CHECK(refusal("mysql", "table t { id int\n index " + k_65 + " (id) }") ==
        "index '" + k_65 +
            "' on table 't' is too long: 65 characters, the database allows at "
            "most 64; shorten it");
  CHECK(refusal("postgres", "table t { id int\n unique " + k_64 + " (id) }")
            .find("index '" + k_64 + "' on table 't' is too long: 64 bytes") == 0);
  CHECK(refusal("postgres", "table t { id int\n check " + k_64 + " (id > 0) }")
            .find("check '" + k_64 + "' on table 't'") == 0);
  CHECK(refusal("mysql", "table p { id int primary key }\ntable t { id int\n foreign key " + k_65 +
                             " (id) references p(id) }")
            .find("foreign key '" + k_65 + "' on table 't'") == 0);
  CHECK(refusal("sqlite",
                "table " + k_65 + " { " + k_65 + " int\n index " + k_65 + " (" + k_65 + ") }")
            .empty());
}

TEST_CASE("derived names too long for the dialect are shortened, the same on every run", "[diff]")
{
  std::string models = "table p { id int primary key }\ntable " + k_63 + " {\n  " + k_63 +
                       " int unique check (" + k_63 + " > 0) references p(id)\n  index (" + k_63 +
                       ")\n  check (" + k_63 + " < 9)\n}\n";
  for (std::string dialect : {"postgres", "mysql"}) {
    CAPTURE(dialect);
    auto schema = normalized_for(dialect, models);
    const auto& table = *schema.find_table(k_63);
    std::vector<std::string> names;
    for (const auto& index : table.indexes) {
      names.push_back(index.name);
    }
    for (const auto& key : table.foreign_keys) {
      names.push_back(key.name);
    }
    for (const auto& check : table.checks) {
      names.push_back(check.name);
    }
    REQUIRE(names.size() == 5);
    for (const auto& name : names) {
      CHECK(name.size() == (dialect == "postgres" ? 63 : 64));
      CHECK(name.substr(0, 10) == k_63.substr(0, 10));
    }
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == 5);
    CHECK(normalized_for(dialect, models) == schema);
    // What the database reads back (the shortened names) stays as it is.
    CHECK(diff::normalized(schema, dialect::make_dialect(dialect)->hooks()) == schema);
  }
  auto sqlite = normalized_for("sqlite", models);
  CHECK(sqlite.find_table(k_63)->find_index(k_63 + "_" + k_63 + "_idx"));
}
