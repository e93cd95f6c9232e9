#include "connectors/sources/field_index.hpp"

#include <algorithm>

namespace ardoq::connectors {

void FieldIndex::begin(model::Record& out) {
    if (++m_stamp == 0) {
        std::fill(m_seen.begin(), m_seen.end(), 0);
        m_stamp = 1;
    }
    m_next = 0;
    out.values.resize(m_names.size());
}

FieldIndex::Slot FieldIndex::slot(std::string_view name, model::Record& out, model::Value*& value) {
    std::size_t i;
    if (m_next < m_names.size() && m_names[m_next] == name) {
        i = m_next;
    } else if (auto it = m_index.find(name); it != m_index.end()) {
        i = it->second;
    } else {
        if (m_names.size() >= m_max_columns)
            return Slot::too_many;
        i = m_names.size();
        m_names.emplace_back(name);
        m_index.emplace(m_names.back(), i);
        m_seen.push_back(0);
        out.values.emplace_back();
    }
    if (m_seen[i] == m_stamp)
        return Slot::duplicate;
    m_seen[i] = m_stamp;
    m_next = i + 1;
    value = &out.values[i];
    return Slot::ok;
}

void FieldIndex::finish(model::Record& out) {
    for (std::size_t i = 0; i < out.values.size(); ++i)
        if (m_seen[i] != m_stamp)
            out.values[i] = model::Value();
    if (m_names.size() != m_schema->size())
        m_schema = std::make_shared<const model::Schema>(
            std::vector<std::string>(m_names.begin(), m_names.end()));
    if (out.schema != m_schema)
        out.schema = m_schema;
}

} // namespace ardoq::connectors
