#pragma once
// A compact, indexed copy of one Ardoq workspace: its metamodel (context), every component
// and every reference, as fetched from the target or loaded from the cache. The planner
// joins the desired state against it; the file: target applies batches to it.
//
// Compact by design (millions of entities): OIDs are 12 bytes; the text of names, keys,
// type ids and timestamps lives in the snapshot's string arena and entities hold views
// into it; custom-field keys are interned (FieldKey); indexes are open-addressing tables
// of 32-bit positions (model/chain_index.hpp).
//
// String members of SnapshotComponent / SnapshotReference are views. add_component() and
// add_reference() copy the text they point to into the snapshot, so any live string may
// be passed in; when changing an entity in place, assign only views from store(). Custom
// fields may be borrowed from the snapshot's arena too (CustomFields::borrow): adopt_*()
// keeps them so, add_*() copies them.

#include "model/chain_index.hpp"
#include "model/metamodel.hpp"
#include "model/oid.hpp"
#include "model/packed_fields.hpp"
#include "model/string_arena.hpp"
#include "model/value.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::model {

using FieldKey = std::uint32_t; // index into Snapshot::field_keys()

struct CustomFieldValue {
    FieldKey key = 0;
    Value value; // as Ardoq returned it; null kept (it means "field cleared")
};

// The custom fields of a snapshot entity, packed (model/packed_fields.hpp): one heap block
// per entity. Keys are FieldKeys; sorted by key once the entity is in a snapshot. Iterating
// gives (key, ValueView) entries.
class CustomFields : public PackedFields {
public:
    CustomFields() = default;
    CustomFields(std::initializer_list<CustomFieldValue> fields) {
        for (const auto& f : fields)
            push_back(f);
    }
    void push_back(const CustomFieldValue& f) { append(f.key, f.value); }
    void reserve(std::size_t) noexcept {} // the byte count is not known from a field count
    // Fields read in place from bytes someone else keeps (PackedFields::borrow): a cache
    // loader's mapped file, whose snapshot keeps it (StringArena::keep()).
    static CustomFields borrow(std::string_view bytes) noexcept {
        CustomFields f;
        static_cast<PackedFields&>(f) = PackedFields::borrow(bytes);
        return f;
    }
};

struct SnapshotComponent {
    Oid id;
    std::optional<Oid> parent;
    std::int64_t version = 0;
    std::string_view type_id; // "p1024822409134"
    std::string_view name;
    std::string_view component_key;              // "APP-12"
    std::optional<std::string_view> description; // nullopt when Ardoq has none
    CustomFields custom_fields;                  // sorted by key
    std::string_view last_updated;               // _meta.lastUpdated, ISO-8601
};

struct SnapshotReference {
    Oid id;
    Oid source;
    Oid target;
    std::int64_t type = 0;
    std::int64_t version = 0;
    std::optional<std::string_view> display_text;
    std::optional<std::string_view> description;
    CustomFields custom_fields; // sorted by key
    std::string_view last_updated;
};

struct WorkspaceInfo {
    std::string id; // OID text
    std::string name;
    std::int64_t version = 0;
    std::string description;
};

// Position of an entity in Snapshot::components() / references().
using EntityIndex = std::uint32_t;

class Snapshot {
public:
    WorkspaceInfo workspace;
    WorkspaceContext context;
    std::string host;       // redacted target URL the snapshot came from
    std::string fetched_at; // ISO-8601 UTC

    Snapshot() = default;
    Snapshot(Snapshot&&) noexcept = default;
    Snapshot& operator=(Snapshot&&) noexcept = default;
    // A deep copy: the copy's views point into its own arena. Indexes are rebuilt.
    Snapshot(const Snapshot& other);
    Snapshot& operator=(const Snapshot& other);

    // --- text ----------------------------------------------------------------------------
    // Copies text into the snapshot; the view lives as long as the snapshot.
    std::string_view store(std::string_view text) { return m_arena.store(text); }
    // Like store(), but returns the existing copy for a text stored this way before
    // (type ids: few distinct values, many uses).
    std::string_view intern(std::string_view text);
    StringArena& arena() noexcept { return m_arena; }

    // --- field keys --------------------------------------------------------------------
    FieldKey intern_field(std::string_view api_key);
    std::optional<FieldKey> find_field(std::string_view api_key) const noexcept;
    const std::vector<std::string>& field_keys() const noexcept { return m_field_keys; }
    // Value of a custom field on an entity, nullopt when the entity does not carry it.
    static std::optional<ValueView> field_value(const CustomFields& fields, FieldKey key) noexcept {
        return fields.find(key);
    }

    // --- building ----------------------------------------------------------------------
    // Adding or removing entities invalidates the indexes; so does reindex(), to be called
    // after entities were changed in place. Indexes are built again on the next lookup.
    // The entity's text is copied into the snapshot; its custom fields get sorted.
    EntityIndex add_component(SnapshotComponent c);
    EntityIndex add_reference(SnapshotReference r);
    // Appends an entity whose views already point into this snapshot (cache loaders).
    EntityIndex adopt_component(SnapshotComponent c);
    EntityIndex adopt_reference(SnapshotReference r);
    void reserve(std::size_t components, std::size_t references);
    // Removes entities (by id) and compacts; returns how many were removed.
    std::size_t remove_components(const std::vector<Oid>& ids);
    std::size_t remove_references(const std::vector<Oid>& ids);
    // Marks every index below out of date: the next lookup builds what it needs (a plan
    // against a million-entity snapshot never uses them: the planner has its own). Cheap.
    void reindex() noexcept;
    // The same for the indexes over components only, and over references only.
    void reindex_components() noexcept;
    void reindex_references() noexcept;

    const std::vector<SnapshotComponent>& components() const noexcept { return m_components; }
    std::vector<SnapshotComponent>& components() noexcept { return m_components; }
    const std::vector<SnapshotReference>& references() const noexcept { return m_references; }
    std::vector<SnapshotReference>& references() noexcept { return m_references; }

    // Bytes the snapshot holds on the heap: entity arrays, custom-field values (with the
    // heap text of long strings, lists and objects), the string arena and the indexes. An
    // estimate that ignores allocator overhead; for memory budgets and tests.
    std::size_t memory_bytes() const noexcept;

    // --- lookups --------------------------------------------------------------------------
    // The first lookup after a change builds the indexes it uses: lookups are
    // thread-compatible, not thread-safe (concurrent readers of a changed snapshot race).
    std::optional<EntityIndex> component_by_id(const Oid& id) const;
    std::optional<EntityIndex> reference_by_id(const Oid& id) const;
    // Components of a type whose name equals `name` case-insensitively (ASCII + UTF-8
    // passthrough), ardoqpy's rule. Several means ambiguous.
    std::vector<EntityIndex> components_by_name(std::string_view type_id,
                                                std::string_view name) const;
    // Components whose custom field `api_key` has the given text (Value::to_text()), in
    // ascending order. Builds that field's index on first use (thread-compatible, not
    // thread-safe).
    std::vector<EntityIndex> components_by_field(std::string_view api_key,
                                                 std::string_view text) const;
    // Direct children of a component.
    std::vector<EntityIndex> children_of(const Oid& parent) const;
    // References between two components of a type (several = ambiguous).
    std::vector<EntityIndex> references_between(const Oid& source, const Oid& target,
                                                std::int64_t type) const;

private:
    StringArena m_arena;
    std::unordered_map<std::string_view, std::string_view> m_interned; // views into m_arena
    std::vector<std::string> m_field_keys;
    std::unordered_map<std::string, FieldKey> m_field_key_index;
    std::vector<SnapshotComponent> m_components;
    std::vector<SnapshotReference> m_references;

    // Built on first use (index_components(), index_references()).
    void index_components() const;
    void index_references() const;
    mutable bool m_components_indexed = false;
    mutable bool m_references_indexed = false;
    mutable ChainIndex m_component_by_id;
    mutable ChainIndex m_reference_by_id;
    mutable ChainIndex m_by_type_and_name;
    mutable ChainIndex m_children;
    mutable ChainIndex m_ref_by_endpoints;
    mutable std::unordered_map<FieldKey, std::unique_ptr<ChainIndex>> m_by_field;
};

// Lower-cases ASCII letters; other bytes (UTF-8) pass through unchanged.
std::string ascii_lower(std::string_view s);

// Asks the kernel to back a large, not yet touched range of memory (`bytes` from `data`) with
// huge pages where it can: a million-entity snapshot then takes a few hundred page faults
// instead of a hundred thousand. A hint only; a no-op for small ranges and off Linux.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

} // namespace ardoq::model
