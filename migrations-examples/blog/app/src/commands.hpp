#pragma once

#include "core/runtime/orm.hpp"

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace blog_app {

// A failure the blog reports with its own exit code (see README.md).
class AppError : public std::runtime_error
{
public:
  AppError(int exit_code, const std::string& message)
      : std::runtime_error(message), m_exit_code(exit_code)
  {
  }
  int exit_code() const { return m_exit_code; }

private:
  int m_exit_code;
};

inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_not_found = 3;
inline constexpr int k_exit_duplicate = 4;
inline constexpr int k_exit_database = 5;

// Runs one command (`args` are the words after it) and prints its result to `out`.
void run_command(orm::Database& database, const std::string& command,
                 const std::vector<std::string>& args, std::ostream& out);

} // namespace blog_app
