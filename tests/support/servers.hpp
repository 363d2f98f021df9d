#pragma once

#include <string>

namespace orm::test {

// The URL of the test server named by `variable` (ORM_TEST_POSTGRES_URL, ORM_TEST_MYSQL_URL), as
// exported by .ci/start-databases. Throws, failing the test, when it is not set: the dialect
// tests never skip.
std::string server_url(const char* variable);

// The MySQL-family server the [mysql] tests run against: ORM_TEST_MYSQL_URL (MariaDB), or
// ORM_TEST_MYSQL8_URL (MySQL) when ORM_TEST_MYSQL_SERVER=mysql8, as ctest sets for the tests it
// registers a second time with the prefix "mysql8: ". Throws like server_url().
std::string mysql_server_url();

// True when the [mysql] tests run against MySQL (ORM_TEST_MYSQL_SERVER=mysql8).
bool testing_mysql8();

// A name no other test run uses at the same time: "<prefix>_<pid>_<counter>".
std::string unique_name(const std::string& prefix);

} // namespace orm::test
