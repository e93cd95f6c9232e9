#pragma once
// The API v1 JSON shapes (API.md §6, as ardoqpy reads them): custom fields flat on the entity,
// metadata as created / created-by / last-updated / last-modified-by, and _version.

#include "store.hpp"

namespace ardoq::emulator {

// The members of a v1 component or reference that are not custom fields.
bool is_v1_component_member(std::string_view key);
bool is_v1_reference_member(std::string_view key);

json::object component_v1(const Store& store, const Component& c);
json::object reference_v1(const Reference& r);
// `with_entities`: components/references/tags as full objects (aggregated), else as ids.
json::object workspace_v1(const Store& store, const Workspace& w, bool with_entities);
json::object workspace_summary_v1(const Store& store, const Workspace& w);
json::object model_v1(const Model& m);
json::object field_v1(const Field& f);
json::object tag_v1(const Tag& t);
json::object folder_v1(const Folder& f);
json::object user_v1(const Store& store);

} // namespace ardoq::emulator
