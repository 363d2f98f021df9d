#pragma once

#include "core/db/statement.hpp"
#include "core/util/error.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

// How each C++ type of a generated row is bound and read: Codec<T>::bind(statement, index,
// value) and Codec<T>::read(statement, column). Specialise it for your own types (as SOCI's
// type_conversion), only where wanted.
namespace orm {

using Json = nlohmann::json;

template <class T> struct Codec;

// The names of a generated enum's values, in declaration order (the database's spelling).
template <class E> struct EnumNames;

#define ORM_CODEC_DIRECT(Type, Getter)                                                             \
  template <> struct Codec<Type>                                                                   \
  {                                                                                                \
    static void bind(db::Statement& s, int i, const Type& v) { s.bind(i, v); }                     \
    static Type read(const db::Statement& s, int c) { return s.Getter(c); }                        \
  };
ORM_CODEC_DIRECT(bool, get_bool)
ORM_CODEC_DIRECT(std::int64_t, get_int64)
ORM_CODEC_DIRECT(double, get_double)
ORM_CODEC_DIRECT(Date, get_date)
ORM_CODEC_DIRECT(Time, get_time)
ORM_CODEC_DIRECT(Timestamp, get_timestamp)
ORM_CODEC_DIRECT(TimestampTz, get_timestamptz)
ORM_CODEC_DIRECT(Decimal, get_decimal)
ORM_CODEC_DIRECT(Uuid, get_uuid)
#undef ORM_CODEC_DIRECT

template <class Int>
requires(std::is_same_v<Int, std::int16_t> || std::is_same_v<Int, std::int32_t>) struct Codec<Int>
{
  static void bind(db::Statement& s, int i, Int v) { s.bind(i, static_cast<std::int64_t>(v)); }
  static Int read(const db::Statement& s, int c)
  {
    std::int64_t value = s.get_int64(c);
    if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max()) {
      throw DatabaseError("column " + std::string(s.column_name(c)) + " holds " +
                              std::to_string(value) + ", out of range for its C++ type",
                          s.sql());
    }
    return static_cast<Int>(value);
  }
};

template <> struct Codec<float>
{
  static void bind(db::Statement& s, int i, float v) { s.bind(i, static_cast<double>(v)); }
  static float read(const db::Statement& s, int c) { return static_cast<float>(s.get_double(c)); }
};

template <> struct Codec<std::string>
{
  static void bind(db::Statement& s, int i, const std::string& v)
  {
    s.bind(i, std::string_view(v));
  }
  static std::string read(const db::Statement& s, int c) { return std::string(s.get_text(c)); }
};

template <> struct Codec<Bytes>
{
  static void bind(db::Statement& s, int i, const Bytes& v)
  {
    s.bind(i, std::span<const std::byte>(v));
  }
  static Bytes read(const db::Statement& s, int c)
  {
    auto bytes = s.get_bytes(c);
    return Bytes(bytes.begin(), bytes.end());
  }
};

template <> struct Codec<Json>
{
  static void bind(db::Statement& s, int i, const Json& v) { s.bind_json(i, v.dump()); }
  static Json read(const db::Statement& s, int c) { return Json::parse(s.get_json(c)); }
};

template <class E>
requires std::is_enum_v<E> && requires
{
  EnumNames<E>::names;
}
struct Codec<E>
{
  static void bind(db::Statement& s, int i, E v)
  {
    s.bind(i, EnumNames<E>::names[static_cast<std::size_t>(v)]);
  }
  static E read(const db::Statement& s, int c)
  {
    std::string_view text = s.get_text(c);
    const auto& names = EnumNames<E>::names;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (names[k] == text) {
        return static_cast<E>(k);
      }
    }
    throw DatabaseError("column " + std::string(s.column_name(c)) + " holds '" + std::string(text) +
                            "', which its enum does not have",
                        s.sql());
  }
};

template <class T> struct Codec<std::optional<T>>
{
  static void bind(db::Statement& s, int i, const std::optional<T>& v)
  {
    if (v) {
      Codec<T>::bind(s, i, *v);
    } else {
      s.bind_null(i);
    }
  }
  static std::optional<T> read(const db::Statement& s, int c)
  {
    if (s.is_null(c)) {
      return std::nullopt;
    }
    return Codec<T>::read(s, c);
  }
};

} // namespace orm
