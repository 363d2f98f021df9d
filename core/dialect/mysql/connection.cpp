#include "core/dialect/mysql/connection.hpp"

#include "core/dialect/mysql/statement.hpp"
#include "core/dialect/mysql/types.hpp"

#include "core/util/error.hpp"
#include "core/util/mask.hpp"
#include "core/util/strings.hpp"
#include "core/util/url.hpp"

#include <mysql.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace orm::dialect::mysql {

namespace {

constexpr const char* k_select_server = "SELECT VERSION(), DATABASE()";
// The defaults a table without options gets in this database, on every row, beside each
// character set's default collation (a few dozen rows).
constexpr const char* k_select_defaults = R"sql(
SELECT @@default_storage_engine, s.DEFAULT_CHARACTER_SET_NAME, s.DEFAULT_COLLATION_NAME,
  c.CHARACTER_SET_NAME, c.COLLATION_NAME
FROM information_schema.SCHEMATA s
LEFT JOIN information_schema.COLLATIONS c ON c.IS_DEFAULT = 'Yes'
WHERE s.SCHEMA_NAME = DATABASE())sql";
constexpr std::string_view k_ssl_modes[] = {"disabled", "preferred", "required", "verify_ca",
                                            "verify_identity"};

struct ResultDeleter
{
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};
using ResultHandle = std::unique_ptr<MYSQL_RES, ResultDeleter>;

[[noreturn]] void
bad_url(const util::Url& url, const std::string& why)
{
  throw Error(ErrorKind::config,
              fmt::format("{}: invalid MySQL URL '{}': {}", url.source, url.display, why));
}

unsigned
number_of(const std::string& text, const util::Url& url, std::string_view what)
{
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    bad_url(url, fmt::format("{} '{}' is not a number", what, text));
  }
  return value;
}

void
read_parameter(UrlParts& parts, const std::string& key, const std::string& value,
               const util::Url& url)
{
  if (key == "ssl-mode" || key == "ssl_mode" || key == "sslmode") {
    std::string mode = util::to_lower(value);
    for (char& c : mode) {
      c = c == '-' ? '_' : c;
    }
    if (std::find(std::begin(k_ssl_modes), std::end(k_ssl_modes), mode) == std::end(k_ssl_modes)) {
      bad_url(url, fmt::format("ssl-mode '{}' is not one of disabled, preferred, required, "
                               "verify_ca, verify_identity",
                               value));
    }
    parts.ssl_mode = mode;
  } else if (key == "charset") {
    parts.charset = value;
  } else if (key == "connect_timeout" || key == "connect-timeout") {
    parts.connect_timeout_s = number_of(value, url, "connect_timeout");
  } else if (key == "socket") {
    parts.socket = value;
  } else if (key == "password") {
    parts.password = value;
  } else {
    bad_url(url, fmt::format("unknown parameter '{}' (known: ssl-mode, charset, connect_timeout, "
                             "socket, password)",
                             key));
  }
}

} // namespace

UrlParts
parse_url(const std::string& text, std::string_view source)
{
  util::Url url = util::parse_url(text, source, util::UrlForm::network);
  UrlParts parts;
  parts.user = url.user;
  parts.password = url.password.value_or("");
  if (!url.host.empty()) {
    parts.host = url.host;
  }
  parts.port = url.port.value_or(parts.port);
  parts.database = url.database;
  for (const auto& [key, value] : url.parameters) {
    read_parameter(parts, key, value, url);
  }
  if (parts.database.empty()) {
    bad_url(url, "it names no database: add /<database> after the host");
  }
  parts.display = url.display;
  parts.secrets = url.secrets;
  return parts;
}

ServerInfo
server_info_of(const std::string& version)
{
  ServerInfo info;
  info.kind =
      version.find("MariaDB") != std::string::npos ? ServerKind::mariadb : ServerKind::mysql;
  // MariaDB 10.x replication servers once prefixed "5.5.5-".
  std::string_view text = version;
  if (text.substr(0, 6) == "5.5.5-") {
    text.remove_prefix(6);
  }
  auto parts = util::split(text, '.');
  auto read = [&](size_t index, int fallback) {
    int value = fallback;
    if (parts.size() > index) {
      std::from_chars(parts[index].data(), parts[index].data() + parts[index].size(), value);
    }
    return value;
  };
  info.major = read(0, info.major);
  info.minor = read(1, info.minor);
  return info;
}

std::string
ServerInfo::default_collation_of(const std::string& charset) const
{
  auto found = charset_collations.find(charset);
  if (found != charset_collations.end()) {
    return found->second;
  }
  // Without the list (a ServerInfo made by hand), the database's own may still be known.
  if (charset == default_charset && default_collation_is_charset_default) {
    return default_collation;
  }
  return "";
}

void
MysqlDeleter::operator()(st_mysql* handle) const
{
  mysql_close(handle);
}

MysqlConnection::MysqlConnection(const std::string& url)
    : m_handle(mysql_init(nullptr)), m_display_url(util::mask_url(url))
{
  if (!m_handle) {
    throw DatabaseError("cannot connect to MySQL: out of memory");
  }
  UrlParts parts = parse_url(url);
  m_display_url = parts.display;
  MYSQL* handle = m_handle.get();
  mysql_options(handle, MYSQL_SET_CHARSET_NAME, parts.charset.c_str());
  if (parts.connect_timeout_s) {
    mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &*parts.connect_timeout_s);
  }
  my_bool yes = 1;
  my_bool no = 0;
  if (parts.ssl_mode == "disabled") {
    mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &no);
    mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &no);
  } else if (parts.ssl_mode != "preferred") {
    mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &yes);
    my_bool verify = parts.ssl_mode == "required" ? no : yes;
    mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }
  const char* socket = parts.socket.empty() ? nullptr : parts.socket.c_str();
  if (!mysql_real_connect(handle, parts.host.c_str(), parts.user.c_str(), parts.password.c_str(),
                          parts.database.c_str(), parts.port, socket, CLIENT_FOUND_ROWS)) {
    throw DatabaseError(fmt::format("cannot connect to {}: ERROR {} ({}): {}", m_display_url,
                                    mysql_errno(handle), mysql_sqlstate(handle),
                                    util::scrub(mysql_error(handle), parts.secrets)),
                        "", mysql_sqlstate(handle));
  }
  // orm's SQL is written for backslash escapes and without ANSI_QUOTES (types.hpp, string_literal).
  std::string mode = query("SELECT @@SESSION.sql_mode").text(0, 0);
  if (std::string own = sql_mode_for_orm(mode); own != mode) {
    query("SET SESSION sql_mode = ?", {own});
  }
  db::Result server = query(k_select_server);
  m_server = server_info_of(server.text(0, 0));
  m_server.connected = true;
  m_database = server.text(0, 1);
  refresh_defaults();
}

void
MysqlConnection::refresh_defaults()
{
  db::Result defaults = query(k_select_defaults);
  if (defaults.rows.empty()) {
    return;
  }
  m_server.default_engine = defaults.text(0, 0);
  m_server.default_charset = util::to_lower(defaults.text(0, 1));
  m_server.default_collation = util::to_lower(defaults.text(0, 2));
  m_server.charset_collations.clear();
  for (size_t row = 0; row < defaults.rows.size(); ++row) {
    if (defaults.rows[row][3] && defaults.rows[row][4]) {
      m_server.charset_collations[util::to_lower(defaults.text(row, 3))] =
          util::to_lower(defaults.text(row, 4));
    }
  }
  auto own = m_server.charset_collations.find(m_server.default_charset);
  m_server.default_collation_is_charset_default =
      own == m_server.charset_collations.end() || own->second == m_server.default_collation;
}

unsigned long
MysqlConnection::id() const
{
  return mysql_thread_id(m_handle.get());
}

void
MysqlConnection::fail(const std::string& sql) const
{
  MYSQL* handle = m_handle.get();
  throw DatabaseError(fmt::format("mysql: ERROR {} ({}): {}", mysql_errno(handle),
                                  mysql_sqlstate(handle), mysql_error(handle)),
                      sql, mysql_sqlstate(handle));
}

std::string
MysqlConnection::literal(const db::Value& value) const
{
  if (!value) {
    return "NULL";
  }
  std::string escaped(value->size() * 2 + 1, '\0');
  unsigned long length = mysql_real_escape_string(m_handle.get(), escaped.data(), value->data(),
                                                  static_cast<unsigned long>(value->size()));
  escaped.resize(length);
  return "'" + escaped + "'";
}

void
MysqlConnection::execute(const std::string& sql)
{
  query(sql);
}

db::Result
MysqlConnection::query(const std::string& sql, const std::vector<db::Value>& params)
{
  std::string text;
  if (params.empty()) {
    text = sql;
  } else {
    // `?` outside quotes takes the next parameter.
    size_t next = 0;
    char quote = 0;
    for (char c : sql) {
      if (quote) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '?' && next < params.size()) {
        text += literal(params[next++]);
        continue;
      }
      text += c;
    }
  }
  MYSQL* handle = m_handle.get();
  if (mysql_real_query(handle, text.data(), static_cast<unsigned long>(text.size())) != 0) {
    fail(text);
  }
  ResultHandle stored(mysql_store_result(handle));
  db::Result result;
  if (!stored) {
    if (mysql_field_count(handle) != 0) {
      fail(text);
    }
    return result;
  }
  unsigned int field_count = mysql_num_fields(stored.get());
  MYSQL_FIELD* fields = mysql_fetch_fields(stored.get());
  for (unsigned int f = 0; f < field_count; ++f) {
    result.columns.emplace_back(fields[f].name);
  }
  result.rows.reserve(mysql_num_rows(stored.get()));
  while (MYSQL_ROW row = mysql_fetch_row(stored.get())) {
    unsigned long* lengths = mysql_fetch_lengths(stored.get());
    auto& values = result.rows.emplace_back();
    values.reserve(field_count);
    for (unsigned int f = 0; f < field_count; ++f) {
      if (row[f]) {
        values.emplace_back(std::string(row[f], lengths[f]));
      } else {
        values.emplace_back(std::nullopt);
      }
    }
  }
  return result;
}

std::unique_ptr<db::Statement>
MysqlConnection::prepare(const std::string& sql)
{
  return std::make_unique<MysqlStatement>(m_handle.get(), sql);
}

void
MysqlConnection::begin()
{
  execute("START TRANSACTION");
}
void
MysqlConnection::commit()
{
  execute("COMMIT");
}
void
MysqlConnection::rollback()
{
  execute("ROLLBACK");
}

} // namespace orm::dialect::mysql
