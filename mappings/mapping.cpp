#include "mappings/mapping.hpp"

#include <algorithm>

namespace ardoq::mapping {

std::optional<std::size_t> Mapping::source_index(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (sources[i].name == name)
            return i;
    return std::nullopt;
}

namespace {
void add_unique(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
}
} // namespace

std::vector<std::string> Mapping::component_types() const {
    std::vector<std::string> out;
    for (const auto& r : components)
        add_unique(out, r.type);
    return out;
}

std::vector<std::string> Mapping::reference_types() const {
    std::vector<std::string> out;
    for (const auto& r : references)
        add_unique(out, r.type);
    return out;
}

} // namespace ardoq::mapping
