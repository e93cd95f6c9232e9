#pragma once
// Test support: sources held in memory, with records built by hand, and an opener that
// counts how often each source was opened. Header-only (tests/CMakeLists.txt compiles
// only test_*.cpp here).

#include "model/errors.hpp"
#include "model/record_source.hpp"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ardoq::test {

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<model::Value>> rows;
    bool line_based = true;       // origins "file:line" (line = row + 1, after a header)
    std::size_t fail_at_row = 0;  // 1-based row whose read throws InputError; 0 = never
    std::size_t crash_at_row = 0; // 1-based row whose read throws std::runtime_error; 0 = never
    // From this 1-based row on, records carry these field names (a source whose fields change
    // as it goes, like JSON Lines); 0 = never.
    std::size_t later_columns_from = 0;
    std::vector<std::string> later_columns;
};

class MemorySource : public model::RecordSource {
public:
    MemorySource(const model::SourceSpec& spec, const Table& table)
        : m_spec(spec),
          m_table(table),
          m_schema(std::make_shared<model::Schema>(table.columns)),
          m_later_schema(std::make_shared<model::Schema>(table.later_columns)) {}

    bool next(model::Record& out) override {
        if (m_row >= m_table.rows.size())
            return false;
        ++m_row;
        if (m_row == m_table.crash_at_row)
            throw std::runtime_error("disk went away at row " + std::to_string(m_row));
        if (m_row == m_table.fail_at_row)
            throw model::InputError(
                model::make_error({m_spec.file, static_cast<std::uint32_t>(m_row + 1), 3},
                                  "broken row", "fix the file"));
        out.schema = m_table.later_columns_from != 0 && m_row >= m_table.later_columns_from
                         ? m_later_schema
                         : m_schema;
        out.values = m_table.rows[m_row - 1];
        out.origin.source = m_spec.name;
        out.origin.file = m_spec.file;
        out.origin.line = m_table.line_based ? m_row + 1 : 0;
        out.origin.row = m_row;
        return true;
    }
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

private:
    model::SourceSpec m_spec; // a copy, as a connector may keep: origins must not rely on it
    const Table& m_table;
    std::shared_ptr<const model::Schema> m_schema;
    std::shared_ptr<const model::Schema> m_later_schema;
    std::size_t m_row = 0;
};

class MemorySources {
public:
    MemorySources& add(const std::string& name, Table table) {
        m_tables[name] = std::move(table);
        return *this;
    }
    model::SourceOpener opener() {
        return [this](const model::SourceSpec& spec) -> std::unique_ptr<model::RecordSource> {
            ++m_opens[spec.name];
            auto it = m_tables.find(spec.name);
            if (it == m_tables.end())
                throw model::InputError(model::make_error({spec.file, 0, 0}, "cannot open"));
            return std::make_unique<MemorySource>(spec, it->second);
        };
    }
    int opens(const std::string& name) const {
        auto it = m_opens.find(name);
        return it == m_opens.end() ? 0 : it->second;
    }

private:
    std::map<std::string, Table> m_tables;
    std::map<std::string, int> m_opens;
};

} // namespace ardoq::test
