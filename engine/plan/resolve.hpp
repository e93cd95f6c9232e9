#pragma once
// Resolving the names a desired state uses (component types, reference types, custom
// fields) against the workspace metamodel, once, before planning. Every unknown name is
// reported with where it came from and what would be valid.

#include "model/desired.hpp"
#include "model/diagnostic.hpp"
#include "model/expected.hpp"
#include "model/metamodel.hpp"
#include "model/sync_policy.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::plan {

// Where each mapping rule is written, by rule index (DesiredComponent::rule and
// DesiredReference::rule). Optional: without it, errors point at the first source record
// the rule produced the name from.
struct RuleLocations {
    std::vector<model::Location> components;
    std::vector<model::Location> references;
};

struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};
template <typename T>
using NameMap = std::unordered_map<std::string, T, TransparentHash, std::equal_to<>>;

// The names a desired state uses, resolved against one WorkspaceContext.
struct ResolvedTypes {
    NameMap<std::uint32_t> component_types; // name → index into context.component_types
    NameMap<std::uint32_t> reference_types; // name → index into context.reference_types
    NameMap<model::FieldType> fields;       // mapped apiKey → its Ardoq field type

    // Index of a component / reference type by name; k_none (0xffffffff) when unknown.
    std::uint32_t component_type(std::string_view name) const noexcept;
    std::uint32_t reference_type(std::string_view name) const noexcept;
    // Type of a mapped custom field; FieldType::other when unknown.
    model::FieldType field_type(std::string_view api_key) const noexcept;
};

// Resolves every component type, reference type, parent / endpoint type and mapped field
// that `desired` and `policy.scope` use against `context`; checks that the identity field
// exists and that mapped fields are writable. Returns every problem found (capped).
model::Expected<ResolvedTypes, model::Diagnostics>
resolve_types(const model::DesiredState& desired, const model::SyncPolicy& policy,
              const model::WorkspaceContext& context, const RuleLocations& rules = {});

// Where a desired entity came from, as a diagnostic location ("apps.csv:42").
model::Location origin_location(const model::Origin& origin);

// The closest of `candidates` to `word` (ASCII case-insensitive edit distance), or "" when
// none is close enough to be a likely typo.
std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates);

} // namespace ardoq::plan
