// Kills `orm makemigrations` with SIGKILL at random moments on a SQLite project, and checks the
// migration directory with this test's own reading of it (not orm's): a kill leaves the old
// folder or the new one, and the next orm command leaves no temporary files behind.
// ORM_CRASH_SEED=<n> repeats a run; every failure prints the seed.
#include "core/util/sha256.hpp"
#include "tests/support/run_orm.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using orm::test::read_file;
using orm::test::run_orm;
using orm::test::TempDir;
using orm::test::write_file;

namespace fs = std::filesystem;

namespace {

constexpr int k_trials = 50;
constexpr int k_calibration_runs = 5;
constexpr const char* k_clock = "SOURCE_DATE_EPOCH=1767225600";
constexpr std::string_view k_journal = ".orm-journal";
constexpr std::string_view k_temporary_prefix = ".orm-tmp-";

using Folder = std::map<std::string, std::string>; // file name -> content

Folder
read_folder(const fs::path& folder)
{
  Folder files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (fs::symlink_status(entry.path()).type() == fs::file_type::regular) {
      files[entry.path().filename().string()] = read_file(entry.path());
    }
  }
  return files;
}

bool
is_temporary(const std::string& name)
{
  return name.rfind(k_temporary_prefix, 0) == 0;
}

bool
is_migration(const std::string& name)
{
  return name.size() > 4 && name.substr(name.size() - 4) == ".sql";
}

Folder
without_temporaries(Folder files)
{
  std::erase_if(files, [](const auto& file) { return is_temporary(file.first); });
  return files;
}

std::vector<std::string>
lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The content orm.sum hashes: CR LF as LF, no trailing blanks on a line, no blank lines at the end.
std::string
normalized(const std::string& content)
{
  std::string result;
  size_t kept = 0;
  for (auto line : lines_of(content)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.pop_back();
    }
    result += line;
    kept = line.empty() ? kept : result.size();
    result += '\n';
  }
  result.resize(kept);
  return result;
}

std::string
sha256(const std::string& text)
{
  return orm::util::sha256_hex(text);
}

// Checks orm.sum and orm.state against the .sql files of `files` as the README describes them;
// returns the number of migrations.
size_t
check_consistent(const Folder& files)
{
  std::vector<std::string> migrations;
  for (const auto& [name, content] : files) {
    if (is_migration(name)) {
      migrations.push_back(name); // a std::map iterates in name order, which is version order
    }
  }
  if (migrations.empty()) {
    return 0;
  }
  REQUIRE(files.count("orm.sum"));
  auto sum = lines_of(files.at("orm.sum"));
  REQUIRE(sum.size() == migrations.size() + 1);
  std::string previous;
  std::string body;
  for (size_t i = 0; i < migrations.size(); ++i) {
    previous = sha256(previous + "\n" + migrations[i] + "\n" + normalized(files.at(migrations[i])));
    CHECK(sum[i + 1] == migrations[i] + " h1:" + previous);
    body += sum[i + 1] + "\n";
  }
  CHECK(sum[0] == "h1:" + sha256(body));
  REQUIRE(files.count("orm.state"));
  std::string newest = migrations.back().substr(0, migrations.back().find('_'));
  CHECK(lines_of(files.at("orm.state"))[0] == "// orm:state dialect=sqlite version=" + newest);
  return migrations.size();
}

// The models after `edit` edits: each adds a table and a column to the table before it.
std::string
models(int edit)
{
  std::string text;
  for (int t = 0; t <= edit; ++t) {
    text += "table t" + std::to_string(t) + " {\n  id bigint primary key autoincrement\n" +
            "  name varchar(100) default 'x'\n";
    if (t < edit) {
      text += "  note" + std::to_string(t) + " text?\n";
    }
    text += "  index (name)\n}\n\n";
  }
  return text;
}

// Starts `orm makemigrations` in `folder` and kills it after `delay` (if it is still running).
void
run_killed(const fs::path& folder, std::chrono::microseconds delay)
{
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    if (::chdir(folder.c_str()) != 0 || null < 0) {
      ::_exit(127);
    }
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::unsetenv("ORM_DATABASE_URL");
    ::unsetenv("DATABASE_URL");
    ::putenv(const_cast<char*>(k_clock));
    ::execl(ORM_BINARY, "orm", "makemigrations", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK((WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0)));
}

// Makes the migration for models(edit) without a kill, and applies it; returns how long
// makemigrations took.
std::chrono::microseconds
migrate_to(const fs::path& folder, int edit)
{
  write_file(folder / "models.orm", models(edit));
  auto start = std::chrono::steady_clock::now();
  auto make = run_orm(folder, "makemigrations", k_clock);
  auto took = std::chrono::steady_clock::now() - start;
  INFO(make.err);
  REQUIRE(make.exit_code == 0);
  REQUIRE(run_orm(folder, "migrate up").exit_code == 0);
  return std::chrono::duration_cast<std::chrono::microseconds>(took);
}

enum class Outcome
{
  before_writing,
  temporaries,
  mid_commit,
  committed
};

} // namespace

TEST_CASE("makemigrations killed at any moment leaves the old or the new folder", "[crash]")
{
  std::random_device device;
  const char* seed_text = std::getenv("ORM_CRASH_SEED");
  unsigned seed = seed_text ? static_cast<unsigned>(std::stoul(seed_text)) : device();
  INFO("seed " << seed << " (ORM_CRASH_SEED=" << seed << " repeats this run)");
  std::mt19937 random(seed);

  TempDir project;
  auto migrations = project / "migrations";
  REQUIRE(run_orm(project.path(), "init").exit_code == 0);

  // How long one makemigrations takes here (the median): the kills are spread over that time.
  std::vector<std::chrono::microseconds> durations;
  for (int edit = 0; edit < k_calibration_runs; ++edit) {
    durations.push_back(migrate_to(project.path(), edit));
  }
  std::sort(durations.begin(), durations.end());
  std::uniform_int_distribution<long> delay_us(0, durations[durations.size() / 2].count());

  std::map<Outcome, int> outcomes;
  for (int trial = 0; trial < k_trials; ++trial) {
    int edit = k_calibration_runs + trial;
    std::chrono::microseconds delay(delay_us(random));
    INFO("trial " << trial << ", killed after " << delay.count() << " us");
    Folder before = read_folder(migrations);
    REQUIRE(check_consistent(before) == static_cast<size_t>(edit));
    write_file(project / "models.orm", models(edit));

    run_killed(project.path(), delay);
    Folder killed = read_folder(migrations);

    auto status = run_orm(project.path(), "migrate status");
    INFO(status.err);
    REQUIRE(status.exit_code == 0);
    Folder recovered = read_folder(migrations);
    for (const auto& [name, content] : recovered) {
      CHECK((is_migration(name) || name == "orm.sum" || name == "orm.state")); // no debris
    }

    auto up = run_orm(project.path(), "migrate up");
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
    auto make = run_orm(project.path(), "makemigrations", k_clock);
    INFO(make.err);
    REQUIRE(make.exit_code == 0);
    REQUIRE(run_orm(project.path(), "migrate up").exit_code == 0);
    REQUIRE(run_orm(project.path(), "makemigrations --offline --check").exit_code == 0);
    Folder after = read_folder(migrations);
    REQUIRE(check_consistent(after) == static_cast<size_t>(edit + 1));

    // With the same clock and models the completed run writes what the killed one would have.
    CHECK((recovered == before || recovered == after));
    if (killed.count(std::string(k_journal))) {
      CHECK(recovered == after); // a journal is only written once every new file is durable
      ++outcomes[Outcome::mid_commit];
    } else {
      Folder visible = without_temporaries(killed);
      CHECK((visible == before || visible == after));
      ++outcomes[visible == after                  ? Outcome::committed
                 : visible.size() != killed.size() ? Outcome::temporaries
                                                   : Outcome::before_writing];
    }
  }
  std::cout << "makemigrations killed " << k_trials << " times (seed " << seed << ", delays up to "
            << delay_us.max() << " us): " << outcomes[Outcome::before_writing]
            << " before writing, " << outcomes[Outcome::temporaries] << " with temporaries, "
            << outcomes[Outcome::mid_commit] << " mid-commit, " << outcomes[Outcome::committed]
            << " after the commit\n";
}
