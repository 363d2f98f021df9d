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
    throw std::runtime_error(std::string(variable) +
                             " is not set: start the test servers with `bash .ci/start-databases` "
                             "and `source /tmp/orm-test-servers/env`");
  }
  return value;
}

bool
testing_mysql8()
{
  const char* server = std::getenv("ORM_TEST_MYSQL_SERVER");
  std::string name = server ? server : "";
  if (name != "" && name != "mariadb" && name != "mysql8") {
    throw std::runtime_error("ORM_TEST_MYSQL_SERVER is '" + name +
                             "': expected mariadb (the default) or mysql8");
  }
  return name == "mysql8";
}

std::string
mysql_server_url()
{
  return server_url(testing_mysql8() ? "ORM_TEST_MYSQL8_URL" : "ORM_TEST_MYSQL_URL");
}

std::string
unique_name(const std::string& prefix)
{
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

} // namespace orm::test
