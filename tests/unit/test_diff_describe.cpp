#include "core/diff/change.hpp"
#include "core/models/models.hpp"

#include <catch2/catch.hpp>

using namespace orm;

namespace {

// The summary of the changes between the `t` of two models texts, as the differ pairs them: a
// changed object is dropped and added under the same name.
std::vector<std::string>
summary(const std::string& table, std::vector<diff::TableChange> changes)
{
  diff::ModifyTable modify;
  modify.to.name = table;
  modify.changes = std::move(changes);
  return diff::describe(diff::Change(modify));
}

// The table p of a models text.
schema::Table
table_of(const std::string& models)
{
  return *models::parse(models, "m.orm").find_table("p");
}

} // namespace

TEST_CASE("a changed index says what differs, on one line", "[diff]")
{
  struct Case
  {
    std::string from;
    std::string to;
    std::string line;
  };
  const std::vector<Case> cases = {
      {"index i (body)", "index i (body(768))", "~ index i on p: (body) -> (body(768))"},
      {"index i (body, id)", "index i (id, body)", "~ index i on p: (body, id) -> (id, body)"},
      {"index i (body)", "index i (body desc nulls last)",
       "~ index i on p: (body) -> (body desc nulls last)"},
      {"index i (body)", "unique i (body)", "~ index i on p: not unique -> unique"},
      {"index i (body)", "index i (body) using hash",
       "~ index i on p: default method -> using hash"},
      {"index i (body)", "index i (body) where id > 0",
       "~ index i on p: no where -> where (id > 0)"},
      {"index i (body)", "index i (body) include (id)",
       "~ index i on p: no include -> include (id)"},
      {"index i ((lower(body)))", "index i ((upper(body))) where id > 0",
       "~ index i on p: ((lower(body))) no where -> ((upper(body))) where (id > 0)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.from, c.to);
    std::string head = "table p {\n  id int\n  body text\n  ";
    auto from = table_of(head + c.from + "\n}\n").indexes.at(0);
    auto to = table_of(head + c.to + "\n}\n").indexes.at(0);
    CHECK(summary("p", {diff::DropIndex{from}, diff::AddIndex{to}}) ==
          std::vector<std::string>{c.line});
  }
}

TEST_CASE("a changed foreign key or check says what differs, other drops and adds stay apart",
          "[diff]")
{
  auto before = table_of("table q { id int primary key\n  x int unique }\n"
                         "table p {\n  id int\n  q_id int references q(id)\n"
                         "  check p_positive (id > 0)\n}\n");
  auto after = table_of("table q { id int primary key\n  x int unique }\n"
                        "table p {\n  id int\n"
                        "  foreign key p_q_id_fkey (q_id) references q(x) on delete cascade "
                        "deferrable\n  q_id int\n  check p_positive (id >= 0)\n}\n");
  CHECK(summary("p", {diff::DropForeignKey{before.foreign_keys.at(0)},
                      diff::DropCheck{before.checks.at(0)}, diff::AddCheck{after.checks.at(0)},
                      diff::AddForeignKey{after.foreign_keys.at(0)}}) ==
        std::vector<std::string>{"~ foreign key p_q_id_fkey on p: references q(id) on delete no "
                                 "action not deferrable -> references q(x) on delete cascade "
                                 "deferrable",
                                 "~ check p_positive on p: (id > 0) -> (id >= 0)"});
  schema::Index index;
  index.name = "p_positive"; // the same name as the check: another kind of object
  index.parts = table_of("table p { id int\n  index (id) }").indexes.at(0).parts;
  CHECK(summary("p", {diff::DropCheck{before.checks.at(0)}, diff::AddIndex{index},
                      diff::DropIndex{index}}) ==
        std::vector<std::string>{"- check p_positive on p", "+ index p_positive on p",
                                 "- index p_positive on p"});
}
