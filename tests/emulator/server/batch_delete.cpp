// Deletes of a batch: by id, by alias or by match, with the dependency rule ("components
// created, updated or upserted in the request, their ancestors, and the endpoints of
// references written in the request are not deleted by a match"), the children rule and the
// removal of a deleted component's references.
#include "api_error.hpp"
#include "batch_executor.hpp"

#include <unordered_set>

namespace ardoq::emulator {

std::unordered_set<std::string> BatchExecutor::dependencies() const {
    std::unordered_set<std::string> deps;
    std::vector<std::string> stack;
    for (const auto& [id, label] : m_written_components)
        stack.emplace_back(id);
    for (const auto& [id, label] : m_written_references)
        if (const Reference* r = m_store.reference(id)) {
            stack.push_back(r->source);
            stack.push_back(r->target);
        }
    // Close over parents: the whole hierarchy above a dependency is a dependency.
    while (!stack.empty()) {
        std::string id = std::move(stack.back());
        stack.pop_back();
        if (!deps.insert(id).second)
            continue;
        if (const Component* c = m_store.component(id); c != nullptr && !c->parent.empty())
            stack.push_back(c->parent);
    }
    return deps;
}

void BatchExecutor::deletes() {
    const auto& ops = m_request;
    if (ops.components.remove.empty() && ops.references.remove.empty())
        return;
    std::unordered_set<std::string> deps = dependencies();

    // References first: explicit ids, then matches (sparing references written here).
    std::vector<std::string> references;
    std::unordered_set<std::string> reference_set;
    for (const auto& op : ops.references.remove) {
        if (!op.match) {
            std::string id = existing_reference(op.id, op.label);
            if (m_written_references.count(id))
                fail(422, "dependency", op.label,
                     "reference " + id + " is written by " +
                         *m_written_references.find(id)->second +
                         " in this request and cannot be deleted by it",
                     "do not write and delete the same reference in one request");
            if (reference_set.insert(id).second)
                references.push_back(id);
            if (m_expand)
                m_x_reference_delete.push_back(json::object{{"id", id}});
            continue;
        }
        for (const auto& [seq, r] : find_references(*op.match))
            if (!m_written_references.count(r->id) && reference_set.insert(r->id).second) {
                references.push_back(r->id);
                if (m_expand)
                    m_x_reference_delete.push_back(json::object{{"id", r->id}});
            }
    }

    // Components: explicit ids, then matches (sparing the dependencies).
    std::vector<std::pair<std::string, std::string>> components; // (id, label)
    std::unordered_set<std::string> component_set;
    for (const auto& op : ops.components.remove) {
        if (!op.match) {
            std::string id = existing_component(op.id, op.label);
            if (deps.count(id))
                fail(422, "dependency", op.label,
                     "component " + id +
                         " is needed by this request (written by it, an ancestor of a component "
                         "it writes, or an endpoint of a reference it writes) and cannot be "
                         "deleted by it",
                     "delete it in a request of its own");
            if (component_set.insert(id).second)
                components.emplace_back(id, op.label);
            if (m_expand)
                m_x_component_delete.push_back(json::object{{"id", id}});
            continue;
        }
        for (const auto& [seq, c] : find_components(*op.match))
            if (!deps.count(c->id) && component_set.insert(c->id).second) {
                components.emplace_back(c->id, op.label);
                if (m_expand)
                    m_x_component_delete.push_back(json::object{{"id", c->id}});
            }
    }

    // Children: rejected, or deleted along (--delete-children cascade).
    for (std::size_t i = 0; i < components.size(); ++i) {
        auto [id, label] = components[i];
        for (const auto& [seq, child] : m_store.children(id)) {
            if (component_set.count(child->id))
                continue;
            if (m_options.delete_children == DeleteChildren::reject) {
                const Component* c = m_store.component(id);
                fail(422, "has_children", label,
                     "component " + id + " (" + quoted(c->name) + ") has child " + child->id +
                         " (" + quoted(child->name) + ") that this request does not delete",
                     "delete the children in the same request (or start the emulator with "
                     "--delete-children cascade)");
            }
            component_set.insert(child->id);
            components.emplace_back(child->id, label);
        }
    }

    // A deleted component takes its references along.
    std::vector<std::string> cascaded;
    for (const auto& [id, label] : components)
        for (const ReferenceSet* set : {&m_store.references_from(id), &m_store.references_to(id)})
            for (const auto& [seq, r] : *set)
                if (reference_set.insert(r->id).second)
                    cascaded.push_back(r->id);

    for (const auto& id : references)
        m_store.erase_reference(id);
    for (const auto& id : cascaded)
        m_store.erase_reference(id);
    for (const auto& [id, label] : components)
        m_store.erase_component(id);

    m_deleted_references = std::move(references);
    if (m_options.list_cascaded_deletes)
        m_deleted_references.insert(m_deleted_references.end(), cascaded.begin(), cascaded.end());
    for (auto& [id, label] : components)
        m_deleted_components.push_back(std::move(id));
}

} // namespace ardoq::emulator
