#pragma once
// Store: the emulator's in-memory Ardoq organisation. Components and references are indexed
// by id, by workspace (in creation order), by component key, by (workspace, lower-case name),
// by (workspace, typeId), by (workspace, custom field, canonical value), by parent, and by
// reference source and target, so that no batch operation scans a workspace. A custom field is
// indexed from the first time it is looked up (one scan), and kept in step from then on:
// most fields are never searched, and indexing all of them made every write slow.
//
// Writes go through put_* / erase_*, which keep every index in step. Between begin() and
// commit() the store keeps an undo log (the before-image of each entity on first touch plus
// the id and sequence counters); rollback() restores the state exactly.

#include "entities.hpp"
#include "oid.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace ardoq::emulator {

// How names compare in aliases, upsert uniqueBy and delete matches (--name-match).
enum class NameMatch { exact, ignore_case };

// Entities ordered by seq. The store's sets take their nodes from its pool (see m_set_nodes);
// sets made elsewhere from the heap.
using ComponentSet = std::pmr::map<std::uint64_t, const Component*>;
using ReferenceSet = std::pmr::map<std::uint64_t, const Reference*>;

struct OrgInfo {
    std::string name = "Emulated Org";
    std::string label = "emulator";
};

struct UserInfo {
    std::string id = "5f0c1e0de0b1a2c3d4e5f601";
    std::string email = "emulator@example.com";
    std::string name = "Emulator User";
};

// A small table of entities keyed by id (workspaces, models, fields, tags, folders).
template <class T> class Table {
public:
    T* find(std::string_view id) {
        auto it = m_items.find(id);
        return it == m_items.end() ? nullptr : &it->second;
    }
    const T* find(std::string_view id) const {
        auto it = m_items.find(id);
        return it == m_items.end() ? nullptr : &it->second;
    }
    void put(T item) {
        std::string id = item.id;
        m_items.insert_or_assign(std::move(id), std::move(item));
    }
    bool erase(const std::string& id) { return m_items.erase(id) > 0; }
    bool contains(const std::string& id) const { return m_items.count(id) > 0; }
    std::size_t size() const { return m_items.size(); }
    // Every item in creation order.
    std::vector<const T*> ordered() const {
        std::vector<const T*> out;
        out.reserve(m_items.size());
        for (const auto& [id, item] : m_items)
            out.push_back(&item);
        std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->seq < b->seq; });
        return out;
    }
    void clear() { m_items.clear(); }
    // Unordered iteration over (id, item) pairs.
    auto begin() const { return m_items.begin(); }
    auto end() const { return m_items.end(); }

private:
    std::unordered_map<std::string, T, TextHash, std::equal_to<>> m_items;
};

class Store {
public:
    Store(std::uint64_t id_seed, NameMatch name_match);
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    OrgInfo org;
    UserInfo user;
    Table<Model> models;
    Table<Field> fields;
    Table<Folder> folders;
    Table<Tag> tags;

    NameMatch name_match() const noexcept { return m_name_match; }

    // ---- ids, sequence numbers, metadata
    std::string new_id();           // an OID used by no entity
    std::uint64_t next_seq();       // creation order
    void note_seq(std::uint64_t s); // keeps next_seq() above loaded entities
    Meta new_meta() const;          // _meta of an entity created now by the user
    // _meta of an entity created at `time` (ISO-8601) by the user.
    Meta new_meta_at(std::string_view time) const;
    void touch_meta(Meta& meta) const; // lastUpdated / lastModifiedBy = now / the user

    // ---- workspaces
    const Workspace* workspace(std::string_view id) const { return m_workspaces.find(id); }
    std::vector<const Workspace*> workspaces() const { return m_workspaces.ordered(); }
    void put_workspace(Workspace w);
    void erase_workspace(const std::string& id);
    // A workspace key no workspace uses: `wanted`, or (when empty) the first three letters
    // or digits of `name` in upper case; a number is appended while it is taken.
    std::string unique_workspace_key(std::string wanted, const std::string& name) const;
    // The next component key of a workspace ("APP-12"), advancing its counter.
    std::string next_component_key(const std::string& workspace_id);
    const Model* model_of(const std::string& workspace_id) const;
    // The field `api_key` of a model, or nullptr.
    const Field* field(const std::string& model_id, std::string_view api_key) const;
    // Every field of a model, in creation order.
    std::vector<const Field*> fields_of(const std::string& model_id) const;

    // ---- components
    const Component* component(std::string_view id) const;
    std::size_t component_count() const { return m_components.size(); }
    const ComponentSet& components() const { return m_component_order; }
    const ComponentSet& components_in(const std::string& workspace_id) const;
    const Component* component_by_key(const std::string& component_key) const;
    // Components of a workspace whose name matches (per name_match(), or exactly).
    ComponentSet components_named(const std::string& workspace_id, std::string_view name,
                                  NameMatch match) const;
    const ComponentSet& components_of_type(const std::string& workspace_id,
                                           const std::string& type_id) const;
    // Components of a workspace whose custom field `key` has the canonical value `value`.
    const ComponentSet& components_with_field(const std::string& workspace_id, std::string_view key,
                                              std::string_view value) const;
    const ComponentSet& children(const std::string& component_id) const;
    // Inserts or replaces (by id) a component; returns the stored one.
    const Component& put_component(Component c);
    // Sets the parent of a stored component ("" for none), keeping the indexes in step.
    void set_component_parent(const std::string& id, std::string parent);
    void erase_component(const std::string& id);

    // ---- references
    const Reference* reference(std::string_view id) const;
    std::size_t reference_count() const { return m_references.size(); }
    const ReferenceSet& references() const { return m_reference_order; }
    const ReferenceSet& references_in(const std::string& workspace_id) const;
    const ReferenceSet& references_from(const std::string& component_id) const;
    const ReferenceSet& references_to(const std::string& component_id) const;
    // References from `source` to `target` of `type` (among the source's references).
    ReferenceSet references_between(const std::string& source, const std::string& target,
                                    std::int64_t type) const;
    const ReferenceSet& references_with_field(const std::string& workspace_id, std::string_view key,
                                              std::string_view value) const;
    const Reference& put_reference(Reference r); // insert or replace by id; the stored one
    void erase_reference(const std::string& id);

    // ---- transactions (undo log)
    // `expected_writes`: how many entities the transaction may touch (reserves the undo log).
    void begin(std::size_t expected_writes = 0);
    void commit();
    void rollback();
    bool in_transaction() const noexcept { return m_in_transaction; }

    // Removes everything (org and user stay).
    void clear();

private:
    // Open addressing keeps a lookup to a cache miss or two; the values move when the table
    // grows, so entities (which indexes point to) are held by pointer.
    template <class T>
    using FlatIndex = boost::unordered_flat_map<std::string, T, TextHash, std::equal_to<>>;
    // Node-based: a set handed out by a lookup stays put while the lazily built field
    // indexes grow.
    template <class T>
    using NodeIndex = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

    void reindex_component(Component& stored, Component next);
    void reindex_reference(Reference& stored, Reference next);
    void index_component(const Component& c);
    void unindex_component(const Component& c);
    void index_reference(const Reference& r);
    void unindex_reference(const Reference& r);
    // The undo log: `remember` records an entity's before-image on its first change in the
    // transaction, `remember_created` that it did not exist; `forget` precedes its erasure.
    template <class T> void remember(const T& entity);
    template <class T> void remember_created(const T& entity);
    template <class T> void forget(const T& entity);
    // Adds / removes `c`'s entries for the custom fields that are indexed.
    void index_component_fields(const Component& c) const;
    void unindex_component_fields(const Component& c) const;
    void index_reference_fields(const Reference& r) const;
    void unindex_reference_fields(const Reference& r) const;

    NameMatch m_name_match;
    OidGenerator m_ids;
    mutable std::string m_meta_time; // the time and user of m_meta, the last new_meta_at()
    mutable UserInfo m_meta_user;
    mutable Meta m_meta;
    std::uint64_t m_seq = 0;

    Table<Workspace> m_workspaces;

    // The nodes of every index set: an entity is in a set of each index, and a pool hands out
    // and takes back those small nodes far more cheaply than the heap. Declared before the
    // indexes, so that it outlives them.
    mutable std::pmr::unsynchronized_pool_resource m_set_nodes;

    FlatIndex<std::unique_ptr<Component>> m_components;
    ComponentSet m_component_order;
    FlatIndex<ComponentSet> m_components_by_ws;
    FlatIndex<const Component*> m_components_by_key;
    FlatIndex<ComponentSet> m_components_by_name;
    FlatIndex<ComponentSet> m_components_by_type;
    // Lazily built (see the top): lookups are const, so these are mutable.
    // Guards the lazily built field indexes: they grow on a lookup, and concurrent GETs look
    // up under a shared lock of the store.
    mutable std::mutex m_lazy_index_mutex;
    mutable NodeIndex<ComponentSet> m_components_by_field;
    mutable std::vector<std::string> m_indexed_component_fields;
    FlatIndex<ComponentSet> m_children;

    FlatIndex<std::unique_ptr<Reference>> m_references;
    ReferenceSet m_reference_order;
    FlatIndex<ReferenceSet> m_references_by_ws;
    FlatIndex<ReferenceSet> m_references_by_source;
    FlatIndex<ReferenceSet> m_references_by_target;
    mutable NodeIndex<ReferenceSet> m_references_by_field;
    mutable std::vector<std::string> m_indexed_reference_fields;

    struct Undo {
        std::string id;
        std::variant<std::optional<Component>, std::optional<Reference>, std::optional<Workspace>>
            before; // nullopt: the entity did not exist
    };
    bool m_in_transaction = false;
    std::vector<Undo> m_undo;
    // The entities remembered so far, by address. An erased entity is forgotten first, so an
    // entity created later at the same address is remembered as new.
    boost::unordered_flat_set<const void*> m_touched;
    std::uint64_t m_saved_seq = 0;
    std::uint64_t m_saved_id_counter = 0;
};

} // namespace ardoq::emulator
