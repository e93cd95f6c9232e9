#pragma once
// "Did you mean" suggestions for misspelt keys, sources, filters, types and fields.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping {

// Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours),
// ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo, else "".
// Ties go to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// `did you mean "x"?` when a candidate is close, else `<what>: "a", "b", "c"` (the first
// dozen), or "" when there are no candidates.
std::string suggestion_hint(std::string_view word, const std::vector<std::string_view>& candidates,
                            std::string_view what);

// `"a", "b", "c"`, at most `limit` names, then ", ..." when there are more.
std::string quoted_list(const std::vector<std::string_view>& names, std::size_t limit = 12);

// Views of a container of strings (for the functions above).
template <typename Range> std::vector<std::string_view> views_of(const Range& names) {
    std::vector<std::string_view> out;
    for (const auto& n : names)
        out.emplace_back(n);
    return out;
}

} // namespace ardoq::mapping
