#pragma once

#include "core/schema/schema.hpp"

#include <string>
#include <vector>

// schema -> the generated C++ header of `orm generate --lang cpp`: row and insert structs, enum
// classes, constexpr descriptors, key lookups, relations, JSON and the pin. A printer: no I/O.
namespace orm::codegen {

struct PinnedFile
{
  std::string version;
  std::string checksum;
};

// What the header is pinned to: orm.state's dialect, the newest migration, orm.sum's first line
// and every migration's checksum (as orm_migrations records them).
struct HeaderPin
{
  std::string dialect;
  std::string head;
  std::string head_name;
  std::string sum;
  std::vector<PinnedFile> history;
};

struct HeaderOptions
{
  std::string name_space = "models"; // may be nested: "app::db"
};

// Byte-identical for the same input.
std::string cpp_header(const schema::Schema& schema, const HeaderPin& pin,
                       const HeaderOptions& options);

// True when `name_space` is a valid C++ namespace name (`a::b` allowed, no keywords).
bool valid_namespace(const std::string& name_space);

} // namespace orm::codegen
