#pragma once
// Conversions between Ardoq v2 JSON (openapi.json schemas Workspace, WorkspaceContext,
// Component, Reference) and the snapshot model. The snapshot file format reuses these
// shapes, so a snapshot export reads like the API's own answers.

#include "model/expected.hpp"
#include "model/snapshot.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace ardoq::connectors {

// A JSON value as a model value: null, bool, int64 (doubles stay doubles), string,
// arrays as lists, objects as ordered objects.
model::Value value_from_json(const boost::json::value& v);
boost::json::value value_to_json(const model::Value& v);
boost::json::value value_to_json(const model::ValueView& v);

// Errors are "what is wrong" texts such as `"_id" is missing`; the caller adds where.
model::Expected<model::WorkspaceInfo, std::string> workspace_from_json(const boost::json::value& v);
boost::json::object workspace_to_json(const model::WorkspaceInfo& w);

model::Expected<model::WorkspaceContext, std::string>
context_from_json(const boost::json::value& v);
boost::json::object context_to_json(const model::WorkspaceContext& c);

// Parses one v2 component / reference and appends it to the snapshot (field keys are
// interned there). Returns the new entity's position.
model::Expected<model::EntityIndex, std::string>
add_component_from_json(model::Snapshot& s, const boost::json::value& v);
model::Expected<model::EntityIndex, std::string>
add_reference_from_json(model::Snapshot& s, const boost::json::value& v);

// v2 shapes of snapshot entities. `rootWorkspace` comes from the snapshot's workspace;
// the component's `type` (type name) from its context.
boost::json::object component_to_json(const model::Snapshot& s, const model::SnapshotComponent& c);
boost::json::object reference_to_json(const model::Snapshot& s, const model::SnapshotReference& r);

} // namespace ardoq::connectors
