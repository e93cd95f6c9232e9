#include "mappings/expr/field_table.hpp"

namespace ardoq::mapping::expr {

std::uint32_t FieldTable::add(FieldPath path) {
    for (std::size_t i = 0; i < m_paths.size(); ++i)
        if (m_paths[i].text == path.text)
            return static_cast<std::uint32_t>(i);
    m_paths.push_back(std::move(path));
    return static_cast<std::uint32_t>(m_paths.size() - 1);
}

FieldResolver::FieldResolver(const FieldTable& table)
    : m_table(&table), m_resolved(table.size()), m_found(table.size(), false) {}

void FieldResolver::merge_later(const FieldResolver& later) {
    for (std::size_t slot = 0; slot < m_found.size() && slot < later.m_found.size(); ++slot)
        if (later.m_found[slot])
            m_found[slot] = true;
    if (later.m_schema)
        rebind(later.m_schema);
}

void FieldResolver::rebind(const std::shared_ptr<const model::Schema>& schema) {
    m_schema = schema;
    m_schema_raw = schema.get();
    const auto& paths = m_table->paths();
    for (std::size_t slot = 0; slot < paths.size(); ++slot) {
        ResolvedField r;
        if (schema) {
            // The longest leading run of name steps that is itself a field name wins:
            // "owner.email" is a column of a CSV file, or member "email" of field "owner".
            const auto& steps = paths[slot].steps;
            std::size_t names = 0;
            while (names < steps.size() && !steps[names].is_index)
                ++names;
            for (std::size_t k = names; k >= 1 && r.index == ResolvedField::k_absent; --k) {
                std::string joined = steps[0].name;
                for (std::size_t s = 1; s < k; ++s)
                    joined += "." + steps[s].name;
                if (auto idx = schema->index_of(joined)) {
                    r.index = static_cast<std::uint32_t>(*idx);
                    r.first_step = static_cast<std::uint32_t>(k);
                }
            }
        }
        if (r.index != ResolvedField::k_absent)
            m_found[slot] = true;
        m_resolved[slot] = r;
    }
}

} // namespace ardoq::mapping::expr
