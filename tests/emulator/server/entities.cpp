#include "entities.hpp"

namespace ardoq::emulator {

const ComponentType* Model::component_type(std::string_view type_id) const {
    for (const auto& t : component_types)
        if (t.type_id == type_id)
            return &t;
    return nullptr;
}

const ReferenceType* Model::reference_type(std::int64_t type) const {
    for (const auto& t : reference_types)
        if (t.type == type)
            return &t;
    return nullptr;
}

bool same_content(const Component& a, const Component& b) {
    return a.name == b.name && a.root_workspace == b.root_workspace && a.type_id == b.type_id &&
           a.parent == b.parent && a.description == b.description && a.color == b.color &&
           a.shape == b.shape && a.icon == b.icon && a.image == b.image &&
           a.custom_fields == b.custom_fields;
}

bool same_content(const Reference& a, const Reference& b) {
    return a.source == b.source && a.target == b.target && a.type == b.type &&
           a.display_text == b.display_text && a.description == b.description &&
           a.custom_fields == b.custom_fields;
}

} // namespace ardoq::emulator
