#pragma once
// Matching entity names the way ardoqpy's find_component does: a substring or the exact
// name, case-insensitive by default. Case folding covers ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic letters (what Ardoq names are written in); other text compares as is.

#include <cstdint>
#include <string>
#include <string_view>

namespace ardoq::connectors {

enum class NameMatch : std::uint8_t { substring, exact };
enum class CaseMatch : std::uint8_t { insensitive, sensitive };

// `text` (UTF-8) with upper-case letters of the scripts above in lower case. Invalid UTF-8
// bytes are kept as they are.
std::string fold_case(std::string_view text);

// Whether `name` matches the searched `text`: contains it (substring) or equals it (exact).
bool name_matches(std::string_view name, std::string_view text, NameMatch match,
                  CaseMatch case_match);

} // namespace ardoq::connectors
