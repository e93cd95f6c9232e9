#pragma once
// The API v2 JSON shapes of stored entities (openapi.json: Component, Reference, Workspace,
// WorkspaceContext, UserInfo), with keys in a fixed order so that output is byte-stable.

#include "store.hpp"

namespace ardoq::emulator {

json::object component_v2(const Store& store, const Component& c);
json::object reference_v2(const Reference& r);
json::object workspace_v2(const Workspace& w);
json::object context_v2(const Store& store, const Workspace& w);
json::object me_v2(const Store& store);

// The name of a component's type, or "" when the type is unknown.
std::string type_name(const Store& store, const Component& c);

} // namespace ardoq::emulator
