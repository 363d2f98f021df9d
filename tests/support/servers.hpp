#pragma once

#include <string>

namespace orm::test {

// The URL of the test server named by `variable` (ORM_TEST_POSTGRES_URL, ORM_TEST_MYSQL_URL), as
// exported by .ci/start-databases. Throws, failing the test, when it is not set: the dialect
// tests never skip.
std::string server_url(const char* variable);

// A name no other test run uses at the same time: "<prefix>_<pid>_<counter>".
std::string unique_name(const std::string& prefix);

} // namespace orm::test
