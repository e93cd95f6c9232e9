#include "model/snapshot.hpp"

#include <algorithm>
#include <unordered_set>

namespace ardoq::model {

namespace {

const std::vector<EntityIndex> k_none;

std::string endpoints_key(const Oid& s, const Oid& t, std::int64_t type) {
    std::string key;
    key.reserve(24 + 20);
    key.append(reinterpret_cast<const char*>(s.bytes().data()), 12);
    key.append(reinterpret_cast<const char*>(t.bytes().data()), 12);
    key += std::to_string(type);
    return key;
}

std::string type_name_key(std::string_view type_id, std::string_view name) {
    std::string key(type_id);
    key.push_back('\0');
    key += ascii_lower(name);
    return key;
}

template <typename Entity>
std::size_t remove_by_id(std::vector<Entity>& entities, const std::vector<Oid>& ids) {
    std::unordered_set<Oid, OidHash> doomed(ids.begin(), ids.end());
    auto before = entities.size();
    entities.erase(std::remove_if(entities.begin(), entities.end(),
                                  [&](const Entity& e) { return doomed.count(e.id) > 0; }),
                   entities.end());
    return before - entities.size();
}

} // namespace

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

FieldKey Snapshot::intern_field(std::string_view api_key) {
    auto it = m_field_key_index.find(std::string(api_key));
    if (it != m_field_key_index.end())
        return it->second;
    auto key = static_cast<FieldKey>(m_field_keys.size());
    m_field_keys.emplace_back(api_key);
    m_field_key_index.emplace(std::string(api_key), key);
    return key;
}

std::optional<FieldKey> Snapshot::find_field(std::string_view api_key) const noexcept {
    auto it = m_field_key_index.find(std::string(api_key));
    if (it == m_field_key_index.end())
        return std::nullopt;
    return it->second;
}

const Value* Snapshot::field_value(const std::vector<CustomFieldValue>& fields, FieldKey key) noexcept {
    auto it = std::lower_bound(fields.begin(), fields.end(), key,
                               [](const CustomFieldValue& f, FieldKey k) { return f.key < k; });
    if (it == fields.end() || it->key != key)
        return nullptr;
    return &it->value;
}

EntityIndex Snapshot::add_component(SnapshotComponent c) {
    std::sort(c.custom_fields.begin(), c.custom_fields.end(),
              [](const auto& a, const auto& b) { return a.key < b.key; });
    m_components.push_back(std::move(c));
    return static_cast<EntityIndex>(m_components.size() - 1);
}

EntityIndex Snapshot::add_reference(SnapshotReference r) {
    std::sort(r.custom_fields.begin(), r.custom_fields.end(),
              [](const auto& a, const auto& b) { return a.key < b.key; });
    m_references.push_back(std::move(r));
    return static_cast<EntityIndex>(m_references.size() - 1);
}

void Snapshot::reserve(std::size_t components, std::size_t references) {
    m_components.reserve(components);
    m_references.reserve(references);
}

std::size_t Snapshot::remove_components(const std::vector<Oid>& ids) { return remove_by_id(m_components, ids); }
std::size_t Snapshot::remove_references(const std::vector<Oid>& ids) { return remove_by_id(m_references, ids); }

void Snapshot::reindex() {
    m_component_by_id.clear();
    m_reference_by_id.clear();
    m_by_type_and_name.clear();
    m_children.clear();
    m_ref_by_endpoints.clear();
    m_by_field.clear();
    m_component_by_id.reserve(m_components.size());
    m_reference_by_id.reserve(m_references.size());
    for (EntityIndex i = 0; i < m_components.size(); ++i) {
        const auto& c = m_components[i];
        m_component_by_id.emplace(c.id, i);
        m_by_type_and_name[type_name_key(c.type_id, c.name)].push_back(i);
        if (c.parent)
            m_children.emplace(*c.parent, i);
    }
    for (EntityIndex i = 0; i < m_references.size(); ++i) {
        const auto& r = m_references[i];
        m_reference_by_id.emplace(r.id, i);
        m_ref_by_endpoints[endpoints_key(r.source, r.target, r.type)].push_back(i);
    }
}

std::optional<EntityIndex> Snapshot::component_by_id(const Oid& id) const noexcept {
    auto it = m_component_by_id.find(id);
    if (it == m_component_by_id.end())
        return std::nullopt;
    return it->second;
}

std::optional<EntityIndex> Snapshot::reference_by_id(const Oid& id) const noexcept {
    auto it = m_reference_by_id.find(id);
    if (it == m_reference_by_id.end())
        return std::nullopt;
    return it->second;
}

std::vector<EntityIndex> Snapshot::components_by_name(std::string_view type_id, std::string_view name) const {
    auto it = m_by_type_and_name.find(type_name_key(type_id, name));
    return it == m_by_type_and_name.end() ? std::vector<EntityIndex>{} : it->second;
}

const std::vector<EntityIndex>& Snapshot::components_by_field(std::string_view api_key,
                                                              std::string_view text) const {
    auto key = find_field(api_key);
    if (!key)
        return k_none;
    auto& index = m_by_field[std::string(api_key)];
    if (index.empty()) {
        for (EntityIndex i = 0; i < m_components.size(); ++i)
            if (const Value* v = field_value(m_components[i].custom_fields, *key); v && !v->is_null())
                index[v->to_text()].push_back(i);
    }
    auto it = index.find(std::string(text));
    return it == index.end() ? k_none : it->second;
}

std::vector<EntityIndex> Snapshot::children_of(const Oid& parent) const {
    std::vector<EntityIndex> out;
    auto [b, e] = m_children.equal_range(parent);
    for (auto it = b; it != e; ++it)
        out.push_back(it->second);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<EntityIndex> Snapshot::references_between(const Oid& source, const Oid& target,
                                                      std::int64_t type) const {
    auto it = m_ref_by_endpoints.find(endpoints_key(source, target, type));
    return it == m_ref_by_endpoints.end() ? std::vector<EntityIndex>{} : it->second;
}

} // namespace ardoq::model
