#include "mappings/text/suggest.hpp"

#include <algorithm>
#include <limits>

namespace ardoq::mapping {

namespace {
char fold(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // Three rolling rows: the swap rule looks two rows back.
    std::vector<std::size_t> back2(m + 1), back1(m + 1), row(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        back1[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            row[j] = std::min({back1[j] + 1, row[j - 1] + 1, back1[j - 1] + cost});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]))
                row[j] = std::min(row[j], back2[j - 2] + 1);
        }
        std::swap(back2, back1);
        std::swap(back1, row);
    }
    return back1[m];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Short words tolerate one edit, longer ones a few: "kye" -> "key", "Aplication" ->
    // "Application", but "id" does not suggest "to".
    const std::size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    std::string_view best_name;
    for (auto c : candidates) {
        if (c == word)
            continue;
        const std::size_t d = edit_distance(word, c);
        if (d <= limit && d < word.size() && d < best) {
            best = d;
            best_name = c;
        }
    }
    return std::string(best_name);
}

std::string quoted_list(const std::vector<std::string_view>& names, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
        if (i > 0)
            out += ", ";
        out += '"';
        out += names[i];
        out += '"';
    }
    if (names.size() > limit)
        out += ", ...";
    return out;
}

std::string suggestion_hint(std::string_view word, const std::vector<std::string_view>& candidates,
                            std::string_view what) {
    if (auto best = closest_match(word, candidates); !best.empty())
        return "did you mean \"" + best + "\"?";
    if (candidates.empty())
        return {};
    return std::string(what) + ": " + quoted_list(candidates);
}

} // namespace ardoq::mapping
