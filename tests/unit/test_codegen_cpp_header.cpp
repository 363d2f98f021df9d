#include "core/codegen/cpp_header.hpp"
#include "core/models/models.hpp"
#include "core/workflow/generate.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace orm;

namespace {

codegen::HeaderPin
test_pin()
{
  return {"postgres",
          "20260102000000",
          "second",
          "h1:abc",
          {{"20260101000000", "c1"}, {"20260102000000", "c2"}}};
}

std::string
header_of(const std::string& models_text)
{
  return codegen::cpp_header(models::parse(models_text, "models.orm"), test_pin(), {"db"});
}

bool
has(const std::string& text, const std::string& wanted)
{
  return text.find(wanted) != std::string::npos;
}

} // namespace

TEST_CASE("codegen: the examples' headers match their golden files", "[codegen]")
{
  for (std::string example : {"blog", "shop", "crm"}) {
    workflow::Project project;
    project.migrations_dir =
        std::filesystem::path(ORM_SOURCE_DIR) / "migrations-examples" / example / "migrations";
    std::string header = workflow::generated_cpp(project, {example});
    auto golden = std::filesystem::path(ORM_SOURCE_DIR) / "tests" / "golden" / (example + ".hpp");
    if (std::getenv("ORM_UPDATE_GOLDEN")) {
      test::write_file(golden, header);
    }
    INFO(example << ": regenerate with ORM_UPDATE_GOLDEN=1 when the change is intended");
    CHECK(header == test::read_file(golden));
    CHECK(workflow::generated_cpp(project, {example}) == header); // deterministic
  }
}

TEST_CASE("codegen: every models type has its C++ type, nullable ones optional", "[codegen]")
{
  auto header = header_of(R"(
table everything {
  id bigint primary key autoincrement
  b bool
  s smallint
  i int?
  r real
  d double
  n decimal(12, 2)
  v varchar(10)
  c char(3)
  t text
  y bytes?
  day date
  at time
  ts timestamp
  tz timestamptz?
  u uuid
  j json
  e enum('a', 'b c', '1')
  x raw('citext')
}
)");
  for (const char* member :
       {"std::int64_t id;", "bool b;", "std::int16_t s;", "std::optional<std::int32_t> i;",
        "float r;", "double d;", "orm::Decimal n;", "std::string v;", "std::string c;",
        "std::string t;", "std::optional<orm::Bytes> y;", "orm::Date day;", "orm::Time at;",
        "orm::Timestamp ts;", "std::optional<orm::TimestampTz> tz;", "orm::Uuid u;", "orm::Json j;",
        "EverythingE e;", "std::string x;"}) {
    INFO(member);
    CHECK(has(header, "  " + std::string(member)));
  }
  CHECK(has(header, "enum class EverythingE { a, b_c, _1 };"));
  CHECK(has(header, R"(names{"a", "b c", "1"})"));
  CHECK(has(
      header,
      R"(inline constexpr orm::Pin pin{"postgres", "20260102000000", "h1:abc", pinned_migrations};)"));
  CHECK(has(header, R"({"20260102000000", "c2"},)"));
}

TEST_CASE("codegen: insert structs leave out what the database fills", "[codegen]")
{
  auto header = header_of(R"(
table items {
  id int primary key autoincrement
  name text
  note text?
  rank int default 0
  label text? default 'x'
  total int generated (rank * 2) stored
}
)");
  auto insert = header.substr(header.find("struct NewItem"));
  insert = insert.substr(0, insert.find("\n};"));
  CHECK_FALSE(has(insert, " id"));
  CHECK_FALSE(has(insert, "total"));
  CHECK(has(insert, "  std::string name;"));
  CHECK(has(insert, "  std::optional<std::string> note = {};"));
  CHECK(has(insert, "  std::optional<std::int32_t> rank = {};"));
  CHECK(has(insert, "  std::optional<std::optional<std::string>> label = {};"));
  CHECK(has(header, R"(insert_columns{"name", "note", "rank", "label"})"));
  CHECK(has(header, "insert_defaulted{false, false, true, true}"));
  CHECK(has(header, "return 1u | 2u | (row.rank ? 1u : 0u) | (row.label ? 2u : 0u);") == false);
  CHECK(has(header, "return (row.rank ? 1u : 0u) | (row.label ? 2u : 0u);"));
  CHECK(has(header, "orm::Codec<decltype(db::NewItem::rank)::value_type>::bind(statement, "
                    "index++, *row.rank);"));
  CHECK(
      has(header, "orm::Codec<decltype(db::NewItem::note)>::bind(statement, index++, row.note);"));
  CHECK(has(header, "orm::primary_key | orm::autoincrement"));
  CHECK(has(header, "&Item::total, orm::generated"));
}

TEST_CASE("codegen: lookups by the primary key and each plain unique key", "[codegen]")
{
  auto header = header_of(R"(
table memberships {
  org_id bigint
  user_id bigint
  code varchar(20)
  email text
  active bool
  primary key (org_id, user_id)
  unique (code)
  unique (org_id, email)
  unique index memberships_active_email (email) where active
}
)");
  CHECK(has(header, "inline std::optional<Membership> get(orm::Executor& executor, std::int64_t "
                    "org_id_value, std::int64_t user_id_value)"));
  CHECK(has(header, "return orm::find_by<&memberships::org_id, &memberships::user_id>(executor, "
                    "org_id_value, user_id_value);"));
  CHECK(has(header, "get_by_code(orm::Executor& executor, const std::string& code_value)"));
  CHECK(has(header, "get_by_org_id_email(orm::Executor& executor, std::int64_t org_id_value, const "
                    "std::string& email_value)"));
  CHECK_FALSE(has(header, "get_by_email("));
  CHECK(has(header, R"(unique_keys{"org_id,user_id", "code", "org_id,email"})"));
}

TEST_CASE("codegen: relations from single-column foreign keys", "[codegen]")
{
  auto header = header_of(R"(
table people {
  id bigint primary key autoincrement
  manager_id bigint? references people(id)
}
table passports {
  id bigint primary key autoincrement
  person_id bigint unique references people(id)
}
table messages {
  id bigint primary key autoincrement
  sender_id bigint references people(id)
  recipient_id bigint references people(id)
}
table groups {
  id int primary key autoincrement
}
table memberships {
  person_id bigint references people(id)
  group_id int references groups(id)
  primary key (person_id, group_id)
}
)");
  // Self reference: the reverse side is named after the table and the column.
  CHECK(has(header,
            "orm::BelongsTo<Person, std::optional<std::int64_t>, Person, std::int64_t> manager{"));
  CHECK(has(header, "orm::HasMany<Person, std::int64_t, Person, std::optional<std::int64_t>> "
                    "people_by_manager{"));
  // A unique foreign key is a has-one.
  CHECK(has(header, "orm::HasOne<Person, std::int64_t, Passport, std::int64_t> passport{"));
  // Two keys to one table: each reverse names its column.
  CHECK(has(header, "messages_by_sender{"));
  CHECK(has(header, "messages_by_recipient{"));
  // A join table whose primary key is its two foreign keys: many-to-many on both sides.
  CHECK(has(header, "orm::ManyToMany<Person, std::int64_t, Membership, std::int64_t, std::int32_t, "
                    "Group, std::int32_t> groups{\"memberships\", people::id, "
                    "memberships::person_id, memberships::group_id, groups::id};"));
  CHECK(has(header, "orm::ManyToMany<Group, std::int32_t, Membership, std::int32_t, std::int64_t, "
                    "Person, std::int64_t> people{"));
}

TEST_CASE("codegen: SQL names C++ cannot take are changed, and only those", "[codegen]")
{
  auto header = header_of(R"(
table "union" {
  id bigint primary key autoincrement
  "class" text
  "2nd" int
  "a-b" int
  "a_b" int
}
table categories {
  id int primary key autoincrement
}
table addresses {
  id int primary key autoincrement
}
)");
  CHECK(has(header, "struct Union\n"));
  CHECK(has(header, "namespace union_ {"));
  CHECK(has(header, "  std::string class_;"));
  CHECK(has(header, "  std::int32_t _2nd;"));
  CHECK(has(header, "  std::int32_t a_b;"));
  CHECK(has(header, "  std::int32_t a_b_2;"));
  CHECK(has(header, R"(orm::Column<Union, std::optional<std::string>>)") == false);
  CHECK(has(header, R"({"union", "class", &Union::class_,)"));
  CHECK(has(header, "struct Category\n"));
  CHECK(has(header, "struct Address\n"));
  CHECK(codegen::valid_namespace("app::db"));
  CHECK_FALSE(codegen::valid_namespace("app::class"));
  CHECK_FALSE(codegen::valid_namespace("app:db"));
  CHECK_FALSE(codegen::valid_namespace(""));
}
