#pragma once

#include "tests/crash/crash_chain.hpp"
#include "tests/crash/crash_database.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace orm::test::crash {

// What the crash suites share about running orm and reading the outcome.
extern const std::vector<std::string> k_lock_timeout; // --lock-timeout 120

std::vector<std::string> joined(std::vector<std::string> head,
                                const std::vector<std::string>& tail);

// ORM_CRASH_TRIALS (else `by_default`) and ORM_CRASH_SEED (random by default).
int trials(int by_default);
std::uint64_t base_seed();

// The "(12 ms)" of orm's "<verb> 20260101000003_ledger_kind (12 ms)", verb "applied" or
// "reverted".
std::chrono::microseconds run_duration(const std::string& output, const std::string& verb);

// The fill's rows all there with their values, and the data migration's copied exactly once.
bool rows_intact(CrashDatabase& database, Flavour flavour);
std::string row_summary(CrashDatabase& database);

} // namespace orm::test::crash
