#include "commands.hpp"

#include "queries.hpp"

#include "core/db/errors.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <optional>

namespace blog_app {

namespace {

using Args = std::vector<std::string>;

void
require_args(const Args& args, std::size_t at_least, const std::string& usage)
{
  if (args.size() < at_least) {
    throw AppError(k_exit_usage, "usage: blog <database-url> " + usage);
  }
}

std::int64_t
parse_id(const std::string& text, const std::string& what)
{
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw AppError(k_exit_usage, what + " must be a positive integer, not '" + text + "'");
  }
  return id;
}

// "Hello, World!" -> "hello-world": ASCII letters and digits, other runs become one dash.
std::string
slug_of(const std::string& title)
{
  std::string slug;
  for (unsigned char c : title) {
    if (std::isalnum(c) != 0) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return slug.empty() ? "post" : slug;
}

blog::User
user_by_email(orm::Connection& connection, const std::string& email)
{
  auto user = blog::users::get_by_email(connection, email);
  if (!user) {
    throw AppError(k_exit_not_found, "no user with email " + email);
  }
  return *user;
}

blog::Post
post_by_id(orm::Connection& connection, std::int64_t id)
{
  auto post = blog::posts::get(connection, id);
  if (!post) {
    throw AppError(k_exit_not_found, "no post " + std::to_string(id));
  }
  return *post;
}

std::string
joined(const std::vector<std::string>& words, const std::string& empty)
{
  if (words.empty()) {
    return empty;
  }
  std::string text = words[0];
  for (std::size_t i = 1; i < words.size(); ++i) {
    text += "," + words[i];
  }
  return text;
}

// add-user <email> [name]
void
add_user(orm::Database& database, const Args& args, std::ostream& out)
{
  require_args(args, 1, "add-user <email> [name]");
  auto connection = database.connection();
  blog::NewUser user{.email = args[0]};
  if (args.size() > 1) {
    user.name = args[1];
  }
  try {
    auto added = orm::insert(*connection, user);
    out << "user " << added.id << " " << added.email << "\n";
  } catch (const orm::UniqueViolation&) {
    throw AppError(k_exit_duplicate, "a user with email " + args[0] + " exists already");
  }
}

// write-post <email> <title> <body> [tag...]: the missing tags, the post and its links, all or
// none (a duplicate slug leaves no new tag behind).
void
write_post(orm::Database& database, const Args& args, std::ostream& out)
{
  require_args(args, 3, "write-post <email> <title> <body> [tag...]");
  auto connection = database.connection();
  auto author = user_by_email(*connection, args[0]);
  std::string slug = slug_of(args[1]);
  std::vector<std::string> tags(args.begin() + 3, args.end());
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  try {
    auto post = connection->transaction([&](orm::Connection& tx) {
      std::vector<std::int32_t> tag_ids;
      for (const auto& name : tags) {
        tag_ids.push_back(find_or_create_tag(tx, name).id);
      }
      auto written = orm::insert(
          tx,
          blog::NewPost{.author_id = author.id, .title = args[1], .slug = slug, .body = args[2]});
      for (std::int32_t tag_id : tag_ids) {
        tag_post(tx, written.id, tag_id);
      }
      return written;
    });
    out << "post " << post.id << " " << post.slug << " tags=" << joined(tags, "-") << "\n";
  } catch (const orm::UniqueViolation&) {
    throw AppError(k_exit_duplicate, author.email + " has a post with slug " + slug + " already");
  }
}

// list-posts <email>
void
list_posts(orm::Database& database, const Args& args, std::ostream& out)
{
  require_args(args, 1, "list-posts <email>");
  auto connection = database.connection();
  auto author = user_by_email(*connection, args[0]);
  for (const auto& post : posts_of(*connection, author.id)) {
    out << "post " << post.id << " " << post.slug << " " << (post.published ? "published" : "draft")
        << " comments=" << post.comments << " tags=" << joined(post.tags, "-")
        << " title=" << post.title << "\n";
  }
}

// comment <post-id> <email> <body>
void
comment(orm::Database& database, const Args& args, std::ostream& out)
{
  require_args(args, 3, "comment <post-id> <email> <body>");
  std::int64_t post_id = parse_id(args[0], "post-id");
  auto connection = database.connection();
  post_by_id(*connection, post_id);
  auto author = user_by_email(*connection, args[1]);
  auto added = orm::insert(
      *connection, blog::NewComment{.post_id = post_id, .author_id = author.id, .body = args[2]});
  out << "comment " << added.id << " on post " << post_id << " by " << author.email << "\n";
}

// publish <post-id>: the post and its author's karma change together, or neither does.
void
publish(orm::Database& database, const Args& args, std::ostream& out)
{
  require_args(args, 1, "publish <post-id>");
  std::int64_t post_id = parse_id(args[0], "post-id");
  // The karma it leaves, or nothing when the post was published already.
  auto karma = database.transaction([&](orm::Connection& tx) -> std::optional<std::int32_t> {
    auto post = post_by_id(tx, post_id);
    if (!mark_published(tx, post_id)) {
      return std::nullopt;
    }
    return add_karma(tx, post.author_id, 1);
  });
  if (karma) {
    out << "published post " << post_id << "; author karma " << *karma << "\n";
  } else {
    out << "post " << post_id << " was published already\n";
  }
}

// top-authors [limit]
void
top_authors(orm::Database& database, const Args& args, std::ostream& out)
{
  std::int64_t limit = args.empty() ? 10 : parse_id(args[0], "limit");
  auto connection = database.connection();
  int rank = 0;
  for (const auto& author : blog_app::top_authors(*connection, limit)) {
    out << ++rank << ". " << author.email << " karma=" << author.karma << " posts=" << author.posts
        << " published=" << author.published << " comments=" << author.comments << "\n";
  }
}

using Command = std::function<void(orm::Database&, const Args&, std::ostream&)>;

const std::map<std::string, Command>&
commands()
{
  static const std::map<std::string, Command> k_commands{
      {"add-user", add_user}, {"write-post", write_post}, {"list-posts", list_posts},
      {"comment", comment},   {"publish", publish},       {"top-authors", top_authors},
  };
  return k_commands;
}

} // namespace

void
run_command(orm::Database& database, const std::string& command, const Args& args,
            std::ostream& out)
{
  auto found = commands().find(command);
  if (found == commands().end()) {
    throw AppError(k_exit_usage, "unknown command '" + command +
                                     "' (add-user, write-post, list-posts, comment, publish, "
                                     "top-authors)");
  }
  found->second(database, args, out);
}

} // namespace blog_app
