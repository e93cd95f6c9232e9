#pragma once
// The desired state the mapping rules produce from source records: the components and
// references that should exist in the workspace. Type names are resolved against the
// workspace context by the planner; keys are the identity the sync joins on.

#include "model/record.hpp"
#include "model/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ardoq::model {

// A reference to a component by type name and identity key (parent, reference endpoints).
struct ComponentRef {
    std::string type; // component type name
    std::string key;  // identity key ("app-42"), or the name when identity is by name
    friend bool operator==(const ComponentRef&, const ComponentRef&) = default;
};

struct DesiredComponent {
    std::string type; // component type name ("Application")
    std::string key;  // identity key
    std::string name;
    std::optional<std::string> description; // nullopt: not mapped, never touched
    std::optional<ComponentRef> parent;     // nullopt: parent not mapped
    Object fields;                          // mapped custom fields (apiKey -> value), mapping order
    Origin origin;                          // the record it came from
    std::size_t rule = 0;                   // index of the producing rule in the mapping
};

struct DesiredReference {
    std::string type; // reference type name ("Depends on")
    ComponentRef source;
    ComponentRef target;
    std::optional<std::string> display_text;
    std::optional<std::string> description;
    Object fields;
    Origin origin;
    std::size_t rule = 0;
};

struct DesiredState {
    std::vector<DesiredComponent> components;
    std::vector<DesiredReference> references;
};

} // namespace ardoq::model
