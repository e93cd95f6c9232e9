#pragma once
// The field paths one group of expressions reads from its records (one rule, one lookup,
// one scope filter), and their resolution against a record Schema. A path is resolved
// once per Schema pointer: records of one source share a Schema, so per record the
// evaluator only indexes a vector.

#include "model/diagnostic.hpp"
#include "model/record.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace ardoq::mapping::expr {

struct PathStep {
    std::string name;       // member name, when !is_index
    std::int64_t index = 0; // list index (negative: from the end), when is_index
    bool is_index = false;
};

struct FieldPath {
    std::vector<PathStep> steps; // first step is always a name
    std::string text;            // as written: "owner.email", "tags[0]"
    model::Location where;       // first use in the mapping file
};

class FieldTable {
public:
    // Slot of a path; the same path text gets the same slot.
    std::uint32_t add(FieldPath path);
    const std::vector<FieldPath>& paths() const noexcept { return m_paths; }
    std::size_t size() const noexcept { return m_paths.size(); }

private:
    std::vector<FieldPath> m_paths;
};

// Where a slot's value sits in a record of one Schema: the record field, and the first
// path step still to apply to it (a CSV column may be named "owner.email" itself).
struct ResolvedField {
    static constexpr std::uint32_t k_absent = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t index = k_absent;
    std::uint32_t first_step = 0;
};

// Resolves a FieldTable against the Schemas it meets and remembers which slots were
// found in at least one of them (an unknown field is reported once, after the source).
class FieldResolver {
public:
    explicit FieldResolver(const FieldTable& table);

    // Resolution for this record's Schema (re-resolved when the Schema pointer changes).
    const ResolvedField* resolve(const model::Record& record) {
        if (record.schema.get() != m_schema_raw)
            rebind(record.schema);
        return m_resolved.data();
    }
    bool found(std::uint32_t slot) const noexcept { return m_found[slot]; }
    // The last Schema seen (for "did you mean"); null before the first record.
    const std::shared_ptr<const model::Schema>& last_schema() const noexcept { return m_schema; }
    // Takes in what another resolver of the same table saw on later records (records of one
    // source evaluated on several threads): the fields it found, and its last Schema.
    void merge_later(const FieldResolver& later);

private:
    void rebind(const std::shared_ptr<const model::Schema>& schema);

    const FieldTable* m_table;
    const model::Schema* m_schema_raw = nullptr;
    std::shared_ptr<const model::Schema> m_schema;
    std::vector<ResolvedField> m_resolved;
    std::vector<bool> m_found;
};

} // namespace ardoq::mapping::expr
