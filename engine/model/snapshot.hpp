#pragma once
// A compact, indexed copy of one Ardoq workspace: its metamodel (context), every component
// and every reference, as fetched from the target or loaded from the cache. The planner
// joins the desired state against it; the file: target applies batches to it.
//
// Compact by design (millions of entities): OIDs are 12 bytes, custom-field keys are
// interned (FieldKey), component types are indexes into the context.

#include "model/metamodel.hpp"
#include "model/oid.hpp"
#include "model/value.hpp"

#include <cstdint>
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

struct SnapshotComponent {
    Oid id;
    std::optional<Oid> parent;
    std::int64_t version = 0;
    std::string type_id; // "p1024822409134" (short: fits the small-string buffer)
    std::string name;
    std::string component_key;              // "APP-12"
    std::optional<std::string> description; // nullopt when Ardoq has none
    std::vector<CustomFieldValue> custom_fields; // sorted by key
    std::string last_updated;               // _meta.lastUpdated, ISO-8601
};

struct SnapshotReference {
    Oid id;
    Oid source;
    Oid target;
    std::int64_t type = 0;
    std::int64_t version = 0;
    std::optional<std::string> display_text;
    std::optional<std::string> description;
    std::vector<CustomFieldValue> custom_fields; // sorted by key
    std::string last_updated;
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

    // --- field keys --------------------------------------------------------------------
    FieldKey intern_field(std::string_view api_key);
    std::optional<FieldKey> find_field(std::string_view api_key) const noexcept;
    const std::vector<std::string>& field_keys() const noexcept { return m_field_keys; }
    // Value of a custom field on an entity, nullptr when the entity does not carry it.
    static const Value* field_value(const std::vector<CustomFieldValue>& fields, FieldKey key) noexcept;

    // --- building ----------------------------------------------------------------------
    // Adding, replacing or removing entities invalidates the indexes until reindex().
    EntityIndex add_component(SnapshotComponent c);
    EntityIndex add_reference(SnapshotReference r);
    void reserve(std::size_t components, std::size_t references);
    // Removes entities (by id) and compacts; returns how many were removed.
    std::size_t remove_components(const std::vector<Oid>& ids);
    std::size_t remove_references(const std::vector<Oid>& ids);
    // Builds every index below. Cheap to call again after a batch was applied.
    void reindex();

    const std::vector<SnapshotComponent>& components() const noexcept { return m_components; }
    std::vector<SnapshotComponent>& components() noexcept { return m_components; }
    const std::vector<SnapshotReference>& references() const noexcept { return m_references; }
    std::vector<SnapshotReference>& references() noexcept { return m_references; }

    // --- lookups (valid after reindex()) ------------------------------------------------
    std::optional<EntityIndex> component_by_id(const Oid& id) const noexcept;
    std::optional<EntityIndex> reference_by_id(const Oid& id) const noexcept;
    // Components of a type whose name equals `name` case-insensitively (ASCII + UTF-8
    // passthrough), ardoqpy's rule. Several means ambiguous.
    std::vector<EntityIndex> components_by_name(std::string_view type_id, std::string_view name) const;
    // Components whose custom field `api_key` has the given text (Value::to_text()).
    // Builds that field's index on first use (thread-compatible, not thread-safe).
    const std::vector<EntityIndex>& components_by_field(std::string_view api_key,
                                                        std::string_view text) const;
    // Direct children of a component.
    std::vector<EntityIndex> children_of(const Oid& parent) const;
    // References between two components of a type (several = ambiguous).
    std::vector<EntityIndex> references_between(const Oid& source, const Oid& target,
                                                std::int64_t type) const;

private:
    std::vector<std::string> m_field_keys;
    std::unordered_map<std::string, FieldKey> m_field_key_index;
    std::vector<SnapshotComponent> m_components;
    std::vector<SnapshotReference> m_references;

    std::unordered_map<Oid, EntityIndex, OidHash> m_component_by_id;
    std::unordered_map<Oid, EntityIndex, OidHash> m_reference_by_id;
    std::unordered_map<std::string, std::vector<EntityIndex>> m_by_type_and_name; // type_id + '\0' + lower(name)
    std::unordered_multimap<Oid, EntityIndex, OidHash> m_children;
    std::unordered_map<std::string, std::vector<EntityIndex>> m_ref_by_endpoints;
    mutable std::unordered_map<std::string, std::unordered_map<std::string, std::vector<EntityIndex>>>
        m_by_field; // api_key -> text -> components
};

// Lower-cases ASCII letters; other bytes (UTF-8) pass through unchanged.
std::string ascii_lower(std::string_view s);

} // namespace ardoq::model
