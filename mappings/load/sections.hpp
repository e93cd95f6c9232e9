#pragma once
// The readers of the mapping file's sections, called by the loader in dependency order:
// sources first (rules and lookups name them), then identity, rules, and sync (whose
// scope names the types the rules produce).

#include "mappings/load/load_context.hpp"

namespace ardoq::mapping::load {

void read_sources(LoadContext& ctx, const Entry& sources);
void read_identity(LoadContext& ctx, const Entry& identity);
void read_component_rules(LoadContext& ctx, const Entry& components);
void read_reference_rules(LoadContext& ctx, const Entry& references);
void read_sync(LoadContext& ctx, const Entry& sync);

// How a scalar of a rule is compiled.
enum class ExprForm : std::uint8_t {
    text_template, // key, name, description, display_text: "app-{{ id }}"
    field_value,   // under fields: a template, or a YAML number/bool/null/list literal
    condition,     // when: a bare expression
};

// Compiles the value of `e` into `fields`' scope; null after reporting a problem.
ExprPtr compile_entry(LoadContext& ctx, const Entry& e, expr::FieldTable& fields, ExprForm form);

} // namespace ardoq::mapping::load
