#pragma once
// BatchExecutor: applies one parsed batch to the store, in this order:
//   1. aliases resolved against the state before the request (each to exactly one entity);
//   2. component creates and upserts (in request order), then their parents (a parent may
//      be the batchId of any create/upsert in the request), then component updates;
//   3. reference creates, upserts and updates;
//   4. deletes: references, then components (with their references), sparing the request's
//      dependencies from matches.
// The caller owns the store transaction; any ApiException leaves rolling back to it.

#include "batch_request.hpp"
#include "options.hpp"
#include "store.hpp"

#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ardoq::emulator {

class BatchExecutor {
public:
    // `expand`: also record the expanded operations (POST /batch/expand).
    BatchExecutor(Store& store, const Options& options, const BatchRequest& request, bool expand);

    void run();
    // {"components": {"created", "updated", "deleted"}, "references": {...}}
    json::object response() const;
    // The same answer as JSON text, written straight into a string (the bodies through
    // json_text.hpp): a large batch answers without building an object per entity.
    std::string response_text() const;
    // The request with aliases, identifiers and matches resolved (POST /batch/expand).
    json::object expansion() const;

private:
    struct Created {
        std::pmr::string id;
        std::optional<std::string_view> batch_id; // the operation's (in the request)
    };
    // A component written in step 2 whose parent is set afterwards. Components are only
    // erased in step 4, so the pointer stays valid while it is used.
    struct PendingParent {
        const Component* component;
        const ComponentOp* op;
        bool updated = false;                    // an upsert that matched an existing component
        std::int64_t old_version = 0;            // its _version before the request
        std::unique_ptr<const Component> before; // its state before, with --version-bump on-change
        json::object* expanded = nullptr;
    };

    // identifiers (batch_identifiers.cpp)
    void register_batch_ids();
    void resolve_aliases();
    // The component that `ident` names (a batchId, an alias or an OID); 422 naming `member`.
    const Component& component_ref(std::string_view ident, const std::string& label,
                                   const std::string& member) const;
    std::string existing_component(std::string_view ident, const std::string& label) const;
    std::string existing_reference(std::string_view ident, const std::string& label) const;
    const Component* known_component(std::string_view ident) const; // alias or OID
    ComponentSet find_components(const ComponentCriteria& criteria) const;
    ReferenceSet find_references(const ReferenceCriteria& criteria) const;
    std::string canonical_criterion(const std::string& workspace_id, const std::string& key,
                                    const json::value& value) const;

    // writes (batch_components.cpp, batch_references.cpp)
    void component_writes();
    Component new_component(const ComponentOp& op, const Workspace& ws);
    void apply_component_body(Component& c, const ComponentBody& body, const std::string& label);
    // The parent `body` gives `c` (checked; "" for none, c.parent when the body names none).
    const std::string& new_parent(const Component& c, const ComponentBody& body,
                                  const std::string& label, json::object* expanded) const;
    // Raises _version and lastUpdated (always, or with --version-bump on-change when the
    // content differs from `before`).
    void bump_version(Component& c, std::int64_t old_version, const Component& before);
    json::object* expanded(std::vector<json::object>& list, const json::object* raw);
    void check_parent_cycles() const;
    void reference_writes();
    void write_reference(const ReferenceOp& op, const Reference* existing, json::object* expanded);
    // Records that the operation `label` (in the request) writes entity `id`.
    void note_component_write(const std::string& id, const std::string& label);
    void note_reference_write(const std::string& id, const std::string& label);
    const Workspace& workspace_of(std::string_view id, const std::string& label) const;
    void check_version(const VersionMatch& expected, std::int64_t actual, const std::string& what,
                       const std::string& id, const std::string& label) const;

    // deletes (batch_delete.cpp)
    void deletes();
    std::unordered_set<std::string> dependencies() const;

    Store& m_store;
    const Options& m_options;
    const BatchRequest& m_request;
    bool m_expand;

    // The memory of the bookkeeping below, released at once with the executor: a batch of
    // 500 operations would otherwise allocate and free thousands of small blocks.
    std::pmr::monotonic_buffer_resource m_arena;
    template <class Key, class T> using Map = std::pmr::unordered_map<Key, T, TextHash, TextEqual>;

    // Keys and labels of string_view / pointer type point into m_request.
    using AliasMap = std::unordered_map<std::string, std::string, TextHash, TextEqual>;
    AliasMap m_component_alias; // alias → OID
    AliasMap m_reference_alias;
    Map<std::string_view, const std::string*> m_batch_owner{&m_arena};        // batchId → label
    Map<std::string_view, const Component*> m_component_batch{&m_arena};      // batchId → it
    Map<std::pmr::string, const std::string*> m_written_components{&m_arena}; // OID → 1st label
    Map<std::pmr::string, const std::string*> m_written_references{&m_arena};

    std::pmr::vector<Created> m_created_components{&m_arena}, m_created_references{&m_arena};
    std::pmr::vector<std::pmr::string> m_updated_components{&m_arena},
        m_updated_references{&m_arena};
    std::vector<std::string> m_deleted_components, m_deleted_references;

    // The expanded operations, in request order.
    std::vector<json::object> m_x_component_create, m_x_component_upsert, m_x_component_update,
        m_x_component_delete, m_x_reference_create, m_x_reference_upsert, m_x_reference_update,
        m_x_reference_delete;
};

} // namespace ardoq::emulator
