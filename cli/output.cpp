#include "cli/output.hpp"

#include "core/util/mask.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace orm::cli {

namespace {

const char*
color_of(Tone tone)
{
  switch (tone) {
  case Tone::added:
    return "\033[32m";
  case Tone::removed:
    return "\033[31m";
  case Tone::changed:
    return "\033[33m";
  case Tone::warning:
    return "\033[1;33m";
  case Tone::success:
    return "\033[1;32m";
  case Tone::plain:
    break;
  }
  return "";
}

bool
use_color(int fd)
{
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fd) && !(no_color && *no_color);
}

} // namespace

Output::Output(bool quiet) : m_quiet(quiet), m_color(use_color(STDOUT_FILENO)) {}

void
Output::line(std::string_view text, Tone tone) const
{
  if (m_quiet) {
    return;
  }
  if (m_color && tone != Tone::plain) {
    fmt::print("{}{}\033[0m\n", color_of(tone), text);
  } else {
    fmt::print("{}\n", text);
  }
}

void
Output::data(std::string_view text) const
{
  fmt::print("{}", text);
  if (!text.empty() && text.back() != '\n') {
    fmt::print("\n");
  }
}

void
Output::warn(std::string_view text) const
{
  if (use_color(STDERR_FILENO)) {
    fmt::print(stderr, "{}warning:\033[0m {}\n", color_of(Tone::warning), text);
  } else {
    fmt::print(stderr, "warning: {}\n", text);
  }
}

void
Output::change(std::string_view text) const
{
  Tone tone = text.empty()     ? Tone::plain
              : text[0] == '+' ? Tone::added
              : text[0] == '-' ? Tone::removed
              : text[0] == '~' ? Tone::changed
                               : Tone::plain;
  line(text, tone);
}

void
Output::error(std::string_view text)
{
  if (use_color(STDERR_FILENO)) {
    fmt::print(stderr, "\033[1;31merror:\033[0m {}\n", text);
  } else {
    fmt::print(stderr, "error: {}\n", text);
  }
}

std::string
Output::mask(std::string_view url)
{
  return util::mask_url(url);
}

} // namespace orm::cli
