#include "mappings/eval/dedupe.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace ardoq::mapping {

namespace {

using model::DesiredComponent;
using model::DesiredReference;

constexpr std::uint32_t k_end = UINT32_MAX;

std::size_t mix(std::size_t h, std::string_view s) noexcept {
    return h ^ (std::hash<std::string_view>{}(s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

struct ComponentId {
    std::string_view type, key;
    bool operator==(const ComponentId&) const = default;
};
struct ComponentIdHash {
    std::size_t operator()(const ComponentId& id) const noexcept {
        return mix(mix(0, id.type), id.key);
    }
};

struct ReferenceId {
    std::string_view type, source_type, source_key, target_type, target_key;
    bool operator==(const ReferenceId&) const = default;
};
struct ReferenceIdHash {
    std::size_t operator()(const ReferenceId& id) const noexcept {
        return mix(mix(mix(mix(mix(0, id.type), id.source_type), id.source_key), id.target_type),
                   id.target_key);
    }
};

bool same_content(const DesiredComponent& a, const DesiredComponent& b) {
    return a.name == b.name && a.description == b.description && a.parent == b.parent &&
           a.fields == b.fields;
}
bool same_content(const DesiredReference& a, const DesiredReference& b) {
    return a.display_text == b.display_text && a.description == b.description &&
           a.fields == b.fields;
}

ComponentId id_of(const DesiredComponent& c) {
    return {c.type, c.key};
}
ReferenceId id_of(const DesiredReference& r) {
    return {r.type, r.source.type, r.source.key, r.target.type, r.target.key};
}

// Keeps the first of each identity, and later ones whose content differs from every kept
// one. `next` chains the kept entities of one identity.
template <typename Entity, typename Id, typename Hash>
std::vector<Entity> dedupe(std::vector<Entity> in) {
    std::vector<Entity> out;
    out.reserve(in.size()); // no reallocation: the map's views point into `out`
    std::vector<std::uint32_t> next;
    next.reserve(in.size());
    std::unordered_map<Id, std::uint32_t, Hash> first;
    first.reserve(in.size());
    for (auto& e : in) {
        auto it = first.find(id_of(e));
        if (it == first.end()) {
            out.push_back(std::move(e));
            next.push_back(k_end);
            first.emplace(id_of(out.back()), static_cast<std::uint32_t>(out.size() - 1));
            continue;
        }
        std::uint32_t at = it->second;
        bool duplicate = false;
        for (;;) {
            if (same_content(out[at], e)) {
                duplicate = true;
                break;
            }
            if (next[at] == k_end)
                break;
            at = next[at];
        }
        if (duplicate)
            continue;
        out.push_back(std::move(e));
        next.push_back(k_end);
        next[at] = static_cast<std::uint32_t>(out.size() - 1);
    }
    return out;
}

} // namespace

std::vector<DesiredComponent> dedupe_components(std::vector<DesiredComponent> in) {
    return dedupe<DesiredComponent, ComponentId, ComponentIdHash>(std::move(in));
}

std::vector<DesiredReference> dedupe_references(std::vector<DesiredReference> in) {
    return dedupe<DesiredReference, ReferenceId, ReferenceIdHash>(std::move(in));
}

} // namespace ardoq::mapping
