#pragma once
// Logging set-up for the executable: spdlog on stderr, as text or as JSON lines.
// Library code only calls spdlog; it never configures it.

#include <string_view>

namespace ardoq::cli {

enum class LogFormat { text, json };

// Installs the default logger. level: trace|debug|info|warn|error|off. quiet lowers the
// level to warnings when it was not set explicitly. Throws InputError on a bad level.
void setup_logging(std::string_view level, LogFormat format, bool quiet);

} // namespace ardoq::cli
