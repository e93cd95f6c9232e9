#pragma once
// The compiled form of a mapping expression or template: a tree of nodes built once at
// load time and evaluated per record without parsing. Field names are not looked up by
// name during evaluation: a field node holds a slot in its FieldTable, which the
// evaluator resolves to a record index once per Schema.

#include "model/diagnostic.hpp"
#include "model/value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ardoq::mapping::expr {

enum class NodeKind : std::uint8_t {
    literal,  // a constant (`'Live'`, `42`, the text between {{ }} in a template)
    field,    // a field path (`owner.email`, `tags[0]`)
    concat,   // a template with text around its expressions: the parts' text, joined
    list,     // a list literal (`['a', 'b']`, a YAML list of field values)
    compare,  // `a == b`, `a < b`, ...
    all,      // `a and b and ...`
    any,      // `a or b or ...`
    negate,   // `not a`
    in,       // `a in b`, `a not in b`
    is_empty, // `a is empty`, `a is not empty`
    filter,   // `input | name(args)`: children are the input, then the arguments
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

enum class FilterId : std::uint8_t {
    trim,
    lower,
    upper,
    replace,
    regex_replace,
    split,
    join,
    default_value,
    coalesce,
    number,
    integer,
    boolean,
    date,
    truncate,
    map,
    lookup
};

// The kinds a value may have, as a bit set over model::ValueKind.
class KindSet {
public:
    constexpr KindSet() noexcept = default;
    static constexpr KindSet any() noexcept { return KindSet(0x7f); }
    static constexpr KindSet of(model::ValueKind k) noexcept {
        return KindSet(static_cast<std::uint8_t>(1u << static_cast<unsigned>(k)));
    }
    constexpr bool has(model::ValueKind k) const noexcept { return (m_bits & of(k).m_bits) != 0; }
    constexpr bool empty() const noexcept { return m_bits == 0; }
    constexpr KindSet without(model::ValueKind k) const noexcept {
        return KindSet(static_cast<std::uint8_t>(m_bits & ~of(k).m_bits));
    }
    constexpr KindSet operator|(KindSet o) const noexcept {
        return KindSet(static_cast<std::uint8_t>(m_bits | o.m_bits));
    }
    constexpr KindSet operator&(KindSet o) const noexcept {
        return KindSet(static_cast<std::uint8_t>(m_bits & o.m_bits));
    }
    constexpr bool operator==(const KindSet&) const noexcept = default;
    // "a string", "a number", "a string or null", ... for messages.
    std::string describe() const;

private:
    constexpr explicit KindSet(std::uint8_t bits) noexcept : m_bits(bits) {}
    std::uint8_t m_bits = 0;
};

// A value an expression may give that is known at load time, and where it was written.
struct KnownValue {
    model::Value value;
    model::Location where;
};

// What is known about an expression's result before any record is seen.
struct StaticInfo {
    KindSet kinds = KindSet::any();
    // Every non-null value the expression can give, when that is a finite, known set
    // (a literal, the values of a map(...)); nullopt otherwise.
    std::optional<std::vector<KnownValue>> values;
};

struct FilterData; // compiled arguments of a filter (filters.hpp)

struct Node {
    NodeKind kind = NodeKind::literal;
    CompareOp op = CompareOp::eq; // compare
    bool negated = false;         // in / is_empty: `not in`, `is not empty`
    FilterId filter = FilterId::trim;
    std::uint32_t slot = 0;                 // field: index into the scope's FieldTable
    model::Value value;                     // literal
    std::vector<Node> children;             // operands; filter: the input, then the arguments
    std::shared_ptr<const FilterData> data; // filter: what was compiled from its arguments
    StaticInfo info;
    model::Location where; // where the node starts in the mapping file
    std::string text;      // the node as written, for messages ("number", "owner.email")
};

} // namespace ardoq::mapping::expr
