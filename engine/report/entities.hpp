#pragma once
// The entities of a plan as reports present them: flattened views in a stable order.

#include "plan/plan.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::report {

struct EntityRef {
    plan::EntityKind kind = plan::EntityKind::component;
    std::uint32_t index = 0; // into Plan::components / Plan::references
};

// Every entry, ordered by kind (components first), type name, key, then source order:
// the order of the JSON report, stable from run to run.
std::vector<EntityRef> all_entities(const plan::Plan& plan);

// The entries worth reading (not unchanged), most urgent first: errors, conflicts,
// deletes, updates, creates, cache misses, skips; then as all_entities(). Only the first
// `limit` are ordered and listed; `total` counts them all.
struct DetailList {
    std::vector<EntityRef> first;
    std::size_t total = 0;
};
DetailList detail_entities(const plan::Plan& plan, std::size_t limit);

struct EntityView {
    plan::EntityKind kind = plan::EntityKind::component;
    std::string_view type;
    std::string key;
    std::string name;   // components only
    std::string source; // references only: key of the source component
    std::string target; // references only: key of the target component
    std::string id;     // Ardoq OID of the entity, "" when it does not exist yet
    std::string origin; // "apps.csv:42", "" for entities only in Ardoq
    plan::Situation situation = plan::Situation::absent;
    plan::Action action = plan::Action::none;
    const plan::Detail* detail = nullptr;
    std::string reason; // detail's reason, or why a cache miss / delete happens
};

EntityView view(const plan::Plan& plan, EntityRef ref);

// "component" / "reference".
std::string_view kind_name(plan::EntityKind kind) noexcept;

// A value in a field diff: JSON for numbers, strings, lists; "(none)" for null.
std::string diff_value(const model::Value& v);

} // namespace ardoq::report
