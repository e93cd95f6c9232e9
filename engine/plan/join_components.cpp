// Planner passes for components: identity join (with duplicates and ambiguous twins) and
// the field-level comparison of joined pairs.

#include "plan/field_values.hpp"
#include "plan/hashing.hpp"
#include "plan/planner_state.hpp"

#include <algorithm>
#include <array>

namespace ardoq::plan::detail {

namespace {

// "apps.csv:2, apps.csv:5 and 3 more"
template <typename Origins> std::string list_origins(const Origins& origins) {
    constexpr std::size_t k_shown = 4;
    std::string out;
    for (std::size_t i = 0; i < origins.size() && i < k_shown; ++i)
        out += (i ? ", " : "") + origins[i];
    if (origins.size() > k_shown)
        out += " and " + std::to_string(origins.size() - k_shown) + " more";
    return out;
}

} // namespace

void Planner::join_components() {
    auto& entries = m_plan.components;
    const auto n = static_cast<std::uint32_t>(m_desired.components.size());
    entries.resize(n);

    // Pass 1: type and key of every entry; then the identity index, whose chains of more
    // than one entry are the duplicates (chains list entries in ascending order).
    m_desired_keys.reserve(n, std::size_t{n} * 12);
    m_entry_info.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto& d = m_desired.components[i];
        auto& e = entries[i];
        e.desired = i;
        e.parent.kind = d.parent ? Link::Kind::unresolved : Link::Kind::unmapped;
        e.type = component_type_of(d.type);
        m_entry_info[i].type = e.type;
        m_desired_keys.push(m_plan.key(e));
        if (e.type == k_none)
            set_outcome(e, Situation::unresolved, Action::error,
                        "unknown component type \"" + d.type + "\"",
                        "resolve the mapping's types against the workspace before planning");
        else if (m_plan.key(e).empty())
            set_outcome(e, Situation::unresolved, Action::error, "its identity key is empty",
                        "check the rule's key expression: every component needs a non-empty key");
    }
    auto indexed = [&](std::uint32_t i) { return entries[i].action != Action::error; };
    m_desired_by_key.build(
        n, indexed, [&](std::uint32_t i) { return m_desired_keys.hash(m_desired_keys.key(i)); },
        [&](std::uint32_t a, std::uint32_t b) {
            return m_desired_keys.same(a, b) &&
                   (!m_by_name || m_entry_info[a].type == m_entry_info[b].type);
        });
    std::vector<std::uint32_t> group_heads;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> groups;
    std::vector<std::uint8_t> grouped(n, 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (grouped[i] || !indexed(i) || m_desired_by_key.next(i) == model::ChainIndex::k_end)
            continue;
        auto& members = groups[i];
        for (auto m = i; m != model::ChainIndex::k_end; m = m_desired_by_key.next(m)) {
            members.push_back(m);
            grouped[m] = 1;
        }
        group_heads.push_back(i);
    }
    for (auto head : group_heads) {
        const auto& members = groups[head];
        std::vector<std::string> origins;
        for (auto m : members)
            origins.push_back(m_plan.origin(entries[m]));
        const std::string key(m_plan.key(entries[head]));
        if (m_policy.on_duplicate == model::OnDuplicate::error) {
            for (auto m : members)
                set_outcome(entries[m], Situation::duplicate, Action::conflict,
                            "key \"" + key + "\" comes from " + std::to_string(members.size()) +
                                " records: " + list_origins(origins),
                            "make the key unique in the source, or set sync.on_duplicate: first "
                            "| last to keep one of them");
            continue;
        }
        const bool first = m_policy.on_duplicate == model::OnDuplicate::first;
        const auto kept = first ? members.front() : members.back();
        if (kept != head)
            m_redirect.emplace(head, kept);
        for (auto m : members)
            if (m != kept)
                set_outcome(
                    entries[m], Situation::duplicate, Action::skip,
                    "duplicate of key \"" + key + "\" from " + m_plan.origin(entries[kept]) +
                        ", which is kept (sync.on_duplicate: " + (first ? "first" : "last") + ")");
    }

    // Pass 2: join with the snapshot. Every twin or candidate is claimed, whatever the
    // entry's outcome, so that it never becomes a cache miss.
    const auto& comps = m_snap.components();
    const auto& types = m_snap.context.component_types;
    auto type_name = [&](std::uint32_t s) {
        auto t = m_snap_info[s].type;
        return t < types.size() ? types[t].name : "(type " + std::string(comps[s].type_id) + ")";
    };
    auto list_candidates = [&](const std::vector<std::uint32_t>& cands) {
        std::vector<std::string> items;
        for (auto s : cands)
            items.push_back(type_name(s) + " " + comps[s].id.to_string() + " \"" +
                            std::string(comps[s].name) + "\"");
        return list_origins(items);
    };
    const std::string field_text = "\"" + m_policy.identity.field + "\"";
    // In two halves on two threads, each writing only its own entries: the second half's
    // claims and outcomes are kept aside and made after the first half's, as one pass in
    // entry order would make them.
    struct Half {
        std::vector<PendingOutcome> conflicts;                       // ambiguous
        std::vector<std::pair<std::uint32_t, std::uint32_t>> claims; // (snapshot, entry)
    };
    auto join_half = [&](std::uint32_t begin, std::uint32_t end, Half& out) {
        std::vector<std::uint32_t> cands, same;
        // One snapshot lookup per component, overlapped (LookupAhead).
        auto ahead = lookup_ahead<1>(
            m_snap_keys, m_snap_by_key, begin, end,
            [&](std::uint32_t i) { return std::array<std::string_view, 1>{m_desired_keys.key(i)}; },
            [&](std::uint32_t s) { __builtin_prefetch(&m_snap_info[s]); });
        for (std::uint32_t i = begin; i < end; ++i) {
            ahead.advance(i);
            auto& e = entries[i];
            if (e.type == k_none || m_plan.key(e).empty())
                continue;
            const bool open = !blocked(e.action);
            const auto key = m_plan.key(e);
            snapshot_candidates(key, cands, ahead.hash(i, 0));
            same.clear();
            for (auto s : cands)
                if (!m_by_name || m_snap_info[s].type == e.type)
                    same.push_back(s);
            for (auto s : same)
                out.claims.emplace_back(s, i);
            if (same.size() == 1 && m_snap_info[same.front()].type == e.type) {
                e.existing = same.front();
                m_entry_info[i].oid = m_snap_info[e.existing].id;
                continue;
            }
            if (!open || cands.empty())
                continue;
            std::string reason, hint;
            if (!m_by_name && cands.size() == 1) {
                reason = "key \"" + std::string(key) + "\" is used by " + list_candidates(cands) +
                         " in Ardoq; an upsert by this key would change that component";
                hint = "keys are unique across the workspace: give each type its own keys (e.g. "
                       "prefix them with the type), or change " +
                       field_text + " in Ardoq";
            } else if (!m_by_name) {
                reason = "key \"" + std::string(key) + "\" is used by " +
                         std::to_string(cands.size()) +
                         " components in Ardoq: " + list_candidates(cands);
                hint = "make " + field_text +
                       " unique in Ardoq (an upsert that matches several "
                       "components fails)";
            } else if (same.size() > 1) {
                reason = std::to_string(same.size()) + " " + std::string(m_plan.type_name(e)) +
                         " components in Ardoq are named \"" + std::string(key) +
                         "\" (ignoring case): " + list_candidates(same);
                hint = "rename or delete the extra components in Ardoq, or identify components "
                       "by a custom field (identity: { field: external_id })";
            } else if (same.empty()) {
                reason = "the name \"" + std::string(key) + "\" is used by " +
                         list_candidates(cands) +
                         " in Ardoq; an upsert by name would change that component";
                hint = "identify components by a custom field (identity: { field: external_id "
                       "}), or rename one of them";
            } else {
                continue;
            }
            out.conflicts.push_back(
                {i, Situation::ambiguous, Action::conflict, std::move(reason), std::move(hint)});
        }
    };
    std::array<Half, 2> halves;
    in_two_halves(n, [&](std::uint32_t begin, std::uint32_t end, std::size_t half) {
        join_half(begin, end, halves[half]);
    });
    for (auto& half : halves) {
        for (auto [s, i] : half.claims)
            if (m_snap_info[s].claimed == k_none)
                m_snap_info[s].claimed = i;
        for (auto& c : half.conflicts)
            set_outcome(entries[c.entry], c.situation, c.action, std::move(c.reason),
                        std::move(c.hint));
    }
}

void Planner::compare_fields(const model::DesiredFields& desired,
                             const model::CustomFields& existing, bool skip_identity,
                             std::vector<FieldChange>& changes,
                             std::vector<FieldSlot>& cache) const {
    // The existing fields decoded once, by key (keys are small: the workspace's fields), so
    // that each desired field finds its counterpart without decoding the others again.
    constexpr std::size_t k_direct = 64;
    std::array<model::ValueView, k_direct> by_key;
    std::uint64_t present = 0;
    for (const auto& f : existing)
        if (f.key < k_direct) {
            by_key[f.key] = f.value;
            present |= std::uint64_t{1} << f.key;
        }
    std::size_t pos = 0;
    for (const auto& f : desired.packed()) {
        const std::size_t at = pos++;
        if (skip_identity && f.key == m_identity_name_id)
            continue;
        const auto& slot = field_slot(cache, at, f.key);
        std::optional<model::ValueView> have;
        if (slot.key && *slot.key < k_direct) {
            if (present & (std::uint64_t{1} << *slot.key))
                have = by_key[*slot.key];
        } else if (slot.key) {
            have = existing.find(*slot.key);
        }
        const model::ValueView now = have ? *have : model::ValueView();
        if (!same_value(slot.type, f.value, now))
            changes.push_back({std::string(slot.api_key), now.to_value(),
                               normalize_value(slot.type, f.value.to_value())});
    }
}

void Planner::compare_components(ComponentChanges& out) {
    auto& entries = m_plan.components;
    const auto& comps = m_snap.components();
    const auto n = static_cast<std::uint32_t>(m_desired.components.size());
    const bool by_field = !m_by_name;
    std::vector<FieldChange> changes;
    for (std::uint32_t i = 0; i < n; ++i) {
        auto& e = entries[i];
        if (blocked(e.action) || e.existing == k_none)
            continue;
        const auto& d = m_desired.components[i];
        const auto& c = comps[e.existing];
        changes.clear();
        if (d.name != c.name)
            changes.push_back({"name", model::Value(c.name), model::Value(d.name)});
        if (d.description && *d.description != c.description.value_or(std::string_view()))
            changes.push_back({"description",
                               c.description ? model::Value(*c.description) : model::Value(),
                               model::Value(*d.description)});
        if (e.parent.kind != Link::Kind::unmapped) {
            std::optional<model::Oid> want = link_oid(e.parent);
            const bool created_now = e.parent.kind == Link::Kind::entry && !want;
            if (created_now || want != c.parent) {
                model::Value before;
                if (c.parent) {
                    auto p = snapshot_index_of(*c.parent);
                    auto k = p == k_none ? std::string_view() : m_plan.existing_key(p);
                    before = k.empty() ? model::Value(c.parent->to_string()) : model::Value(k);
                }
                model::Value after;
                if (e.parent.kind != Link::Kind::root)
                    after = model::Value(m_plan.link_key(e.parent));
                changes.push_back({"parent", std::move(before), std::move(after)});
                m_moved_away.insert(e.existing);
            }
        }
        compare_fields(d.fields, c.custom_fields, by_field, changes, out.field_cache);
        if (changes.empty()) {
            e.situation = Situation::unchanged;
            e.action = Action::none;
        } else {
            e.situation = Situation::changed;
            e.action = Action::update;
            out.changed.emplace_back(i, std::move(changes));
            changes = {};
        }
    }
}

} // namespace ardoq::plan::detail
