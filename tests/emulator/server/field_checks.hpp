#pragma once
// Custom-field values checked against the workspace's metamodel: the field must exist in the
// model, apply to the entity's type, be writable, and hold a value of the field's type
// (Checkbox → boolean, Number → number, SelectMultipleList → array of strings, DateTime →
// ISO-8601 string, every other type → string; List/SelectMultipleList values among the
// options when the field has options). --custom-fields lenient skips every check.

#include "options.hpp"
#include "store.hpp"

#include <string>

namespace ardoq::emulator {

// Throws ApiException 422 naming `label` and `<prefix><apiKey>` on the first bad field.
void check_component_fields(const Store& store, const Options& options, const Workspace& workspace,
                            const std::string& type_id, const json::object& fields,
                            const std::string& label, const std::string& prefix);
void check_reference_fields(const Store& store, const Options& options, const Workspace& workspace,
                            std::int64_t type, const json::object& fields, const std::string& label,
                            const std::string& prefix);

// Applies `changes` to `fields`: a null value removes the field, any other value sets it.
void merge_fields(json::object& fields, const json::object& changes);

} // namespace ardoq::emulator
