#include "tests/crash/crash_run.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace orm::test::crash {

const std::vector<std::string> k_lock_timeout = {"--lock-timeout", "120"};

std::vector<std::string>
joined(std::vector<std::string> head, const std::vector<std::string>& tail)
{
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

int
trials(int by_default)
{
  const char* value = std::getenv("ORM_CRASH_TRIALS");
  return value && *value ? std::stoi(value) : by_default;
}

std::uint64_t
base_seed()
{
  const char* value = std::getenv("ORM_CRASH_SEED");
  if (value && *value) {
    return std::stoull(value);
  }
  std::random_device device;
  return (std::uint64_t(device()) << 32 | device()) % 1000000000;
}

std::chrono::microseconds
run_duration(const std::string& output, const std::string& verb)
{
  size_t done = output.find(verb + " ");
  size_t open = output.find(" (", done);
  size_t end = output.find(" ms)", open);
  if (done == std::string::npos || open == std::string::npos || end == std::string::npos) {
    throw std::runtime_error("no \"" + verb + " ... (N ms)\" in: " + output);
  }
  return std::chrono::milliseconds(std::stoll(output.substr(open + 2, end - open - 2)));
}

bool
rows_intact(CrashDatabase& database, Flavour flavour)
{
  return database.number("SELECT COUNT(*) FROM ledger") == ledger_rows(flavour) &&
         database.number("SELECT SUM(amount) FROM ledger") == ledger_amount_sum(flavour) &&
         database.number("SELECT COUNT(*) FROM accounts") == k_accounts &&
         database.number("SELECT COUNT(*) FROM events") == k_accounts;
}

std::string
row_summary(CrashDatabase& database)
{
  return fmt::format("ledger {} rows (amounts summing to {}), accounts {}, events {}",
                     database.number("SELECT COUNT(*) FROM ledger"),
                     database.number("SELECT SUM(amount) FROM ledger"),
                     database.number("SELECT COUNT(*) FROM accounts"),
                     database.number("SELECT COUNT(*) FROM events"));
}

} // namespace orm::test::crash
