#include "store.hpp"

#include <algorithm>
#include <cctype>

namespace ardoq::emulator {

namespace {

// A composite index key, its parts joined by a separator that no id, name or value holds;
// built in place when it is short, so that a lookup allocates nothing.
class IndexKey {
public:
    explicit IndexKey(std::string_view first) { append(first); }
    IndexKey& then(std::string_view part) {
        append(k_sep);
        append(part);
        return *this;
    }
    // Appends `part` in ASCII lower case (the name index folds case).
    IndexKey& then_lower(std::string_view part) {
        append(k_sep);
        std::size_t start = m_size;
        append(part);
        char* data = m_large.empty() ? m_small : m_large.data();
        for (std::size_t i = start; i < m_size; ++i)
            if (data[i] >= 'A' && data[i] <= 'Z')
                data[i] = static_cast<char>(data[i] - 'A' + 'a');
        return *this;
    }
    operator std::string_view() const noexcept {
        return {m_large.empty() ? m_small : m_large.data(), m_size};
    }

private:
    static constexpr std::string_view k_sep = "\x1f";

    void append(std::string_view part) {
        if (m_large.empty() && m_size + part.size() <= sizeof m_small) {
            part.copy(m_small + m_size, part.size());
        } else {
            if (m_large.empty())
                m_large.assign(m_small, m_size);
            m_large.append(part);
        }
        m_size += part.size();
    }

    char m_small[112];
    std::size_t m_size = 0;
    std::string m_large; // the key, once it outgrows m_small
};

template <class Set, class Map> const Set& lookup(const Map& map, std::string_view key) {
    static const Set k_empty;
    auto it = map.find(key);
    return it == map.end() ? k_empty : it->second;
}

// Adds `item` to the set of `key` (made, with its nodes from `nodes`, when it is the first).
template <class Map, class T>
void add(Map& map, std::string_view key, const T* item, std::pmr::memory_resource* nodes) {
    auto it = map.find(key);
    if (it == map.end())
        it = map.try_emplace(std::string(key), nodes).first;
    // Entities are mostly added in creation order: the hint makes that insertion O(1).
    it->second.emplace_hint(it->second.end(), item->seq, item);
}

template <class Map, class T> void remove(Map& map, std::string_view key, const T* item) {
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

// Starts indexing custom field `key` of `items` (an id → entity pointer map) into `index`
// (set nodes from `nodes`) unless it is indexed already (listed in `indexed`).
template <class Items, class Index>
void index_field_once(const Items& items, Index& index, std::vector<std::string>& indexed,
                      std::string_view key, std::pmr::memory_resource* nodes) {
    if (std::find(indexed.begin(), indexed.end(), key) != indexed.end())
        return;
    indexed.emplace_back(key);
    for (const auto& [id, item] : items)
        if (const json::value* v = find(item->custom_fields, key))
            if (auto canon = canonical(*v))
                add(index, IndexKey(item->root_workspace).then(key).then(*canon), item.get(),
                    nodes);
}

} // namespace

Store::Store(std::uint64_t id_seed, NameMatch name_match)
    : m_name_match(name_match),
      m_ids(id_seed),
      m_component_order(&m_set_nodes),
      m_reference_order(&m_set_nodes) {}

template <class T> void Store::remember(const T& entity) {
    if (m_in_transaction && m_touched.insert(&entity).second)
        m_undo.push_back({entity.id, std::optional<T>(entity)});
}

template <class T> void Store::remember_created(const T& entity) {
    if (m_in_transaction && m_touched.insert(&entity).second)
        m_undo.push_back({entity.id, std::optional<T>()});
}

template <class T> void Store::forget(const T& entity) {
    remember(entity);
    m_touched.erase(&entity);
}

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

Meta Store::new_meta() const {
    std::array<char, 24> now;
    return new_meta_at(iso_now(now));
}

Meta Store::new_meta_at(std::string_view time) const {
    // A batch creates hundreds of entities within the same millisecond, and a loaded state
    // dates every entity without _meta alike: they share one Meta.
    if (time != m_meta_time || user.id != m_meta_user.id || user.email != m_meta_user.email ||
        user.name != m_meta_user.name) {
        json::object meta(8);
        meta["created"] = time;
        meta["createdBy"] = user.id;
        meta["createdByEmail"] = user.email;
        meta["createdByName"] = user.name;
        meta["lastUpdated"] = time;
        meta["lastModifiedBy"] = user.id;
        meta["lastModifiedByEmail"] = user.email;
        meta["lastModifiedByName"] = user.name;
        m_meta = Meta(std::move(meta));
        m_meta_time = time;
        m_meta_user = user;
    }
    return m_meta;
}

void Store::touch_meta(Meta& meta) const {
    std::array<char, 24> now;
    meta = meta.with({{"lastUpdated", iso_now(now)},
                      {"lastModifiedBy", user.id},
                      {"lastModifiedByEmail", user.email},
                      {"lastModifiedByName", user.name}});
}

// ---- workspaces

void Store::put_workspace(Workspace w) {
    if (const Workspace* stored = m_workspaces.find(w.id)) {
        remember(*stored);
        m_workspaces.put(std::move(w)); // assigned in place
        return;
    }
    std::string id = w.id;
    m_workspaces.put(std::move(w));
    remember_created(*m_workspaces.find(id));
}

void Store::erase_workspace(const std::string& id) {
    if (const Workspace* stored = m_workspaces.find(id))
        forget(*stored);
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
    remember(*w); // its before-image, once per transaction
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

const Component* Store::component(std::string_view id) const {
    auto it = m_components.find(id);
    return it == m_components.end() ? nullptr : it->second.get();
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
        lookup<ComponentSet>(m_components_by_name, IndexKey(workspace_id).then_lower(name));
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
    return lookup<ComponentSet>(m_components_by_type, IndexKey(workspace_id).then(type_id));
}

const ComponentSet& Store::components_with_field(const std::string& workspace_id,
                                                 std::string_view key,
                                                 std::string_view value) const {
    std::lock_guard lock(m_lazy_index_mutex); // GETs look up under a shared lock
    index_field_once(m_components, m_components_by_field, m_indexed_component_fields, key,
                     &m_set_nodes);
    return lookup<ComponentSet>(m_components_by_field,
                                IndexKey(workspace_id).then(key).then(value));
}

const ComponentSet& Store::children(const std::string& component_id) const {
    return lookup<ComponentSet>(m_children, component_id);
}

void Store::index_component_fields(const Component& c) const {
    for (const auto& k : m_indexed_component_fields)
        if (const json::value* v = find(c.custom_fields, k))
            if (auto canon = canonical(*v))
                add(m_components_by_field, IndexKey(c.root_workspace).then(k).then(*canon), &c,
                    &m_set_nodes);
}

void Store::unindex_component_fields(const Component& c) const {
    for (const auto& k : m_indexed_component_fields)
        if (const json::value* v = find(c.custom_fields, k))
            if (auto canon = canonical(*v))
                remove(m_components_by_field, IndexKey(c.root_workspace).then(k).then(*canon), &c);
}

void Store::index_component(const Component& c) {
    m_component_order.emplace(c.seq, &c);
    add(m_components_by_ws, c.root_workspace, &c, &m_set_nodes);
    if (!c.component_key.empty())
        m_components_by_key[c.component_key] = &c;
    add(m_components_by_name, IndexKey(c.root_workspace).then_lower(c.name), &c, &m_set_nodes);
    add(m_components_by_type, IndexKey(c.root_workspace).then(c.type_id), &c, &m_set_nodes);
    index_component_fields(c);
    if (!c.parent.empty())
        add(m_children, c.parent, &c, &m_set_nodes);
}

void Store::unindex_component(const Component& c) {
    m_component_order.erase(c.seq);
    remove(m_components_by_ws, c.root_workspace, &c);
    auto key_it = m_components_by_key.find(c.component_key);
    if (key_it != m_components_by_key.end() && key_it->second == &c)
        m_components_by_key.erase(key_it);
    remove(m_components_by_name, IndexKey(c.root_workspace).then_lower(c.name), &c);
    remove(m_components_by_type, IndexKey(c.root_workspace).then(c.type_id), &c);
    unindex_component_fields(c);
    if (!c.parent.empty())
        remove(m_children, c.parent, &c);
}

const Component& Store::put_component(Component c) {
    auto it = m_components.find(c.id);
    if (it != m_components.end()) {
        Component& stored = *it->second;
        remember(stored);
        reindex_component(stored, std::move(c));
        return stored;
    }
    std::string id = c.id;
    auto stored = std::make_unique<Component>(std::move(c));
    const Component& inserted =
        *m_components.emplace(std::move(id), std::move(stored)).first->second;
    remember_created(inserted);
    index_component(inserted);
    return inserted;
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
    bool name = !equal_ignoring_case(stored.name, next.name);
    bool type = stored.type_id != next.type_id;
    bool key = stored.component_key != next.component_key;
    bool parent = stored.parent != next.parent;
    bool values = stored.custom_fields != next.custom_fields;
    if (name)
        remove(m_components_by_name, IndexKey(ws).then_lower(stored.name), p);
    if (type)
        remove(m_components_by_type, IndexKey(ws).then(stored.type_id), p);
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
                remove(m_components_by_field, IndexKey(ws).then(k).then(*canon), p);
        }
    json::object old_fields = values ? std::move(stored.custom_fields) : json::object();
    stored = std::move(next);
    if (name)
        add(m_components_by_name, IndexKey(ws).then_lower(stored.name), p, &m_set_nodes);
    if (type)
        add(m_components_by_type, IndexKey(ws).then(stored.type_id), p, &m_set_nodes);
    if (key && !stored.component_key.empty())
        m_components_by_key[stored.component_key] = p;
    if (parent && !stored.parent.empty())
        add(m_children, stored.parent, p, &m_set_nodes);
    if (values)
        for (const auto& k : m_indexed_component_fields) {
            const json::value* now = find(stored.custom_fields, k);
            if (now == nullptr || same_value(now, find(old_fields, k)))
                continue;
            if (auto canon = canonical(*now))
                add(m_components_by_field, IndexKey(ws).then(k).then(*canon), p, &m_set_nodes);
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
    Component& c = *it->second;
    remember(c);
    if (c.parent == parent)
        return;
    if (!c.parent.empty())
        remove(m_children, c.parent, &c);
    c.parent = std::move(parent);
    if (!c.parent.empty())
        add(m_children, c.parent, &c, &m_set_nodes);
}

void Store::erase_component(const std::string& id) {
    auto it = m_components.find(id);
    if (it == m_components.end())
        return;
    forget(*it->second);
    unindex_component(*it->second);
    m_components.erase(it);
}

// ---- references

const Reference* Store::reference(std::string_view id) const {
    auto it = m_references.find(id);
    return it == m_references.end() ? nullptr : it->second.get();
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

ReferenceSet Store::references_between(const std::string& source, const std::string& target,
                                       std::int64_t type) const {
    ReferenceSet out;
    for (const auto& [seq, r] : references_from(source))
        if (r->target == target && r->type == type)
            out.emplace_hint(out.end(), seq, r);
    return out;
}

const ReferenceSet& Store::references_with_field(const std::string& workspace_id,
                                                 std::string_view key,
                                                 std::string_view value) const {
    std::lock_guard lock(m_lazy_index_mutex); // GETs look up under a shared lock
    index_field_once(m_references, m_references_by_field, m_indexed_reference_fields, key,
                     &m_set_nodes);
    return lookup<ReferenceSet>(m_references_by_field,
                                IndexKey(workspace_id).then(key).then(value));
}

void Store::index_reference_fields(const Reference& r) const {
    for (const auto& k : m_indexed_reference_fields)
        if (const json::value* v = find(r.custom_fields, k))
            if (auto canon = canonical(*v))
                add(m_references_by_field, IndexKey(r.root_workspace).then(k).then(*canon), &r,
                    &m_set_nodes);
}

void Store::unindex_reference_fields(const Reference& r) const {
    for (const auto& k : m_indexed_reference_fields)
        if (const json::value* v = find(r.custom_fields, k))
            if (auto canon = canonical(*v))
                remove(m_references_by_field, IndexKey(r.root_workspace).then(k).then(*canon), &r);
}

void Store::index_reference(const Reference& r) {
    m_reference_order.emplace(r.seq, &r);
    add(m_references_by_ws, r.root_workspace, &r, &m_set_nodes);
    add(m_references_by_source, r.source, &r, &m_set_nodes);
    add(m_references_by_target, r.target, &r, &m_set_nodes);
    index_reference_fields(r);
}

void Store::unindex_reference(const Reference& r) {
    m_reference_order.erase(r.seq);
    remove(m_references_by_ws, r.root_workspace, &r);
    remove(m_references_by_source, r.source, &r);
    remove(m_references_by_target, r.target, &r);
    unindex_reference_fields(r);
}

const Reference& Store::put_reference(Reference r) {
    auto it = m_references.find(r.id);
    if (it != m_references.end()) {
        Reference& stored = *it->second;
        remember(stored);
        reindex_reference(stored, std::move(r));
        return stored;
    }
    std::string id = r.id;
    auto stored = std::make_unique<Reference>(std::move(r));
    const Reference& inserted =
        *m_references.emplace(std::move(id), std::move(stored)).first->second;
    remember_created(inserted);
    index_reference(inserted);
    return inserted;
}

void Store::erase_reference(const std::string& id) {
    auto it = m_references.find(id);
    if (it == m_references.end())
        return;
    forget(*it->second);
    unindex_reference(*it->second);
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
    m_references_by_field.clear();
    m_indexed_reference_fields.clear();
    m_seq = 0;
}

} // namespace ardoq::emulator
