// Planner pass for what the source no longer has: owned Ardoq entities that no desired
// entity joined become cache misses; in mirror mode they are deleted, except components
// the source still points at or that keep children, and only if the delete guard agrees.

#include "plan/planner_state.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace ardoq::plan::detail {

namespace {

// Which types the sync owns, and the scope filters narrowing each one.
struct Ownership {
    std::vector<std::uint8_t> owned;      // by type index
    std::vector<std::uint8_t> unfiltered; // owned without a filter
    std::vector<std::vector<const model::ScopeRule*>> filters;

    explicit Ownership(std::size_t types) : owned(types), unfiltered(types), filters(types) {}
    void own(std::uint32_t type, const model::ScopeRule* rule) {
        if (type >= owned.size())
            return;
        owned[type] = 1;
        if (rule == nullptr || !rule->filter)
            unfiltered[type] = 1;
        else
            filters[type].push_back(rule);
    }
};

// Presents Ardoq entities to scope filters as records: name, type, description,
// component_key and every custom field by apiKey.
class ScopeRecord {
public:
    explicit ScopeRecord(const model::Snapshot& snap) {
        std::vector<std::string> names{"name", "type", "description", "component_key"};
        for (const auto& k : snap.field_keys())
            names.push_back(k);
        m_record.schema = std::make_shared<const model::Schema>(std::move(names));
        m_record.values.resize(m_record.schema->size());
        m_record.origin.source = "ardoq";
    }
    template <typename Entity>
    const model::Record& fill(const Entity& e, std::string_view name, std::string_view type,
                              std::string_view component_key) {
        auto& v = m_record.values;
        std::fill(v.begin(), v.end(), model::Value());
        v[0] = model::Value(name);
        v[1] = model::Value(type);
        v[2] = e.description ? model::Value(*e.description) : model::Value();
        v[3] = model::Value(component_key);
        for (const auto& f : e.custom_fields)
            v[4 + f.key] = f.value.to_value();
        return m_record;
    }

private:
    model::Record m_record;
};

bool passes(const Ownership& o, std::uint32_t type, const model::Record& r) {
    for (const auto* rule : o.filters[type])
        if (rule->filter(r))
            return true;
    return false;
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    return buf;
}

} // namespace

void Planner::plan_deletes() {
    if (m_policy.deletes == model::DeleteMode::none)
        return;
    const bool mirror = m_policy.deletes == model::DeleteMode::mirror;
    const auto& ctx = m_snap.context;
    Ownership comp_owned(ctx.component_types.size());
    Ownership ref_owned(ctx.reference_types.size());
    if (m_policy.scope.empty()) {
        for (const auto& e : m_plan.components)
            comp_owned.own(e.type, nullptr);
        for (const auto& e : m_plan.references)
            ref_owned.own(e.type, nullptr);
        for (const auto& name : m_options.rule_component_types)
            comp_owned.own(m_types.component_type(name), nullptr);
        for (const auto& name : m_options.rule_reference_types)
            ref_owned.own(m_types.reference_type(name), nullptr);
    } else {
        for (const auto& rule : m_policy.scope) {
            if (rule.reference_type)
                ref_owned.own(m_types.reference_type(rule.type), &rule);
            else
                comp_owned.own(m_types.component_type(rule.type), &rule);
        }
    }
    std::unique_ptr<ScopeRecord> record;
    auto scope_record = [&]() -> ScopeRecord& {
        if (!record)
            record = std::make_unique<ScopeRecord>(m_snap);
        return *record;
    };

    // Owned entities per type (the guard's base) and the missing ones.
    const Action missing_action = mirror ? Action::remove : Action::cache_miss;
    std::vector<std::uint64_t> comp_total(ctx.component_types.size());
    std::vector<std::uint64_t> ref_total(ctx.reference_types.size());
    const auto& comps = m_snap.components();
    for (std::uint32_t s = 0; s < comps.size(); ++s) {
        const auto t = m_snap_info[s].type;
        if (t == k_none || !comp_owned.owned[t])
            continue;
        const auto& c = comps[s];
        if (!comp_owned.unfiltered[t] &&
            !passes(comp_owned, t,
                    scope_record().fill(c, c.name, ctx.component_types[t].name, c.component_key)))
            continue;
        ++comp_total[t];
        if (m_snap_info[s].claimed != k_none)
            continue;
        ComponentEntry e;
        e.existing = s;
        e.type = t;
        e.situation = Situation::missing;
        e.action = missing_action;
        m_plan.components.push_back(e);
    }
    std::unordered_map<std::int64_t, std::uint32_t> ref_type_index;
    for (std::uint32_t t = 0; t < ctx.reference_types.size(); ++t)
        ref_type_index.emplace(ctx.reference_types[t].type, t);
    const auto& refs = m_snap.references();
    for (std::uint32_t r = 0; r < refs.size(); ++r) {
        auto it = ref_type_index.find(refs[r].type);
        if (it == ref_type_index.end() || !ref_owned.owned[it->second])
            continue;
        const auto t = it->second;
        const auto& ref = refs[r];
        if (!ref_owned.unfiltered[t] &&
            !passes(ref_owned, t,
                    scope_record().fill(ref, ref.display_text.value_or(""),
                                        ctx.reference_types[t].name, "")))
            continue;
        ++ref_total[t];
        if (m_ref_claimed[r] != k_none)
            continue;
        ReferenceEntry e;
        e.existing = r;
        e.type = t;
        if (m_plan.identity_field_key) {
            auto v = model::Snapshot::field_value(ref.custom_fields, *m_plan.identity_field_key);
            e.keyed = v && !v->to_text().empty();
        }
        e.source = Link{Link::Kind::existing, snapshot_index_of(ref.source)};
        e.target = Link{Link::Kind::existing, snapshot_index_of(ref.target)};
        e.situation = Situation::missing;
        e.action = missing_action;
        m_plan.references.push_back(e);
    }
    if (!mirror)
        return;

    // Components the desired state points at are not deleted (a delete would also take the
    // references and children the source still wants). pinned_by: the entry that points.
    const auto n_snap = static_cast<std::uint32_t>(comps.size());
    std::vector<std::uint32_t> pinned_by(n_snap, k_none);
    const std::uint32_t k_ref_bit = 0x80000000U;
    for (std::uint32_t i = 0; i < m_desired.components.size(); ++i)
        if (const auto& l = m_plan.components[i].parent; l.kind == Link::Kind::existing)
            pinned_by[l.index] = i;
    for (std::uint32_t j = 0; j < m_desired.references.size(); ++j)
        for (const auto* l : {&m_plan.references[j].source, &m_plan.references[j].target})
            if (l->kind == Link::Kind::existing && pinned_by[l->index] == k_none)
                pinned_by[l->index] = j | k_ref_bit;

    // The Ardoq hierarchy: parent index and depth of every component.
    std::vector<std::uint32_t> parent(n_snap, k_none);
    for (std::uint32_t s = 0; s < n_snap; ++s)
        if (comps[s].parent)
            parent[s] = snapshot_index_of(*comps[s].parent);
    constexpr std::uint16_t k_unknown = 0xffff, k_visiting = 0xfffe;
    std::vector<std::uint16_t> depth(n_snap, k_unknown);
    std::vector<std::uint32_t> path;
    for (std::uint32_t s = 0; s < n_snap; ++s) {
        path.clear();
        std::uint32_t cur = s;
        while (cur != k_none && depth[cur] == k_unknown) {
            depth[cur] = k_visiting;
            path.push_back(cur);
            cur = parent[cur];
        }
        // A loop in Ardoq's own hierarchy (should not happen) restarts the count at 0.
        unsigned base = cur == k_none || depth[cur] == k_visiting ? 0 : depth[cur] + 1u;
        for (auto it = path.rbegin(); it != path.rend(); ++it)
            depth[*it] = static_cast<std::uint16_t>(std::min(base++, 0xfffdu));
    }

    // A component stays when it is not deleted; a parent with a staying child stays too
    // (unless the child moves away to another parent in this run).
    const auto first_missing = static_cast<std::uint32_t>(m_desired.components.size());
    std::vector<std::uint8_t> deleting(n_snap, 0);
    std::vector<std::uint32_t> candidates;
    for (auto i = first_missing; i < m_plan.components.size(); ++i) {
        deleting[m_plan.components[i].existing] = 1;
        candidates.push_back(i);
    }
    std::vector<std::uint32_t> staying_child(n_snap, k_none);
    for (std::uint32_t s = 0; s < n_snap; ++s)
        if (parent[s] != k_none && !deleting[s] && !m_moved_away.count(s) &&
            staying_child[parent[s]] == k_none)
            staying_child[parent[s]] = s;
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
        return depth[m_plan.components[a].existing] > depth[m_plan.components[b].existing];
    });
    for (auto i : candidates) {
        auto& e = m_plan.components[i];
        const auto s = e.existing;
        e.depth = depth[s];
        std::string reason;
        if (auto by = pinned_by[s]; by != k_none)
            reason = (by & k_ref_bit)
                         ? "not deleted: the source still refers to it, as an endpoint of " +
                               describe(m_plan.references[by & ~k_ref_bit])
                         : "not deleted: the source still refers to it, as the parent of " +
                               describe(m_plan.components[by]);
        else if (auto child = staying_child[s]; child != k_none) {
            auto k = m_plan.existing_key(child);
            auto ct = m_snap_info[child].type;
            reason = "not deleted: it still has children that stay, e.g. " +
                     (ct < ctx.component_types.size() ? ctx.component_types[ct].name
                                                      : std::string("component")) +
                     " \"" + std::string(k.empty() ? std::string_view(comps[child].name) : k) +
                     "\"";
        }
        if (reason.empty())
            continue;
        set_outcome(e, Situation::missing, Action::cache_miss, std::move(reason),
                    "a component is deleted only when nothing the sync keeps depends on it");
        if (parent[s] != k_none && staying_child[parent[s]] == k_none)
            staying_child[parent[s]] = s;
    }

    // The delete guard.
    std::vector<std::uint64_t> comp_deletes(ctx.component_types.size());
    std::vector<std::uint64_t> ref_deletes(ctx.reference_types.size());
    std::uint64_t any = 0;
    for (const auto& e : m_plan.components)
        if (e.action == Action::remove)
            ++comp_deletes[e.type], ++any;
    for (const auto& e : m_plan.references)
        if (e.action == Action::remove)
            ++ref_deletes[e.type], ++any;
    auto& guard = m_plan.guard;
    auto check = [&](EntityKind kind, const std::string& type, std::uint64_t deletes,
                     std::uint64_t total) {
        if (deletes == 0)
            return;
        const std::string plural = kind == EntityKind::component ? " components" : " references";
        const double ratio =
            total == 0 ? 1.0 : static_cast<double>(deletes) / static_cast<double>(total);
        if (ratio > m_policy.max_delete_ratio)
            guard.findings.push_back({kind, type, deletes, total,
                                      std::to_string(deletes) + " of " + std::to_string(total) +
                                          " " + type + plural + " would be deleted (" +
                                          percent(ratio) + "), above sync.max_delete_ratio (" +
                                          percent(m_policy.max_delete_ratio) + ")"});
        if (m_policy.max_deletes && deletes > *m_policy.max_deletes)
            guard.findings.push_back({kind, type, deletes, total,
                                      std::to_string(deletes) + " " + type + plural +
                                          " would be deleted, above sync.max_deletes (" +
                                          std::to_string(*m_policy.max_deletes) + ")"});
    };
    for (std::uint32_t t = 0; t < comp_deletes.size(); ++t)
        check(EntityKind::component, ctx.component_types[t].name, comp_deletes[t], comp_total[t]);
    for (std::uint32_t t = 0; t < ref_deletes.size(); ++t)
        check(EntityKind::reference, ctx.reference_types[t].name, ref_deletes[t], ref_total[t]);
    if (any > 0)
        for (const auto& src : m_options.sources)
            if (src.records == 0)
                guard.findings.push_back(
                    {EntityKind::component, "", any, 0,
                     "source \"" + src.source +
                         "\" produced no records, so every delete is refused"});
    if (guard.findings.empty())
        return;
    if (m_options.guard == GuardMode::allow_deletes) {
        guard.overridden = true;
        return;
    }
    guard.refused = true;
    guard.hint = "nothing will be deleted; if the source is complete and these deletes are "
                 "intended, run again with --allow-deletes (or raise sync.max_delete_ratio / "
                 "sync.max_deletes)";
    auto refused = static_cast<std::uint32_t>(m_plan.details.size());
    m_plan.details.push_back({{}, "delete refused by the delete guard", guard.hint});
    for (auto& e : m_plan.components)
        if (e.action == Action::remove)
            e.action = Action::cache_miss, e.detail = refused;
    for (auto& e : m_plan.references)
        if (e.action == Action::remove)
            e.action = Action::cache_miss, e.detail = refused;
}

} // namespace ardoq::plan::detail
