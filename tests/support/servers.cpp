#include "tests/support/servers.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace orm::test {

std::string
server_url(const char* variable)
{
  const char* value = std::getenv(variable);
  if (!value || !*value) {
    throw std::runtime_error(std::string(variable)
                             + " is not set: start the test servers with `bash .ci/start-databases` "
                               "and `source /tmp/orm-test-servers/env`");
  }
  return value;
}

std::string
unique_name(const std::string& prefix)
{
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

} // namespace orm::test
