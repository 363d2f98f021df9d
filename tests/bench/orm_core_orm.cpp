// The orm side of tests/bench/orm_core.sh: the same workloads as orm_core_raw.cpp, through the
// runtime and the generated blog header (tests/golden/blog.hpp). Arguments: <dialect> <url>
// <workload> <count>; prints the workload's elapsed ms, or n/a for a workload the runtime cannot
// do yet (insert_bulk and eager wait for insert_many and relation loading).
#include "core/runtime/orm.hpp"
#include "tests/golden/blog.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::int64_t
lookup_id(std::int64_t k, std::int64_t count)
{
  return (k * 7919) % count + 1;
}

} // namespace

int
main(int argc, char** argv)
{
  if (argc != 5) {
    std::fprintf(stderr, "usage: bench_orm_core_orm DIALECT URL WORKLOAD COUNT\n");
    return 2;
  }
  std::string url = argv[2];
  std::string workload = argv[3];
  std::int64_t count = std::atoll(argv[4]);
  if (workload != "insert_single" && workload != "get_pk" && workload != "read_all") {
    std::puts("n/a");
    return 0;
  }
  try {
    // The benchmark database was migrated from the models, not from the pinned migrations.
    auto database =
        orm::Database::open(url, blog::pin, {.pool_size = 1, .pin_check = orm::PinCheck::off});
    auto connection = database->connection();
    std::int64_t check = 0;
    auto start = std::chrono::steady_clock::now();
    connection->transaction([&](orm::Connection& tx) {
      if (workload == "insert_single") {
        for (std::int64_t i = 1; i <= count; ++i) {
          auto user =
              orm::insert(tx, blog::NewUser{.email = "user" + std::to_string(i) + "@example.com",
                                            .name = "User " + std::to_string(i),
                                            .karma = static_cast<std::int32_t>(i % 1000)});
          check += user.id;
        }
      } else if (workload == "get_pk") {
        for (std::int64_t k = 0; k < count; ++k) {
          check += blog::users::get(tx, lookup_id(k, count))->karma;
        }
      } else {
        auto rows = tx.query<std::tuple<std::int64_t, std::string, std::optional<std::string>,
                                        std::int32_t, orm::Timestamp>>(
            "SELECT id, email, name, karma, created_at FROM users");
        std::vector<blog::User> users;
        users.reserve(rows.size());
        for (auto& [id, email, name, karma, created_at] : rows) {
          users.push_back({id, std::move(email), std::move(name), karma, created_at});
        }
        check = static_cast<std::int64_t>(users.size());
      }
    });
    auto elapsed = std::chrono::steady_clock::now() - start;
    if (check == 0) {
      std::fprintf(stderr, "bench_orm_core_orm: %s read nothing\n", workload.c_str());
      return 1;
    }
    std::printf("%lld\n",
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_orm_core_orm: %s\n", error.what());
    return 1;
  }
  return 0;
}
