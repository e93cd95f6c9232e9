#include "report/entities.hpp"

#include <algorithm>

namespace ardoq::report {

using plan::Action;
using plan::EntityKind;

namespace {

int urgency(Action a) {
    switch (a) {
    case Action::error:
        return 0;
    case Action::conflict:
        return 1;
    case Action::remove:
        return 2;
    case Action::update:
        return 3;
    case Action::create:
        return 4;
    case Action::cache_miss:
        return 5;
    case Action::skip:
        return 6;
    case Action::none:
        return 7;
    }
    return 8;
}

// Sort key pieces of an entry.
struct Key {
    EntityKind kind;
    std::string_view type;
    std::string key;
    std::uint32_t desired;
    std::uint32_t existing;
};

Key key_of(const plan::Plan& plan, EntityRef r) {
    if (r.kind == EntityKind::component) {
        const auto& e = plan.components[r.index];
        return {r.kind, plan.type_name(e), std::string(plan.key(e)), e.desired, e.existing};
    }
    const auto& e = plan.references[r.index];
    return {r.kind, plan.type_name(e), plan.key(e), e.desired, e.existing};
}

bool before(const Key& a, const Key& b) {
    if (a.kind != b.kind)
        return a.kind < b.kind;
    if (a.type != b.type)
        return a.type < b.type;
    if (a.key != b.key)
        return a.key < b.key;
    if (a.desired != b.desired)
        return a.desired < b.desired;
    return a.existing < b.existing;
}

// The first `limit` entries in the order `less` gives, and how many there are in all.
template <typename Less>
DetailList sorted(const plan::Plan& plan, bool unchanged, std::size_t limit, Less less) {
    std::vector<EntityRef> refs;
    std::vector<Key> keys;
    for (std::uint32_t i = 0; i < plan.components.size(); ++i)
        if (unchanged || plan.components[i].action != Action::none)
            refs.push_back({EntityKind::component, i});
    for (std::uint32_t i = 0; i < plan.references.size(); ++i)
        if (unchanged || plan.references[i].action != Action::none)
            refs.push_back({EntityKind::reference, i});
    keys.reserve(refs.size());
    for (auto r : refs)
        keys.push_back(key_of(plan, r));
    std::vector<std::uint32_t> order(refs.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const auto shown = static_cast<std::ptrdiff_t>(std::min(limit, order.size()));
    std::partial_sort(
        order.begin(), order.begin() + shown, order.end(),
        [&](std::uint32_t a, std::uint32_t b) { return less(refs[a], keys[a], refs[b], keys[b]); });
    DetailList out;
    out.total = order.size();
    out.first.reserve(static_cast<std::size_t>(shown));
    for (auto it = order.begin(); it != order.begin() + shown; ++it)
        out.first.push_back(refs[*it]);
    return out;
}

Action action_of(const plan::Plan& plan, EntityRef r) {
    return r.kind == EntityKind::component ? plan.components[r.index].action
                                           : plan.references[r.index].action;
}

} // namespace

std::vector<EntityRef> all_entities(const plan::Plan& plan) {
    return sorted(plan, true, static_cast<std::size_t>(-1),
                  [](EntityRef, const Key& a, EntityRef, const Key& b) { return before(a, b); })
        .first;
}

DetailList detail_entities(const plan::Plan& plan, std::size_t limit) {
    return sorted(plan, false, limit, [&](EntityRef ra, const Key& a, EntityRef rb, const Key& b) {
        int ua = urgency(action_of(plan, ra));
        int ub = urgency(action_of(plan, rb));
        return ua != ub ? ua < ub : before(a, b);
    });
}

std::string_view kind_name(EntityKind kind) noexcept {
    return kind == EntityKind::component ? "component" : "reference";
}

std::string diff_value(const model::Value& v) {
    return v.is_null() ? "(none)" : v.to_json();
}

EntityView view(const plan::Plan& plan, EntityRef r) {
    EntityView v;
    v.kind = r.kind;
    std::uint32_t detail = plan::k_none;
    if (r.kind == EntityKind::component) {
        const auto& e = plan.components[r.index];
        v.type = plan.type_name(e);
        v.key = std::string(plan.key(e));
        v.name = std::string(plan.name(e));
        if (e.existing != plan::k_none)
            v.id = plan.snapshot->components()[e.existing].id.to_string();
        v.origin = plan.origin(e);
        v.situation = e.situation;
        v.action = e.action;
        detail = e.detail;
    } else {
        const auto& e = plan.references[r.index];
        v.type = plan.type_name(e);
        v.key = plan.key(e);
        if (e.desired != plan::k_none) {
            v.source = plan.desired->references[e.desired].source.key;
            v.target = plan.desired->references[e.desired].target.key;
        } else {
            const auto& ref = plan.snapshot->references()[e.existing];
            v.source = plan.link_key(e.source);
            v.target = plan.link_key(e.target);
            if (v.source.empty())
                v.source = ref.source.to_string();
            if (v.target.empty())
                v.target = ref.target.to_string();
        }
        if (e.existing != plan::k_none)
            v.id = plan.snapshot->references()[e.existing].id.to_string();
        v.origin = plan.origin(e);
        v.situation = e.situation;
        v.action = e.action;
        detail = e.detail;
    }
    v.detail = plan.detail(detail);
    if (v.detail != nullptr && !v.detail->reason.empty())
        v.reason = v.detail->reason;
    else if (v.action == Action::remove)
        v.reason = "in Ardoq but no longer in the source (sync.deletes: mirror)";
    else if (v.action == Action::cache_miss)
        v.reason = "in Ardoq but no longer in the source";
    return v;
}

} // namespace ardoq::report
