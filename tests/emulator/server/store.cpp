#include "store.hpp"

#include <algorithm>
#include <cctype>

namespace ardoq::emulator {

namespace {

constexpr char k_sep = '\x1f';

std::string key2(std::string_view a, std::string_view b) {
    std::string k;
    k.reserve(a.size() + b.size() + 1);
    k.append(a).push_back(k_sep);
    k.append(b);
    return k;
}

std::string key3(std::string_view a, std::string_view b, std::string_view c) {
    std::string k = key2(a, b);
    k.push_back(k_sep);
    k.append(c);
    return k;
}

template <class Set, class Map> const Set& lookup(const Map& map, const std::string& key) {
    static const Set k_empty;
    auto it = map.find(key);
    return it == map.end() ? k_empty : it->second;
}

template <class Map, class T> void add(Map& map, const std::string& key, const T* item) {
    map[key].emplace(item->seq, item);
}

template <class Map, class T> void remove(Map& map, const std::string& key, const T* item) {
    auto it = map.find(key);
    if (it == map.end())
        return;
    it->second.erase(item->seq);
    if (it->second.empty())
        map.erase(it);
}

bool same_value(const json::value* a, const json::value* b) {
    return a == nullptr ? b == nullptr : b != nullptr && *a == *b;
}

// Starts indexing custom field `key` of `items` (an id → entity map) into `index` unless it
// is indexed already (listed in `indexed`).
template <class Items, class Index>
void index_field_once(const Items& items, Index& index, std::vector<std::string>& indexed,
                      std::string_view key) {
    if (std::find(indexed.begin(), indexed.end(), key) != indexed.end())
        return;
    indexed.emplace_back(key);
    for (const auto& [id, item] : items)
        if (const json::value* v = find(item.custom_fields, key))
            if (auto canon = canonical(*v))
                add(index, key3(item.root_workspace, key, *canon), &item);
}

} // namespace

Store::Store(std::uint64_t id_seed, NameMatch name_match)
    : m_name_match(name_match), m_ids(id_seed) {}

std::string Store::new_id() {
    while (true) {
        std::string id = m_ids.next();
        if (!m_components.count(id) && !m_references.count(id) && !m_workspaces.contains(id) &&
            !models.contains(id) && !fields.contains(id) && !tags.contains(id) &&
            !folders.contains(id) && id != user.id)
            return id;
    }
}

std::uint64_t Store::next_seq() {
    return ++m_seq;
}

void Store::note_seq(std::uint64_t s) {
    if (s > m_seq)
        m_seq = s;
}

json::object Store::new_meta() const {
    // A batch creates hundreds of entities within the same millisecond: their _meta is one
    // object, built once and copied.
    std::string now = iso_now();
    if (now != m_meta_time || user.id != m_meta_user.id || user.email != m_meta_user.email ||
        user.name != m_meta_user.name) {
        m_meta = new_meta_at(now);
        m_meta_time = std::move(now);
        m_meta_user = user;
    }
    return m_meta;
}

json::object Store::new_meta_at(const std::string& now) const {
    json::object meta(8);
    meta["created"] = now;
    meta["createdBy"] = user.id;
    meta["createdByEmail"] = user.email;
    meta["createdByName"] = user.name;
    meta["lastUpdated"] = now;
    meta["lastModifiedBy"] = user.id;
    meta["lastModifiedByEmail"] = user.email;
    meta["lastModifiedByName"] = user.name;
    return meta;
}

void Store::touch_meta(json::object& meta) const {
    meta["lastUpdated"] = iso_now();
    meta["lastModifiedBy"] = user.id;
    meta["lastModifiedByEmail"] = user.email;
    meta["lastModifiedByName"] = user.name;
}

// ---- workspaces

void Store::put_workspace(Workspace w) {
    remember_workspace(w.id);
    m_workspaces.put(std::move(w));
}

void Store::erase_workspace(const std::string& id) {
    remember_workspace(id);
    m_workspaces.erase(id);
}

std::string Store::unique_workspace_key(std::string wanted, const std::string& name) const {
    if (wanted.empty()) {
        for (char c : name)
            if (std::isalnum(static_cast<unsigned char>(c)) && wanted.size() < 3)
                wanted.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        if (wanted.empty())
            wanted = "WS";
    }
    auto taken = [&](const std::string& key) {
        for (const auto& [id, w] : m_workspaces)
            if (w.workspace_key == key)
                return true;
        return false;
    };
    std::string key = wanted;
    for (int n = 2; taken(key); ++n)
        key = wanted + std::to_string(n);
    return key;
}

std::string Store::next_component_key(const std::string& workspace_id) {
    Workspace* w = m_workspaces.find(workspace_id);
    if (w == nullptr)
        return {};
    remember_workspace(workspace_id); // its before-image, once per transaction
    return w->workspace_key + "-" + std::to_string(w->next_component_number++);
}

const Model* Store::model_of(const std::string& workspace_id) const {
    const Workspace* w = m_workspaces.find(workspace_id);
    return w == nullptr ? nullptr : models.find(w->model_id);
}

const Field* Store::field(const std::string& model_id, std::string_view api_key) const {
    for (const auto& [id, f] : fields)
        if (f.model_id == model_id && f.api_key == api_key)
            return &f;
    return nullptr;
}

std::vector<const Field*> Store::fields_of(const std::string& model_id) const {
    std::vector<const Field*> out;
    for (const Field* f : fields.ordered())
        if (f->model_id == model_id)
            out.push_back(f);
    return out;
}

// ---- components

const Component* Store::component(const std::string& id) const {
    auto it = m_components.find(id);
    return it == m_components.end() ? nullptr : &it->second;
}

const ComponentSet& Store::components_in(const std::string& workspace_id) const {
    return lookup<ComponentSet>(m_components_by_ws, workspace_id);
}

const Component* Store::component_by_key(const std::string& component_key) const {
    auto it = m_components_by_key.find(component_key);
    return it == m_components_by_key.end() ? nullptr : it->second;
}

ComponentSet Store::components_named(const std::string& workspace_id, std::string_view name,
                                     NameMatch match) const {
    const auto& folded =
        lookup<ComponentSet>(m_components_by_name, key2(workspace_id, lower(name)));
    if (match == NameMatch::ignore_case)
        return folded;
    ComponentSet out;
    for (const auto& [seq, c] : folded)
        if (c->name == name)
            out.emplace(seq, c);
    return out;
}

const ComponentSet& Store::components_of_type(const std::string& workspace_id,
                                              const std::string& type_id) const {
    return lookup<ComponentSet>(m_components_by_type, key2(workspace_id, type_id));
}

const ComponentSet& Store::components_with_field(const std::string& workspace_id,
                                                 std::string_view key,
                                                 std::string_view value) const {
    index_field_once(m_components, m_components_by_field, m_indexed_component_fields, key);
    return lookup<ComponentSet>(m_components_by_field, key3(workspace_id, key, value));
}

const ComponentSet& Store::children(const std::string& component_id) const {
    return lookup<ComponentSet>(m_children, component_id);
}

void Store::index_component_fields(const Component& c) const {
    for (const auto& k : m_indexed_component_fields)
        if (const json::value* v = find(c.custom_fields, k))
            if (auto canon = canonical(*v))
                add(m_components_by_field, key3(c.root_workspace, k, *canon), &c);
}

void Store::unindex_component_fields(const Component& c) const {
    for (const auto& k : m_indexed_component_fields)
        if (const json::value* v = find(c.custom_fields, k))
            if (auto canon = canonical(*v))
                remove(m_components_by_field, key3(c.root_workspace, k, *canon), &c);
}

void Store::index_component(const Component& c) {
    m_component_order.emplace(c.seq, &c);
    add(m_components_by_ws, c.root_workspace, &c);
    if (!c.component_key.empty())
        m_components_by_key[c.component_key] = &c;
    add(m_components_by_name, key2(c.root_workspace, lower(c.name)), &c);
    add(m_components_by_type, key2(c.root_workspace, c.type_id), &c);
    index_component_fields(c);
    if (!c.parent.empty())
        add(m_children, c.parent, &c);
}

void Store::unindex_component(const Component& c) {
    m_component_order.erase(c.seq);
    remove(m_components_by_ws, c.root_workspace, &c);
    auto key_it = m_components_by_key.find(c.component_key);
    if (key_it != m_components_by_key.end() && key_it->second == &c)
        m_components_by_key.erase(key_it);
    remove(m_components_by_name, key2(c.root_workspace, lower(c.name)), &c);
    remove(m_components_by_type, key2(c.root_workspace, c.type_id), &c);
    unindex_component_fields(c);
    if (!c.parent.empty())
        remove(m_children, c.parent, &c);
}

void Store::put_component(Component c) {
    remember_component(c.id);
    auto it = m_components.find(c.id);
    if (it != m_components.end()) {
        reindex_component(it->second, std::move(c));
        return;
    }
    std::string id = c.id;
    auto [inserted, ok] = m_components.emplace(std::move(id), std::move(c));
    index_component(inserted->second);
}

// Replaces `stored` by `next` in place (index entries keep pointing at the same node) and
// touches only the indexes whose key changed: most updates change a name or a few fields.
void Store::reindex_component(Component& stored, Component next) {
    if (stored.root_workspace != next.root_workspace || stored.seq != next.seq) {
        unindex_component(stored);
        stored = std::move(next);
        index_component(stored);
        return;
    }
    const Component* p = &stored;
    const std::string& ws = stored.root_workspace;
    bool name = lower(stored.name) != lower(next.name);
    bool type = stored.type_id != next.type_id;
    bool key = stored.component_key != next.component_key;
    bool parent = stored.parent != next.parent;
    bool values = stored.custom_fields != next.custom_fields;
    if (name)
        remove(m_components_by_name, key2(ws, lower(stored.name)), p);
    if (type)
        remove(m_components_by_type, key2(ws, stored.type_id), p);
    if (key && m_components_by_key.count(stored.component_key))
        m_components_by_key.erase(stored.component_key);
    if (parent && !stored.parent.empty())
        remove(m_children, stored.parent, p);
    if (values)
        for (const auto& k : m_indexed_component_fields) {
            const json::value* before = find(stored.custom_fields, k);
            if (before == nullptr || same_value(before, find(next.custom_fields, k)))
                continue;
            if (auto canon = canonical(*before))
                remove(m_components_by_field, key3(ws, k, *canon), p);
        }
    json::object old_fields = values ? std::move(stored.custom_fields) : json::object();
    stored = std::move(next);
    if (name)
        add(m_components_by_name, key2(ws, lower(stored.name)), p);
    if (type)
        add(m_components_by_type, key2(ws, stored.type_id), p);
    if (key && !stored.component_key.empty())
        m_components_by_key[stored.component_key] = p;
    if (parent && !stored.parent.empty())
        add(m_children, stored.parent, p);
    if (values)
        for (const auto& k : m_indexed_component_fields) {
            const json::value* now = find(stored.custom_fields, k);
            if (now == nullptr || same_value(now, find(old_fields, k)))
                continue;
            if (auto canon = canonical(*now))
                add(m_components_by_field, key3(ws, k, *canon), p);
        }
}

void Store::reindex_reference(Reference& stored, Reference next) {
    if (stored.root_workspace != next.root_workspace || stored.seq != next.seq ||
        stored.source != next.source || stored.target != next.target || stored.type != next.type ||
        stored.custom_fields != next.custom_fields) {
        unindex_reference(stored);
        stored = std::move(next);
        index_reference(stored);
        return;
    }
    stored = std::move(next);
}

void Store::set_component_parent(const std::string& id, std::string parent) {
    auto it = m_components.find(id);
    if (it == m_components.end())
        return;
    remember_component(id);
    Component& c = it->second;
    if (c.parent == parent)
        return;
    if (!c.parent.empty())
        remove(m_children, c.parent, &c);
    c.parent = std::move(parent);
    if (!c.parent.empty())
        add(m_children, c.parent, &c);
}

void Store::erase_component(const std::string& id) {
    auto it = m_components.find(id);
    if (it == m_components.end())
        return;
    remember_component(id);
    unindex_component(it->second);
    m_components.erase(it);
}

// ---- references

const Reference* Store::reference(const std::string& id) const {
    auto it = m_references.find(id);
    return it == m_references.end() ? nullptr : &it->second;
}

const ReferenceSet& Store::references_in(const std::string& workspace_id) const {
    return lookup<ReferenceSet>(m_references_by_ws, workspace_id);
}

const ReferenceSet& Store::references_from(const std::string& component_id) const {
    return lookup<ReferenceSet>(m_references_by_source, component_id);
}

const ReferenceSet& Store::references_to(const std::string& component_id) const {
    return lookup<ReferenceSet>(m_references_by_target, component_id);
}

const ReferenceSet& Store::references_between(const std::string& source, const std::string& target,
                                              std::int64_t type) const {
    return lookup<ReferenceSet>(m_references_by_endpoints,
                                key3(source, target, std::to_string(type)));
}

const ReferenceSet& Store::references_with_field(const std::string& workspace_id,
                                                 std::string_view key,
                                                 std::string_view value) const {
    index_field_once(m_references, m_references_by_field, m_indexed_reference_fields, key);
    return lookup<ReferenceSet>(m_references_by_field, key3(workspace_id, key, value));
}

void Store::index_reference_fields(const Reference& r) const {
    for (const auto& k : m_indexed_reference_fields)
        if (const json::value* v = find(r.custom_fields, k))
            if (auto canon = canonical(*v))
                add(m_references_by_field, key3(r.root_workspace, k, *canon), &r);
}

void Store::unindex_reference_fields(const Reference& r) const {
    for (const auto& k : m_indexed_reference_fields)
        if (const json::value* v = find(r.custom_fields, k))
            if (auto canon = canonical(*v))
                remove(m_references_by_field, key3(r.root_workspace, k, *canon), &r);
}

void Store::index_reference(const Reference& r) {
    m_reference_order.emplace(r.seq, &r);
    add(m_references_by_ws, r.root_workspace, &r);
    add(m_references_by_source, r.source, &r);
    add(m_references_by_target, r.target, &r);
    add(m_references_by_endpoints, key3(r.source, r.target, std::to_string(r.type)), &r);
    index_reference_fields(r);
}

void Store::unindex_reference(const Reference& r) {
    m_reference_order.erase(r.seq);
    remove(m_references_by_ws, r.root_workspace, &r);
    remove(m_references_by_source, r.source, &r);
    remove(m_references_by_target, r.target, &r);
    remove(m_references_by_endpoints, key3(r.source, r.target, std::to_string(r.type)), &r);
    unindex_reference_fields(r);
}

void Store::put_reference(Reference r) {
    remember_reference(r.id);
    auto it = m_references.find(r.id);
    if (it != m_references.end()) {
        reindex_reference(it->second, std::move(r));
        return;
    }
    std::string id = r.id;
    auto [inserted, ok] = m_references.emplace(std::move(id), std::move(r));
    index_reference(inserted->second);
}

void Store::erase_reference(const std::string& id) {
    auto it = m_references.find(id);
    if (it == m_references.end())
        return;
    remember_reference(id);
    unindex_reference(it->second);
    m_references.erase(it);
}

// ---- transactions

void Store::begin(std::size_t expected_writes) {
    m_in_transaction = true;
    m_undo.clear();
    m_touched.clear();
    m_undo.reserve(expected_writes);
    m_touched.reserve(expected_writes);
    m_saved_seq = m_seq;
    m_saved_id_counter = m_ids.counter();
}

void Store::commit() {
    m_in_transaction = false;
    m_undo.clear();
    m_touched.clear();
}

void Store::remember_component(const std::string& id) {
    if (!m_in_transaction || !m_touched.insert("c" + id).second)
        return;
    std::optional<Component> before;
    if (const Component* c = component(id))
        before = *c;
    m_undo.push_back({id, std::move(before)});
}

void Store::remember_reference(const std::string& id) {
    if (!m_in_transaction || !m_touched.insert("r" + id).second)
        return;
    std::optional<Reference> before;
    if (const Reference* r = reference(id))
        before = *r;
    m_undo.push_back({id, std::move(before)});
}

void Store::remember_workspace(const std::string& id) {
    if (!m_in_transaction || !m_touched.insert("w" + id).second)
        return;
    std::optional<Workspace> before;
    if (const Workspace* w = m_workspaces.find(id))
        before = *w;
    m_undo.push_back({id, std::move(before)});
}

void Store::rollback() {
    // Stop recording first: the restoring writes below must not log themselves.
    m_in_transaction = false;
    for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
        if (auto* c = std::get_if<std::optional<Component>>(&it->before)) {
            if (*c)
                put_component(**c);
            else
                erase_component(it->id);
        } else if (auto* r = std::get_if<std::optional<Reference>>(&it->before)) {
            if (*r)
                put_reference(**r);
            else
                erase_reference(it->id);
        } else if (auto* w = std::get_if<std::optional<Workspace>>(&it->before)) {
            if (*w)
                m_workspaces.put(**w);
            else
                m_workspaces.erase(it->id);
        }
    }
    m_undo.clear();
    m_touched.clear();
    m_seq = m_saved_seq;
    m_ids.set_counter(m_saved_id_counter);
}

void Store::clear() {
    models.clear();
    fields.clear();
    folders.clear();
    tags.clear();
    m_workspaces.clear();
    m_components.clear();
    m_component_order.clear();
    m_components_by_ws.clear();
    m_components_by_key.clear();
    m_components_by_name.clear();
    m_components_by_type.clear();
    m_components_by_field.clear();
    m_indexed_component_fields.clear();
    m_children.clear();
    m_references.clear();
    m_reference_order.clear();
    m_references_by_ws.clear();
    m_references_by_source.clear();
    m_references_by_target.clear();
    m_references_by_endpoints.clear();
    m_references_by_field.clear();
    m_indexed_reference_fields.clear();
    m_seq = 0;
}

} // namespace ardoq::emulator
