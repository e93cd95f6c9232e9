#pragma once
// The metamodel of one workspace, as GET /workspaces/{id}/context describes it
// (openapi.json schema WorkspaceContext): component types (a hierarchy via parent),
// reference types, and the custom fields they may carry.

#include "model/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::model {

// Custom field types as Ardoq names them ("Number", "Checkbox", ...).
enum class FieldType : std::uint8_t {
    text,
    text_area,
    email,
    url,
    number,
    checkbox,
    date_time,
    list,
    select_multiple_list,
    user,
    other
};
FieldType parse_field_type(std::string_view ardoq_name) noexcept;
std::string_view field_type_name(FieldType t) noexcept; // back to Ardoq's spelling

struct FieldDef {
    std::string api_key;
    std::string label;
    FieldType type = FieldType::text;
    std::string type_name; // as Ardoq spelled it, kept for types we do not model
    bool read_only = false;
    bool calculated = false;
    std::vector<std::string> options; // List / SelectMultipleList
    Value default_value;
    std::string description;
};

struct ComponentTypeDef {
    std::string type_id; // "p1024822409134"
    std::string name;
    std::string parent_type_id;             // "" at the root of the hierarchy
    std::vector<std::string> custom_fields; // apiKeys the type supports
};

struct ReferenceTypeDef {
    std::int64_t type = 0;
    std::string name;
    std::vector<std::string> custom_fields;
};

struct WorkspaceContext {
    std::string workspace_id;
    std::vector<ComponentTypeDef> component_types;
    std::vector<ReferenceTypeDef> reference_types;
    std::vector<FieldDef> fields;
    std::vector<std::string> tags;

    // Lookups by exact name / id; nullptr when absent.
    const ComponentTypeDef* component_type_by_name(std::string_view name) const noexcept;
    const ComponentTypeDef* component_type_by_id(std::string_view type_id) const noexcept;
    const ReferenceTypeDef* reference_type_by_name(std::string_view name) const noexcept;
    const ReferenceTypeDef* reference_type_by_id(std::int64_t type) const noexcept;
    const FieldDef* field(std::string_view api_key) const noexcept;
};

} // namespace ardoq::model
