// Planner pass for the component hierarchy: resolves parents (to entries of this run or to
// Ardoq components), finds parent cycles, blocks children of entities that will not be
// written, and orders creates so that parents come before their children.

#include "plan/planner_state.hpp"

#include <algorithm>
#include <array>

namespace ardoq::plan::detail {

void Planner::resolve_hierarchy() {
    auto& entries = m_plan.components;
    const auto n = static_cast<std::uint32_t>(m_desired.components.size());
    // One parent lookup per component, overlapped (LookupAhead).
    auto ahead = lookup_ahead<1>(
        m_desired_keys, m_desired_by_key, n,
        [&](std::uint32_t i) {
            const auto& parent = m_desired.components[i].parent;
            return std::array<std::string_view, 1>{parent ? std::string_view(parent->key)
                                                          : std::string_view()};
        },
        [&](std::uint32_t entity) { __builtin_prefetch(&m_entry_info[entity]); });
    for (std::uint32_t i = 0; i < n; ++i) {
        ahead.advance(i);
        auto& e = entries[i];
        const auto& d = m_desired.components[i];
        if (!d.parent || e.type == k_none || m_plan.key(e).empty())
            continue;
        auto r = resolve_ref(*d.parent, "parent", ahead.hash(i, 0));
        e.parent = r.link;
        if (r.link.kind == Link::Kind::unresolved && !blocked(e.action))
            set_outcome(e, Situation::unresolved, unresolved_action(), std::move(r.reason),
                        std::move(r.hint));
    }

    // Walk every chain of parents within the run once (iteratively: hierarchies can be deep),
    // finishing parents before children. state: 0 new, 1 on the current chain, 2 finished.
    std::vector<std::uint8_t> state(n, 0);
    std::vector<std::uint32_t> chain;
    auto parent_entry = [&](std::uint32_t i) {
        const auto& link = entries[i].parent;
        return link.kind == Link::Kind::entry ? link.index : k_none;
    };
    for (std::uint32_t start = 0; start < n; ++start) {
        if (state[start] != 0)
            continue;
        chain.clear();
        std::uint32_t cur = start;
        while (cur != k_none && state[cur] == 0) {
            state[cur] = 1;
            chain.push_back(cur);
            cur = parent_entry(cur);
        }
        if (cur != k_none && state[cur] == 1) {
            // A cycle: `cur` and every entry after it on the chain.
            auto from = static_cast<std::size_t>(std::find(chain.begin(), chain.end(), cur) -
                                                 chain.begin());
            std::string text = "parent cycle: ";
            constexpr std::size_t k_shown = 6;
            for (std::size_t k = from; k < chain.size() && k - from < k_shown; ++k)
                text += describe(entries[chain[k]]) + " → ";
            if (chain.size() - from > k_shown)
                text += "... → ";
            text += m_plan.describe(entries[cur]);
            for (std::size_t k = from; k < chain.size(); ++k) {
                auto& e = entries[chain[k]];
                if (e.action != Action::conflict)
                    set_outcome(
                        e, Situation::unresolved, Action::error, text,
                        "fix the parent keys in the source so that the hierarchy has no loop");
                state[chain[k]] = 2;
            }
            chain.resize(from);
        }
        // The rest of the chain, from the entry nearest the root down.
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            auto& e = entries[*it];
            state[*it] = 2;
            auto p = parent_entry(*it);
            if (p == k_none)
                continue;
            const auto& parent = entries[p];
            e.depth = static_cast<std::uint16_t>(std::min<unsigned>(parent.depth + 1u, 0xffffu));
            if (blocked(parent.action) && !blocked(e.action))
                set_outcome(e, Situation::unresolved, unresolved_action(),
                            "its parent " + describe(parent) + " will not be written (" +
                                std::string(action_name(parent.action)) + ")",
                            "resolve the parent's problem first");
        }
    }
}

} // namespace ardoq::plan::detail
