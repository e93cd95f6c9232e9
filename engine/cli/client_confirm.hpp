#pragma once
// Asking a person before something that cannot be undone (workspace delete). Without a
// terminal there is nobody to ask: the command refuses unless --yes was given.

#include <iosfwd>
#include <string_view>

namespace ardoq::cli {

// Writes `question` and " [y/N] " to `prompt`, reads one line from `in`: "y" or "yes" (any
// case, surrounding blanks ignored) is yes; anything else, or no line at all, is no.
bool ask_yes_no(std::istream& in, std::ostream& prompt, std::string_view question);

// Whether standard input is a terminal a person can answer on.
bool stdin_is_terminal();

} // namespace ardoq::cli
