#include "plan/planner.hpp"

#include "plan/hashing.hpp"
#include "plan/planner_state.hpp"

namespace ardoq::plan {

namespace detail {

Planner::Planner(Plan& plan, const model::SyncPolicy& policy, const ResolvedTypes& types,
                 const PlanOptions& options)
    : m_plan(plan),
      m_desired(*plan.desired),
      m_snap(*plan.snapshot),
      m_policy(policy),
      m_types(types),
      m_options(options),
      m_by_name(policy.identity.kind == model::IdentityKind::name) {}

void Planner::index_snapshot() {
    const auto& comps = m_snap.components();
    const auto n = comps.size();
    NameMap<std::uint32_t> type_by_id;
    const auto& types = m_snap.context.component_types;
    for (std::uint32_t t = 0; t < types.size(); ++t)
        type_by_id.emplace(types[t].type_id, t);

    if (!m_by_name)
        m_plan.identity_field_key = m_snap.find_field(m_policy.identity.field);
    m_snap_type.resize(n);
    m_claimed.assign(n, k_none);
    m_ref_claimed.assign(m_snap.references().size(), k_none);

    std::string_view last_type_id;
    std::uint32_t last_type = k_none;
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto& c = comps[i];
        if (i == 0 || c.type_id != last_type_id) {
            auto it = type_by_id.find(c.type_id);
            last_type = it == type_by_id.end() ? k_none : it->second;
            last_type_id = c.type_id;
        }
        m_snap_type[i] = last_type;
        if (m_by_name || !m_plan.identity_field_key)
            continue;
        const model::Value* v =
            model::Snapshot::field_value(c.custom_fields, *m_plan.identity_field_key);
        if (v != nullptr && !v->is_null() && !v->is_string())
            m_plan.existing_key_texts.emplace(i, v->to_text());
    }
    const auto count = static_cast<std::uint32_t>(n);
    if (m_by_name)
        m_snap_by_key.build(
            count, [&](std::uint32_t i) { return !comps[i].name.empty(); },
            [&](std::uint32_t i) { return hash_ascii_nocase(comps[i].name); },
            [&](std::uint32_t a, std::uint32_t b) {
                return equal_ascii_nocase(comps[a].name, comps[b].name);
            });
    else
        m_snap_by_key.build(
            count, [&](std::uint32_t i) { return !m_plan.existing_key(i).empty(); },
            [&](std::uint32_t i) { return hash_bytes(m_plan.existing_key(i)); },
            [&](std::uint32_t a, std::uint32_t b) {
                return m_plan.existing_key(a) == m_plan.existing_key(b);
            });
}

void Planner::snapshot_candidates(std::string_view key, std::vector<std::uint32_t>& out) const {
    out.clear();
    const auto& comps = m_snap.components();
    auto head = m_by_name ? m_snap_by_key.find(hash_ascii_nocase(key),
                                               [&](std::uint32_t s) {
                                                   return equal_ascii_nocase(comps[s].name, key);
                                               })
                          : m_snap_by_key.find(hash_bytes(key), [&](std::uint32_t s) {
                                return m_plan.existing_key(s) == key;
                            });
    for (auto s = head; s != model::ChainIndex::k_end; s = m_snap_by_key.next(s))
        out.push_back(s);
}

std::uint32_t Planner::desired_entry(std::string_view key, std::uint32_t type) const {
    const auto& entries = m_plan.components;
    auto matches = [&](std::uint32_t e) {
        const auto& entry = entries[e];
        return m_by_name ? equal_ascii_nocase(m_plan.key(entry), key) &&
                               (type == k_none || entry.type == type)
                         : m_plan.key(entry) == key;
    };
    std::uint32_t found =
        m_desired_by_key.find(m_by_name ? hash_ascii_nocase(key) : hash_bytes(key), matches);
    if (found == model::ChainIndex::k_end)
        return k_none;
    if (found != k_none)
        if (auto it = m_redirect.find(found); it != m_redirect.end())
            found = it->second;
    return found;
}

std::string Planner::unresolved_hint() const {
    return m_policy.on_unresolved == model::OnUnresolved::skip
               ? "add it to the source or create it in Ardoq; entities that depend on it are "
                 "skipped (sync.on_unresolved: skip)"
               : "add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
                 "to leave such entities out";
}

RefResolution Planner::resolve_ref(const model::ComponentRef& ref, std::string_view role) const {
    RefResolution r;
    const std::string what = std::string(role) + " " + (ref.type.empty() ? "component" : ref.type) +
                             " \"" + ref.key + "\"";
    if (ref.key.empty()) {
        if (role == "parent") {
            r.link.kind = Link::Kind::root;
            return r;
        }
        r.link.kind = Link::Kind::unresolved;
        r.reason = "its " + std::string(role) + " key is empty";
        r.hint = "check the rule's " + std::string(role) + " key expression";
        return r;
    }
    const std::uint32_t type = ref.type.empty() ? k_none : m_types.component_type(ref.type);
    if (!ref.type.empty() && type == k_none) {
        r.link.kind = Link::Kind::unresolved;
        r.reason = "its " + what + " has an unknown component type";
        return r;
    }
    if (auto e = desired_entry(ref.key, type); e != k_none) {
        const auto& entry = m_plan.components[e];
        if (type != k_none && entry.type != type) {
            r.link.kind = Link::Kind::unresolved;
            r.reason = "its " + what + " is, in the source, " + describe(entry);
            r.hint = "keys are unique across the types of a workspace; give each type its own "
                     "keys (e.g. prefix them with the type)";
            return r;
        }
        r.link = Link{Link::Kind::entry, e};
        return r;
    }
    std::vector<std::uint32_t> cands;
    snapshot_candidates(ref.key, cands);
    std::vector<std::uint32_t> typed;
    for (auto s : cands)
        if (type == k_none || m_snap_type[s] == type)
            typed.push_back(s);
    if (typed.size() == 1) {
        r.link = Link{Link::Kind::existing, typed.front()};
        return r;
    }
    r.link.kind = Link::Kind::unresolved;
    if (typed.size() > 1) {
        r.reason =
            "its " + what + " matches " + std::to_string(typed.size()) + " components in Ardoq";
        r.hint = "make the " +
                 (m_by_name ? std::string("names") : "\"" + m_policy.identity.field + "\" values") +
                 " unique in Ardoq";
    } else if (!cands.empty()) {
        const auto& types = m_snap.context.component_types;
        auto other = m_snap_type[cands.front()];
        r.reason =
            "its " + what + " exists nowhere; Ardoq has that key only on a " +
            (other < types.size() ? types[other].name : std::string("component of another type"));
        r.hint = unresolved_hint();
    } else {
        r.reason = "its " + what + " exists neither in the source nor in Ardoq";
        r.hint = unresolved_hint();
    }
    return r;
}

std::optional<model::Oid> Planner::entry_oid(std::uint32_t entry) const {
    const auto& e = m_plan.components[entry];
    if (e.existing == k_none)
        return std::nullopt;
    return m_snap.components()[e.existing].id;
}

std::optional<model::Oid> Planner::link_oid(const Link& link) const {
    switch (link.kind) {
    case Link::Kind::entry:
        return entry_oid(link.index);
    case Link::Kind::existing:
        return m_snap.components()[link.index].id;
    default:
        return std::nullopt;
    }
}

std::uint32_t Planner::snapshot_index_of(const model::Oid& id) {
    const auto& comps = m_snap.components();
    if (!m_snap_by_id) {
        m_snap_by_id.emplace();
        m_snap_by_id->build(
            static_cast<std::uint32_t>(comps.size()), [](std::uint32_t) { return true; },
            [&](std::uint32_t i) { return hash_oid(comps[i].id); },
            [&](std::uint32_t a, std::uint32_t b) { return comps[a].id == comps[b].id; });
    }
    auto found =
        m_snap_by_id->find(hash_oid(id), [&](std::uint32_t s) { return comps[s].id == id; });
    return found == model::ChainIndex::k_end ? k_none : found;
}

std::string Planner::describe(const ComponentEntry& e) const {
    auto origin = m_plan.origin(e);
    return m_plan.describe(e) + (origin.empty() ? "" : " (" + origin + ")");
}

std::string Planner::describe(const ReferenceEntry& e) const {
    auto origin = m_plan.origin(e);
    return m_plan.describe(e) + (origin.empty() ? "" : " (" + origin + ")");
}

Detail& Planner::detail_of(std::uint32_t& detail_index) {
    if (detail_index == k_none) {
        detail_index = static_cast<std::uint32_t>(m_plan.details.size());
        m_plan.details.emplace_back();
    }
    return m_plan.details[detail_index];
}

void Planner::set_outcome(ComponentEntry& e, Situation s, Action a, std::string reason,
                          std::string hint) {
    e.situation = s;
    e.action = a;
    if (!reason.empty() || !hint.empty()) {
        auto& d = detail_of(e.detail);
        d.reason = std::move(reason);
        d.hint = std::move(hint);
    }
}

void Planner::set_outcome(ReferenceEntry& e, Situation s, Action a, std::string reason,
                          std::string hint) {
    e.situation = s;
    e.action = a;
    if (!reason.empty() || !hint.empty()) {
        auto& d = detail_of(e.detail);
        d.reason = std::move(reason);
        d.hint = std::move(hint);
    }
}

const FieldSlot& Planner::field_slot(std::size_t position, std::string_view api_key) {
    if (position < m_field_cache.size() && m_field_cache[position].api_key == api_key)
        return m_field_cache[position];
    if (position >= m_field_cache.size())
        m_field_cache.resize(position + 1);
    auto& slot = m_field_cache[position];
    slot.api_key = api_key;
    slot.type = m_types.field_type(api_key);
    slot.key = m_snap.find_field(api_key);
    return slot;
}

} // namespace detail

Plan make_plan(std::shared_ptr<const model::DesiredState> desired,
               std::shared_ptr<const model::Snapshot> snapshot, const model::SyncPolicy& policy,
               const ResolvedTypes& types, const PlanOptions& options) {
    Plan plan;
    plan.desired = std::move(desired);
    plan.snapshot = std::move(snapshot);
    plan.identity = policy.identity;
    plan.deletes = policy.deletes;
    detail::Planner planner(plan, policy, types, options);
    planner.index_snapshot();
    planner.join_components();
    planner.resolve_hierarchy();
    planner.compare_components();
    planner.join_references();
    planner.plan_deletes();
    return plan;
}

} // namespace ardoq::plan
