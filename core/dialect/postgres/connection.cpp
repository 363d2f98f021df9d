#include "core/dialect/postgres/connection.hpp"

#include "core/db/errors.hpp"
#include "core/dialect/postgres/statement.hpp"
#include "core/util/error.hpp"
#include "core/util/mask.hpp"
#include "core/util/url.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace orm::dialect::postgres {

namespace {

// Seconds libpq waits for a server when the URL does not say.
constexpr const char* k_default_connect_timeout = "10";

// libpq messages end in a newline and may span lines ("...failed: Connection refused\n\tIs the
// server running..."): one line for people.
std::string
one_line(const char* message)
{
  std::string line;
  for (const char* c = message ? message : ""; *c; ++c) {
    bool space = std::isspace(static_cast<unsigned char>(*c));
    if (!space) {
      line += *c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  return line;
}

// The server's message, detail and hint on one line (libpq's own text adds the statement's
// position over several lines).
std::string
server_message(const PGresult* result)
{
  std::string message = one_line(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
  for (int field : {PG_DIAG_MESSAGE_DETAIL, PG_DIAG_MESSAGE_HINT}) {
    if (const char* text = PQresultErrorField(result, field)) {
      message += ". " + one_line(text);
    }
  }
  return message;
}

std::optional<Violation>
violation_of(const std::string& sqlstate)
{
  if (sqlstate == "23505") {
    return Violation::unique;
  }
  if (sqlstate == "23503") {
    return Violation::foreign_key;
  }
  if (sqlstate == "23502") {
    return Violation::not_null;
  }
  if (sqlstate == "23514") {
    return Violation::check;
  }
  return std::nullopt;
}

// The constraint's name, or for NOT NULL (which has none) "table.column".
std::string
violated_constraint(const PGresult* result, Violation kind)
{
  auto field = [&](int code) {
    const char* text = PQresultErrorField(result, code);
    return std::string(text ? text : "");
  };
  if (kind == Violation::not_null) {
    return field(PG_DIAG_TABLE_NAME) + "." + field(PG_DIAG_COLUMN_NAME);
  }
  return field(PG_DIAG_CONSTRAINT_NAME);
}

// libpq's keywords and values for `url`: its parts, then every query parameter as given (a later
// keyword overrides an earlier one), then connect_timeout=10 unless the URL sets one.
std::vector<std::pair<std::string, std::string>>
connection_parameters(const util::Url& url)
{
  std::vector<std::pair<std::string, std::string>> parameters;
  auto add = [&](const char* keyword, const std::string& value) {
    if (!value.empty()) {
      parameters.emplace_back(keyword, value);
    }
  };
  add("host", url.host);
  add("port", url.port ? std::to_string(*url.port) : "");
  add("dbname", url.database);
  add("user", url.user);
  add("password", url.password.value_or(""));
  for (const auto& [key, value] : url.parameters) {
    // libpq reads ssl=true in a URI as sslmode=require, for JDBC's sake; so does orm.
    if (key == "ssl" && value == "true") {
      parameters.emplace_back("sslmode", "require");
    } else {
      parameters.emplace_back(key, value);
    }
  }
  if (!url.parameter("connect_timeout")) {
    parameters.emplace_back("connect_timeout", k_default_connect_timeout);
  }
  return parameters;
}

// PQconnectdbParams with expand_dbname = 0: no value is read as a connection string, so libpq
// never echoes a string that holds the password.
PGconn*
connect_with(const std::vector<std::pair<std::string, std::string>>& parameters)
{
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (const auto& [keyword, value] : parameters) {
    keywords.push_back(keyword.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  return PQconnectdbParams(keywords.data(), values.data(), 0);
}

// Server notices ("drop cascades to ...") are not errors; orm does not print them.
void
ignore_notice(void*, const char*)
{
}

} // namespace

void
ConnDeleter::operator()(pg_conn* connection) const
{
  PQfinish(connection);
}

void
ResultDeleter::operator()(pg_result* result) const
{
  PQclear(result);
}

ResultHandle
checked(PGconn* connection, PGresult* raw, const std::string& sql,
        const std::vector<std::string>& secrets)
{
  ResultHandle result(raw);
  ExecStatusType status = result ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_SINGLE_TUPLE) {
    return result;
  }
  const char* sqlstate = result ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result && PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY)
                            ? server_message(raw)
                            : one_line(PQerrorMessage(connection));
  std::string code = sqlstate ? sqlstate : "";
  message = util::scrub(fmt::format("postgres: {}{}", message,
                                    code.empty() ? "" : fmt::format(" (SQLSTATE {})", code)),
                        secrets);
  if (auto violation = violation_of(code)) {
    throw_violation(*violation, util::scrub(violated_constraint(raw, *violation), secrets), message,
                    sql, code);
  }
  if (code == "40001" || code == "40P01") {
    throw TransientError(message, sql, code);
  }
  throw DatabaseError(message, sql, code);
}

std::string
connection_sqlstate(const std::string& message)
{
  if (message.find("password authentication failed") != std::string::npos ||
      message.find("no password supplied") != std::string::npos) {
    return "28P01";
  }
  if (message.find("database \"") != std::string::npos &&
      message.find("does not exist") != std::string::npos) {
    return "3D000";
  }
  if (message.find("role \"") != std::string::npos ||
      message.find("no pg_hba.conf entry") != std::string::npos) {
    return "28000";
  }
  return "08001";
}

std::string
quote_identifier(const std::string& name)
{
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

PgConnection::PgConnection(const std::string& url)
{
  util::Url parsed = util::parse_url(url, "the database URL", util::UrlForm::network);
  m_conn.reset(connect_with(connection_parameters(parsed)));
  if (!m_conn) {
    throw DatabaseError(fmt::format("cannot connect to {}: out of memory", parsed.display));
  }
  if (PQstatus(m_conn.get()) != CONNECTION_OK) {
    std::string message = one_line(PQerrorMessage(m_conn.get()));
    std::string sqlstate = connection_sqlstate(message);
    message = util::scrub(message, parsed.secrets);
    throw DatabaseError(
        fmt::format("cannot connect to {}: {} (SQLSTATE {})", parsed.display, message, sqlstate),
        {}, sqlstate);
  }
  PQsetNoticeProcessor(m_conn.get(), ignore_notice, nullptr);
  m_secrets = parsed.secrets;
}

void
PgConnection::execute(const std::string& sql)
{
  checked(m_conn.get(), PQexec(m_conn.get(), sql.c_str()), sql, m_secrets);
}

db::Result
PgConnection::query(const std::string& sql, const std::vector<db::Value>& params)
{
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  ResultHandle handle =
      checked(m_conn.get(),
              PQexecParams(m_conn.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0),
              sql, m_secrets);
  PGresult* raw = handle.get();
  db::Result result;
  int column_count = PQnfields(raw);
  int row_count = PQntuples(raw);
  for (int c = 0; c < column_count; ++c) {
    result.columns.emplace_back(PQfname(raw, c));
  }
  result.rows.reserve(row_count);
  for (int r = 0; r < row_count; ++r) {
    auto& row = result.rows.emplace_back();
    row.reserve(column_count);
    for (int c = 0; c < column_count; ++c) {
      if (PQgetisnull(raw, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(raw, r, c), PQgetlength(raw, r, c)));
      }
    }
  }
  return result;
}

std::unique_ptr<db::Statement>
PgConnection::prepare(const std::string& sql)
{
  return std::make_unique<PgStatement>(m_conn.get(), sql, fmt::format("orm_{}", ++m_prepared),
                                       m_secrets);
}

void
PgConnection::begin()
{
  execute("BEGIN");
}
void
PgConnection::commit()
{
  execute("COMMIT");
}
void
PgConnection::rollback()
{
  execute("ROLLBACK");
}

} // namespace orm::dialect::postgres
