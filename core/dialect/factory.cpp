#include "core/dialect/dialect.hpp"
#include "core/dialect/mysql/dialect.hpp"
#include "core/dialect/postgres/dialect.hpp"
#include "core/dialect/sqlite/connection.hpp"
#include "core/dialect/sqlite/dialect.hpp"
#include "core/util/error.hpp"
#include "core/util/strings.hpp"

#include <fmt/format.h>

// The one place that knows every dialect.
namespace orm::dialect {

namespace {

bool
has_scheme(std::string_view url, std::string_view scheme)
{
  return util::starts_with_icase(url, scheme);
}

[[noreturn]] void
not_yet(std::string_view name)
{
  throw Error(ErrorKind::config,
              fmt::format("the {} dialect is not available in this version of orm yet; "
                          "use a sqlite:// database URL",
                          name));
}

} // namespace

std::string
dialect_name_of(std::string_view url)
{
  if (has_scheme(url, "sqlite:") || has_scheme(url, "file:")) {
    return "sqlite";
  }
  if (has_scheme(url, "postgres://") || has_scheme(url, "postgresql://")) {
    return "postgres";
  }
  if (has_scheme(url, "mysql://") || has_scheme(url, "mariadb://")) {
    return "mysql";
  }
  throw Error(
      ErrorKind::config,
      fmt::format("unsupported database URL '{}': expected sqlite://, postgres:// or mysql://",
                  util::mask_password(url)));
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

std::unique_ptr<Session>
connect(const std::string& url, const ConnectOptions& options)
{
  std::string name = dialect_name_of(url);
  if (name == "sqlite") {
    return std::make_unique<sqlite::SqliteSession>(sqlite::path_of_url(url));
  }
  if (name == "mysql") {
    return std::make_unique<mysql::MysqlSession>(url, options);
  }
  if (name == "postgres") {
    return std::make_unique<postgres::PostgresSession>(url, options);
  }
  not_yet(name);
}

} // namespace orm::dialect
