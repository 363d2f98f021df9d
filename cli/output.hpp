#pragma once

#include <string>
#include <string_view>

namespace orm::cli {

enum class Tone
{
  plain,
  added,
  removed,
  changed,
  warning,
  success
};

// All printing goes through here: colours only on a terminal and never with NO_COLOR; passwords
// masked in every URL shown.
class Output
{
public:
  explicit Output(bool quiet = false);

  // A normal line on stdout (suppressed by -q).
  void line(std::string_view text, Tone tone = Tone::plain) const;
  // Requested output (SQL, JSON, a file): printed even with -q, never coloured.
  void data(std::string_view text) const;
  // A warning on stderr.
  void warn(std::string_view text) const;
  // Colours a "+ ..." / "- ..." / "~ ..." change summary line by its first character.
  void change(std::string_view text) const;

  static void error(std::string_view text);
  static std::string mask(std::string_view url);

private:
  bool m_quiet;
  bool m_color;
};

} // namespace orm::cli
