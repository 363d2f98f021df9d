#include "core/dialect/mysql/connection.hpp"
#include "core/dialect/mysql/expression.hpp"
#include "core/dialect/mysql/types.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

using namespace orm;
using namespace orm::dialect::mysql;
using schema::Type;
using schema::TypeKind;

TEST_CASE("mysql types: portable types and back", "[mysql][types]")
{
  const std::vector<std::pair<Type, std::string>> pairs = {
      {Type::of(TypeKind::boolean), "tinyint(1)"},
      {Type::of(TypeKind::integer), "int"},
      {Type::of(TypeKind::bigint), "bigint"},
      {Type::of(TypeKind::real), "float"},
      {Type::decimal(10, 2), "decimal(10,2)"},
      {Type::varchar(255), "varchar(255)"},
      {Type::of(TypeKind::uuid), "char(36)"},
      {Type::of(TypeKind::text), "longtext"},
      {Type::of(TypeKind::bytes), "longblob"},
      {Type::of(TypeKind::timestamp), "datetime"},
      {Type::of(TypeKind::timestamptz), "timestamp"},
      {Type::of(TypeKind::json), "json"},
      {Type::enumeration({"a", "it's"}), "enum('a','it''s')"},
  };
  for (const auto& [type, spelling] : pairs) {
    CHECK(column_type(type) == spelling);
    CHECK(type_of_column_type(spelling) == type);
  }
  CHECK(type_of_column_type("int(11)") == Type::of(TypeKind::integer));
  CHECK(type_of_column_type("bigint(20)") == Type::of(TypeKind::bigint));
  CHECK(type_of_column_type("int(10) unsigned") == Type::raw_type("int unsigned"));
  CHECK(type_of_column_type("INT UNSIGNED") == Type::raw_type("int unsigned"));
  CHECK(type_of_column_type("tinyint(4)") == Type::raw_type("tinyint"));
  CHECK(type_of_column_type("datetime(6)") == Type::raw_type("datetime(6)"));
  CHECK(type_of_column_type("set('a', 'b')") == Type::raw_type("set('a','b')"));
  CHECK(type_of_column_type("mediumtext") == Type::raw_type("mediumtext"));
  CHECK(type_of_column_type("int(11) as (`A` + 1) stored") ==
        Type::raw_type("int as (`A` + 1) stored"));
}

TEST_CASE("mysql defaults: MariaDB quotes literals, MySQL flags expressions", "[mysql][types]")
{
  using Kind = schema::Default::Kind;
  auto text = Type::varchar(10);
  auto number = Type::of(TypeKind::integer);
  CHECK(default_of_column_default("'it''s'", text, ServerKind::mariadb, false) ==
        schema::Default{Kind::literal, "'it''s'"});
  CHECK(default_of_column_default("0", number, ServerKind::mariadb, false) ==
        schema::Default{Kind::literal, "0"});
  CHECK(default_of_column_default("current_timestamp()", number, ServerKind::mariadb, false) ==
        schema::Default{Kind::now, ""});
  CHECK(default_of_column_default("lcase('X')", text, ServerKind::mariadb, false) ==
        schema::Default{Kind::expression, "lcase('X')"});
  CHECK(default_of_column_default("abc", text, ServerKind::mysql, false) ==
        schema::Default{Kind::literal, "'abc'"});
  CHECK(default_of_column_default("CURRENT_TIMESTAMP", number, ServerKind::mysql, true) ==
        schema::Default{Kind::now, ""});
}

TEST_CASE("mysql expressions: canonical as the server prints them", "[mysql][types]")
{
  CHECK(canonical_expression("(karma >= 0 AND length(email) > 0)", ServerKind::mariadb) ==
        "`karma` >= 0 and octet_length(`email`) > 0");
  CHECK(canonical_expression("`karma` >= 0 and octet_length(`email`) > 0", ServerKind::mariadb) ==
        "`karma` >= 0 and octet_length(`email`) > 0");
  CHECK(canonical_expression("c IN (1,2)  AND c != 'A  b'", ServerKind::mariadb) ==
        "`c` in (1, 2) and `c` <> 'A  b'");
  CHECK(canonical_expression("lower(`Name`)", ServerKind::mysql) == "lower(`Name`)");
}

TEST_CASE("mysql URLs: parameters, decoding, errors with the password masked", "[mysql][url]")
{
  auto parts = parse_url("mariadb://app:p%40ss@db.local:3307/shop?ssl-mode=REQUIRED&charset=utf8"
                         "&connect_timeout=5");
  CHECK(parts.user == "app");
  CHECK(parts.password == "p@ss");
  CHECK(parts.host == "db.local");
  CHECK(parts.port == 3307);
  CHECK(parts.database == "shop");
  CHECK(parts.ssl_mode == "required");
  CHECK(parts.charset == "utf8");
  CHECK(parts.connect_timeout_s == 5u);
  auto socket = parse_url("mysql://root@localhost/app?socket=/run/mysqld/mysqld.sock");
  CHECK(socket.socket == "/run/mysqld/mysqld.sock");
  CHECK(socket.port == 3306);
  try {
    parse_url("mysql://app:secret@host/db?ssl-mode=sometimes");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::config);
    CHECK(std::string(error.what()).find("secret") == std::string::npos);
    CHECK(std::string(error.what()).find("app:****@host") != std::string::npos);
  }
  CHECK_THROWS_AS(parse_url("mysql://app@host"), Error);
}

TEST_CASE("mysql server detection", "[mysql][url]")
{
  CHECK(server_info_of("10.11.19-MariaDB-0+deb12u1") == ServerInfo{ServerKind::mariadb, 10, 11});
  CHECK(server_info_of("5.5.5-10.11.6-MariaDB") == ServerInfo{ServerKind::mariadb, 10, 11});
  CHECK(server_info_of("11.4.2-MariaDB-1") == ServerInfo{ServerKind::mariadb, 11, 4});
  CHECK(server_info_of("8.0.36") == ServerInfo{ServerKind::mysql, 8, 0});
  CHECK(server_info_of("8.4.3-0ubuntu0.24.04.1") == ServerInfo{ServerKind::mysql, 8, 4});
  // Debian sid's mysql-server-core: the MySQL 8 branches (they test the kind) apply to 9.x.
  ServerInfo nine = server_info_of("9.7.4-2");
  CHECK(nine == ServerInfo{ServerKind::mysql, 9, 7});
  CHECK(nine.at_least(8, 0));
}

TEST_CASE("mysql defaults: TEXT, BLOB and JSON take a literal only as an expression",
          "[mysql][types]")
{
  using Kind = schema::Default::Kind;
  const schema::Default x{Kind::literal, "'x'"};
  CHECK(default_sql(x, Type::of(TypeKind::text)) == "('x')");
  CHECK(default_sql(x, Type::of(TypeKind::bytes)) == "('x')");
  CHECK(default_sql({Kind::literal, "'{}'"}, Type::of(TypeKind::json)) == "('{}')");
  CHECK(default_sql(x, Type::raw_type("mediumtext")) == "('x')");
  CHECK(default_sql(x, Type::raw_type("text character set latin1")) == "('x')");
  CHECK(default_sql(x, Type::varchar(10)) == "'x'");
  CHECK(default_sql(x, Type::raw_type("textile")) == "'x'");
  CHECK(default_sql({Kind::literal, "null"}, Type::of(TypeKind::text)) == "null");
  CHECK(default_sql({Kind::literal, "true"}, Type::of(TypeKind::boolean)) == "1");
  CHECK(default_sql({Kind::expression, "lower('X')"}, Type::of(TypeKind::text)) == "(lower('X'))");
}

TEST_CASE("mysql types: string literals mean the same under every sql_mode", "[mysql][types]")
{
  using Use = LiteralUse;
  struct Case
  {
    std::string text;
    Use use;
    std::string literal;
  };
  const std::vector<Case> cases = {
      {"plain", Use::default_value, "'plain'"},
      {"it's \"q\" `b` -- # /* */", Use::default_value, "'it''s \"q\" `b` -- # /* */'"},
      {"tab\there é", Use::enum_value, "'tab\there é'"},
      {"a\\b", Use::default_value, "_utf8mb4 X'615C62'"},
      {"a\\b", Use::enum_value, "X'615C62'"},
      {"\\'", Use::default_value, "_utf8mb4 X'5C27'"},
      {"line\n-- orm:down", Use::default_value, "_utf8mb4 X'6C696E650A2D2D206F726D3A646F776E'"},
      {std::string("a\0b", 3), Use::enum_value, "X'610062'"},
      // An expression is stored with backslash escapes and parsed again: a quote takes hex too.
      {"it's", Use::expression, "X'69742773'"},
      {"x", Use::expression, "'x'"},
      // A comment takes only a plain string.
      {"a\\b 'c'", Use::comment, "'a\\\\b ''c'''"},
      {std::string("n\0\r\n-- orm:down", 15), Use::comment, "'n\\0\\r\\n-- orm:down'"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(string_literal(c.text, c.use) == c.literal);
  }
}

TEST_CASE("mysql types: literals as the servers print them read back exactly", "[mysql][types]")
{
  CHECK(unescaped_string("a\\\\b\\n''\\0\\r\\t\\Z\\'\\%\\_\\x", '\'') ==
        std::string("a\\b\n'\0\r\t\x1a'\\%\\_x", 15));
  CHECK(hex_literal_value("X'615C62'") == "a\\b");
  CHECK(hex_literal_value("0x615c62") == "a\\b");
  CHECK(hex_literal_value("x'6'") == std::nullopt);
  CHECK(hex_literal_value("'615C62'") == std::nullopt);
  CHECK(hex_literal_value("0x61zz") == std::nullopt);

  // MariaDB quotes and escapes COLUMN_DEFAULT; MySQL reports the text itself.
  auto varchar = Type::varchar(20);
  CHECK(default_of_column_default("'a\\\\b\\n'''", varchar, ServerKind::mariadb, false).text ==
        "'a\\b\n'''");
  CHECK(default_of_column_default("a\\b\n'", varchar, ServerKind::mysql, false).text ==
        "'a\\b\n'''");
  // DEFAULT (X'..') on a TEXT column: MariaDB prints X'..', MySQL 0x.. as an expression.
  auto text = Type::of(TypeKind::text);
  auto mariadb = default_of_column_default("X'615c62'", text, ServerKind::mariadb, false);
  CHECK(mariadb.kind == schema::Default::Kind::literal);
  CHECK(mariadb.text == "'a\\b'");
  auto mysql = default_of_column_default("0x615c62", text, ServerKind::mysql, true);
  CHECK(mysql.kind == schema::Default::Kind::literal);
  CHECK(mysql.text == "'a\\b'");
  CHECK(default_of_column_default("0x10", Type::of(TypeKind::integer), ServerKind::mysql, true)
            .kind == schema::Default::Kind::expression);

  // Enum values: escaped as COLUMN_TYPE prints them, or in hex as orm writes them.
  CHECK(type_of_column_type("enum('a\\\\b','it''s','x\\ny')").values ==
        std::vector<std::string>{"a\\b", "it's", "x\ny"});
  auto type = Type::enumeration({"a\\b", "plain", std::string("n\0l", 3)});
  CHECK(column_type(type) == "enum(X'615C62','plain',X'6E006C')");
  CHECK(type_of_column_type(column_type(type)).values == type.values);
}

TEST_CASE("mysql types: orm's session drops the sql_mode flags that change its SQL",
          "[mysql][types]")
{
  CHECK(sql_mode_for_orm("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES") ==
        "STRICT_TRANS_TABLES");
  CHECK(sql_mode_for_orm("REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ANSI") ==
        "REAL_AS_FLOAT,PIPES_AS_CONCAT,IGNORE_SPACE");
  CHECK(sql_mode_for_orm("ORACLE,STRICT_ALL_TABLES") == "STRICT_ALL_TABLES");
  CHECK(sql_mode_for_orm("") == "");
  CHECK(sql_mode_for_orm("STRICT_TRANS_TABLES") == "STRICT_TRANS_TABLES");
}

TEST_CASE("mysql expressions: MySQL 9's twice-encoded texts are read once", "[mysql][types]")
{
  // 'é中' as MySQL 9.7 reports it in CHECK_CLAUSE: each UTF-8 byte a Latin-1 character.
  CHECK(unescaped_information_schema(
            "(`d` <> _utf8mb4\\'\xC3\x83\xC2\xA9\xC3\xA4\xC2\xB8\xC2\xAD\\')") ==
        "(`d` <> _utf8mb4'\xC3\xA9\xE4\xB8\xAD')");
  // Latin-1 text that is no UTF-8 once decoded stays as it is.
  CHECK(unescaped_information_schema("'\xC3\xA9t\xC3\xA9'") == "'\xC3\xA9t\xC3\xA9'");
  CHECK(unescaped_information_schema("'\xE4\xB8\xAD'") == "'\xE4\xB8\xAD'");
  // The canonical form of a string escapes what MariaDB escapes.
  CHECK(canonical_expression("`s` <> 'a\nb\\\\c'", ServerKind::mariadb) ==
        canonical_expression("`s` <> 'a\\nb\\\\c'", ServerKind::mariadb));
}
