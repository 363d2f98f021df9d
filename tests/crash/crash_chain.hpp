#pragma once

#include "core/migrate/migration_file.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace orm::test::crash {

// The database configurations the crash suite runs against.
enum class Flavour
{
  sqlite,
  postgres,
  postgres_no_transaction, // every file marked `-- orm:no-transaction`, one index concurrently
  mysql,                   // MariaDB, or MySQL when ORM_TEST_MYSQL_SERVER=mysql8
};

// "sqlite", "postgres", "postgres no-transaction", and "mariadb" or "mysql", the server the
// [mysql] tests run against.
const char* to_string(Flavour flavour);
// True where a migration runs statement by statement, each committing on its own.
bool statement_by_statement(Flavour flavour);

// What the hand-written migrations put in: the fill's rows in `ledger` (100,000 on SQLite, whose
// rebuilds copy them; 10,000 on the servers, where ALTER TABLE copies them too, slowly on MySQL)
// and its `accounts`, each copied once into `events` by the data migration.
std::int64_t ledger_rows(Flavour flavour);
constexpr std::int64_t k_accounts = 1000;
// SUM(amount) over the filled ledger (amount = id % 997).
std::int64_t ledger_amount_sum(Flavour flavour);

// A project of 30 migrations made by `orm makemigrations --offline` from models edits (new,
// dropped and renamed columns and tables, type, default and nullability changes, indexes,
// unique keys, foreign keys, checks; on SQLite five of them rebuild the ledger), plus two
// hand-written ones: the fill and a data migration that doubles `events` when it runs twice.
struct Chain
{
  std::filesystem::path folder; // orm.toml, models.orm, migrations/
  std::vector<std::string> versions;
  // Each migration's up statements, split as orm splits them.
  std::vector<std::vector<std::string>> statements;
  // Each migration as orm's parser reads it (its down statements and steps).
  std::vector<migrate::MigrationFile> files;
};

// Writes the chain into `folder` (which must exist) for `flavour`; fails the test when orm
// refuses any step.
Chain write_chain(const std::filesystem::path& folder, Flavour flavour);

} // namespace orm::test::crash
