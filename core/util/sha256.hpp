#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace orm::util {

// SHA-256 (FIPS 180-4), incremental: update() any number of times, then hex_digest() once.
class Sha256
{
public:
  Sha256();

  void update(std::string_view data);
  // The digest as 64 lowercase hex digits. Finishes the hash: call it once.
  std::string hex_digest();

private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state;
  std::array<std::uint8_t, 64> m_buffer{};
  size_t m_buffered = 0;
  std::uint64_t m_length = 0; // bytes hashed so far
};

// The SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

} // namespace orm::util
