#pragma once
// The growing schema of a source whose records name their fields (JSON, JSON Lines, SQL
// INSERTs with column lists). Fields keep the order in which they first appeared; a record
// that brings new names publishes a new Schema, and the records before it keep theirs.
// Looking up a name costs one string compare when records list their fields in the usual
// order, a hash lookup otherwise.

#include "model/record.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::connectors {

class FieldIndex {
public:
    explicit FieldIndex(std::size_t max_columns) : m_max_columns(max_columns) {}

    enum class Slot : std::uint8_t { ok, duplicate, too_many };

    // Starts filling `out`: sizes its values to the known fields, keeping their buffers.
    void begin(model::Record& out);
    // Points `value` at the slot of field `name` in out.values. Returns duplicate when this
    // record already had the field, too_many when a new field would pass the column cap.
    Slot slot(std::string_view name, model::Record& out, model::Value*& value);
    // Ends the record: fields it did not have become null; sets out.schema.
    void finish(model::Record& out);

    std::size_t size() const noexcept { return m_names.size(); }
    const std::shared_ptr<const model::Schema>& schema() const noexcept { return m_schema; }

private:
    std::size_t m_max_columns;
    std::deque<std::string> m_names; // stable addresses for the index's views
    std::unordered_map<std::string_view, std::size_t> m_index;
    std::shared_ptr<const model::Schema> m_schema =
        std::make_shared<const model::Schema>(std::vector<std::string>{});
    std::vector<std::uint32_t> m_seen; // m_seen[i] == m_stamp: field i set in this record
    std::uint32_t m_stamp = 0;
    std::size_t m_next = 0; // where the next name usually is
};

} // namespace ardoq::connectors
