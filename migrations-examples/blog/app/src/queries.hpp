#pragma once

// The blog's queries, one small function each, over the header generated for this executable's
// database (models.hpp, namespace blog). Raw SQL uses the dialect's placeholders.
#include "models.hpp"

#include "core/runtime/orm.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace blog_app {

struct PostSummary
{
  std::int64_t id;
  std::string slug;
  std::string title;
  bool published;
  std::int64_t comments;
  std::vector<std::string> tags; // sorted by name
};

struct AuthorReport
{
  std::string email;
  std::int32_t karma;
  std::int64_t posts;
  std::int64_t published;
  std::int64_t comments; // on the author's posts, by anyone
};

// The tag called `name`, made when there is none yet.
blog::Tag find_or_create_tag(orm::Connection& connection, const std::string& name);
// Links a post to a tag through post_tags.
void tag_post(orm::Connection& connection, std::int64_t post_id, std::int32_t tag_id);
// The author's posts, oldest first, with their comment counts and tags.
std::vector<PostSummary> posts_of(orm::Connection& connection, std::int64_t author_id);
// Marks the post published; false when it was already.
bool mark_published(orm::Connection& connection, std::int64_t post_id);
// karma = karma + by; the karma it now has.
std::int32_t add_karma(orm::Connection& connection, std::int64_t user_id, std::int32_t by);
// Authors by karma (then email), with what they wrote and the comments it drew.
std::vector<AuthorReport> top_authors(orm::Connection& connection, std::int64_t limit);

} // namespace blog_app
