#include "mappings/eval/dedupe.hpp"

#include <cstdint>
#include <functional>
#include <string_view>

namespace ardoq::mapping {

namespace {

using model::DesiredComponent;
using model::DesiredReference;

constexpr std::uint32_t k_none = UINT32_MAX;

std::size_t mix(std::size_t h, std::string_view s) noexcept {
    return h ^ (std::hash<std::string_view>{}(s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t identity_hash(const DesiredComponent& c) noexcept {
    return mix(mix(0, c.type), c.key);
}
std::size_t identity_hash(const DesiredReference& r) noexcept {
    return mix(mix(mix(mix(mix(0, r.type), r.source.type), r.source.key), r.target.type),
               r.target.key);
}
bool same_identity(const DesiredComponent& a, const DesiredComponent& b) {
    return a.key == b.key && a.type == b.type;
}
bool same_identity(const DesiredReference& a, const DesiredReference& b) {
    return a.type == b.type && a.source == b.source && a.target == b.target;
}
bool same_content(const DesiredComponent& a, const DesiredComponent& b) {
    return a.name == b.name && a.description == b.description && a.parent == b.parent &&
           a.fields == b.fields;
}
bool same_content(const DesiredReference& a, const DesiredReference& b) {
    return a.display_text == b.display_text && a.description == b.description &&
           a.fields == b.fields;
}

// In place, in one pass: an entity is kept when its identity is new, or when its content
// differs from every kept entity of that identity. An open-addressing table holds the
// first kept entity of each identity (no allocation per entity); `next` chains the later
// kept ones of the same identity.
template <typename Entity> void dedupe(model::ChunkedVector<Entity>& v) {
    const std::size_t n = v.size();
    std::size_t capacity = 16;
    while (capacity < n * 2)
        capacity *= 2;
    const std::size_t mask = capacity - 1;
    std::vector<std::uint32_t> slots(capacity, k_none);
    std::vector<std::size_t> hashes(n);
    std::vector<std::uint32_t> next(n, k_none);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t h = identity_hash(v[i]);
        std::size_t s = h & mask;
        std::uint32_t first = k_none;
        for (; slots[s] != k_none; s = (s + 1) & mask) {
            const std::uint32_t k = slots[s];
            if (hashes[k] == h && same_identity(v[k], v[i])) {
                first = k;
                break;
            }
        }
        std::uint32_t last = first;
        bool duplicate = false;
        for (std::uint32_t k = first; k != k_none; k = next[k]) {
            if (same_content(v[k], v[i])) {
                duplicate = true;
                break;
            }
            last = k;
        }
        if (duplicate)
            continue;
        if (kept != i)
            v[kept] = std::move(v[i]);
        hashes[kept] = h;
        if (first == k_none)
            slots[s] = static_cast<std::uint32_t>(kept);
        else
            next[last] = static_cast<std::uint32_t>(kept);
        ++kept;
    }
    v.truncate(kept);
}

} // namespace

void dedupe_components(model::ChunkedVector<DesiredComponent>& v) {
    dedupe(v);
}

void dedupe_references(model::ChunkedVector<DesiredReference>& v) {
    dedupe(v);
}

} // namespace ardoq::mapping
