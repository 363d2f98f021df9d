// blog <database-url> <command> [args...]: a command-line blog over the header that
// `orm generate` made from this executable's database's migrations (see ../README.md).

#include "commands.hpp"
#include "models.hpp"

#include "core/db/errors.hpp"

#include <iostream>

int
main(int argc, char** argv)
{
  if (argc < 3) {
    std::cerr << "usage: blog <database-url> <command> [args...]\n"
                 "commands: add-user, write-post, list-posts, comment, publish, top-authors\n";
    return blog_app::k_exit_usage;
  }
  try {
    // Refuses a database whose applied migrations are not the header's (run `orm migrate up`).
    auto database = orm::Database::open(argv[1], blog::pin, {.pool_size = 1});
    blog_app::run_command(*database, argv[2], std::vector<std::string>(argv + 3, argv + argc),
                          std::cout);
    return 0;
  } catch (const blog_app::AppError& error) {
    std::cerr << "blog: " << error.what() << "\n";
    return error.exit_code();
  } catch (const orm::Error& error) {
    std::cerr << "blog: " << error.what() << "\n";
    return blog_app::k_exit_database;
  } catch (const std::exception& error) {
    std::cerr << "blog: unexpected: " << error.what() << "\n";
    return 1;
  }
}
