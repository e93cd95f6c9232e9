#pragma once
// Evaluating a compiled expression on one record. No parsing and no lookup by name
// happens here: field nodes read the record through slots resolved per Schema.

#include "mappings/expr/ast.hpp"
#include "mappings/expr/field_table.hpp"
#include "mappings/expr/filters.hpp"
#include "model/record.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace ardoq::mapping::expr {

// The index one lookup() reads: key text -> value, built once before evaluation.
struct LookupTable {
    std::unordered_map<std::string, model::Value, TextHash, std::equal_to<>> values;
};

struct EvalContext {
    const model::Record* record = nullptr;
    const ResolvedField* resolved = nullptr; // FieldResolver::resolve(*record)
    const FieldTable* fields = nullptr;      // the table the slots belong to
    const std::vector<LookupTable>* lookups = nullptr;
};

// Why an expression failed on a record (thrown; the rule turns it into a diagnostic that
// names the rule and the record): the node that failed, what happened and how to fix it.
struct EvalFailure {
    const Node* node = nullptr;
    std::string message;
    std::string hint;
};

// The value of `node`: a reference into the record, the tree (literals), a lookup table,
// or `scratch`. Throws EvalFailure.
const model::Value& eval(const Node& node, const EvalContext& ctx, model::Value& scratch);

// Appends the value's text (templates, keys, names) to `out`. Throws EvalFailure.
void append_text(const Node& node, const EvalContext& ctx, std::string& out);

// The value as a condition (`when:`, and/or/not): true/false, null is false, the strings
// "true"/"false" are read as such; anything else throws EvalFailure.
bool eval_condition(const Node& node, const EvalContext& ctx);

// A filter applied to its input (eval_filters.cpp).
const model::Value& apply_filter(const Node& node, const EvalContext& ctx, model::Value& scratch);

// For the text filters (trim, lower, upper): appends the result straight to `out`, with no
// temporary value, and returns true; false for the other filters.
bool append_filter_text(const Node& node, const EvalContext& ctx, std::string& out);

} // namespace ardoq::mapping::expr
