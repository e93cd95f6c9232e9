// Planner pass for references: resolves endpoints, joins with Ardoq by the identity field
// (when the reference carries it) or by (source, target, type), and compares fields.

#include "plan/field_values.hpp"
#include "plan/hashing.hpp"
#include "plan/planner_state.hpp"

#include <array>

namespace ardoq::plan::detail {

namespace {

std::uint64_t endpoints_hash(const model::Oid& s, const model::Oid& t, std::int64_t type) {
    return hash_combine(hash_oid(t, hash_oid(s)), static_cast<std::uint64_t>(type));
}

std::uint64_t link_hash(const Link& l) {
    return (std::uint64_t{static_cast<std::uint8_t>(l.kind)} << 32) | l.index;
}

} // namespace

void Planner::join_references() {
    auto& entries = m_plan.references;
    const auto n = static_cast<std::uint32_t>(m_desired.references.size());
    entries.resize(n);
    const auto& refs = m_snap.references();
    const auto& ref_types = m_snap.context.reference_types;
    const bool by_field = !m_by_name;
    const auto& id_field = m_policy.identity.field;

    // Pass 1: type, endpoints and identity of every entry; then the identity index, whose
    // chains of more than one entry are the duplicates.
    //
    // The entries are resolved in two halves on two threads (the components' comparison
    // runs alongside too). Each half writes only its own entries and keeps what is shared
    // (outcomes with their details, identity texts) aside; the outcomes are then set half
    // by half, in entry order, as one pass would have set them.
    struct Half {
        std::vector<PendingOutcome> outcomes;
        std::vector<std::pair<std::uint32_t, std::string>> keys; // identity field text
    };
    auto resolve_half = [&](std::uint32_t begin, std::uint32_t end, Half& out) {
        TypeMemo type_memo, ref_type_memo;
        // Two endpoint lookups per reference, overlapped (LookupAhead).
        auto ahead = lookup_ahead<2>(
            m_desired_keys, m_desired_by_key, begin, end,
            [&](std::uint32_t j) {
                const auto& d = m_desired.references[j];
                return std::array<std::string_view, 2>{d.source.key, d.target.key};
            },
            [&](std::uint32_t entity) { __builtin_prefetch(&m_entry_info[entity]); });
        for (std::uint32_t j = begin; j < end; ++j) {
            ahead.advance(j);
            const auto& d = m_desired.references[j];
            auto& e = entries[j];
            e.desired = j;
            e.type = reference_type_of(d.type, ref_type_memo);
            if (e.type == k_none) {
                out.outcomes.push_back(
                    {j, Situation::unresolved, Action::error,
                     "unknown reference type \"" + d.type + "\"",
                     "resolve the mapping's types against the workspace before planning"});
                continue;
            }
            if (by_field)
                if (auto v = d.fields.find(id_field); v && !v->is_null()) {
                    auto text = v->to_text();
                    e.keyed = !text.empty();
                    if (e.keyed)
                        out.keys.emplace_back(j, std::move(text));
                }
            auto src = resolve_ref(d.source, "source", ahead.hash(j, 0), &type_memo);
            auto tgt = resolve_ref(d.target, "target", ahead.hash(j, 1), &type_memo);
            e.source = src.link;
            e.target = tgt.link;
            if (src.link.kind == Link::Kind::unresolved ||
                tgt.link.kind == Link::Kind::unresolved) {
                auto& bad = src.link.kind == Link::Kind::unresolved ? src : tgt;
                out.outcomes.push_back({j, Situation::unresolved, unresolved_action(),
                                        std::move(bad.reason), std::move(bad.hint)});
                continue;
            }
            for (const auto* link : {&e.source, &e.target}) {
                if (link->kind != Link::Kind::entry || !m_entry_info[link->index].blocked)
                    continue;
                const auto& end_entry = m_plan.components[link->index];
                out.outcomes.push_back({j, Situation::unresolved, unresolved_action(),
                                        std::string("its ") +
                                            (link == &e.source ? "source " : "target ") +
                                            describe(end_entry) + " will not be written (" +
                                            std::string(action_name(end_entry.action)) + ")",
                                        "resolve that component's problem first"});
                break;
            }
        }
    };
    std::array<Half, 2> halves;
    in_two_halves(n, [&](std::uint32_t begin, std::uint32_t end, std::size_t half) {
        resolve_half(begin, end, halves[half]);
    });
    std::vector<std::string> keys; // identity field text of keyed references (sized on first use)
    for (auto& half : halves) {
        for (auto& o : half.outcomes)
            set_outcome(entries[o.entry], o.situation, o.action, std::move(o.reason),
                        std::move(o.hint));
        for (auto& [j, text] : half.keys) {
            if (keys.empty())
                keys.resize(n);
            keys[j] = std::move(text);
        }
    }
    auto identity_hash = [&](std::uint32_t j) {
        const auto& e = entries[j];
        if (e.keyed)
            return hash_bytes(keys[j], 1);
        return hash_combine(hash_combine(hash_combine(0, link_hash(e.source)), link_hash(e.target)),
                            e.type);
    };
    auto same_identity = [&](std::uint32_t a, std::uint32_t b) {
        const auto& x = entries[a];
        const auto& y = entries[b];
        if (x.keyed != y.keyed)
            return false;
        return x.keyed ? keys[a] == keys[b]
                       : x.source == y.source && x.target == y.target && x.type == y.type;
    };
    model::ChainIndex by_identity;
    by_identity.build(
        n, [&](std::uint32_t j) { return !blocked(entries[j].action); }, identity_hash,
        same_identity);
    std::vector<std::uint32_t> group_heads;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> groups;
    std::vector<std::uint8_t> grouped(n, 0);
    for (std::uint32_t j = 0; j < n; ++j) {
        if (grouped[j] || blocked(entries[j].action) ||
            by_identity.next(j) == model::ChainIndex::k_end)
            continue;
        auto& members = groups[j];
        for (auto m = j; m != model::ChainIndex::k_end; m = by_identity.next(m)) {
            members.push_back(m);
            grouped[m] = 1;
        }
        group_heads.push_back(j);
    }
    for (auto head : group_heads) {
        const auto& members = groups[head];
        std::string origins;
        for (std::size_t k = 0; k < members.size() && k < 4; ++k)
            origins += (k ? ", " : "") + m_plan.origin(entries[members[k]]);
        if (members.size() > 4)
            origins += " and " + std::to_string(members.size() - 4) + " more";
        const auto what = m_plan.describe(entries[head]);
        if (m_policy.on_duplicate == model::OnDuplicate::error) {
            for (auto m : members)
                set_outcome(entries[m], Situation::duplicate, Action::conflict,
                            what + " comes from " + std::to_string(members.size()) +
                                " records: " + origins,
                            "make the reference unique in the source, or set sync.on_duplicate: "
                            "first | last to keep one of them");
            continue;
        }
        const bool first = m_policy.on_duplicate == model::OnDuplicate::first;
        const auto kept = first ? members.front() : members.back();
        for (auto m : members)
            if (m != kept)
                set_outcome(
                    entries[m], Situation::duplicate, Action::skip,
                    "duplicate of " + what + " from " + m_plan.origin(entries[kept]) +
                        ", which is kept (sync.on_duplicate: " + (first ? "first" : "last") + ")");
    }

    // Pass 2: join with the snapshot's references, by identity text for keyed entries and by
    // (source, target, type) for the others; each index is built only when some entry needs
    // it. In two halves on two threads, like pass 1: a snapshot reference is claimed by the
    // first entry that finds it, so the second half's claims are kept aside and made after
    // the first half's.
    auto joinable = [&](const ReferenceEntry& e) {
        return e.type != k_none && e.source.kind != Link::Kind::unresolved &&
               e.target.kind != Link::Kind::unresolved;
    };
    bool any_keyed = false, any_by_endpoints = false;
    for (const auto& e : entries)
        if (joinable(e))
            (e.keyed ? any_keyed : any_by_endpoints) = true;
    const auto ref_count = static_cast<std::uint32_t>(refs.size());
    std::vector<std::string_view> ref_keys; // identity text of snapshot references
    std::unordered_map<std::uint32_t, std::string> ref_key_texts; // non-text values, rendered
    model::ChainIndex by_key, by_endpoints;
    if (any_keyed) {
        ref_keys.resize(ref_count);
        if (m_plan.identity_field_key)
            for (std::uint32_t r = 0; r < ref_count; ++r) {
                auto v =
                    model::Snapshot::field_value(refs[r].custom_fields, *m_plan.identity_field_key);
                if (!v || v->is_null())
                    continue;
                if (v->is_string())
                    ref_keys[r] = v->as_string();
                else
                    ref_keys[r] = ref_key_texts.emplace(r, v->to_text()).first->second;
            }
        by_key.build(
            ref_count, [&](std::uint32_t r) { return !ref_keys[r].empty(); },
            [&](std::uint32_t r) { return hash_bytes(ref_keys[r], 1); },
            [&](std::uint32_t a, std::uint32_t b) { return ref_keys[a] == ref_keys[b]; });
    }
    if (any_by_endpoints)
        by_endpoints.build(
            ref_count, [](std::uint32_t) { return true; },
            [&](std::uint32_t r) {
                return endpoints_hash(refs[r].source, refs[r].target, refs[r].type);
            },
            [&](std::uint32_t a, std::uint32_t b) {
                return refs[a].source == refs[b].source && refs[a].target == refs[b].target &&
                       refs[a].type == refs[b].type;
            });
    struct Joined {
        std::vector<PendingOutcome> outcomes;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> claims; // (snapshot ref, entry)
    };
    auto join_half = [&](std::uint32_t begin, std::uint32_t end, Joined& out) {
        std::vector<std::uint32_t> cands;
        for (std::uint32_t j = begin; j < end; ++j) {
            auto& e = entries[j];
            if (!joinable(e))
                continue;
            const auto type_value = ref_types[e.type].type;
            cands.clear();
            std::uint32_t head = model::ChainIndex::k_end;
            const model::ChainIndex* index = nullptr;
            if (e.keyed) {
                index = &by_key;
                head = by_key.find(hash_bytes(keys[j], 1),
                                   [&](std::uint32_t r) { return ref_keys[r] == keys[j]; });
            } else {
                auto s = link_oid(e.source);
                auto t = link_oid(e.target);
                if (s && t) {
                    index = &by_endpoints;
                    head =
                        by_endpoints.find(endpoints_hash(*s, *t, type_value), [&](std::uint32_t r) {
                            return refs[r].source == *s && refs[r].target == *t &&
                                   refs[r].type == type_value;
                        });
                }
            }
            for (auto r = head; r != model::ChainIndex::k_end; r = index->next(r))
                cands.push_back(r);
            for (auto r : cands)
                out.claims.emplace_back(r, j);
            if (cands.size() == 1 && refs[cands.front()].type == type_value) {
                e.existing = cands.front();
                continue;
            }
            if (cands.empty() || blocked(e.action))
                continue;
            std::string ids;
            for (std::size_t k = 0; k < cands.size() && k < 4; ++k)
                ids += (k ? ", " : "") + refs[cands[k]].id.to_string();
            if (cands.size() > 4)
                ids += " and " + std::to_string(cands.size() - 4) + " more";
            if (cands.size() == 1)
                out.outcomes.push_back(
                    {j, Situation::ambiguous, Action::conflict,
                     "key \"" + keys[j] + "\" is used by a reference of another type in Ardoq (" +
                         ids + "); a reference's type cannot be changed",
                     "give each reference type its own keys, or delete that reference in Ardoq"});
            else
                out.outcomes.push_back(
                    {j, Situation::ambiguous, Action::conflict,
                     std::to_string(cands.size()) + " references in Ardoq match: " + ids,
                     e.keyed ? "make \"" + id_field + "\" unique among the references in Ardoq"
                             : "delete the extra references in Ardoq, or identify references by "
                               "the identity custom field"});
        }
    };
    std::array<Joined, 2> joined;
    in_two_halves(n, [&](std::uint32_t begin, std::uint32_t end, std::size_t half) {
        join_half(begin, end, joined[half]);
    });
    for (auto& half : joined) {
        for (auto [r, j] : half.claims)
            if (m_ref_claimed[r] == k_none)
                m_ref_claimed[r] = j;
        for (auto& o : half.outcomes)
            set_outcome(entries[o.entry], o.situation, o.action, std::move(o.reason),
                        std::move(o.hint));
    }

    // Pass 3: compare joined pairs.
    std::vector<FieldChange> changes;
    for (std::uint32_t j = 0; j < n; ++j) {
        auto& e = entries[j];
        if (blocked(e.action))
            continue;
        if (e.existing == k_none)
            continue; // absent → create
        const auto& d = m_desired.references[j];
        const auto& r = refs[e.existing];
        changes.clear();
        if (d.display_text && *d.display_text != r.display_text.value_or(std::string_view()))
            changes.push_back({"displayText",
                               r.display_text ? model::Value(*r.display_text) : model::Value(),
                               model::Value(*d.display_text)});
        if (d.description && *d.description != r.description.value_or(std::string_view()))
            changes.push_back({"description",
                               r.description ? model::Value(*r.description) : model::Value(),
                               model::Value(*d.description)});
        if (e.keyed) {
            for (auto [link, have, role] : {std::tuple{&e.source, &r.source, "source"},
                                            std::tuple{&e.target, &r.target, "target"}}) {
                auto want = link_oid(*link);
                if (want && *want == *have)
                    continue;
                auto s = snapshot_index_of(*have);
                auto k = s == k_none ? std::string_view() : m_plan.existing_key(s);
                changes.push_back({role,
                                   k.empty() ? model::Value(have->to_string()) : model::Value(k),
                                   model::Value(m_plan.link_key(*link))});
            }
        }
        compare_fields(d.fields, r.custom_fields, e.keyed, changes, m_field_cache);
        if (changes.empty()) {
            e.situation = Situation::unchanged;
            e.action = Action::none;
        } else {
            e.situation = Situation::changed;
            e.action = Action::update;
            detail_of(e.detail).changes = std::move(changes);
            changes = {};
        }
    }
}

} // namespace ardoq::plan::detail
