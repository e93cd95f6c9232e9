#include "plan/planner.hpp"

#include "plan/hashing.hpp"
#include "plan/planner_state.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <future>
#include <system_error>

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
      m_by_name(policy.identity.kind == model::IdentityKind::name),
      m_desired_keys(m_by_name ? KeyTable::Case::ascii_insensitive : KeyTable::Case::exact),
      m_identity_name_id(model::field_name_id(policy.identity.field)) {}

std::uint32_t Planner::component_type_of(std::string_view name, TypeMemo& memo) const {
    if (memo.type == k_none || name != memo.name) {
        memo.type = m_types.component_type(name);
        memo.name = name;
    }
    return memo.type;
}

std::uint32_t Planner::reference_type_of(std::string_view name, TypeMemo& memo) const {
    if (memo.type == k_none || name != memo.name) {
        memo.type = m_types.reference_type(name);
        memo.name = name;
    }
    return memo.type;
}

void Planner::index_snapshot(std::shared_ptr<SnapshotIndex> prebuilt) {
    if (!prebuilt || !prebuilt->indexes(m_snap, m_policy.identity))
        prebuilt = plan::index_snapshot(m_plan.snapshot, m_policy.identity);
    auto& index = *prebuilt;
    m_plan.identity_field_key = index.identity_field_key;
    m_plan.existing_key_texts = std::move(index.existing_key_texts);
    m_snap_info = std::move(index.info);
    m_snap_keys = std::move(index.keys);
    m_snap_by_key = std::move(index.by_key);
    index.snapshot.reset(); // its contents are taken: it indexes nothing any more
    m_ref_claimed.assign(m_snap.references().size(), k_none);
}

void Planner::snapshot_candidates(std::string_view key, std::vector<std::uint32_t>& out,
                                  const std::uint64_t* hash) const {
    out.clear();
    const auto h = hash != nullptr ? *hash : m_snap_keys.hash(key);
    auto head =
        m_snap_by_key.find(h, [&](std::uint32_t s) { return m_snap_keys.matches(s, key, h); });
    for (auto s = head; s != model::ChainIndex::k_end; s = m_snap_by_key.next(s))
        out.push_back(s);
}

std::uint32_t Planner::desired_entry(std::string_view key, std::uint32_t type,
                                     const std::uint64_t* hash) const {
    const auto h = hash != nullptr ? *hash : m_desired_keys.hash(key);
    auto matches = [&](std::uint32_t e) {
        return m_desired_keys.matches(e, key, h) &&
               (!m_by_name || type == k_none || m_entry_info[e].type == type);
    };
    std::uint32_t found = m_desired_by_key.find(h, matches);
    if (found == model::ChainIndex::k_end)
        return k_none;
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

RefResolution Planner::resolve_ref(const model::ComponentRef& ref, std::string_view role,
                                   const std::uint64_t* hash, TypeMemo* memo) const {
    RefResolution r;
    // Messages are built only on the failure paths: this runs for every parent and endpoint.
    auto what = [&] {
        return std::string(role) + " " +
               (ref.type.empty() ? std::string("component") : ref.type.str()) + " \"" + ref.key +
               "\"";
    };
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
    const std::uint32_t type = ref.type.empty()  ? k_none
                               : memo != nullptr ? component_type_of(ref.type, *memo)
                                                 : component_type_of(ref.type);
    if (!ref.type.empty() && type == k_none) {
        r.link.kind = Link::Kind::unresolved;
        r.reason = "its " + what() + " has an unknown component type";
        return r;
    }
    if (auto e = desired_entry(ref.key, type, hash); e != k_none) {
        if (type != k_none && m_entry_info[e].type != type) {
            const auto& entry = m_plan.components[e];
            r.link.kind = Link::Kind::unresolved;
            r.reason = "its " + what() + " is, in the source, " + describe(entry);
            r.hint = "keys are unique across the types of a workspace; give each type its own "
                     "keys (e.g. prefix them with the type)";
            return r;
        }
        r.link = Link{Link::Kind::entry, e};
        return r;
    }
    std::vector<std::uint32_t> cands;
    snapshot_candidates(ref.key, cands);
    std::uint32_t found = k_none;
    std::size_t typed = 0;
    for (auto s : cands)
        if (type == k_none || m_snap_info[s].type == type) {
            found = s;
            ++typed;
        }
    if (typed == 1) {
        r.link = Link{Link::Kind::existing, found};
        return r;
    }
    r.link.kind = Link::Kind::unresolved;
    if (typed > 1) {
        r.reason = "its " + what() + " matches " + std::to_string(typed) + " components in Ardoq";
        r.hint = "make the " +
                 (m_by_name ? std::string("names") : "\"" + m_policy.identity.field + "\" values") +
                 " unique in Ardoq";
    } else if (!cands.empty()) {
        const auto& types = m_snap.context.component_types;
        auto other = m_snap_info[cands.front()].type;
        r.reason =
            "its " + what() + " exists nowhere; Ardoq has that key only on a " +
            (other < types.size() ? types[other].name : std::string("component of another type"));
        r.hint = unresolved_hint();
    } else {
        r.reason = "its " + what() + " exists neither in the source nor in Ardoq";
        r.hint = unresolved_hint();
    }
    return r;
}

std::optional<model::Oid> Planner::entry_oid(std::uint32_t entry) const {
    if (entry < m_entry_info.size()) {
        // A zero OID (never an Ardoq id) means no twin.
        const auto& id = m_entry_info[entry].oid;
        return id == model::Oid() ? std::nullopt : std::optional<model::Oid>(id);
    }
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

std::uint32_t Planner::snapshot_index_of(const model::Oid& id) const {
    const auto& comps = m_snap.components();
    std::call_once(m_snap_by_id_built, [&] {
        m_snap_by_id.build(
            static_cast<std::uint32_t>(comps.size()), [](std::uint32_t) { return true; },
            [&](std::uint32_t i) { return hash_oid(comps[i].id); },
            [&](std::uint32_t a, std::uint32_t b) { return comps[a].id == comps[b].id; });
    });
    auto found =
        m_snap_by_id.find(hash_oid(id), [&](std::uint32_t s) { return comps[s].id == id; });
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

const FieldSlot& Planner::field_slot(std::vector<FieldSlot>& cache, std::size_t position,
                                     std::uint32_t name_id) const {
    if (position < cache.size() && cache[position].name_id == name_id)
        return cache[position];
    if (position >= cache.size())
        cache.resize(position + 1);
    auto& slot = cache[position];
    const std::string_view api_key = model::field_name(name_id);
    slot.name_id = name_id;
    slot.api_key = api_key;
    slot.type = m_types.field_type(api_key);
    slot.key = m_snap.find_field(api_key);
    return slot;
}

void Planner::mark_blocked_components() {
    for (std::uint32_t i = 0; i < m_entry_info.size(); ++i)
        m_entry_info[i].blocked = blocked(m_plan.components[i].action);
}

void Planner::commit_component_changes(ComponentChanges& in) {
    for (auto& [entry, changes] : in.changed)
        detail_of(m_plan.components[entry].detail).changes = std::move(changes);
    in.changed.clear();
}

} // namespace detail

std::shared_ptr<SnapshotIndex> index_snapshot(std::shared_ptr<const model::Snapshot> snapshot,
                                              const model::Identity& identity) {
    auto index = std::make_shared<SnapshotIndex>();
    index->snapshot = std::move(snapshot);
    index->identity = identity;
    const auto& snap = *index->snapshot;
    const bool by_name = identity.kind == model::IdentityKind::name;
    index->keys = KeyTable(by_name ? KeyTable::Case::ascii_insensitive : KeyTable::Case::exact);

    const auto& comps = snap.components();
    const auto n = comps.size();
    NameMap<std::uint32_t> type_by_id;
    const auto& types = snap.context.component_types;
    for (std::uint32_t t = 0; t < types.size(); ++t)
        type_by_id.emplace(types[t].type_id, t);

    if (!by_name)
        index->identity_field_key = snap.find_field(identity.field);
    index->info.resize(n);
    std::string_view last_type_id;
    std::uint32_t last_type = k_none;
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto& c = comps[i];
        if (i == 0 || c.type_id != last_type_id) {
            auto it = type_by_id.find(c.type_id);
            last_type = it == type_by_id.end() ? k_none : it->second;
            last_type_id = c.type_id;
        }
        index->info[i].type = last_type;
        index->info[i].id = c.id;
        if (by_name || !index->identity_field_key)
            continue;
        auto v = model::Snapshot::field_value(c.custom_fields, *index->identity_field_key);
        if (v && !v->is_null() && !v->is_string())
            index->existing_key_texts.emplace(i, v->to_text());
    }
    auto& keys = index->keys;
    keys.reserve(n, n * 12);
    for (std::uint32_t i = 0; i < n; ++i)
        keys.push(Plan::existing_key(snap, identity, index->identity_field_key,
                                     index->existing_key_texts, i));
    index->by_key.build(
        static_cast<std::uint32_t>(n), [&](std::uint32_t i) { return !keys.empty_key(i); },
        [&](std::uint32_t i) { return keys.hash(keys.key(i)); },
        [&](std::uint32_t a, std::uint32_t b) { return keys.same(a, b); });
    return index;
}

Plan make_plan(std::shared_ptr<const model::DesiredState> desired,
               std::shared_ptr<const model::Snapshot> snapshot, const model::SyncPolicy& policy,
               const ResolvedTypes& types, const PlanOptions& options,
               std::shared_ptr<SnapshotIndex> index) {
    Plan plan;
    plan.desired = std::move(desired);
    plan.snapshot = std::move(snapshot);
    plan.identity = policy.identity;
    plan.deletes = policy.deletes;
    detail::Planner planner(plan, policy, types, options);
    // Each pass is timed in the debug log: where a large plan spends its time.
    auto pass = [start = std::chrono::steady_clock::now()](const char* name) mutable {
        const auto now = std::chrono::steady_clock::now();
        spdlog::debug("plan: {} took {} ms", name,
                      std::chrono::duration_cast<std::chrono::milliseconds>(now - start).count());
        start = now;
    };
    planner.index_snapshot(std::move(index));
    pass("index_snapshot");
    planner.join_components();
    pass("join_components");
    planner.resolve_hierarchy();
    pass("resolve_hierarchy");
    // The components' field comparison runs on a second thread alongside the references'
    // pass (see compare_components); its details are filed afterwards.
    planner.mark_blocked_components();
    detail::Planner::ComponentChanges component_changes;
    std::future<void> comparing;
    try {
        comparing =
            std::async(std::launch::async, [&] { planner.compare_components(component_changes); });
    } catch (const std::system_error&) {
        planner.compare_components(component_changes); // no thread to be had
    }
    planner.join_references();
    if (comparing.valid())
        comparing.get();
    planner.commit_component_changes(component_changes);
    pass("compare_components + join_references");
    planner.plan_deletes();
    pass("plan_deletes");
    return plan;
}

} // namespace ardoq::plan
