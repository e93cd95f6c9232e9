#pragma once
// The numbers every report starts with: entities per type and action.

#include "plan/plan.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::report {

using Counts = std::array<std::uint64_t, plan::k_action_count>; // indexed by plan::Action

inline std::uint64_t count_of(const Counts& c, plan::Action a) {
    return c[static_cast<std::size_t>(a)];
}

struct TypeCounts {
    plan::EntityKind kind = plan::EntityKind::component;
    std::string type;
    Counts counts{};
};

struct Summary {
    std::vector<TypeCounts> types; // components first, then references; by type name
    Counts totals{};
};

Summary summarize(const plan::Plan& plan);

// Column order of summary tables, with their headings: create, update, delete, unchanged,
// conflict, cache miss, then error and skip (shown only when some entity has them).
struct Column {
    plan::Action action;
    std::string_view heading; // "create", ..., "cache-miss"
};
std::vector<Column> summary_columns(const Summary& s);

// "2 to create, 1 to update, 0 to delete, 10 unchanged, 1 conflict, 2 cache misses" (+
// ", 1 error, 3 skipped" when there are any).
std::string summary_sentence(const Summary& s);

} // namespace ardoq::report
