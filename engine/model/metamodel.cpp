#include "model/metamodel.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ardoq::model {

namespace {
constexpr std::array<std::pair<FieldType, std::string_view>, 10> k_field_types{{
    {FieldType::text, "Text"},
    {FieldType::text_area, "TextArea"},
    {FieldType::email, "Email"},
    {FieldType::url, "Url"},
    {FieldType::number, "Number"},
    {FieldType::checkbox, "Checkbox"},
    {FieldType::date_time, "DateTime"},
    {FieldType::list, "List"},
    {FieldType::select_multiple_list, "SelectMultipleList"},
    {FieldType::user, "User"},
}};

template <typename Range, typename Pred> auto find_ptr(const Range& r, Pred p) {
    auto it = std::find_if(r.begin(), r.end(), p);
    return it == r.end() ? nullptr : &*it;
}
} // namespace

FieldType parse_field_type(std::string_view ardoq_name) noexcept {
    for (const auto& [t, name] : k_field_types)
        if (name == ardoq_name)
            return t;
    return FieldType::other;
}

std::string_view field_type_name(FieldType t) noexcept {
    for (const auto& [ft, name] : k_field_types)
        if (ft == t)
            return name;
    return "Other";
}

const ComponentTypeDef*
WorkspaceContext::component_type_by_name(std::string_view name) const noexcept {
    return find_ptr(component_types, [&](const auto& t) { return t.name == name; });
}
const ComponentTypeDef*
WorkspaceContext::component_type_by_id(std::string_view type_id) const noexcept {
    return find_ptr(component_types, [&](const auto& t) { return t.type_id == type_id; });
}
const ReferenceTypeDef*
WorkspaceContext::reference_type_by_name(std::string_view name) const noexcept {
    return find_ptr(reference_types, [&](const auto& t) { return t.name == name; });
}
const ReferenceTypeDef* WorkspaceContext::reference_type_by_id(std::int64_t type) const noexcept {
    return find_ptr(reference_types, [&](const auto& t) { return t.type == type; });
}
const FieldDef* WorkspaceContext::field(std::string_view api_key) const noexcept {
    return find_ptr(fields, [&](const auto& f) { return f.api_key == api_key; });
}

} // namespace ardoq::model
