#pragma once
// Internal to the planner: the working state shared by its passes (planner.cpp,
// join_components.cpp, hierarchy.cpp, join_references.cpp, deletes.cpp). Not a public API.

#include "model/chain_index.hpp"
#include "plan/key_table.hpp"
#include "plan/planner.hpp"

#include <array>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ardoq::plan::detail {

// Where a ComponentRef (parent, endpoint) led, with the reason when it led nowhere.
struct RefResolution {
    Link link;
    std::string reason;
    std::string hint;
};

// A mapped field's apiKey resolved once: its Ardoq type and its key in the snapshot.
struct FieldSlot {
    std::uint32_t name_id = 0xffffffffU; // field_name_id(api_key)
    std::string_view api_key;
    model::FieldType type = model::FieldType::other;
    std::optional<model::FieldKey> key;
};

// Overlaps the cache misses of many lookups in the desired-key index (a million entities:
// tables far larger than the cache) by working ahead of the loop that does them: at
// iteration j the K keys of item j + 12 are hashed and their index slots prefetched, the
// slots of item j + 6 are peeked at to prefetch the entity rows they lead to (and whatever
// `touch` fetches for such an entity), and the key texts of item j + 3 are prefetched.
// `keys_of(j)` gives the K keys of item j (empty: none).
template <std::size_t K, typename KeysOf, typename Touch> class LookupAhead {
public:
    // Items begin, begin + 1, … up to n (exclusive).
    LookupAhead(const KeyTable& keys, const model::ChainIndex& index, std::uint32_t begin,
                std::uint32_t n, KeysOf keys_of, Touch touch)
        : m_keys(keys), m_index(index), m_n(n), m_keys_of(keys_of), m_touch(touch) {
        for (std::uint32_t j = begin; j < n && j < begin + k_far; ++j)
            far(j);
        for (std::uint32_t j = begin; j < n && j < begin + k_mid; ++j)
            mid(j);
        for (std::uint32_t j = begin; j < n && j < begin + k_near; ++j)
            near(j);
    }
    // Call at the top of iteration j, before hash(j, k).
    void advance(std::uint32_t j) {
        if (j + k_far < m_n)
            far(j + k_far);
        if (j + k_mid < m_n)
            mid(j + k_mid);
        if (j + k_near < m_n)
            near(j + k_near);
    }
    // The hash of key k of item j (valid while j is the current iteration).
    const std::uint64_t* hash(std::uint32_t j, std::size_t k) const noexcept {
        return &m_ring[j % k_ring].hash[k];
    }

private:
    static constexpr std::uint32_t k_far = 12, k_mid = 6, k_near = 3, k_ring = 16;
    struct Item {
        std::array<std::uint64_t, K> hash{};
        std::array<std::uint32_t, K> entity{};
    };
    void far(std::uint32_t j) {
        auto& item = m_ring[j % k_ring];
        const std::array<std::string_view, K> keys = m_keys_of(j);
        for (std::size_t k = 0; k < K; ++k) {
            item.hash[k] = m_keys.hash(keys[k]);
            m_index.prefetch(item.hash[k]);
        }
    }
    void mid(std::uint32_t j) {
        auto& item = m_ring[j % k_ring];
        for (std::size_t k = 0; k < K; ++k) {
            item.entity[k] = m_index.peek(item.hash[k]);
            if (item.entity[k] != model::ChainIndex::k_end) {
                m_keys.prefetch(item.entity[k], false);
                m_touch(item.entity[k]);
            }
        }
    }
    void near(std::uint32_t j) {
        const auto& item = m_ring[j % k_ring];
        for (std::size_t k = 0; k < K; ++k)
            if (item.entity[k] != model::ChainIndex::k_end)
                m_keys.prefetch(item.entity[k], true);
    }

    const KeyTable& m_keys;
    const model::ChainIndex& m_index;
    std::uint32_t m_n;
    KeysOf m_keys_of;
    Touch m_touch;
    std::array<Item, k_ring> m_ring{};
};

template <std::size_t K, typename KeysOf, typename Touch>
LookupAhead<K, KeysOf, Touch> lookup_ahead(const KeyTable& keys, const model::ChainIndex& index,
                                           std::uint32_t n, KeysOf keys_of, Touch touch) {
    return {keys, index, 0, n, keys_of, touch};
}
template <std::size_t K, typename KeysOf, typename Touch>
LookupAhead<K, KeysOf, Touch> lookup_ahead(const KeyTable& keys, const model::ChainIndex& index,
                                           std::uint32_t begin, std::uint32_t n, KeysOf keys_of,
                                           Touch touch) {
    return {keys, index, begin, n, keys_of, touch};
}

// Runs f(begin, end, half) for the two halves of [0, n), half 0 on this thread and half 1 on
// a new one (or after half 0's when no thread is to be had); returns when both are done.
// The planner's passes split so write only their own entries and keep the rest aside.
template <typename F> void in_two_halves(std::uint32_t n, F&& f) {
    const std::uint32_t middle = n / 2;
    std::future<void> second;
    try {
        second = std::async(std::launch::async, [&] { f(middle, n, 1); });
    } catch (const std::system_error&) {
        f(middle, n, 1); // no thread to be had
    }
    f(0, middle, 0);
    if (second.valid())
        second.get();
}

// An outcome a pass that runs in halves keeps aside, to be set afterwards in entry order.
struct PendingOutcome {
    std::uint32_t entry;
    Situation situation;
    Action action;
    std::string reason, hint;
};

// The last type name looked up and its index: consecutive lookups usually share a name.
// One per thread that looks types up.
struct TypeMemo {
    std::string_view name;
    std::uint32_t type = k_none;
};

// Per snapshot component, side by side because the join reads them together: its OID,
// type index (k_none: unknown type) and the desired entry that joined it (k_none: none).
struct SnapInfo {
    model::Oid id;
    std::uint32_t type = k_none;
    std::uint32_t claimed = k_none;
};

} // namespace ardoq::plan::detail

namespace ardoq::plan {

struct SnapshotIndex {
    std::shared_ptr<const model::Snapshot> snapshot; // what it indexes
    model::Identity identity;                        // by which rule
    // Plan::identity_field_key and Plan::existing_key_texts of a plan on this snapshot.
    std::optional<model::FieldKey> identity_field_key;
    std::unordered_map<std::uint32_t, std::string> existing_key_texts;
    std::vector<detail::SnapInfo> info; // per snapshot component
    KeyTable keys;                      // identity text of every snapshot component
    model::ChainIndex by_key;           // snapshot components by identity text

    bool indexes(const model::Snapshot& s, const model::Identity& id) const noexcept {
        return snapshot.get() == &s && identity.kind == id.kind &&
               (id.kind == model::IdentityKind::name || identity.field == id.field);
    }
};

} // namespace ardoq::plan

namespace ardoq::plan::detail {

class Planner {
public:
    Planner(Plan& plan, const model::SyncPolicy& policy, const ResolvedTypes& types,
            const PlanOptions& options);

    // --- passes, in order ------------------------------------------------------------------
    // Takes `prebuilt` over when it indexes this plan's snapshot, else builds the index.
    void index_snapshot(std::shared_ptr<SnapshotIndex> prebuilt); // planner.cpp
    void join_components();                                       // join_components.cpp
    void resolve_hierarchy();                                     // hierarchy.cpp
    // Field-level comparison of the joined components. It runs on a second thread while
    // join_references() runs: it writes only the situation and action of open component
    // entries (never blocking one), and hands its field changes back in `changed` (entry,
    // changes) instead of creating details, for commit_component_changes() afterwards.
    struct ComponentChanges {
        std::vector<std::pair<std::uint32_t, std::vector<FieldChange>>> changed;
        std::vector<FieldSlot> field_cache; // this thread's field_slot() cache
    };
    void compare_components(ComponentChanges& out); // join_components.cpp
    void commit_component_changes(ComponentChanges& in);
    void mark_blocked_components(); // before compare_components() and join_references()
    void join_references();         // join_references.cpp
    void plan_deletes();            // deletes.cpp

    // --- shared helpers --------------------------------------------------------------------
    // Snapshot components whose identity equals `key` (any type), into `out`.
    // `hash`, when given, is m_snap_keys.hash(key), computed ahead.
    void snapshot_candidates(std::string_view key, std::vector<std::uint32_t>& out,
                             const std::uint64_t* hash = nullptr) const;
    // The plan entry of a desired component with this identity (duplicates resolved to the
    // kept one) of type `type` (k_none: any), or k_none. Valid after join_components().
    // `hash`, when given, is m_desired_keys.hash(key), computed ahead (see join_references).
    std::uint32_t desired_entry(std::string_view key, std::uint32_t type,
                                const std::uint64_t* hash = nullptr) const;
    // Resolves a parent or endpoint reference; `role` names it in reasons ("parent").
    // `memo`: the calling thread's, when that is not the planner's own thread.
    RefResolution resolve_ref(const model::ComponentRef& ref, std::string_view role,
                              const std::uint64_t* hash = nullptr, TypeMemo* memo = nullptr) const;
    // Type index of a component / reference type name, memoised in the planner's own memo
    // (its thread's) or in `memo`.
    std::uint32_t component_type_of(std::string_view name) const {
        return component_type_of(name, m_type_memo);
    }
    std::uint32_t component_type_of(std::string_view name, TypeMemo& memo) const;
    std::uint32_t reference_type_of(std::string_view name) const {
        return reference_type_of(name, m_ref_type_memo);
    }
    std::uint32_t reference_type_of(std::string_view name, TypeMemo& memo) const;
    // Whether an entry will not be written (conflict, error, skip).
    static bool blocked(Action a) noexcept {
        return a == Action::conflict || a == Action::error || a == Action::skip;
    }
    // The OID an entry has or will have: its twin's; nullopt when it is created in this run.
    std::optional<model::Oid> entry_oid(std::uint32_t entry) const;
    std::optional<model::Oid> link_oid(const Link& link) const;
    // Snapshot index of a component by OID (built on first use, by one thread), or k_none.
    std::uint32_t snapshot_index_of(const model::Oid& id) const;
    // `Application "app-1" (apps.csv:2)`: Plan::describe plus the origin when known.
    std::string describe(const ComponentEntry& e) const;
    std::string describe(const ReferenceEntry& e) const;
    // Sets a component / reference entry's outcome and reason.
    void set_outcome(ComponentEntry& e, Situation s, Action a, std::string reason = {},
                     std::string hint = {});
    void set_outcome(ReferenceEntry& e, Situation s, Action a, std::string reason = {},
                     std::string hint = {});
    Detail& detail_of(std::uint32_t& detail_index);
    Action unresolved_action() const noexcept {
        return m_policy.on_unresolved == model::OnUnresolved::skip ? Action::skip : Action::error;
    }
    std::string unresolved_hint() const;
    // The field slot of a mapped field by its name id, using a positional cache (the fields
    // of one rule come in the same order on every entity).
    // `cache` is the calling thread's.
    const FieldSlot& field_slot(std::vector<FieldSlot>& cache, std::size_t position,
                                std::uint32_t name_id) const;
    // Appends to `changes` the desired fields that differ from the existing ones (the
    // identity field left out when `skip_identity`), with `cache` for field_slot().
    void compare_fields(const model::DesiredFields& desired, const model::CustomFields& existing,
                        bool skip_identity, std::vector<FieldChange>& changes,
                        std::vector<FieldSlot>& cache) const;

protected:
    Plan& m_plan;
    const model::DesiredState& m_desired;
    const model::Snapshot& m_snap;
    const model::SyncPolicy& m_policy;
    const ResolvedTypes& m_types;
    const PlanOptions& m_options;
    bool m_by_name = false;

    std::vector<SnapInfo> m_snap_info;  // see SnapInfo
    KeyTable m_snap_keys;               // identity text of every snapshot component
    KeyTable m_desired_keys;            // identity key of every desired component
    model::ChainIndex m_snap_by_key;    // snapshot components by identity text
    model::ChainIndex m_desired_by_key; // desired entries by identity (+ type by name)
    // Per desired entry, side by side because lookups need both: its type and its twin's OID
    // (zero OID: no twin). Filled by join_components().
    struct EntryInfo {
        model::Oid oid;
        std::uint32_t type = k_none;
        bool blocked = false; // set before references are joined
    };
    std::vector<EntryInfo> m_entry_info;
    mutable TypeMemo m_type_memo;     // of component_type_of() on the planner's thread
    mutable TypeMemo m_ref_type_memo; // of reference_type_of() on the planner's thread
    std::unordered_map<std::uint32_t, std::uint32_t> m_redirect; // duplicate → kept entry
    std::vector<std::uint32_t> m_ref_claimed;       // snapshot reference → entry that joined it
    std::unordered_set<std::uint32_t> m_moved_away; // snapshot components re-parented by updates
    mutable model::ChainIndex m_snap_by_id;         // built on first use
    mutable std::once_flag m_snap_by_id_built;
    std::vector<FieldSlot> m_field_cache; // field_slot() cache of the planner's thread
    std::uint32_t m_identity_name_id = 0; // field_name_id of the identity field
};

} // namespace ardoq::plan::detail
