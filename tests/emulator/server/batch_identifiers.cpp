// How a batch names entities: batchIds (entities created or upserted in the request), aliases
// (existing entities found by their fields) and OIDs; and how aliases and matches find them.
#include "api_error.hpp"
#include "batch_executor.hpp"

namespace ardoq::emulator {

namespace {

template <class Set> std::string id_list(const Set& set) {
    std::string out;
    std::size_t n = 0;
    for (const auto& [seq, e] : set) {
        if (n++ == 5) {
            out += ", ...";
            break;
        }
        out += (out.empty() ? "" : ", ") + e->id;
    }
    return out;
}

} // namespace

namespace {

// The bookkeeping of an operation takes a few hundred bytes: the executor's arena starts with
// a block for all of them.
std::size_t arena_size(const BatchRequest& request) {
    const auto& c = request.components;
    const auto& r = request.references;
    std::size_t operations = c.create.size() + c.upsert.size() + c.update.size() + c.remove.size() +
                             r.create.size() + r.upsert.size() + r.update.size() + r.remove.size();
    return 1024 + 384 * operations;
}

} // namespace

BatchExecutor::BatchExecutor(Store& store, const Options& options, const BatchRequest& request,
                             bool expand)
    : m_store(store),
      m_options(options),
      m_request(request),
      m_expand(expand),
      m_arena(arena_size(request)) {}

json::object* BatchExecutor::expanded(std::vector<json::object>& list, const json::object* raw) {
    if (!m_expand)
        return nullptr;
    list.push_back(*raw);
    return &list.back();
}

void BatchExecutor::register_batch_ids() {
    auto reg = [&](const std::vector<ComponentOp>& ops) {
        for (const auto& op : ops) {
            if (!op.batch_id)
                continue;
            auto [it, fresh] = m_batch_owner.emplace(*op.batch_id, &op.label);
            if (!fresh)
                fail(400, "duplicate_batch_id", op.label,
                     "batchId " + quoted(*op.batch_id) + " is already used by " + *it->second,
                     "give every created or upserted entity its own batchId");
            for (const auto& name : m_request.component_alias_names)
                if (name == *op.batch_id)
                    fail(400, "ambiguous_identifier", op.label,
                         "batchId " + quoted(*op.batch_id) + " is also the name of an alias",
                         "rename the batchId or the alias");
        }
    };
    const auto& components = m_request.components;
    m_batch_owner.reserve(components.create.size() + components.upsert.size());
    m_component_batch.reserve(components.create.size() + components.upsert.size());
    reg(components.create);
    reg(components.upsert);
    const auto& references = m_request.references;
    std::unordered_map<std::string_view, const std::string*> reference_batch;
    reference_batch.reserve(references.create.size() + references.upsert.size());
    for (const auto* ops : {&references.create, &references.upsert})
        for (const auto& op : *ops) {
            if (!op.batch_id)
                continue;
            auto [it, fresh] = reference_batch.emplace(*op.batch_id, &op.label);
            if (!fresh)
                fail(400, "duplicate_batch_id", op.label,
                     "batchId " + quoted(*op.batch_id) + " is already used by " + *it->second,
                     "give every created or upserted entity its own batchId");
        }
}

std::string BatchExecutor::canonical_criterion(const std::string& workspace_id,
                                               const std::string& key,
                                               const json::value& value) const {
    if (!value.is_string())
        return canonical(value).value_or("");
    const Workspace* w = m_store.workspace(workspace_id);
    const Field* f = w == nullptr ? nullptr : m_store.field(w->model_id, key);
    return canonical_from_text(value.get_string(), f == nullptr ? "" : f->type);
}

ComponentSet BatchExecutor::find_components(const ComponentCriteria& c) const {
    ComponentSet out;
    if (c.component_key) {
        if (const Component* found = m_store.component_by_key(*c.component_key))
            out.emplace(found->seq, found);
        return out;
    }
    const std::string& ws = *c.root_workspace; // every other combination has one
    if (c.name)
        return m_store.components_named(ws, *c.name, m_store.name_match());
    if (!c.custom_fields.empty()) {
        const auto& [key, value] = c.custom_fields.front();
        return m_store.components_with_field(ws, key, canonical_criterion(ws, key, value));
    }
    if (c.type_id)
        return m_store.components_of_type(ws, *c.type_id);
    return m_store.components_in(ws);
}

ReferenceSet BatchExecutor::find_references(const ReferenceCriteria& c) const {
    const Component* source = nullptr;
    const Component* target = nullptr;
    if (c.source) {
        source = known_component(*c.source);
        if (source == nullptr)
            return {};
    }
    if (c.target) {
        target = known_component(*c.target);
        if (target == nullptr)
            return {};
    }
    std::vector<std::pair<std::string, std::string>> fields; // (key, canonical)
    for (const auto& [key, value] : c.custom_fields)
        fields.emplace_back(key, canonical_criterion(c.root_workspace.value_or(""), key, value));
    auto keep = [&](const Reference& r) {
        if ((source && r.source != source->id) || (target && r.target != target->id) ||
            (c.type && r.type != *c.type) ||
            (c.root_workspace && r.root_workspace != *c.root_workspace) ||
            (c.target_workspace && r.target_workspace != *c.target_workspace))
            return false;
        for (const auto& [key, value] : fields) {
            const json::value* v = find(r.custom_fields, key);
            if (v == nullptr || canonical(*v) != value)
                return false;
        }
        return true;
    };
    const ReferenceSet* candidates = &m_store.references();
    if (source)
        candidates = &m_store.references_from(source->id);
    else if (target)
        candidates = &m_store.references_to(target->id);
    else if (c.root_workspace && !fields.empty())
        candidates =
            &m_store.references_with_field(*c.root_workspace, fields[0].first, fields[0].second);
    else if (c.root_workspace)
        candidates = &m_store.references_in(*c.root_workspace);
    ReferenceSet out;
    for (const auto& [seq, r] : *candidates)
        if (keep(*r))
            out.emplace(seq, r);
    return out;
}

void BatchExecutor::resolve_aliases() {
    for (std::size_t i = 0; i < m_request.component_aliases.size(); ++i) {
        const auto& alias = m_request.component_aliases[i];
        ComponentSet found = find_components(alias);
        if (found.size() != 1)
            fail(422, found.empty() ? "alias_not_found" : "alias_ambiguous", alias.label,
                 found.empty() ? "the alias matches no component"
                               : "the alias matches " + std::to_string(found.size()) +
                                     " components (" + id_list(found) + ")",
                 "an alias must name exactly one existing component");
        m_component_alias[m_request.component_alias_names[i]] = found.begin()->second->id;
    }
    for (std::size_t i = 0; i < m_request.reference_aliases.size(); ++i) {
        const auto& alias = m_request.reference_aliases[i];
        ReferenceSet found = find_references(alias);
        if (found.size() != 1)
            fail(422, found.empty() ? "alias_not_found" : "alias_ambiguous", alias.label,
                 found.empty() ? "the alias matches no reference"
                               : "the alias matches " + std::to_string(found.size()) +
                                     " references (" + id_list(found) + ")",
                 "an alias must name exactly one existing reference");
        m_reference_alias[m_request.reference_alias_names[i]] = found.begin()->second->id;
    }
}

namespace {

// The value of `key` in `map`, or nullptr. An empty map is not searched: hashing the key
// alone is most of a lookup, and most requests define no aliases (every reference names two
// components).
template <class Map>
const typename Map::mapped_type* value_of(const Map& map, std::string_view key) {
    if (map.empty())
        return nullptr;
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

} // namespace

const Component* BatchExecutor::known_component(std::string_view ident) const {
    if (const std::string* oid = value_of(m_component_alias, ident))
        return m_store.component(*oid);
    return m_store.component(ident);
}

const Component& BatchExecutor::component_ref(std::string_view ident, const std::string& label,
                                              const std::string& member) const {
    if (const Component* const* created = value_of(m_component_batch, ident))
        return **created;
    if (const Component* c = known_component(ident))
        return *c;
    fail(422, "unknown_component", label,
         member + " " + quoted(ident) +
             " is neither the batchId of a component created or upserted in this request, nor "
             "an alias, nor an existing component",
         "use a batchId from this request, an alias defined under aliases.components, or the "
         "OID of an existing component");
}

std::string BatchExecutor::existing_component(std::string_view ident,
                                              const std::string& label) const {
    if (const std::string* oid = value_of(m_component_alias, ident))
        return *oid;
    if (m_store.component(ident) != nullptr)
        return std::string(ident);
    if (is_oid(ident))
        fail(404, "not_found", label, "component " + std::string(ident) + " does not exist",
             "fetch the current components, or use an alias");
    if (m_batch_owner.count(ident))
        fail(422, "unknown_component", label,
             "id " + quoted(ident) + " is a batchId; update and delete name existing components",
             "use the component's OID or an alias");
    fail(422, "unknown_component", label,
         "id " + quoted(ident) + " is neither an OID nor an alias defined under aliases.components",
         "define the alias under aliases.components, or use the component's OID");
}

std::string BatchExecutor::existing_reference(std::string_view ident,
                                              const std::string& label) const {
    if (const std::string* oid = value_of(m_reference_alias, ident))
        return *oid;
    if (m_store.reference(ident) != nullptr)
        return std::string(ident);
    if (is_oid(ident))
        fail(404, "not_found", label, "reference " + std::string(ident) + " does not exist",
             "fetch the current references, or use an alias");
    fail(422, "unknown_reference", label,
         "id " + quoted(ident) + " is neither an OID nor an alias defined under aliases.references",
         "define the alias under aliases.references, or use the reference's OID");
}

} // namespace ardoq::emulator
