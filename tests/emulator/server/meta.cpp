#include "meta.hpp"

namespace ardoq::emulator {

// Every empty Meta shares one object: entities are default-constructed before they are filled.
const std::shared_ptr<const Meta::Data>& Meta::empty() {
    static const auto k_empty = std::make_shared<const Data>(Data{json::object(), "{}"});
    return k_empty;
}

Meta::Meta() : m_data(empty()) {}

Meta::Meta(json::object object) {
    std::string text = json::serialize(object);
    m_data = std::make_shared<const Data>(Data{std::move(object), std::move(text)});
}

Meta Meta::with(
    std::initializer_list<std::pair<std::string_view, std::string_view>> changes) const {
    json::object changed = object();
    for (const auto& [key, value] : changes)
        changed[key] = value;
    return Meta(std::move(changed));
}

} // namespace ardoq::emulator
