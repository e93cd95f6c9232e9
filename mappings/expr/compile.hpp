#pragma once
// Compiling the scalars of a mapping file into expression trees: templates
// ("app-{{ id }}"), bare expressions (`when:`, scope filters) and literal YAML values.
// Problems are reported into the caller's diagnostics at their own line:column.

#include "mappings/expr/ast.hpp"
#include "mappings/expr/field_table.hpp"
#include "mappings/text/source_text.hpp"
#include "model/source_spec.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping::expr {

// A join declared by `lookup(source, key, value)`: the mapping indexes `source` once by
// `key` (evaluated on its records) and a lookup returns `value` of the matching record.
struct LookupSpec {
    std::size_t source = 0; // index into the mapping's sources
    Node key;
    Node value;
    FieldTable fields;     // the paths `key` and `value` read from the source's records
    model::Location where; // the lookup call in the mapping file
    std::string text;      // "lookup(people, id, email)"
};

struct CompileEnv {
    const SourceText& text;
    std::vector<model::Diagnostic>& diags;
    FieldTable& fields;                                      // where field paths get their slots
    const std::vector<model::SourceSpec>* sources = nullptr; // what lookup() may name
    std::vector<LookupSpec>* lookups = nullptr;              // nullptr: lookup() not allowed here
    std::string_view no_lookup_reason = "lookup() is not available here";
};

// A scalar of the mapping file: its decoded value and the byte offset where it starts.
struct Scalar {
    std::string_view value;
    std::size_t pos = 0;
};

// "text {{ expr }} text": literal when there is no {{ }}, the expression itself when the
// template is exactly one {{ expr }} (so a number stays a number), else a concatenation.
// nullopt when an error was reported.
std::optional<Node> compile_template(CompileEnv& env, const Scalar& scalar);

// A bare expression, as `when:` takes it: "status != 'retired'".
std::optional<Node> compile_expression(CompileEnv& env, const Scalar& scalar);

// A literal node for a YAML value that is not a string (42, true, null).
Node literal_node(model::Value value, model::Location where);

} // namespace ardoq::mapping::expr
