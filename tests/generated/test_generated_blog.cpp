// The golden blog header (tests/golden/blog.hpp), compiled into this test and used on a real
// SQLite database that `orm migrate up` built from the blog example's migrations.

#include "tests/golden/blog.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/session_executor.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <type_traits>

using namespace orm;
namespace fs = std::filesystem;

namespace {

// The blog example's project in a temporary folder, migrated to its head.
struct MigratedBlog
{
  test::TempDir dir;
  std::string url;

  MigratedBlog()
  {
    fs::path example = fs::path(ORM_SOURCE_DIR) / "migrations-examples" / "blog";
    fs::copy(example / "migrations", dir / "migrations", fs::copy_options::recursive);
    fs::copy(example / "models.orm", dir / "models.orm");
    fs::copy(example / "orm.toml", dir / "orm.toml");
    url = "sqlite://" + (dir / "blog.sqlite3").string();
    auto result = test::run_orm(dir.path(), "migrate up --database-url " + url);
    REQUIRE(result.exit_code == 0);
  }
};

} // namespace

static_assert(std::is_same_v<decltype(blog::User::name), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(blog::NewUser::karma), std::optional<std::int32_t>>);
static_assert(blog::pin.history.size() == 3);
static_assert(blog::users::email.flags & orm::unique);

TEST_CASE("generated blog header: lookups by primary and unique keys read whole rows",
          "[generated][sqlite]")
{
  MigratedBlog blog_db;
  SessionExecutor executor(blog_db.url);
  auto& connection = executor.connection();
  connection.execute("INSERT INTO users (email, name, karma) VALUES ('ada@example.com', NULL, 7)");
  connection.execute("INSERT INTO posts (author_id, title, slug, body) VALUES "
                     "(1, 'Hello', 'hello', 'First post')");
  connection.execute("INSERT INTO tags (name) VALUES ('c++'), ('sql')");
  connection.execute("INSERT INTO post_tags VALUES (1, 2)");

  auto user = blog::users::get(executor, 1);
  REQUIRE(user);
  CHECK(user->email == "ada@example.com");
  CHECK_FALSE(user->name);
  CHECK(user->karma == 7);
  // `default now` filled it: a real timestamp, read back through the ISO text SQLite stores.
  CHECK(user->created_at.time_since_epoch() > std::chrono::hours(24 * 365 * 50));
  CHECK_FALSE(blog::users::get(executor, 2));

  auto by_email = blog::users::get_by_email(executor, "ada@example.com");
  REQUIRE(by_email);
  CHECK(by_email->id == 1);
  auto post = blog::posts::get_by_author_id_slug(executor, 1, "hello");
  REQUIRE(post);
  CHECK(post->title == "Hello");
  CHECK_FALSE(post->published);
  CHECK_FALSE(blog::posts::get_by_author_id_slug(executor, 2, "hello"));
  CHECK(blog::post_tags::get(executor, 1, 2));
  CHECK_FALSE(blog::post_tags::get(executor, 1, 1));
  CHECK(blog::tags::get_by_name(executor, "sql")->id == 2);
}

TEST_CASE("generated blog header: rows convert to and from JSON", "[generated]")
{
  blog::User user{
      42, "grace@example.com", std::nullopt, 3,
      orm::Timestamp(std::chrono::local_days(std::chrono::year(2026) / std::chrono::March / 1)) +
          std::chrono::microseconds(5)};
  orm::Json json = user;
  CHECK(json.dump() == R"({"created_at":"2026-03-01 00:00:00.000005","email":"grace@example.com",)"
                       R"("id":42,"karma":3,"name":null})");
  auto back = json.get<blog::User>();
  CHECK(back.id == 42);
  CHECK(back.created_at == user.created_at);
  CHECK_FALSE(back.name);

  auto insert = orm::Json::parse(R"({"email": "x@example.com", "name": "X"})").get<blog::NewUser>();
  CHECK(insert.email == "x@example.com");
  CHECK(insert.name == "X");
  CHECK_FALSE(insert.karma); // absent: left to the column's default
  CHECK(orm::Json(insert).dump() == R"({"email":"x@example.com","name":"X"})");
  CHECK_THROWS_AS(orm::Json::parse(R"({"id": 1})").get<blog::User>(), orm::Json::exception);
  CHECK_THROWS_AS(
      orm::Json::parse(R"({"email": "a", "created_at": "yesterday"})").get<blog::NewUser>(),
      orm::Error);
}
