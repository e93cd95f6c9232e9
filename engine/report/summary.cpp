#include "report/summary.hpp"

#include <algorithm>
#include <map>

namespace ardoq::report {

using plan::Action;

Summary summarize(const plan::Plan& plan) {
    std::map<std::pair<plan::EntityKind, std::string_view>, Counts> by_type;
    auto add = [&](plan::EntityKind kind, std::string_view type, Action a) {
        ++by_type[{kind, type}][static_cast<std::size_t>(a)];
    };
    for (const auto& e : plan.components)
        add(plan::EntityKind::component, plan.type_name(e), e.action);
    for (const auto& e : plan.references)
        add(plan::EntityKind::reference, plan.type_name(e), e.action);
    Summary s;
    for (const auto& [key, counts] : by_type) {
        s.types.push_back({key.first, std::string(key.second), counts});
        for (std::size_t i = 0; i < counts.size(); ++i)
            s.totals[i] += counts[i];
    }
    return s;
}

std::vector<Column> summary_columns(const Summary& s) {
    std::vector<Column> out{{Action::create, "create"},     {Action::update, "update"},
                            {Action::remove, "delete"},     {Action::none, "unchanged"},
                            {Action::conflict, "conflict"}, {Action::cache_miss, "cache-miss"}};
    if (count_of(s.totals, Action::error) > 0)
        out.push_back({Action::error, "error"});
    if (count_of(s.totals, Action::skip) > 0)
        out.push_back({Action::skip, "skip"});
    return out;
}

std::string summary_sentence(const Summary& s) {
    auto n = [&](Action a) { return count_of(s.totals, a); };
    auto plural = [](std::uint64_t v, const char* one, const char* many) {
        return std::to_string(v) + " " + (v == 1 ? one : many);
    };
    std::string out = std::to_string(n(Action::create)) + " to create, " +
                      std::to_string(n(Action::update)) + " to update, " +
                      std::to_string(n(Action::remove)) + " to delete, " +
                      std::to_string(n(Action::none)) + " unchanged, " +
                      plural(n(Action::conflict), "conflict", "conflicts") + ", " +
                      plural(n(Action::cache_miss), "cache miss", "cache misses");
    if (n(Action::error) > 0)
        out += ", " + plural(n(Action::error), "error", "errors");
    if (n(Action::skip) > 0)
        out += ", " + std::to_string(n(Action::skip)) + " skipped";
    return out;
}

} // namespace ardoq::report
