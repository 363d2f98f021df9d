// Bad-input suite, models files: every kind of lexer and parser error on a SQLite project with one
// applied migration; each exits 2 naming file:line:col and what is wrong, and changes nothing.

#include "tests/support/bad_input.hpp"

#include <catch2/catch.hpp>

#include <string>

using orm::test::BadInput;
using namespace std::string_literals;

namespace {

BadInput
models(std::string name, std::string text, std::string message)
{
  return {
      std::move(name), "makemigrations", 2, std::move(message), {{"models.orm", std::move(text)}}};
}

// `text` as the body of table t, after its primary key.
BadInput
in_table(std::string name, const std::string& lines, std::string message)
{
  return models(std::move(name), "table t {\n  id int primary key\n" + lines + "\n}\n",
                std::move(message));
}

} // namespace

TEST_CASE("bad input: models lexer errors", "[cli][bad-input]")
{
  orm::test::run_sqlite_cases({
      models("unterminated string", "table t {\n  a text default 'abc\n}\n",
             "models.orm:2:18: expected end of string, found end of file"),
      models("unterminated block comment", "/* a comment\ntable t { a int }\n",
             "models.orm:1:1: expected end of comment, found end of file"),
      models("unterminated quoted name", "table \"t {\n  a int\n}\n",
             "models.orm:1:7: expected end of quoted name, found end of file"),
      in_table("unterminated check parenthesis", "  a int check (a > 0", "models.orm:3:"),
      in_table("unterminated default expression", "  a int default (lower('x')", "models.orm:3:"),
      in_table("stray closing parenthesis", "  a int )", "models.orm:3:9:"),
      models("binary garbage", "\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe"s, "models.orm:1:1:"),
      models("binary garbage without a NUL byte", "\x7f\x45\x4c\x46\x02\x01\x01\xff\xfe",
             "models.orm:1:1:"),
      models("a NUL byte between tables", "table a { x int }\n\0\ntable b { y int }\n"s,
             "models.orm:2:1:"),
      in_table("a NUL byte inside a quoted name", "  \"a\0b\" int"s,
               "models.orm:3:5: expected a name, found a NUL byte"),
      in_table("a lone double quote", "  \" int", "models.orm:3:3: expected end of quoted name"),
      in_table("a number with two points", "  a double default 1.2.3", "models.orm:3:"),
      in_table("a character that starts nothing", "  a int @", "models.orm:3:9:"),
      in_table("a backtick-quoted name", "  `a` int", "models.orm:3:3:"),
      models("a huge file: 2 MB on one line", "table t {" + std::string(2000000, 'x'),
             "models.orm:1:"),
      models("a huge file: 5,000 nested parentheses in a check",
             "table t {\n  a int check " + std::string(5000, '(') + "a" + std::string(5000, ')') +
                 "\n}\n",
             "models.orm:2:"),
  });
}

TEST_CASE("bad input: models tables and columns", "[cli][bad-input]")
{
  orm::test::run_sqlite_cases({
      models("table without a name", "table { a int }\n", "models.orm:1:7: expected a table name"),
      models("table without a body", "table t\n",
             "models.orm:1:8: expected '{', found end of line"),
      models("table without its closing brace", "table t {\n  a int\n", "models.orm:3:1:"),
      models("text before the first table", "create table t (a int);\n", "models.orm:1:1:"),
      models("unknown table option", "table t colour 'red' { a int }\n", "models.orm:1:9:"),
      models("table option twice", "table t engine InnoDB engine MyISAM { a int }\n",
             "duplicate 'engine' on table 't'"),
      models("table was twice", "table t was a was b { a int }\n", "duplicate 'was' on table 't'"),
      models("table comment twice", "table t comment 'a' comment 'b' { a int }\n",
             "duplicate comment on table 't'"),
      models("table comment not a string", "table t comment nice { a int }\n", "models.orm:1:17:"),
      models("table was without a name", "table t was { a int }\n", "models.orm:1:13:"),
      models("table was a string", "table t was 'old' { a int }\n", "models.orm:1:13:"),
      models("duplicate table", "table t { a int }\ntable t { b int }\n",
             "models.orm:2:7: duplicate table 't'"),
      in_table("duplicate column", "  id bigint", "models.orm:3:3: duplicate column 't.id'"),
      in_table("column without a type", "  a", "models.orm:3:4: expected a type"),
      in_table("unknown type", "  a integer", "models.orm:3:5: expected a type, found 'integer'"),
      in_table("two columns on one line", "  a int b int", "models.orm:3:9:"),
      in_table("nullable mark twice", "  a int??", "models.orm:3:"),
      in_table("unquoted keyword as a column name", "  index int", "models.orm:3:"),
      in_table("column was without a name", "  a int was", "models.orm:3:"),
      in_table("column was twice", "  a int was b was c",
               "duplicate attribute 'was' on column 't.a'"),
      in_table("column comment twice", "  a int comment 'x' comment 'y'",
               "duplicate attribute 'comment' on column 't.a'"),
      in_table("column comment not a string", "  a int comment x", "models.orm:3:"),
      in_table("unknown attribute", "  a int shiny", "models.orm:3:9:"),
      in_table("collate without a name", "  a text collate", "models.orm:3:"),
      in_table("on update not now", "  a timestamp on update 5", "models.orm:3:"),
      in_table("generated without parentheses", "  a int generated id + 1", "models.orm:3:"),
      in_table("generated with a default", "  a int generated (id + 1) default 0",
               "generated column 't.a' cannot have a default"),
      in_table("generated neither stored nor virtual", "  a int generated (id) sometimes",
               "models.orm:3:"),
  });
}

TEST_CASE("bad input: models types and their arguments", "[cli][bad-input]")
{
  orm::test::run_sqlite_cases({
      in_table("varchar without a length", "  a varchar", "models.orm:3:"),
      in_table("varchar of length 0", "  a varchar(0)", "models.orm:3:"),
      in_table("varchar of negative length", "  a varchar(-1)", "models.orm:3:"),
      in_table("varchar of a fractional length", "  a varchar(2.5)", "models.orm:3:"),
      in_table("varchar of a word", "  a varchar(n)", "models.orm:3:"),
      in_table("varchar of two lengths", "  a varchar(1, 2)", "models.orm:3:"),
      in_table("varchar of a length past 64 bits", "  a varchar(99999999999999999999999)",
               "models.orm:3:"),
      in_table("char of length 0", "  a char(0)", "models.orm:3:"),
      in_table("decimal with a scale above its precision", "  a decimal(2, 5)", "models.orm:3:"),
      in_table("decimal with three arguments", "  a decimal(10, 2, 1)", "models.orm:3:"),
      in_table("decimal with a negative scale", "  a decimal(10, -2)", "models.orm:3:"),
      in_table("decimal with an empty argument list", "  a decimal()", "models.orm:3:"),
      in_table("int with a length", "  a int(11)", "models.orm:3:"),
      in_table("enum without values", "  a enum()", "models.orm:3:"),
      in_table("enum of names", "  a enum(x, y)", "models.orm:3:"),
      in_table("enum with a duplicate value", "  a enum('x', 'y', 'x')",
               "duplicate enum value 'x'"),
      in_table("enum value was without an old value", "  a enum('x' was)", "models.orm:3:"),
      in_table("enum value was a name", "  a enum('x' was y)", "models.orm:3:"),
      in_table("enum with a trailing comma", "  a enum('x',)", "models.orm:3:"),
      in_table("enum without parentheses", "  a enum 'x'", "models.orm:3:"),
      in_table("raw type without a string", "  a raw(int)", "models.orm:3:"),
      in_table("raw type with an empty string", "  a raw('')", "models.orm:3:"),
  });
}

TEST_CASE("bad input: models attributes keys and defaults", "[cli][bad-input]")
{
  orm::test::run_sqlite_cases({
      in_table("unique twice", "  a int unique unique",
               "duplicate attribute 'unique' on column 't.a'"),
      in_table("default twice", "  a int default 1 default 2",
               "duplicate attribute 'default' on column 't.a'"),
      in_table("default without a value", "  a int default", "models.orm:3:"),
      in_table("default of a name", "  a int default zero", "models.orm:3:"),
      in_table("default of an empty expression", "  a int default ()", "models.orm:3:"),
      in_table("default of a brace", "  a int default {", "models.orm:3:"),
      in_table("check without parentheses", "  a int check a > 0", "models.orm:3:"),
      in_table("empty check", "  a int check ()", "models.orm:3:"),
      in_table("table check without parentheses", "  check id > 0", "models.orm:3:"),
      in_table("check twice on a column", "  a int check (a > 0) check (a < 9)",
               "duplicate attribute 'check' on column 't.a'"),
      models("two column primary keys", "table t {\n  a int primary key\n  b int primary key\n}\n",
             "duplicate primary key on table 't'"),
      in_table("a column and a table primary key", "  primary key (id)",
               "duplicate primary key on table 't'"),
      models("primary key of an unknown column", "table t {\n  a int\n  primary key (b)\n}\n",
             "unknown column 'b' in table 't'"),
      in_table("primary key without columns", "  primary key ()", "models.orm:3:"),
      models("autoincrement on text", "table t {\n  id text primary key autoincrement\n}\n",
             "expected an integer type for autoincrement column 't.id', found 'text'"),
      in_table("autoincrement on a column that is not the key", "  a int autoincrement",
               "autoincrement column 't.a'"),
      models("autoincrement in a composite key",
             "table t {\n  a int autoincrement\n  b int\n  primary key (a, b)\n}\n",
             "autoincrement column 't.a' must be the only primary key column"),
      models("autoincrement twice",
             "table t {\n  id int primary key autoincrement autoincrement\n}\n",
             "duplicate attribute 'autoincrement' on column 't.id'"),
      models("autoincrement sometimes",
             "table t {\n  id int primary key autoincrement sometimes\n}\n", "models.orm:2:"),
      in_table("references an unknown table", "  a int references nowhere(id)",
               "unknown table 'nowhere' referenced by table 't'"),
      in_table("references an unknown column", "  a int references t(nothing)",
               "unknown column 'nothing' in table 't'"),
      in_table("references without a column", "  a int references t", "models.orm:3:"),
      in_table("references with an empty column list", "  a int references t()", "models.orm:3:"),
      in_table("unknown on delete action", "  a int references t(id) on delete explode",
               "models.orm:3:"),
      in_table("on delete twice", "  a int references t(id) on delete cascade on delete restrict",
               "models.orm:3:"),
      in_table("match sideways", "  a int references t(id) match sideways", "models.orm:3:"),
      in_table("initially never", "  a int references t(id) deferrable initially never",
               "models.orm:3:"),
      in_table("foreign key of an unknown column", "  foreign key (b) references t(id)",
               "unknown column 'b' in table 't'"),
      in_table("foreign key with more columns than it references",
               "  a int\n  foreign key (id, a) references t(id)", "models.orm:4:"),
      in_table("foreign key without references", "  a int\n  foreign key (a)", "models.orm:4:"),
      in_table("foreign key option twice",
               "  a int\n  foreign key f (a) references t(id) on update cascade on update restrict",
               "duplicate 'on update' on foreign key 'f'"),
      in_table("index of an unknown column", "  index (nothing)",
               "unknown column 'nothing' in table 't'"),
      in_table("unique of an unknown column", "  unique (nothing)",
               "unknown column 'nothing' in table 't'"),
      in_table("index without parts", "  index ()", "models.orm:3:"),
      in_table("index without parentheses", "  index id", "models.orm:3:"),
      in_table("index part order sideways", "  index (id sideways)", "models.orm:3:"),
      in_table("index nulls sideways", "  index (id nulls sideways)", "models.orm:3:"),
      in_table("index option twice", "  index i (id) using hash using hash",
               "duplicate 'using' on index 'i'"),
      in_table("index include of nothing", "  index (id) include ()", "models.orm:3:"),
      in_table("index where without a condition", "  index (id) where", "models.orm:3:"),
      in_table("index where ()", "  index (id) where ()", "expected a condition, found '()'"),
      in_table("two indexes with one name", "  index i (id)\n  unique i (id)",
               "duplicate index or constraint name 'i' on table 't'"),
      in_table("index and check with one name", "  index c (id)\n  check c (id > 0)",
               "duplicate index or constraint name 'c' on table 't'"),
      models("a reference to a table declared nowhere, in a second table",
             "table a { id int primary key }\ntable b {\n  a_id int references c(id)\n}\n",
             "unknown table 'c' referenced by table 'b'"),
  });
}

TEST_CASE("bad input: models file itself", "[cli][bad-input]")
{
  using orm::test::BadInput;
  orm::test::run_sqlite_cases({
      BadInput{"models file missing", "makemigrations --models nothing.orm", 2,
               "cannot read models file"},
      BadInput{"models file is a directory", "makemigrations --models migrations", 2,
               "cannot read models file"},
      BadInput{"models path through a regular file", "makemigrations --models orm.toml/models.orm",
               2, "cannot read models file"},
  });
}
