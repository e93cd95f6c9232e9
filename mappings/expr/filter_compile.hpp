#pragma once
// What the parser does with a filter call once its arguments are parsed: the arity
// message, the load-time checks and preparation of literal arguments (a regular
// expression, a date format, truncate's length), and what is known of the result.

#include "mappings/expr/ast.hpp"
#include "mappings/expr/filters.hpp"

#include <string>
#include <vector>

namespace ardoq::mapping::expr {

// `filter "replace" takes 2 arguments (old, new), got 1`.
std::string arity_message(const FilterSpec& spec, std::size_t given);

// Checks and compiles the arguments of filter node `n` (children: input, then arguments)
// into `data`; false after adding each problem to `diags`.
bool compile_filter_arguments(Node& n, FilterData& data, std::vector<model::Diagnostic>& diags);

// The kinds (and, for map/default/coalesce over literals, the values) a filter can give.
StaticInfo filter_result_info(const Node& n);

} // namespace ardoq::mapping::expr
