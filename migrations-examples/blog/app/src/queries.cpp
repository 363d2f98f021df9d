#include "queries.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace blog_app {

namespace {

// The dialect's n-th placeholder ("?" or "$1"), counting from 0.
std::string
param(orm::Connection& connection, int index)
{
  return connection.flavor().placeholder(index);
}

} // namespace

blog::Tag
find_or_create_tag(orm::Connection& connection, const std::string& name)
{
  if (auto tag = blog::tags::get_by_name(connection, name)) {
    return *tag;
  }
  return orm::insert(connection, blog::NewTag{.name = name});
}

void
tag_post(orm::Connection& connection, std::int64_t post_id, std::int32_t tag_id)
{
  orm::insert_only(connection, blog::NewPostTag{.post_id = post_id, .tag_id = tag_id});
}

std::vector<PostSummary>
posts_of(orm::Connection& connection, std::int64_t author_id)
{
  auto rows =
      connection.query<std::tuple<std::int64_t, std::string, std::string, bool, std::int64_t>>(
          "SELECT p.id, p.slug, p.title, p.published, count(c.id) FROM posts p"
          " LEFT JOIN comments c ON c.post_id = p.id WHERE p.author_id = " +
              param(connection, 0) + " GROUP BY p.id, p.slug, p.title, p.published ORDER BY p.id",
          author_id);
  auto tags = connection.query<std::tuple<std::int64_t, std::string>>(
      "SELECT pt.post_id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id"
      " JOIN posts p ON p.id = pt.post_id WHERE p.author_id = " +
          param(connection, 0),
      author_id);
  std::map<std::int64_t, std::vector<std::string>> tags_by_post;
  for (auto& [post_id, name] : tags) {
    tags_by_post[post_id].push_back(std::move(name));
  }
  std::vector<PostSummary> posts;
  for (auto& [id, slug, title, published, comments] : rows) {
    std::vector<std::string> names = std::move(tags_by_post[id]);
    std::sort(names.begin(), names.end()); // bytewise: the servers' collations differ
    posts.push_back({id, std::move(slug), std::move(title), published, comments, std::move(names)});
  }
  return posts;
}

bool
mark_published(orm::Connection& connection, std::int64_t post_id)
{
  return connection.execute("UPDATE posts SET published = " + param(connection, 0) +
                                " WHERE id = " + param(connection, 1) +
                                " AND published = " + param(connection, 2),
                            true, post_id, false) == 1;
}

std::int32_t
add_karma(orm::Connection& connection, std::int64_t user_id, std::int32_t by)
{
  connection.execute("UPDATE users SET karma = karma + " + param(connection, 0) +
                         " WHERE id = " + param(connection, 1),
                     by, user_id);
  return blog::users::get(connection, user_id)->karma;
}

std::vector<AuthorReport>
top_authors(orm::Connection& connection, std::int64_t limit)
{
  // Subqueries, not joins: joining posts and comments at once would count each post per comment.
  auto rows =
      connection
          .query<std::tuple<std::string, std::int32_t, std::int64_t, std::int64_t, std::int64_t>>(
              "SELECT u.email, u.karma,"
              " (SELECT count(*) FROM posts p WHERE p.author_id = u.id),"
              " (SELECT count(*) FROM posts p WHERE p.author_id = u.id AND p.published),"
              " (SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id"
              " WHERE p.author_id = u.id)"
              " FROM users u ORDER BY u.karma DESC, u.email LIMIT " +
                  param(connection, 0),
              limit);
  std::vector<AuthorReport> report;
  for (auto& [email, karma, posts, published, comments] : rows) {
    report.push_back({std::move(email), karma, posts, published, comments});
  }
  return report;
}

} // namespace blog_app
