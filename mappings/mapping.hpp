#pragma once
// A loaded, compiled mapping file: where the records come from (sources), how they become
// components and references (rules with compiled expressions), and how the sync behaves
// (identity, deletes, scope, limits). Loading: load.hpp; checking against a workspace's
// metamodel: validate.hpp; turning records into the desired state: evaluate.hpp.

#include "mappings/expr/ast.hpp"
#include "mappings/expr/compile.hpp"
#include "mappings/expr/field_table.hpp"
#include "model/diagnostic.hpp"
#include "model/source_spec.hpp"
#include "model/sync_policy.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping {

// A compiled template or expression. Immutable and shared between copies of a Mapping.
using ExprPtr = std::shared_ptr<const expr::Node>;

// `apiKey: expression` under `fields:`.
struct FieldRule {
    std::string api_key;
    model::Location where; // the key in the mapping file
    ExprPtr value;
};

// `{ type, key }`: a component's parent, or a reference's source or target.
struct EndpointRule {
    std::string type; // component type name
    model::Location type_where;
    ExprPtr key;
};

struct ComponentRule {
    std::size_t index = 0; // position among the component rules (DesiredComponent::rule)
    model::Location where; // the rule in the mapping file
    std::size_t from = 0;  // index into Mapping::sources
    std::string type;      // component type name
    model::Location type_where;
    ExprPtr key; // null when identity is by name (the name is the key)
    ExprPtr name;
    ExprPtr description; // null: not mapped
    std::optional<EndpointRule> parent;
    std::vector<FieldRule> fields;
    ExprPtr when;                                  // null: every record
    std::shared_ptr<const expr::FieldTable> paths; // the field paths the rule reads
};

struct ReferenceRule {
    std::size_t index = 0; // position among the reference rules (DesiredReference::rule)
    model::Location where;
    std::size_t from = 0;
    std::string type; // reference type name
    model::Location type_where;
    EndpointRule source;
    EndpointRule target;
    ExprPtr display_text; // null: not mapped
    ExprPtr description;  // null: not mapped
    std::vector<FieldRule> fields;
    ExprPtr when;
    std::shared_ptr<const expr::FieldTable> paths;
};

struct Mapping {
    std::filesystem::path file; // the mapping file as given
    int version = 1;
    std::string workspace; // name or OID, ${VAR} expanded
    model::Location workspace_where;
    std::string target; // `target:` as written (${VAR} expanded), "" when absent
    std::vector<model::SourceSpec> sources; // paths resolved, ${VAR} expanded
    std::vector<ComponentRule> components;
    std::vector<ReferenceRule> references;
    std::vector<expr::LookupSpec> lookups; // every lookup(...) the rules use
    model::SyncPolicy policy;
    std::vector<model::Diagnostic> warnings; // e.g. a source that nothing reads

    // Index of a source by name.
    std::optional<std::size_t> source_index(std::string_view name) const noexcept;
    // Component and reference type names the rules produce, first-use order.
    std::vector<std::string> component_types() const;
    std::vector<std::string> reference_types() const;
};

} // namespace ardoq::mapping
