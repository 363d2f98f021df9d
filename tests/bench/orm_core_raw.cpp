// The `raw` column of tests/bench/orm_core.sh: the benchmark's workloads written by hand against
// the C APIs (sqlite3, libpq, libmariadb), the physical limit the orm runtime is measured against.
// Usage: bench_orm_core_raw <sqlite|postgres|mysql> <url> <workload> [count]
//   workloads: insert_single insert_bulk get_pk read_all eager (prints the elapsed ms);
//   reset (empties the blog tables, restarting their ids), seed (reset, then count users,
//   1,000 posts, 50 tags, 3 tags per post); count defaults to 100,000.
// The data is the same as tests/bench/orm_core_peers.py makes: see user_email() and friends.
#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>

#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

constexpr int k_posts = 1000;
constexpr int k_tags = 50;
constexpr int k_authors = 100;
constexpr int k_chunk = 1000; // rows per multi-row INSERT

std::string
user_email(int64_t i)
{
  return "user" + std::to_string(i) + "@example.com";
}
std::string
user_name(int64_t i)
{
  return "User " + std::to_string(i);
}
int32_t
user_karma(int64_t i)
{
  return static_cast<int32_t>(i % 1000);
}
// The k-th primary key looked up by get_pk: a fixed permutation of 1..count (7919 is prime).
int64_t
lookup_id(int64_t k, int64_t count)
{
  return (k * 7919) % count + 1;
}

struct User
{
  int64_t id = 0;
  std::string email;
  std::optional<std::string> name;
  int32_t karma = 0;
  std::string created_at; // as the server sends it: text, or microseconds for PostgreSQL
};
struct Tag
{
  int32_t id = 0;
  std::string name;
};
struct Post
{
  int64_t id = 0;
  int64_t author_id = 0;
  std::string title, slug, body;
  bool published = false;
  std::string created_at;
  const User* author = nullptr;
  std::vector<const Tag*> tags;
};
// What the eager workload keeps alive, so the reads cannot be optimised away.
struct Blog
{
  std::vector<Post> posts;
  std::vector<User> authors;
  std::vector<Tag> tags;
};

[[noreturn]] void
fail(const std::string& what)
{
  throw std::runtime_error(what);
}

// ---------------------------------------------------------------- SQLite
struct SqliteClose
{
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct SqliteFinalize
{
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteStmt = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

class Sqlite
{
public:
  explicit Sqlite(const std::string& url)
  {
    std::string path = url.rfind("sqlite://", 0) == 0 ? url.substr(9) : url;
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
      fail("sqlite open " + path);
    m_db.reset(db);
    exec("PRAGMA foreign_keys = ON");
  }
  void exec(const char* sql)
  {
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      fail(error());
  }
  SqliteStmt prepare(const std::string& sql)
  {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(m_db.get(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
        SQLITE_OK)
      fail(error());
    return SqliteStmt(s);
  }
  void step_done(sqlite3_stmt* s)
  {
    if (sqlite3_step(s) != SQLITE_DONE)
      fail(error());
    sqlite3_reset(s);
  }
  std::string error() const { return sqlite3_errmsg(m_db.get()); }
  sqlite3* get() const { return m_db.get(); }

private:
  std::unique_ptr<sqlite3, SqliteClose> m_db;
};

std::string
sqlite_text(sqlite3_stmt* s, int col)
{
  return {reinterpret_cast<const char*>(sqlite3_column_text(s, col)),
          static_cast<size_t>(sqlite3_column_bytes(s, col))};
}
User
sqlite_user(sqlite3_stmt* s)
{
  User u;
  u.id = sqlite3_column_int64(s, 0);
  u.email = sqlite_text(s, 1);
  if (sqlite3_column_type(s, 2) != SQLITE_NULL)
    u.name = sqlite_text(s, 2);
  u.karma = sqlite3_column_int(s, 3);
  u.created_at = sqlite_text(s, 4);
  return u;
}
void
sqlite_bind_user(sqlite3_stmt* s, int first, int64_t i, std::string& email, std::string& name)
{
  email = user_email(i);
  name = user_name(i);
  sqlite3_bind_text(s, first, email.data(), static_cast<int>(email.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(s, first + 1, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int(s, first + 2, user_karma(i));
}

std::string
values_rows(int rows, int columns, bool numbered)
{
  std::string sql;
  int n = 1;
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < columns; ++c) {
      if (c)
        sql += ',';
      sql += numbered ? "$" + std::to_string(n++) : "?";
    }
    sql += ')';
  }
  return sql;
}
std::string
placeholders(int count, bool numbered)
{
  std::string sql;
  for (int i = 0; i < count; ++i)
    sql += (i ? "," : "") + (numbered ? "$" + std::to_string(i + 1) : "?");
  return sql;
}

const char* const k_insert_user = "INSERT INTO users (email, name, karma) VALUES ";
const char* const k_user_columns = "SELECT id, email, name, karma, created_at FROM users";
const char* const k_post_columns =
    "SELECT id, author_id, title, slug, body, published, created_at FROM posts";

void
link_blog(Blog& blog, const std::vector<std::pair<int64_t, Tag>>& post_tags)
{
  std::unordered_map<int64_t, const User*> users;
  for (const auto& u : blog.authors)
    users.emplace(u.id, &u);
  std::unordered_map<int64_t, Post*> posts;
  for (auto& p : blog.posts) {
    p.author = users.at(p.author_id);
    posts.emplace(p.id, &p);
  }
  blog.tags.reserve(post_tags.size());
  for (const auto& [post_id, tag] : post_tags) {
    blog.tags.push_back(tag);
    posts.at(post_id)->tags.push_back(&blog.tags.back());
  }
}
std::vector<int64_t>
distinct_authors(const std::vector<Post>& posts)
{
  std::vector<int64_t> ids;
  std::unordered_map<int64_t, bool> seen;
  for (const auto& p : posts)
    if (seen.emplace(p.author_id, true).second)
      ids.push_back(p.author_id);
  return ids;
}

int64_t
sqlite_run(const std::string& url, const std::string& workload, int64_t count)
{
  Sqlite db(url);
  std::string email, name;
  if (workload == "reset" || workload == "seed") {
    db.exec(
        "BEGIN; DELETE FROM post_tags; DELETE FROM comments; DELETE FROM posts; DELETE FROM tags;"
        "DELETE FROM users; DELETE FROM sqlite_sequence; COMMIT");
    if (workload == "reset")
      return 0;
    db.exec("BEGIN");
    auto user = db.prepare(std::string(k_insert_user) + "(?,?,?)");
    for (int64_t i = 1; i <= count; ++i) {
      sqlite_bind_user(user.get(), 1, i, email, name);
      db.step_done(user.get());
    }
    auto tag = db.prepare("INSERT INTO tags (name) VALUES (?)");
    for (int t = 1; t <= k_tags; ++t) {
      sqlite3_bind_text(tag.get(), 1, ("tag" + std::to_string(t)).c_str(), -1, SQLITE_TRANSIENT);
      db.step_done(tag.get());
    }
    auto post = db.prepare(
        "INSERT INTO posts (author_id, title, slug, body, published) VALUES (?,?,?,?,?)");
    auto post_tag = db.prepare("INSERT INTO post_tags (post_id, tag_id) VALUES (?,?)");
    for (int p = 1; p <= k_posts; ++p) {
      sqlite3_bind_int64(post.get(), 1, p % k_authors + 1);
      sqlite3_bind_text(post.get(), 2, ("Post " + std::to_string(p)).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(post.get(), 3, ("post-" + std::to_string(p)).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(post.get(), 4, ("Body of post " + std::to_string(p)).c_str(), -1,
                        SQLITE_TRANSIENT);
      sqlite3_bind_int(post.get(), 5, p % 2);
      db.step_done(post.get());
      for (int t : {p % k_tags + 1, (p + 7) % k_tags + 1, (p + 19) % k_tags + 1}) {
        sqlite3_bind_int(post_tag.get(), 1, p);
        sqlite3_bind_int(post_tag.get(), 2, t);
        db.step_done(post_tag.get());
      }
    }
    db.exec("COMMIT");
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  int64_t check = 0;
  // The reads run in one transaction, as the peers' sessions do (and SQLite locks the file once).
  bool reads = workload != "insert_single" && workload != "insert_bulk";
  if (reads)
    db.exec("BEGIN");
  if (workload == "insert_single") {
    db.exec("BEGIN");
    auto insert = db.prepare(std::string(k_insert_user) + "(?,?,?) RETURNING id");
    for (int64_t i = 1; i <= count; ++i) {
      sqlite_bind_user(insert.get(), 1, i, email, name);
      if (sqlite3_step(insert.get()) != SQLITE_ROW)
        fail(db.error());
      check += sqlite3_column_int64(insert.get(), 0);
      sqlite3_reset(insert.get());
    }
    db.exec("COMMIT");
  } else if (workload == "insert_bulk") {
    db.exec("BEGIN");
    auto full = db.prepare(std::string(k_insert_user) + values_rows(k_chunk, 3, false));
    for (int64_t first = 1; first <= count; first += k_chunk) {
      int rows = static_cast<int>(std::min<int64_t>(k_chunk, count - first + 1));
      SqliteStmt partial;
      if (rows < k_chunk)
        partial = db.prepare(std::string(k_insert_user) + values_rows(rows, 3, false));
      sqlite3_stmt* s = rows < k_chunk ? partial.get() : full.get();
      for (int r = 0; r < rows; ++r)
        sqlite_bind_user(s, 3 * r + 1, first + r, email, name);
      db.step_done(s);
      check += sqlite3_changes(db.get());
    }
    db.exec("COMMIT");
  } else if (workload == "get_pk") {
    auto get = db.prepare(std::string(k_user_columns) + " WHERE id = ?");
    for (int64_t k = 0; k < count; ++k) {
      sqlite3_bind_int64(get.get(), 1, lookup_id(k, count));
      if (sqlite3_step(get.get()) != SQLITE_ROW)
        fail("no user");
      check += sqlite_user(get.get()).karma;
      sqlite3_reset(get.get());
    }
  } else if (workload == "read_all") {
    std::vector<User> users;
    auto all = db.prepare(k_user_columns);
    while (sqlite3_step(all.get()) == SQLITE_ROW)
      users.push_back(sqlite_user(all.get()));
    check = static_cast<int64_t>(users.size());
  } else if (workload == "eager") {
    Blog blog;
    auto posts = db.prepare(std::string(k_post_columns) + " ORDER BY id");
    while (sqlite3_step(posts.get()) == SQLITE_ROW) {
      sqlite3_stmt* s = posts.get();
      blog.posts.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                            sqlite_text(s, 2), sqlite_text(s, 3), sqlite_text(s, 4),
                            sqlite3_column_int(s, 5) != 0, sqlite_text(s, 6)});
    }
    auto author_ids = distinct_authors(blog.posts);
    auto authors = db.prepare(std::string(k_user_columns) + " WHERE id IN (" +
                              placeholders(static_cast<int>(author_ids.size()), false) + ")");
    for (size_t i = 0; i < author_ids.size(); ++i)
      sqlite3_bind_int64(authors.get(), static_cast<int>(i + 1), author_ids[i]);
    while (sqlite3_step(authors.get()) == SQLITE_ROW)
      blog.authors.push_back(sqlite_user(authors.get()));
    auto tags =
        db.prepare("SELECT post_tags.post_id, tags.id, tags.name FROM tags JOIN post_tags ON "
                   "post_tags.tag_id = tags.id WHERE post_tags.post_id IN (" +
                   placeholders(static_cast<int>(blog.posts.size()), false) + ")");
    for (size_t i = 0; i < blog.posts.size(); ++i)
      sqlite3_bind_int64(tags.get(), static_cast<int>(i + 1), blog.posts[i].id);
    std::vector<std::pair<int64_t, Tag>> post_tags;
    while (sqlite3_step(tags.get()) == SQLITE_ROW)
      post_tags.emplace_back(sqlite3_column_int64(tags.get(), 0),
                             Tag{sqlite3_column_int(tags.get(), 1), sqlite_text(tags.get(), 2)});
    link_blog(blog, post_tags);
    check = static_cast<int64_t>(blog.tags.size());
  } else {
    fail("unknown workload " + workload);
  }
  if (reads)
    db.exec("COMMIT");
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (check == 0)
    fail("the workload read nothing");
  return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

// ---------------------------------------------------------------- PostgreSQL
struct PgFinish
{
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgClear
{
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgClear>;

class Pg
{
public:
  explicit Pg(const std::string& url) : m_conn(PQconnectdb(url.c_str()))
  {
    if (PQstatus(m_conn.get()) != CONNECTION_OK)
      fail(PQerrorMessage(m_conn.get()));
  }
  PgResult check(PGresult* r) const
  {
    PgResult result(r);
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN)
      fail(PQerrorMessage(m_conn.get()));
    return result;
  }
  void exec(const char* sql) const { check(PQexec(m_conn.get(), sql)); }
  void prepare(const char* name, const std::string& sql) const
  {
    check(PQprepare(m_conn.get(), name, sql.c_str(), 0, nullptr));
  }
  PgResult run(const char* name, int count, const char* const* values, const int* lengths,
               const int* formats) const
  {
    return check(PQexecPrepared(m_conn.get(), name, count, values, lengths, formats, 1));
  }
  PGconn* get() const { return m_conn.get(); }

private:
  std::unique_ptr<PGconn, PgFinish> m_conn;
};

int64_t
pg_int8(const PGresult* r, int row, int col)
{
  uint64_t v;
  std::memcpy(&v, PQgetvalue(r, row, col), 8);
  return static_cast<int64_t>(be64toh(v));
}
int32_t
pg_int4(const PGresult* r, int row, int col)
{
  uint32_t v;
  std::memcpy(&v, PQgetvalue(r, row, col), 4);
  return static_cast<int32_t>(ntohl(v));
}
std::string
pg_text(const PGresult* r, int row, int col)
{
  return {PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col))};
}
// A timestamp in binary form is microseconds since 2000-01-01; kept as its 8 bytes.
User
pg_user(const PGresult* r, int row)
{
  User u;
  u.id = pg_int8(r, row, 0);
  u.email = pg_text(r, row, 1);
  if (!PQgetisnull(r, row, 2))
    u.name = pg_text(r, row, 2);
  u.karma = pg_int4(r, row, 3);
  u.created_at = pg_text(r, row, 4);
  return u;
}
std::string
pg_array(const std::vector<int64_t>& ids)
{
  std::string text = "{";
  for (size_t i = 0; i < ids.size(); ++i)
    text += (i ? "," : "") + std::to_string(ids[i]);
  return text + "}";
}

int64_t
pg_run(const std::string& url, const std::string& workload, int64_t count)
{
  Pg db(url);
  db.exec("SET client_min_messages = warning");
  std::string email, name;
  uint32_t karma_be = 0;
  const int text_formats[] = {0, 0, 1};
  auto bind_user = [&](int64_t i, const char** values, int* lengths) {
    email = user_email(i);
    name = user_name(i);
    karma_be = htonl(static_cast<uint32_t>(user_karma(i)));
    values[0] = email.c_str();
    values[1] = name.c_str();
    values[2] = reinterpret_cast<const char*>(&karma_be);
    lengths[2] = 4;
  };
  if (workload == "reset" || workload == "seed") {
    db.exec("TRUNCATE post_tags, comments, posts, tags, users RESTART IDENTITY CASCADE");
    if (workload == "reset")
      return 0;
    db.exec("BEGIN");
    db.check(PQexec(db.get(), "COPY users (email, name, karma) FROM STDIN"));
    std::string data;
    for (int64_t i = 1; i <= count; ++i)
      data += user_email(i) + '\t' + user_name(i) + '\t' + std::to_string(user_karma(i)) + '\n';
    if (PQputCopyData(db.get(), data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(db.get(), nullptr) != 1)
      fail(PQerrorMessage(db.get()));
    db.check(PQgetResult(db.get()));
    db.exec("INSERT INTO tags (name) SELECT 'tag' || t FROM generate_series(1, 50) t");
    db.exec("INSERT INTO posts (author_id, title, slug, body, published) SELECT p % 100 + 1, 'Post "
            "' || p, "
            "'post-' || p, 'Body of post ' || p, p % 2 = 1 FROM generate_series(1, 1000) p");
    db.exec("INSERT INTO post_tags (post_id, tag_id) SELECT p, t FROM generate_series(1, 1000) p, "
            "LATERAL (VALUES (p % 50 + 1), ((p + 7) % 50 + 1), ((p + 19) % 50 + 1)) v(t)");
    db.exec("COMMIT");
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  int64_t check = 0;
  // The reads run in one transaction, as the peers' sessions do (and SQLite locks the file once).
  bool reads = workload != "insert_single" && workload != "insert_bulk";
  if (reads)
    db.exec("BEGIN");
  if (workload == "insert_single") {
    db.exec("BEGIN");
    db.prepare("insert", std::string(k_insert_user) + "($1,$2,$3::int4) RETURNING id");
    const char* values[3];
    int lengths[3] = {0, 0, 4};
    for (int64_t i = 1; i <= count; ++i) {
      bind_user(i, values, lengths);
      check += pg_int8(db.run("insert", 3, values, lengths, text_formats).get(), 0, 0);
    }
    db.exec("COMMIT");
  } else if (workload == "insert_bulk") {
    // COPY in text form, sent in chunks as it is built.
    db.exec("BEGIN");
    db.check(PQexec(db.get(), "COPY users (email, name, karma) FROM STDIN"));
    std::string data;
    for (int64_t i = 1; i <= count; ++i) {
      data += user_email(i);
      data += '\t';
      data += user_name(i);
      data += '\t';
      data += std::to_string(user_karma(i));
      data += '\n';
      if (data.size() > 1 << 16 || i == count) {
        if (PQputCopyData(db.get(), data.data(), static_cast<int>(data.size())) != 1)
          fail(PQerrorMessage(db.get()));
        data.clear();
      }
    }
    if (PQputCopyEnd(db.get(), nullptr) != 1)
      fail(PQerrorMessage(db.get()));
    check = std::stoll(PQcmdTuples(db.check(PQgetResult(db.get())).get()));
    db.exec("COMMIT");
  } else if (workload == "get_pk") {
    db.prepare("get", std::string(k_user_columns) + " WHERE id = $1::int8");
    const int binary[] = {1};
    const int length[] = {8};
    for (int64_t k = 0; k < count; ++k) {
      uint64_t id_be = htobe64(static_cast<uint64_t>(lookup_id(k, count)));
      const char* values[] = {reinterpret_cast<const char*>(&id_be)};
      auto r = db.run("get", 1, values, length, binary);
      if (PQntuples(r.get()) != 1)
        fail("no user");
      check += pg_user(r.get(), 0).karma;
    }
  } else if (workload == "read_all") {
    db.prepare("all", k_user_columns);
    auto r = db.run("all", 0, nullptr, nullptr, nullptr);
    std::vector<User> users;
    int rows = PQntuples(r.get());
    users.reserve(static_cast<size_t>(rows));
    for (int row = 0; row < rows; ++row)
      users.push_back(pg_user(r.get(), row));
    check = static_cast<int64_t>(users.size());
  } else if (workload == "eager") {
    Blog blog;
    auto posts =
        db.check(PQexecParams(db.get(), (std::string(k_post_columns) + " ORDER BY id").c_str(), 0,
                              nullptr, nullptr, nullptr, nullptr, 1));
    for (int row = 0; row < PQntuples(posts.get()); ++row) {
      const PGresult* r = posts.get();
      blog.posts.push_back({pg_int8(r, row, 0), pg_int8(r, row, 1), pg_text(r, row, 2),
                            pg_text(r, row, 3), pg_text(r, row, 4), *PQgetvalue(r, row, 5) != 0,
                            pg_text(r, row, 6)});
    }
    // One array parameter instead of a list of placeholders: the same query for any count.
    std::string author_ids = pg_array(distinct_authors(blog.posts));
    const char* author_values[] = {author_ids.c_str()};
    auto authors = db.check(PQexecParams(
        db.get(), (std::string(k_user_columns) + " WHERE id = ANY($1::int8[])").c_str(), 1, nullptr,
        author_values, nullptr, nullptr, 1));
    for (int row = 0; row < PQntuples(authors.get()); ++row)
      blog.authors.push_back(pg_user(authors.get(), row));
    std::vector<int64_t> post_ids;
    for (const auto& p : blog.posts)
      post_ids.push_back(p.id);
    std::string post_array = pg_array(post_ids);
    const char* tag_values[] = {post_array.c_str()};
    auto tags = db.check(
        PQexecParams(db.get(),
                     "SELECT post_tags.post_id, tags.id, tags.name FROM tags JOIN post_tags ON "
                     "post_tags.tag_id = tags.id WHERE post_tags.post_id = ANY($1::int8[])",
                     1, nullptr, tag_values, nullptr, nullptr, 1));
    std::vector<std::pair<int64_t, Tag>> post_tags;
    for (int row = 0; row < PQntuples(tags.get()); ++row)
      post_tags.emplace_back(pg_int8(tags.get(), row, 0),
                             Tag{pg_int4(tags.get(), row, 1), pg_text(tags.get(), row, 2)});
    link_blog(blog, post_tags);
    check = static_cast<int64_t>(blog.tags.size());
  } else {
    fail("unknown workload " + workload);
  }
  if (reads)
    db.exec("COMMIT");
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (check == 0)
    fail("the workload read nothing");
  return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

// ---------------------------------------------------------------- MariaDB / MySQL
struct MysqlClose
{
  void operator()(MYSQL* m) const { mysql_close(m); }
};
struct MysqlStmtClose
{
  void operator()(MYSQL_STMT* s) const { mysql_stmt_close(s); }
};
using MysqlStmt = std::unique_ptr<MYSQL_STMT, MysqlStmtClose>;

class Mysql
{
public:
  // mysql://user:password@host:port/database
  explicit Mysql(const std::string& url) : m_conn(mysql_init(nullptr))
  {
    std::string rest = url.substr(url.find("://") + 3);
    auto at = rest.rfind('@');
    std::string credentials = rest.substr(0, at), address = rest.substr(at + 1);
    auto slash = address.find('/');
    std::string database = address.substr(slash + 1), host = address.substr(0, slash);
    auto colon = host.find(':');
    unsigned port = colon == std::string::npos
                        ? 3306
                        : static_cast<unsigned>(std::stoul(host.substr(colon + 1)));
    host = host.substr(0, colon);
    auto sep = credentials.find(':');
    std::string user = credentials.substr(0, sep),
                password = sep == std::string::npos ? "" : credentials.substr(sep + 1);
    if (!mysql_real_connect(m_conn.get(), host.c_str(), user.c_str(), password.c_str(),
                            database.c_str(), port, nullptr, 0))
      fail(mysql_error(m_conn.get()));
    exec("SET NAMES utf8mb4");
  }
  void exec(const std::string& sql)
  {
    if (mysql_real_query(m_conn.get(), sql.data(), sql.size()) != 0)
      fail(mysql_error(m_conn.get()));
  }
  MysqlStmt prepare(const std::string& sql)
  {
    MysqlStmt s(mysql_stmt_init(m_conn.get()));
    if (mysql_stmt_prepare(s.get(), sql.data(), sql.size()) != 0)
      fail(mysql_stmt_error(s.get()));
    return s;
  }
  MYSQL* get() const { return m_conn.get(); }

private:
  std::unique_ptr<MYSQL, MysqlClose> m_conn;
};

void
mysql_check(MYSQL_STMT* s, int rc)
{
  if (rc != 0)
    fail(mysql_stmt_error(s));
}

// Parameter buffers of rows * (email, name, karma).
struct UserParams
{
  std::vector<MYSQL_BIND> binds;
  std::vector<std::string> emails, names;
  std::vector<unsigned long> email_lengths, name_lengths;
  std::vector<int32_t> karmas;
  explicit UserParams(size_t rows)
      : binds(rows * 3), emails(rows), names(rows), email_lengths(rows), name_lengths(rows),
        karmas(rows)
  {
  }
  void set(size_t row, int64_t i)
  {
    emails[row] = user_email(i);
    names[row] = user_name(i);
    karmas[row] = user_karma(i);
    email_lengths[row] = emails[row].size();
    name_lengths[row] = names[row].size();
    MYSQL_BIND* b = &binds[row * 3];
    std::memset(b, 0, sizeof(MYSQL_BIND) * 3);
    b[0].buffer_type = MYSQL_TYPE_STRING;
    b[0].buffer = emails[row].data();
    b[0].length = &email_lengths[row];
    b[1].buffer_type = MYSQL_TYPE_STRING;
    b[1].buffer = names[row].data();
    b[1].length = &name_lengths[row];
    b[2].buffer_type = MYSQL_TYPE_LONG;
    b[2].buffer = &karmas[row];
  }
};

// Result buffers for the users columns; strings longer than the buffers are fetched again in full.
struct UserResult
{
  MYSQL_BIND binds[5] = {};
  int64_t id = 0;
  int32_t karma = 0;
  char email[256], name[256];
  unsigned long email_length = 0, name_length = 0;
  my_bool name_null = 0;
  MYSQL_TIME created_at = {};
  explicit UserResult(MYSQL_STMT* s)
  {
    binds[0].buffer_type = MYSQL_TYPE_LONGLONG;
    binds[0].buffer = &id;
    binds[1].buffer_type = MYSQL_TYPE_STRING;
    binds[1].buffer = email;
    binds[1].buffer_length = sizeof email;
    binds[1].length = &email_length;
    binds[2].buffer_type = MYSQL_TYPE_STRING;
    binds[2].buffer = name;
    binds[2].buffer_length = sizeof name;
    binds[2].length = &name_length;
    binds[2].is_null = &name_null;
    binds[3].buffer_type = MYSQL_TYPE_LONG;
    binds[3].buffer = &karma;
    binds[4].buffer_type = MYSQL_TYPE_DATETIME;
    binds[4].buffer = &created_at;
    mysql_check(s, mysql_stmt_bind_result(s, binds));
  }
  User row() const
  {
    User u;
    u.id = id;
    u.email.assign(email, std::min<unsigned long>(email_length, sizeof email));
    if (!name_null)
      u.name.emplace(name, std::min<unsigned long>(name_length, sizeof name));
    u.karma = karma;
    u.created_at.assign(reinterpret_cast<const char*>(&created_at), sizeof created_at);
    return u;
  }
};

void
mysql_bind_ints(std::vector<MYSQL_BIND>& binds, std::vector<int64_t>& ids)
{
  binds.assign(ids.size(), MYSQL_BIND{});
  for (size_t i = 0; i < ids.size(); ++i) {
    binds[i].buffer_type = MYSQL_TYPE_LONGLONG;
    binds[i].buffer = &ids[i];
  }
}

int64_t
mysql_run(const std::string& url, const std::string& workload, int64_t count)
{
  Mysql db(url);
  if (workload == "reset" || workload == "seed") {
    db.exec("SET FOREIGN_KEY_CHECKS = 0");
    for (const char* table : {"post_tags", "comments", "posts", "tags", "users"})
      db.exec(std::string("TRUNCATE TABLE ") + table);
    db.exec("SET FOREIGN_KEY_CHECKS = 1");
    if (workload == "reset")
      return 0;
    db.exec("BEGIN");
    for (int64_t first = 1; first <= count; first += k_chunk) {
      std::string sql = k_insert_user;
      for (int64_t i = first; i < first + k_chunk && i <= count; ++i)
        sql += (i == first ? "('" : ",('") + user_email(i) + "','" + user_name(i) + "'," +
               std::to_string(user_karma(i)) + ")";
      db.exec(sql);
    }
    std::string sql = "INSERT INTO tags (name) VALUES ";
    for (int t = 1; t <= k_tags; ++t)
      sql += (t == 1 ? "('tag" : ",('tag") + std::to_string(t) + "')";
    db.exec(sql);
    sql = "INSERT INTO posts (author_id, title, slug, body, published) VALUES ";
    std::string links = "INSERT INTO post_tags (post_id, tag_id) VALUES ";
    for (int p = 1; p <= k_posts; ++p) {
      std::string n = std::to_string(p);
      sql += (p == 1 ? "(" : ",(") + std::to_string(p % k_authors + 1) + ",'Post " + n +
             "','post-" + n + "','Body of post " + n + "'," + std::to_string(p % 2) + ")";
      for (int t : {p % k_tags + 1, (p + 7) % k_tags + 1, (p + 19) % k_tags + 1})
        links += (p == 1 && t == p % k_tags + 1 ? "(" : ",(") + n + "," + std::to_string(t) + ")";
    }
    db.exec(sql);
    db.exec(links);
    db.exec("COMMIT");
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  int64_t check = 0;
  // The reads run in one transaction, as the peers' sessions do (and SQLite locks the file once).
  bool reads = workload != "insert_single" && workload != "insert_bulk";
  if (reads)
    db.exec("BEGIN");
  if (workload == "insert_single") {
    db.exec("BEGIN");
    auto insert = db.prepare(std::string(k_insert_user) + "(?,?,?)");
    UserParams params(1);
    for (int64_t i = 1; i <= count; ++i) {
      params.set(0, i);
      mysql_check(insert.get(), mysql_stmt_bind_param(insert.get(), params.binds.data()));
      mysql_check(insert.get(), mysql_stmt_execute(insert.get()));
      check += static_cast<int64_t>(mysql_stmt_insert_id(insert.get()));
    }
    db.exec("COMMIT");
  } else if (workload == "insert_bulk") {
    db.exec("BEGIN");
    auto full = db.prepare(std::string(k_insert_user) + values_rows(k_chunk, 3, false));
    UserParams params(k_chunk);
    for (int64_t first = 1; first <= count; first += k_chunk) {
      int rows = static_cast<int>(std::min<int64_t>(k_chunk, count - first + 1));
      MysqlStmt partial;
      if (rows < k_chunk)
        partial = db.prepare(std::string(k_insert_user) + values_rows(rows, 3, false));
      MYSQL_STMT* s = rows < k_chunk ? partial.get() : full.get();
      for (int r = 0; r < rows; ++r)
        params.set(static_cast<size_t>(r), first + r);
      mysql_check(s, mysql_stmt_bind_param(s, params.binds.data()));
      mysql_check(s, mysql_stmt_execute(s));
      check += static_cast<int64_t>(mysql_stmt_affected_rows(s));
    }
    db.exec("COMMIT");
  } else if (workload == "get_pk") {
    auto get = db.prepare(std::string(k_user_columns) + " WHERE id = ?");
    int64_t id = 0;
    MYSQL_BIND param = {};
    param.buffer_type = MYSQL_TYPE_LONGLONG;
    param.buffer = &id;
    mysql_check(get.get(), mysql_stmt_bind_param(get.get(), &param));
    UserResult result(get.get());
    for (int64_t k = 0; k < count; ++k) {
      id = lookup_id(k, count);
      mysql_check(get.get(), mysql_stmt_execute(get.get()));
      int rc = mysql_stmt_fetch(get.get());
      if (rc != 0 && rc != MYSQL_DATA_TRUNCATED)
        fail("no user");
      check += result.row().karma;
      while (mysql_stmt_fetch(get.get()) == 0) {
      }
    }
  } else if (workload == "read_all") {
    auto all = db.prepare(k_user_columns);
    mysql_check(all.get(), mysql_stmt_execute(all.get()));
    UserResult result(all.get());
    std::vector<User> users;
    int rc;
    while ((rc = mysql_stmt_fetch(all.get())) == 0 || rc == MYSQL_DATA_TRUNCATED)
      users.push_back(result.row());
    check = static_cast<int64_t>(users.size());
  } else if (workload == "eager") {
    Blog blog;
    auto posts = db.prepare(std::string(k_post_columns) + " ORDER BY id");
    mysql_check(posts.get(), mysql_stmt_execute(posts.get()));
    Post p;
    char title[256], slug[256], body[4096];
    unsigned long lengths[3] = {};
    int8_t published = 0;
    MYSQL_TIME created_at = {};
    MYSQL_BIND binds[7] = {};
    binds[0].buffer_type = MYSQL_TYPE_LONGLONG;
    binds[0].buffer = &p.id;
    binds[1].buffer_type = MYSQL_TYPE_LONGLONG;
    binds[1].buffer = &p.author_id;
    char* texts[] = {title, slug, body};
    unsigned long sizes[] = {sizeof title, sizeof slug, sizeof body};
    for (int c = 0; c < 3; ++c) {
      binds[2 + c].buffer_type = MYSQL_TYPE_STRING;
      binds[2 + c].buffer = texts[c];
      binds[2 + c].buffer_length = sizes[c];
      binds[2 + c].length = &lengths[c];
    }
    binds[5].buffer_type = MYSQL_TYPE_TINY;
    binds[5].buffer = &published;
    binds[6].buffer_type = MYSQL_TYPE_DATETIME;
    binds[6].buffer = &created_at;
    mysql_check(posts.get(), mysql_stmt_bind_result(posts.get(), binds));
    while (mysql_stmt_fetch(posts.get()) == 0) {
      p.title.assign(title, lengths[0]);
      p.slug.assign(slug, lengths[1]);
      p.body.assign(body, lengths[2]);
      p.published = published != 0;
      p.created_at.assign(reinterpret_cast<const char*>(&created_at), sizeof created_at);
      blog.posts.push_back(p);
    }
    auto author_ids = distinct_authors(blog.posts);
    auto authors = db.prepare(std::string(k_user_columns) + " WHERE id IN (" +
                              placeholders(static_cast<int>(author_ids.size()), false) + ")");
    std::vector<MYSQL_BIND> params;
    mysql_bind_ints(params, author_ids);
    mysql_check(authors.get(), mysql_stmt_bind_param(authors.get(), params.data()));
    mysql_check(authors.get(), mysql_stmt_execute(authors.get()));
    UserResult author(authors.get());
    int rc;
    while ((rc = mysql_stmt_fetch(authors.get())) == 0 || rc == MYSQL_DATA_TRUNCATED)
      blog.authors.push_back(author.row());
    std::vector<int64_t> post_ids;
    for (const auto& post : blog.posts)
      post_ids.push_back(post.id);
    auto tags =
        db.prepare("SELECT post_tags.post_id, tags.id, tags.name FROM tags JOIN post_tags ON "
                   "post_tags.tag_id = tags.id WHERE post_tags.post_id IN (" +
                   placeholders(static_cast<int>(post_ids.size()), false) + ")");
    mysql_bind_ints(params, post_ids);
    mysql_check(tags.get(), mysql_stmt_bind_param(tags.get(), params.data()));
    mysql_check(tags.get(), mysql_stmt_execute(tags.get()));
    int64_t post_id = 0;
    Tag tag;
    char tag_name[64];
    unsigned long tag_length = 0;
    MYSQL_BIND tag_binds[3] = {};
    tag_binds[0].buffer_type = MYSQL_TYPE_LONGLONG;
    tag_binds[0].buffer = &post_id;
    tag_binds[1].buffer_type = MYSQL_TYPE_LONG;
    tag_binds[1].buffer = &tag.id;
    tag_binds[2].buffer_type = MYSQL_TYPE_STRING;
    tag_binds[2].buffer = tag_name;
    tag_binds[2].buffer_length = sizeof tag_name;
    tag_binds[2].length = &tag_length;
    mysql_check(tags.get(), mysql_stmt_bind_result(tags.get(), tag_binds));
    std::vector<std::pair<int64_t, Tag>> post_tags;
    while (mysql_stmt_fetch(tags.get()) == 0) {
      tag.name.assign(tag_name, tag_length);
      post_tags.emplace_back(post_id, tag);
    }
    link_blog(blog, post_tags);
    check = static_cast<int64_t>(blog.tags.size());
  } else {
    fail("unknown workload " + workload);
  }
  if (reads)
    db.exec("COMMIT");
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (check == 0)
    fail("the workload read nothing");
  return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

} // namespace

int
main(int argc, char** argv)
{
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s <sqlite|postgres|mysql> <url> <workload> [count]\n", argv[0]);
    return 2;
  }
  try {
    std::string dialect = argv[1], url = argv[2], workload = argv[3];
    int64_t count = argc > 4 ? std::stoll(argv[4]) : 100000;
    int64_t ms = dialect == "sqlite"     ? sqlite_run(url, workload, count)
                 : dialect == "postgres" ? pg_run(url, workload, count)
                 : dialect == "mysql"    ? mysql_run(url, workload, count)
                                         : (fail("unknown dialect " + dialect), 0);
    if (workload != "reset" && workload != "seed")
      std::printf("%lld\n", static_cast<long long>(ms));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_orm_core_raw: %s\n", e.what());
    return 1;
  }
}
