#pragma once
// Phase b of validation: a loaded mapping checked against the metamodel of the target
// workspace (GET /workspaces/{id}/context), before any source is read.

#include "mappings/mapping.hpp"
#include "model/diagnostic.hpp"
#include "model/metamodel.hpp"

namespace ardoq::mapping {

// Every problem, each at its line:column in the mapping file with a "did you mean":
// component and reference type names that the workspace does not have; field apiKeys
// that a type does not carry, or that are read-only / calculated; the identity field
// missing on a type; values whose kind the field's type cannot take where that is known
// before reading data (a literal, a template with text around it, `| number`, the values
// of a map(...)), and List / SelectMultipleList values that are not options.
model::Diagnostics validate_against(const Mapping& mapping, const model::WorkspaceContext& context);

} // namespace ardoq::mapping
