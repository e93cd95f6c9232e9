#pragma once
// Conversions between Ardoq v2 JSON (openapi.json schemas Workspace, WorkspaceContext,
// Component, Reference) and the snapshot model. The snapshot file format reuses these
// shapes, so a snapshot export reads like the API's own answers.

#include "model/expected.hpp"
#include "model/snapshot.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ardoq::connectors {

// A JSON value read as a model value without making one (the kinds value_from_json()
// gives: an unsigned integer beyond int64 is a double). model::pack_value_like() packs it
// to the bytes pack_value(value_from_json(v)) gives: a loader packs parsed JSON so.
struct JsonValueView {
    const boost::json::value& v;

    model::ValueKind kind() const noexcept;
    bool as_bool() const noexcept { return v.get_bool(); }
    std::int64_t as_int() const noexcept {
        return v.is_int64() ? v.get_int64() : static_cast<std::int64_t>(v.get_uint64());
    }
    double as_double() const noexcept {
        return v.is_double() ? v.get_double() : static_cast<double>(v.get_uint64());
    }
    std::string_view as_string() const noexcept { return v.get_string(); }
};
std::size_t item_count(const JsonValueView& j) noexcept;
template <typename F> void each_item(const JsonValueView& j, F&& f) {
    for (const auto& item : j.v.get_array())
        f(JsonValueView{item});
}
template <typename F> void each_member(const JsonValueView& j, F&& f) {
    for (const auto& member : j.v.get_object())
        f(std::string_view(member.key()), JsonValueView{member.value()});
}

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
