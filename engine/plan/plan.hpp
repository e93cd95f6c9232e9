#pragma once
// The plan: the result of joining the desired state with a workspace snapshot. Every
// desired entity, and every owned Ardoq entity the source no longer has, becomes one entry
// with its situation (what the join found) and its action (what the sync will do).
//
// A Plan is a value: entries point into the desired state and the snapshot by index and
// the plan shares ownership of both, so it can be printed, turned into batches and kept
// after the pipeline step that produced it has returned.

#include "model/desired.hpp"
#include "model/snapshot.hpp"
#include "model/sync_policy.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::plan {

inline constexpr std::uint32_t k_none = 0xffffffffU;

enum class EntityKind : std::uint8_t { component, reference };

// What the join found for an entity.
enum class Situation : std::uint8_t {
    absent,     // desired, not in Ardoq → create
    unchanged,  // desired, in Ardoq with the same mapped values → nothing
    changed,    // desired, in Ardoq with other values → update (field-level changes)
    ambiguous,  // desired, several Ardoq twins (or a twin of another type) → conflict
    duplicate,  // several source records share the identity → conflict (or skip by policy)
    missing,    // owned in Ardoq, not in the source → cache miss (deleted in mirror mode)
    unresolved, // a parent or reference endpoint exists nowhere, or a parent cycle → error
};

// What the sync does with it.
enum class Action : std::uint8_t {
    create,
    update,
    remove,     // delete (mirror mode, allowed by the delete guard)
    none,       // unchanged
    conflict,   // never sent; the run ends with exit code 4
    cache_miss, // reported, not deleted
    error,      // never sent; the run fails
    skip,       // not sent by policy (on_unresolved: skip, on_duplicate: first | last)
};

std::string_view situation_name(Situation s) noexcept; // "absent", "unchanged", ...
std::string_view action_name(Action a) noexcept;       // "create", ..., "delete", "cache_miss"
inline constexpr std::size_t k_action_count = 8;

// How a parent or a reference endpoint resolved.
struct Link {
    enum class Kind : std::uint8_t {
        unmapped, // the mapping does not set it: never touched
        root,     // parent mapped to nothing: the component sits at the root
        entry,    // a component of this plan (index into Plan::components)
        existing, // an Ardoq component outside the desired state (index into the snapshot)
        unresolved,
    };
    Kind kind = Kind::unmapped;
    std::uint32_t index = k_none;
    friend bool operator==(const Link&, const Link&) = default;
};

struct ComponentEntry {
    std::uint32_t desired = k_none;  // index into DesiredState::components; k_none: missing
    std::uint32_t existing = k_none; // index into Snapshot::components; k_none: absent
    std::uint32_t type = k_none;     // index into WorkspaceContext::component_types
    std::uint32_t detail = k_none;   // index into Plan::details; k_none: nothing to say
    Link parent;
    std::uint16_t depth = 0; // creates: distance from a parent not created in this run;
                             // deletes: depth in the Ardoq hierarchy (deepest go first)
    Situation situation = Situation::absent;
    Action action = Action::create;
};

struct ReferenceEntry {
    std::uint32_t desired = k_none;  // index into DesiredState::references; k_none: missing
    std::uint32_t existing = k_none; // index into Snapshot::references; k_none: absent
    std::uint32_t type = k_none;     // index into WorkspaceContext::reference_types
    std::uint32_t detail = k_none;
    Link source; // for missing references: kind existing, from the snapshot
    Link target;
    bool keyed = false; // identified by the identity custom field, not by its endpoints
    Situation situation = Situation::absent;
    Action action = Action::create;
};

// One field that differs: "lifecycle": "Planned" → "Live". Parent and endpoints are
// shown by the key of the component they point at.
struct FieldChange {
    std::string field; // "name", "description", "parent", "displayText", "source", apiKey
    model::Value before;
    model::Value after;
};

struct Detail {
    std::vector<FieldChange> changes;
    std::string reason; // why a conflict, error, skip, or a kept / refused delete
    std::string hint;   // how to resolve it; "" when there is nothing useful to say
};

// The delete guard's verdict for one owned type (or for an empty source).
struct GuardFinding {
    EntityKind kind = EntityKind::component;
    std::string type; // type name; "" for a finding about a source
    std::uint64_t deletes = 0;
    std::uint64_t owned = 0; // owned entities of the type in Ardoq
    std::string message;     // "refusing to delete 30 of 100 Application components ..."
};

struct DeleteGuard {
    bool refused = false;    // true: no delete is planned (entries become cache misses)
    bool overridden = false; // --allow-deletes: findings were reported but not enforced
    std::vector<GuardFinding> findings;
    std::string hint; // how to override, when refused
};

class Plan {
public:
    std::shared_ptr<const model::DesiredState> desired;
    std::shared_ptr<const model::Snapshot> snapshot;
    model::Identity identity;
    model::DeleteMode deletes = model::DeleteMode::report;
    std::vector<ComponentEntry> components; // desired order, then missing in snapshot order
    std::vector<ReferenceEntry> references; // likewise
    std::vector<Detail> details;
    DeleteGuard guard;

    // --- describing entries (for reports and batches) ---------------------------------
    std::string_view type_name(const ComponentEntry& e) const noexcept;
    std::string_view type_name(const ReferenceEntry& e) const noexcept;
    // Identity key: the desired key, or for a missing component its identity field value
    // (or name with name identity); "" when it has none.
    std::string_view key(const ComponentEntry& e) const noexcept;
    std::string_view name(const ComponentEntry& e) const noexcept;
    // Key of a reference: its identity field value when keyed, else "source → target".
    std::string key(const ReferenceEntry& e) const;
    // Key (or name, or OID) of what a link points at, for display.
    std::string link_key(const Link& link) const;
    // `Application "app-1"`, `Depends on "app-1 → app-2"` (key, or name / OID when keyless).
    std::string describe(const ComponentEntry& e) const;
    std::string describe(const ReferenceEntry& e) const;
    // "apps.csv:42" for desired entities, "" for missing ones.
    std::string origin(const ComponentEntry& e) const;
    std::string origin(const ReferenceEntry& e) const;
    const Detail* detail(std::uint32_t index) const noexcept {
        return index == k_none ? nullptr : &details[index];
    }

    // --- outcome --------------------------------------------------------------------------
    std::size_t count(Action a) const noexcept; // components + references
    bool has_changes() const noexcept;          // anything to create, update or delete
    bool has_conflicts() const noexcept { return count(Action::conflict) > 0; }
    bool has_errors() const noexcept { return count(Action::error) > 0; }

    // Identity text of a snapshot component: its identity field value (or its name with
    // name identity); "" when it has none.
    std::string_view existing_key(std::uint32_t snapshot_index) const noexcept;
    // The same from its parts (what the planner indexes before a Plan exists).
    static std::string_view
    existing_key(const model::Snapshot& snapshot, const model::Identity& identity,
                 const std::optional<model::FieldKey>& identity_field_key,
                 const std::unordered_map<std::uint32_t, std::string>& texts,
                 std::uint32_t snapshot_index) noexcept;

    // Set by the planner: the identity field's key in the snapshot (field identity), and the
    // identity values that are not text (rare), by snapshot index, so keys are views.
    std::optional<model::FieldKey> identity_field_key;
    std::unordered_map<std::uint32_t, std::string> existing_key_texts;
};

} // namespace ardoq::plan
