#include "tests/crash/crash_database.hpp"

namespace orm::test::crash {

const char* const k_select_recorded =
    "SELECT version, statements_applied, statements_total, error FROM orm_migrations "
    "ORDER BY version";
const char* const k_select_progress =
    "SELECT version, statements_applied, statements_total, error, direction, statements_reverted, "
    "in_flight FROM orm_migrations ORDER BY version";

std::vector<RecordedRow>
recorded_rows(const db::Result& result)
{
  std::vector<RecordedRow> rows;
  for (size_t i = 0; i < result.rows.size(); ++i) {
    RecordedRow row{result.text(i, 0), std::stoi(result.text(i, 1)), std::stoi(result.text(i, 2)),
                    result.text(i, 3)};
    if (result.rows[i].size() > 4) {
      row.reverting = result.text(i, 4) == "down";
      row.reverted = std::stoi(result.text(i, 5));
      row.in_flight = result.text(i, 6) != "0";
    }
    rows.push_back(row);
  }
  return rows;
}

std::string
as_lines(const std::string& kind, const db::Result& result)
{
  std::string text;
  for (size_t i = 0; i < result.rows.size(); ++i) {
    text += kind + ":";
    for (size_t c = 0; c < result.rows[i].size(); ++c) {
      text += (c ? " | " : " ") + result.rows[i][c].value_or("NULL");
    }
    text += "\n";
  }
  return text;
}

std::string
row_counts(db::Connection& connection, const std::vector<std::string>& quoted_tables)
{
  std::string text;
  for (const auto& table : quoted_tables) {
    text += "rows: " + table + " | " +
            connection.query("SELECT COUNT(*) FROM " + table).text(0, 0) + "\n";
  }
  return text;
}

std::unique_ptr<CrashDatabase>
fresh_database(Flavour flavour, const std::filesystem::path& folder)
{
  switch (flavour) {
  case Flavour::sqlite:
    return fresh_sqlite_database(folder);
  case Flavour::postgres:
  case Flavour::postgres_no_transaction:
    return fresh_postgres_database();
  case Flavour::mysql:
    return fresh_mysql_database();
  }
  return nullptr;
}

} // namespace orm::test::crash
