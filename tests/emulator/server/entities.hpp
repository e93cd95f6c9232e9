#pragma once
// The emulator's stored entities. Every entity has an OID, a `_version` counted from 1, an
// Ardoq `_meta` object (created / lastUpdated and who did it) and a sequence number `seq`
// that orders listings and dumps by creation. Nullable string attributes are kept as JSON
// values (null or a string) so that they round-trip exactly.

#include "json_util.hpp"
#include "meta.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ardoq::emulator {

struct ComponentType {
    std::string type_id;        // "p1024822409134"
    std::string name;           // "Application"
    std::string parent_type_id; // "" at the top of the type hierarchy
    json::value color, shape, icon, image;
};

struct ReferenceType {
    std::int64_t type = 0; // the integer reference type id
    std::string name;      // "Depends on"
    json::object extra;    // other attributes kept verbatim (line, color, ...)
};

struct Model {
    std::string id;
    std::uint64_t seq = 0;
    std::string name;
    bool use_as_template = false;
    std::vector<ComponentType> component_types;
    std::vector<ReferenceType> reference_types;
    std::int64_t version = 1;
    Meta meta;

    const ComponentType* component_type(std::string_view type_id) const;
    const ReferenceType* reference_type(std::int64_t type) const;
};

// A custom field of a model. `api_key` is what entities use as the key in customFields
// (v1 calls it `name`).
struct Field {
    std::string id;
    std::uint64_t seq = 0;
    std::string api_key;
    std::string label;
    std::string type; // Text, TextArea, Number, Checkbox, DateTime, List, SelectMultipleList, ...
    std::string model_id;
    std::vector<std::string> component_types;  // type ids the field applies to
    std::vector<std::int64_t> reference_types; // reference types the field applies to
    bool read_only = false;
    bool calculated = false;
    json::value default_value;
    std::vector<std::string> options; // allowed values of List / SelectMultipleList
    json::value description;
    std::int64_t version = 1;
    Meta meta;
};

struct Folder {
    std::string id;
    std::uint64_t seq = 0;
    std::string name;
    json::value description;
    std::vector<std::string> workspaces;
    std::int64_t version = 1;
    Meta meta;
};

struct Workspace {
    std::string id;
    std::uint64_t seq = 0;
    std::string name;
    json::value description;
    std::string model_id;      // componentModel
    std::string workspace_key; // prefix of component keys: "APP" gives APP-1, APP-2, ...
    std::string folder_id;     // "" when in no folder
    std::int64_t next_component_number = 1;
    std::int64_t version = 1;
    Meta meta;
};

struct Tag {
    std::string id;
    std::uint64_t seq = 0;
    std::string name;
    json::value description;
    std::string root_workspace;
    std::vector<std::string> components;
    std::vector<std::string> references;
    std::int64_t version = 1;
    Meta meta;
};

struct Component {
    std::string id;
    std::uint64_t seq = 0;
    std::string name;
    std::string root_workspace;
    std::string type_id;
    std::string parent; // "" for none
    std::string component_key;
    json::value description, color, shape, icon, image;
    json::object custom_fields;
    std::int64_t version = 1;
    Meta meta;
};

struct Reference {
    std::string id;
    std::uint64_t seq = 0;
    std::string source;
    std::string target;
    std::int64_t type = 0;
    std::string root_workspace;   // the source's workspace
    std::string target_workspace; // the target's workspace
    json::value display_text, description;
    json::object custom_fields;
    std::int64_t version = 1;
    Meta meta;
};

// Content equality, ignoring id, seq, version and meta (used by --version-bump on-change).
bool same_content(const Component& a, const Component& b);
bool same_content(const Reference& a, const Reference& b);

} // namespace ardoq::emulator
