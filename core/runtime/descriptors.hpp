#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <tuple>

// What a generated header declares about each table: plain constexpr values, no type towers,
// so that including the header for 50 tables costs little compile time. The query builder,
// the row codecs and the relation loader read these.
namespace orm {

enum ColumnFlags : unsigned
{
  no_flags = 0,
  primary_key = 1u << 0,
  autoincrement = 1u << 1,
  unique = 1u << 2,    // a single-column unique key
  generated = 1u << 3, // computed by the database: never written
  has_default = 1u << 4,
  nullable = 1u << 5,
};

// Table Row's descriptor: `models::users::table`.
template <class Row> struct Table
{
  using row_type = Row;
  std::string_view name;
};

// Column `name` of table Row, held in `Row::*member` as C++ type T (std::optional<U> when the
// column is nullable).
template <class Row, class T> struct Column
{
  using row_type = Row;
  using value_type = T;
  std::string_view table;
  std::string_view name;
  T Row::*member;
  unsigned flags = no_flags;
};

// Relations, derived from single-column foreign keys. From/To are row types; the columns name
// the foreign key's column and the key it references.
// posts.author_id -> users.id, seen from posts: `models::posts::author`.
template <class From, class FkT, class To, class KeyT> struct BelongsTo
{
  std::string_view name;         // the foreign key's name
  Column<From, FkT> foreign_key; // posts.author_id
  Column<To, KeyT> key;          // users.id
};
// The same foreign key seen from users: `models::users::posts` (HasMany), or HasOne when the
// foreign key's column is unique.
template <class From, class KeyT, class To, class FkT> struct HasMany
{
  std::string_view name;
  Column<From, KeyT> key;      // users.id
  Column<To, FkT> foreign_key; // posts.author_id
};
template <class From, class KeyT, class To, class FkT> struct HasOne
{
  std::string_view name;
  Column<From, KeyT> key;
  Column<To, FkT> foreign_key;
};
// Through a join table whose primary key is exactly its two foreign keys:
// posts.id <- post_tags.post_id, post_tags.tag_id -> tags.id, seen from posts.
template <class From, class KeyT, class Join, class JoinFromT, class JoinToT, class To,
          class ToKeyT>
struct ManyToMany
{
  std::string_view name;           // the join table
  Column<From, KeyT> key;          // posts.id
  Column<Join, JoinFromT> from_fk; // post_tags.post_id
  Column<Join, JoinToT> to_fk;     // post_tags.tag_id
  Column<To, ToKeyT> to_key;       // tags.id
};

// One applied migration, as orm_migrations records it.
struct PinnedMigration
{
  std::string_view version;
  std::string_view checksum;
};

// What the header was generated from; orm::Database checks it against the database at open.
struct Pin
{
  std::string_view dialect; // orm.state's dialect line
  std::string_view head;    // the newest migration's version
  std::string_view sum;     // orm.sum's first line: h1:<hash of the chain>
  std::span<const PinnedMigration> history;
};

// Specialised by the generated header for every row struct, as plain arrays and functions
// (tuples of descriptors cost seconds of compile time per table):
//   static constexpr const Table<Row>& table;
//   static constexpr std::array<std::string_view, N> column_names;    // declaration order
//   static Row read(const db::Statement&, int first);                   // those columns, from
//   `first` using insert_type = NewRow; static constexpr std::array<std::string_view, M>
//   insert_columns;  // the insert struct's
//   static constexpr std::array<bool, M> insert_defaulted;            // has a default
//   // Bit k set: the k-th defaulted insert column is given (one left empty is not written).
//   static std::uint64_t insert_shape(const NewRow&);
//   // Binds the written insert columns of `row` from parameter `first`; returns how many.
//   static int bind_insert(db::Statement&, int first, const NewRow& row);
//   // The primary key, then each unique key, each as its column names joined by ',':
//   // what an upsert may name as its conflict target.
//   static constexpr std::array<std::string_view, K> unique_keys;
template <class Row> struct TableTraits;

} // namespace orm
