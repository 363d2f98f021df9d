#include "tests/crash/crash_chain.hpp"

#include "core/migrate/directory.hpp"
#include "tests/support/edited.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/servers.hpp"
#include "tests/support/temp_dir.hpp"

#include <stdexcept>

namespace orm::test::crash {

namespace {

// 2026-01-01T00:00:00Z; migration i gets this plus i seconds as its version.
constexpr long k_first_epoch = 1767225600;

const std::string k_initial_models = R"(table accounts {
  id bigint primary key
  name varchar(100)
}

table ledger {
  id bigint primary key
  account_id bigint
  amount int
  note text?
}
)";

struct Edit
{
  std::string from; // replaced by `to`, first occurrence; empty: `to` is appended
  std::string to;
};

// One migration: models edits for makemigrations, or, when `up` is set, a hand-written one.
struct Step
{
  std::string name;
  std::vector<Edit> edits;
  std::string up;
  std::string down;
};

// 0..9 as a derived table, crossed with itself to count without a recursive CTE (MySQL stops
// recursion at 1,000 by default).
const std::string k_digits = "(SELECT 0 AS x UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL "
                             "SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 "
                             "UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

// 1..10^digits as column n.
std::string
numbers(int digits)
{
  std::string sum;
  std::string from;
  std::string weight = "1";
  for (int d = 0; d < digits; ++d) {
    std::string alias = "d" + std::to_string(d);
    sum += (d ? " + " : "") + weight + " * " + alias + ".x";
    from += (d ? " CROSS JOIN " : "") + k_digits + " " + alias;
    weight += "0";
  }
  return "(SELECT " + sum + " + 1 AS n FROM " + from + ") numbers";
}

int
ledger_digits(Flavour flavour)
{
  return flavour == Flavour::sqlite ? 5 : 4;
}

std::vector<Step>
steps(Flavour flavour)
{
  std::string concurrently = flavour == Flavour::postgres_no_transaction ? " concurrently" : "";
  return {
      {"initial", {{"", k_initial_models}}, "", ""},
      {"fill",
       {},
       "INSERT INTO accounts (id, name) SELECT n, 'account' FROM " + numbers(3) +
           ";\n\nINSERT INTO ledger (id, account_id, amount, note) SELECT n, n % 1000 + 1, n % "
           "997, NULL FROM " +
           numbers(ledger_digits(flavour)) + ";",
       "DELETE FROM ledger;\n\nDELETE FROM accounts;"},
      {"ledger_kind",
       {{"  note text?\n", "  note text?\n  kind varchar(20)? default 'x'\n"}},
       "",
       ""},
      {"ledger_amount_bigint", {{"amount int", "amount bigint"}}, "", ""},
      {"ledger_account_index", {{"default 'x'\n", "default 'x'\n  index (account_id)\n"}}, "", ""},
      {"ledger_account_fk",
       {{"account_id bigint\n", "account_id bigint references accounts(id)\n"}},
       "",
       ""},
      {"tags",
       {{"", "\ntable tags {\n  id int primary key\n  label varchar(50) unique\n}\n"}},
       "",
       ""},
      {"accounts_title", {{"name varchar(100)", "title varchar(100) was name"}}, "", ""},
      {"ledger_amount_check", {{"amount bigint", "amount bigint check (amount >= 0)"}}, "", ""},
      {"events",
       {{"",
         "\ntable events {\n  id bigint primary key autoincrement\n  account_id bigint\n  label "
         "varchar(100)\n}\n"}},
       "",
       ""},
      {"copy_accounts_to_events",
       {},
       "INSERT INTO events (account_id, label) SELECT id, title FROM accounts;",
       "DELETE FROM events;"},
      {"labels", {{"table tags {", "table labels was tags {"}}, "", ""},
      {"accounts_email",
       {{"  title varchar(100) was name\n", "  title varchar(100)\n  email "
                                            "varchar(200)?\n"}},
       "",
       ""},
      {"accounts_email_unique", {{"email varchar(200)?", "email varchar(200)? unique"}}, "", ""},
      {"drop_ledger_note", {{"  note text?\n", ""}}, "", ""},
      {"ledger_kind_default", {{"default 'x'", "default 'y'"}}, "", ""},
      {"labels_wider", {{"label varchar(50)", "label varchar(80)"}}, "", ""},
      {"audit",
       {{"",
         "\ntable audit {\n  id bigint primary key\n  ledger_id bigint references ledger(id)\n  "
         "noted_at timestamp?\n}\n"}},
       "",
       ""},
      {"events_label_index",
       {{"  label varchar(100)\n", "  label varchar(100)\n  index (label)\n"}},
       "",
       ""},
      {"ledger_account_amount_index",
       {{"  index (account_id)\n",
         "  index (account_id)\n  index (account_id, amount)" + concurrently + "\n"}},
       "",
       ""},
      {"drop_ledger_account_index", {{"  index (account_id)\n", ""}}, "", ""},
      {"events_score",
       {{"  index (label)\n", "  score int default 0 check (score >= 0)\n  index (label)\n"}},
       "",
       ""},
      {"events_title",
       {{"label varchar(100)", "title varchar(100) was label"}, {"index (label)", "index (title)"}},
       "",
       ""},
      {"drop_audit",
       {{"\ntable audit {\n  id bigint primary key\n  ledger_id bigint references ledger(id)\n  "
         "noted_at timestamp?\n}\n",
         ""}},
       "",
       ""},
      {"accounts_flag",
       {{"  title varchar(100)\n", "  title varchar(100)\n  flag bool default false\n"}},
       "",
       ""},
      {"ledger_amount_nullable", {{"amount bigint check", "amount bigint? check"}}, "", ""},
      {"accounts_title_wider", {{"title varchar(100)\n", "title varchar(150)\n"}}, "", ""},
      {"ledger_account_id_unique",
       {{"  index (account_id, amount)",
         "  unique (account_id, id)\n  index (account_id, amount)"}},
       "",
       ""},
      {"drop_accounts_email", {{"  email varchar(200)? unique\n", ""}}, "", ""},
      {"summaries",
       {{"",
         "\ntable summaries {\n  account_id bigint primary key references accounts(id)\n  total "
         "bigint default 0\n  index (total)\n}\n"}},
       "",
       ""},
  };
}

void
require_orm(const std::filesystem::path& folder, const std::string& args,
            const std::string& environment = "")
{
  auto result = run_orm(folder, args, environment);
  if (result.exit_code != 0) {
    throw std::runtime_error("orm " + args + " exited " + std::to_string(result.exit_code) + ": " +
                             result.err);
  }
}

// The hand-written SQL in place of the placeholders of an `--empty` migration.
void
write_by_hand(const std::filesystem::path& file, const Step& step)
{
  std::string text = read_file(file);
  text = edited(text, "-- write the SQL to apply here", step.up);
  text = edited(text, "-- write the SQL that reverts it here", step.down);
  write_file(file, text);
}

std::string
dialect_of(Flavour flavour)
{
  switch (flavour) {
  case Flavour::sqlite:
    return "sqlite";
  case Flavour::mysql:
    return "mysql";
  default:
    return "postgres";
  }
}

} // namespace

const char*
to_string(Flavour flavour)
{
  switch (flavour) {
  case Flavour::sqlite:
    return "sqlite";
  case Flavour::postgres:
    return "postgres";
  case Flavour::postgres_no_transaction:
    return "postgres no-transaction";
  case Flavour::mysql:
    return testing_mysql8() ? "mysql" : "mariadb";
  }
  return "unknown";
}

bool
statement_by_statement(Flavour flavour)
{
  return flavour == Flavour::postgres_no_transaction || flavour == Flavour::mysql;
}

std::int64_t
ledger_rows(Flavour flavour)
{
  std::int64_t rows = 1;
  for (int d = 0; d < ledger_digits(flavour); ++d) {
    rows *= 10;
  }
  return rows;
}

std::int64_t
ledger_amount_sum(Flavour flavour)
{
  std::int64_t sum = 0;
  for (std::int64_t id = 1; id <= ledger_rows(flavour); ++id) {
    sum += id % 997;
  }
  return sum;
}

Chain
write_chain(const std::filesystem::path& folder, Flavour flavour)
{
  require_orm(folder, "init --dialect " + dialect_of(flavour));
  std::string models;
  auto all = steps(flavour);
  for (size_t i = 0; i < all.size(); ++i) {
    const Step& step = all[i];
    std::string epoch = "SOURCE_DATE_EPOCH=" + std::to_string(k_first_epoch + long(i));
    if (!step.up.empty()) {
      require_orm(folder, "makemigrations --offline --empty -n " + step.name, epoch);
      continue;
    }
    for (const auto& edit : step.edits) {
      models = edit.from.empty() ? models + edit.to : edited(models, edit.from, edit.to);
    }
    write_file(folder / "models.orm", models);
    require_orm(folder, "makemigrations --offline -n " + step.name, epoch);
  }
  auto directory = migrate::MigrationDirectory::load_unverified(folder / "migrations");
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& file = directory.files().at(i);
    if (!all[i].up.empty()) {
      write_by_hand(folder / "migrations" / file.file_name, all[i]);
    }
    if (flavour == Flavour::postgres_no_transaction && !file.no_transaction) {
      std::string path = (folder / "migrations" / file.file_name).string();
      std::string text = read_file(path);
      write_file(path, edited(text, "-- orm:up", "-- orm:no-transaction\n\n-- orm:up"));
    }
  }
  require_orm(folder, "migrate hash");

  Chain chain{folder, {}, {}, {}};
  auto hashed = migrate::MigrationDirectory::load(folder / "migrations");
  for (const auto& file : hashed.files()) {
    chain.versions.push_back(file.version);
    chain.statements.push_back(file.up);
    chain.files.push_back(file);
  }
  if (chain.versions.size() != all.size()) {
    throw std::runtime_error("the chain has " + std::to_string(chain.versions.size()) +
                             " migrations, expected " + std::to_string(all.size()));
  }
  bool concurrent_index = false;
  for (const auto& statements : chain.statements) {
    for (const auto& statement : statements) {
      concurrent_index = concurrent_index || statement.find("CONCURRENTLY") != std::string::npos;
    }
  }
  if (flavour == Flavour::postgres_no_transaction && !concurrent_index) {
    throw std::runtime_error("the no-transaction chain has no CREATE INDEX CONCURRENTLY");
  }
  return chain;
}

} // namespace orm::test::crash
