#include "core/dialect/dialect.hpp"
#include "core/dialect/mysql/connection.hpp"
#include "core/dialect/mysql/dialect.hpp"
#include "core/dialect/postgres/dialect.hpp"
#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/dialect.hpp"
#include "core/util/error.hpp"
#include "core/util/mask.hpp"
#include "core/util/url.hpp"

#include <fmt/format.h>

// The one place that knows every dialect.
namespace orm::dialect {

std::string
dialect_name_of(std::string_view url, std::string_view source)
{
  std::string scheme = util::parse_url(url, source, util::UrlForm::path).scheme;
  if (scheme == "sqlite") {
    return "sqlite";
  }
  if (scheme == "postgres" || scheme == "postgresql") {
    return "postgres";
  }
  if (scheme == "mysql" || scheme == "mariadb") {
    return "mysql";
  }
  throw Error(ErrorKind::config,
              fmt::format("{}: unsupported database URL '{}': expected sqlite://, postgres:// or "
                          "mysql://",
                          source, util::mask_url(url)));
}

std::unique_ptr<Dialect>
make_dialect(std::string_view name)
{
  if (name == "sqlite") {
    return std::make_unique<sqlite::SqliteDialect>();
  }
  if (name == "postgres") {
    return std::make_unique<postgres::PostgresDialect>();
  }
  if (name == "mysql") {
    return std::make_unique<mysql::MysqlDialect>();
  }
  throw Error(ErrorKind::config,
              fmt::format("unknown dialect '{}': expected sqlite, postgres or mysql", name));
}

void
check_url(const std::string& url, std::string_view source)
{
  std::string name = dialect_name_of(url, source);
  if (name == "sqlite") {
    sqlite::path_of_url(url, source);
  } else if (name == "mysql") {
    mysql::parse_url(url, source);
  } else {
    util::parse_url(url, source, util::UrlForm::network);
  }
}

std::unique_ptr<Session>
connect(const std::string& url, const ConnectOptions& options, std::string_view source)
{
  // Read here first so that a malformed URL's error names where it came from.
  check_url(url, source);
  std::string name = dialect_name_of(url, source);
  if (name == "sqlite") {
    return std::make_unique<sqlite::SqliteSession>(sqlite::path_of_url(url));
  }
  if (name == "mysql") {
    return std::make_unique<mysql::MysqlSession>(url, options);
  }
  return std::make_unique<postgres::PostgresSession>(url, options);
}

} // namespace orm::dialect
