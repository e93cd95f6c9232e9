#include "model/desired.hpp"

namespace ardoq::model {

std::optional<ValueView> DesiredFields::find(std::string_view api_key) const {
    for (const auto& e : m_packed)
        if (field_name(e.key) == api_key)
            return e.value;
    return std::nullopt;
}

Object DesiredFields::to_object() const {
    Object out;
    for (const auto& e : m_packed)
        out.push_back(Field{std::string(field_name(e.key)), e.value.to_value()});
    return out;
}

} // namespace ardoq::model
