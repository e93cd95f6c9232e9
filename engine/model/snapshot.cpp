#include "model/snapshot.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <unordered_set>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ardoq::model {

namespace {

// FNV-1a over bytes, finished with a multiply-xorshift so that low bits are well mixed
// (the chain index masks the hash to a power of two).
constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ULL;

std::uint64_t finish(std::uint64_t h) noexcept {
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

std::uint64_t hash_bytes(std::string_view s, std::uint64_t h = k_fnv_offset) noexcept {
    for (unsigned char c : s)
        h = (h ^ c) * k_fnv_prime;
    return h;
}

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::uint64_t hash_lower(std::string_view s, std::uint64_t h) noexcept {
    for (char c : s)
        h = (h ^ static_cast<unsigned char>(lower(c))) * k_fnv_prime;
    return h;
}

bool equal_ignore_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::uint64_t hash_type_name(std::string_view type_id, std::string_view name) noexcept {
    return finish(hash_lower(name, hash_bytes(type_id) ^ 0xff));
}

std::uint64_t hash_oid(const Oid& o) noexcept {
    return finish(OidHash{}(o));
}

std::uint64_t hash_endpoints(const Oid& s, const Oid& t, std::int64_t type) noexcept {
    return finish(OidHash{}(s)*31 + OidHash{}(t)*17 + static_cast<std::uint64_t>(type));
}

// The text a custom-field index compares: strings as they are, other kinds rendered.
std::string_view field_text(const ValueView& v, std::string& scratch) {
    if (v.is_string())
        return v.as_string();
    scratch = v.to_text();
    return scratch;
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

std::vector<EntityIndex> collect(const ChainIndex& index, std::uint32_t first) {
    std::vector<EntityIndex> out;
    for (auto i = first; i != ChainIndex::k_end; i = index.next(i))
        out.push_back(i);
    return out;
}

} // namespace

void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Only whole 2 MiB pages inside the range; small ranges are not worth a system call.
    constexpr std::uintptr_t k_huge_page = 2u * 1024u * 1024u;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (start + k_huge_page - 1) & ~(k_huge_page - 1);
    const std::uintptr_t end = (start + bytes) & ~(k_huge_page - 1);
    if (bytes >= 4 * k_huge_page && end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = lower(c);
    return out;
}

Snapshot::Snapshot(const Snapshot& other)
    : workspace(other.workspace),
      context(other.context),
      host(other.host),
      fetched_at(other.fetched_at),
      m_field_keys(other.m_field_keys),
      m_field_key_index(other.m_field_key_index) {
    reserve(other.m_components.size(), other.m_references.size());
    for (const auto& c : other.m_components)
        add_component(c);
    for (const auto& r : other.m_references)
        add_reference(r);
}

Snapshot& Snapshot::operator=(const Snapshot& other) {
    if (this != &other) {
        Snapshot copy(other);
        *this = std::move(copy);
    }
    return *this;
}

std::string_view Snapshot::intern(std::string_view text) {
    if (text.empty())
        return {};
    auto it = m_interned.find(text);
    if (it != m_interned.end())
        return it->second;
    auto stored = m_arena.store(text);
    m_interned.emplace(stored, stored);
    return stored;
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

EntityIndex Snapshot::add_component(SnapshotComponent c) {
    c.type_id = intern(c.type_id);
    c.name = store(c.name);
    c.component_key = store(c.component_key);
    if (c.description)
        c.description = store(*c.description);
    c.last_updated = store(c.last_updated);
    c.custom_fields.own();
    return adopt_component(std::move(c));
}

EntityIndex Snapshot::add_reference(SnapshotReference r) {
    if (r.display_text)
        r.display_text = store(*r.display_text);
    if (r.description)
        r.description = store(*r.description);
    r.last_updated = store(r.last_updated);
    r.custom_fields.own();
    return adopt_reference(std::move(r));
}

EntityIndex Snapshot::adopt_component(SnapshotComponent c) {
    c.custom_fields.sort_by_key();
    if (m_components_indexed)
        reindex_components();
    m_components.push_back(std::move(c));
    return static_cast<EntityIndex>(m_components.size() - 1);
}

EntityIndex Snapshot::adopt_reference(SnapshotReference r) {
    r.custom_fields.sort_by_key();
    m_references_indexed = false;
    m_references.push_back(std::move(r));
    return static_cast<EntityIndex>(m_references.size() - 1);
}

void Snapshot::reserve(std::size_t components, std::size_t references) {
    m_components.reserve(components);
    m_references.reserve(references);
    advise_huge_pages(m_components.data(), m_components.capacity() * sizeof(SnapshotComponent));
    advise_huge_pages(m_references.data(), m_references.capacity() * sizeof(SnapshotReference));
}

std::size_t Snapshot::remove_components(const std::vector<Oid>& ids) {
    reindex_components();
    return remove_by_id(m_components, ids);
}
std::size_t Snapshot::remove_references(const std::vector<Oid>& ids) {
    reindex_references();
    return remove_by_id(m_references, ids);
}

void Snapshot::reindex() noexcept {
    reindex_components();
    reindex_references();
}

void Snapshot::reindex_components() noexcept {
    m_components_indexed = false;
    m_by_field.clear();
}

void Snapshot::reindex_references() noexcept {
    m_references_indexed = false;
}

void Snapshot::index_components() const {
    const auto& cs = m_components;
    const auto nc = static_cast<std::uint32_t>(cs.size());
    auto always = [](std::uint32_t) { return true; };
    m_component_by_id.build(
        nc, always, [&](std::uint32_t i) { return hash_oid(cs[i].id); },
        [&](std::uint32_t a, std::uint32_t b) { return cs[a].id == cs[b].id; });
    m_by_type_and_name.build(
        nc, always, [&](std::uint32_t i) { return hash_type_name(cs[i].type_id, cs[i].name); },
        [&](std::uint32_t a, std::uint32_t b) {
            return cs[a].type_id == cs[b].type_id && equal_ignore_case(cs[a].name, cs[b].name);
        });
    m_children.build(
        nc, [&](std::uint32_t i) { return cs[i].parent.has_value(); },
        [&](std::uint32_t i) { return hash_oid(*cs[i].parent); },
        [&](std::uint32_t a, std::uint32_t b) { return *cs[a].parent == *cs[b].parent; });
    m_components_indexed = true;
}

void Snapshot::index_references() const {
    const auto& rs = m_references;
    const auto nr = static_cast<std::uint32_t>(rs.size());
    m_reference_by_id.build(
        nr, [](std::uint32_t) { return true; }, [&](std::uint32_t i) { return hash_oid(rs[i].id); },
        [&](std::uint32_t a, std::uint32_t b) { return rs[a].id == rs[b].id; });
    m_ref_by_endpoints.build(
        nr, [](std::uint32_t) { return true; },
        [&](std::uint32_t i) { return hash_endpoints(rs[i].source, rs[i].target, rs[i].type); },
        [&](std::uint32_t a, std::uint32_t b) {
            return rs[a].source == rs[b].source && rs[a].target == rs[b].target &&
                   rs[a].type == rs[b].type;
        });
    m_references_indexed = true;
}

std::size_t Snapshot::memory_bytes() const noexcept {
    std::size_t bytes = m_components.capacity() * sizeof(SnapshotComponent) +
                        m_references.capacity() * sizeof(SnapshotReference) +
                        m_arena.capacity_bytes();
    for (const auto& c : m_components)
        bytes += c.custom_fields.heap_bytes();
    for (const auto& r : m_references)
        bytes += r.custom_fields.heap_bytes();
    for (const ChainIndex* index : {&m_component_by_id, &m_reference_by_id, &m_by_type_and_name,
                                    &m_children, &m_ref_by_endpoints})
        bytes += index->memory_bytes();
    for (const auto& [key, index] : m_by_field)
        bytes += index->memory_bytes();
    // Interned type ids and field keys: few, but counted as hash nodes.
    bytes += m_interned.size() * (2 * sizeof(std::string_view) + 2 * sizeof(void*));
    for (const auto& key : m_field_keys)
        bytes += 2 * (key.capacity() + 1 + sizeof(std::string)) + 2 * sizeof(void*);
    return bytes;
}

std::optional<EntityIndex> Snapshot::component_by_id(const Oid& id) const {
    if (!m_components_indexed)
        index_components();
    auto i = m_component_by_id.find(hash_oid(id),
                                    [&](std::uint32_t c) { return m_components[c].id == id; });
    if (i == ChainIndex::k_end)
        return std::nullopt;
    return i;
}

std::optional<EntityIndex> Snapshot::reference_by_id(const Oid& id) const {
    if (!m_references_indexed)
        index_references();
    auto i = m_reference_by_id.find(hash_oid(id),
                                    [&](std::uint32_t r) { return m_references[r].id == id; });
    if (i == ChainIndex::k_end)
        return std::nullopt;
    return i;
}

std::vector<EntityIndex> Snapshot::components_by_name(std::string_view type_id,
                                                      std::string_view name) const {
    if (!m_components_indexed)
        index_components();
    auto first = m_by_type_and_name.find(hash_type_name(type_id, name), [&](std::uint32_t i) {
        return m_components[i].type_id == type_id && equal_ignore_case(m_components[i].name, name);
    });
    return collect(m_by_type_and_name, first);
}

std::vector<EntityIndex> Snapshot::components_by_field(std::string_view api_key,
                                                       std::string_view text) const {
    auto key = find_field(api_key);
    if (!key)
        return {};
    auto& slot = m_by_field[*key];
    if (!slot) {
        // Values are rendered once here; comparing rendered numbers again in same_key is
        // rare (only on hash collisions), so the scratch strings stay cheap.
        std::vector<std::uint64_t> hashes(m_components.size());
        std::string scratch;
        for (std::size_t i = 0; i < m_components.size(); ++i)
            if (auto v = field_value(m_components[i].custom_fields, *key); v && !v->is_null())
                hashes[i] = finish(hash_bytes(field_text(*v, scratch)));
        slot = std::make_unique<ChainIndex>();
        std::string a_scratch, b_scratch;
        slot->build(
            static_cast<std::uint32_t>(m_components.size()),
            [&](std::uint32_t i) {
                auto v = field_value(m_components[i].custom_fields, *key);
                return v && !v->is_null();
            },
            [&](std::uint32_t i) { return hashes[i]; },
            [&](std::uint32_t a, std::uint32_t b) {
                return hashes[a] == hashes[b] &&
                       field_text(*field_value(m_components[a].custom_fields, *key), a_scratch) ==
                           field_text(*field_value(m_components[b].custom_fields, *key), b_scratch);
            });
    }
    std::string scratch;
    auto first = slot->find(finish(hash_bytes(text)), [&](std::uint32_t i) {
        return field_text(*field_value(m_components[i].custom_fields, *key), scratch) == text;
    });
    return collect(*slot, first);
}

std::vector<EntityIndex> Snapshot::children_of(const Oid& parent) const {
    if (!m_components_indexed)
        index_components();
    auto first = m_children.find(
        hash_oid(parent), [&](std::uint32_t i) { return *m_components[i].parent == parent; });
    return collect(m_children, first);
}

std::vector<EntityIndex> Snapshot::references_between(const Oid& source, const Oid& target,
                                                      std::int64_t type) const {
    if (!m_references_indexed)
        index_references();
    auto first =
        m_ref_by_endpoints.find(hash_endpoints(source, target, type), [&](std::uint32_t i) {
            const auto& r = m_references[i];
            return r.source == source && r.target == target && r.type == type;
        });
    return collect(m_ref_by_endpoints, first);
}

} // namespace ardoq::model
