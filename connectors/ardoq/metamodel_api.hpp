#pragma once
// The metamodel, call by call as ardoqpy's ArdoqClient offers it: models and templates and
// custom fields over v1 (/api/model, /api/field; v2 has neither), a workspace's context over
// v2 (GET /workspaces/{id}/context), and lookups of component and reference types by name.
// Calls throw ApiError when Ardoq refuses them and RunError when an answer has the wrong
// shape.

#include "connectors/ardoq/api_client.hpp"
#include "model/metamodel.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::connectors::api {

// Every model and template of the organisation (v1 GET /api/model).
boost::json::array list_models(ApiClient& client);
// One model: {_id, name, root: {<typeId>: {id, name, index, level, children}}, referenceTypes}
// (v1 GET /api/model/{id}).
boost::json::object get_model(ApiClient& client, std::string_view model_id);
// The model of a workspace (its componentModel, read with v1 GET /api/workspace/{id}).
boost::json::object get_workspace_model(ApiClient& client, std::string_view workspace_id);
// The id of the model named by id or exact name; templates win over other models of the
// same name. InputError when none or several match.
std::string resolve_model_id(ApiClient& client, std::string_view name_or_id);

// A workspace's metamodel (v2 GET /workspaces/{id}/context), parsed.
model::WorkspaceContext get_context(ApiClient& client, std::string_view workspace_id);

// The first component type named exactly `name`, searching the hierarchy depth-first from
// its roots in the order the context lists them (as ardoqpy's find_component_type does);
// nullptr when there is none.
const model::ComponentTypeDef* find_component_type(const model::WorkspaceContext& context,
                                                   std::string_view name);
// The names from the root of the hierarchy down to `type` ("Domain", "Application").
std::vector<std::string> component_type_path(const model::WorkspaceContext& context,
                                             const model::ComponentTypeDef& type);
// The reference type named exactly `name`; nullptr when there is none.
const model::ReferenceTypeDef* find_reference_type(const model::WorkspaceContext& context,
                                                   std::string_view name);

// Every custom field (v1 GET /api/field); only those of `model_id` unless it is "".
boost::json::array list_fields(ApiClient& client, std::string_view model_id = {});

struct NewField {
    std::string name;  // the apiKey ("annual_cost")
    std::string label; // shown in Ardoq ("Annual cost"); "" uses the name
    std::string type;  // Ardoq's field type: Text, Number, Checkbox, DateTime, List, ...
    std::string model_id;
    std::vector<std::string> component_types; // type ids the field applies to
    std::vector<std::int64_t> reference_types;
    std::string description;
    std::vector<std::string> options; // List and SelectMultipleList
    boost::json::value default_value; // null for none
};
// Creates a custom field in a model (v1 POST /api/field); returns it.
boost::json::object create_field(ApiClient& client, const NewField& field);

} // namespace ardoq::connectors::api
