#include "model/record.hpp"

namespace ardoq::model {

std::string Origin::to_string() const {
    if (!file.empty() && line > 0)
        return std::string(file) + ":" + std::to_string(line);
    if (!file.empty() && row > 0)
        return std::string(file) + " row " + std::to_string(row);
    if (!source.empty() && row > 0)
        return std::string(source) + " row " + std::to_string(row);
    return std::string(file.empty() ? source : file);
}

Schema::Schema(std::vector<std::string> names) : m_names(std::move(names)) {
    m_index.reserve(m_names.size());
    for (std::size_t i = 0; i < m_names.size(); ++i)
        m_index.emplace(m_names[i], i);
}

std::optional<std::size_t> Schema::index_of(std::string_view name) const noexcept {
    auto it = m_index.find(name);
    if (it == m_index.end())
        return std::nullopt;
    return it->second;
}

const Value* Record::get(std::string_view name) const noexcept {
    if (!schema)
        return nullptr;
    auto idx = schema->index_of(name);
    if (!idx || *idx >= values.size())
        return nullptr;
    return &values[*idx];
}

} // namespace ardoq::model
