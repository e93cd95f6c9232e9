#pragma once
// A source record: one row of a source, as ordered named fields of typed values, plus
// where it came from. Records of one source share a Schema (the field names), so a
// compiled expression resolves a field name to an index once per schema, not per record.

#include "model/value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::model {

// Where a record came from. The views point into strings owned by the source definition
// (mapping), which lives for the whole run.
struct Origin {
    std::string_view source; // source name in the mapping ("apps")
    std::string_view file;   // file as the user wrote it ("apps.csv"), or "" for none
    std::uint64_t line = 0;  // 1-based line where the record starts; 0 when not line-based
    std::uint64_t row = 0;   // 1-based record number within the source

    // "apps.csv:42" (line-based), "cmdb.db row 7" (row-based) or the source name.
    std::string to_string() const;
};

// Field names of the records of one source. Immutable once shared; a source whose field
// set grows (JSON Lines) makes a new Schema and the records that follow point to it.
class Schema {
public:
    explicit Schema(std::vector<std::string> names);

    const std::vector<std::string>& names() const noexcept { return m_names; }
    std::size_t size() const noexcept { return m_names.size(); }
    // Index of a field name, or nullopt.
    std::optional<std::size_t> index_of(std::string_view name) const noexcept;

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string_view, std::size_t> m_index; // views into m_names
};

struct Record {
    std::shared_ptr<const Schema> schema;
    std::vector<Value> values; // values[i] belongs to schema->names()[i]; missing = null
    Origin origin;

    // Value of a field by name, nullptr if the schema has no such field.
    const Value* get(std::string_view name) const noexcept;
};

} // namespace ardoq::model
