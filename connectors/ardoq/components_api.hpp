#pragma once
// Components, call by call as ardoqpy's ArdoqClient offers them, over API v2 (GET/POST
// /components, GET/PATCH/DELETE /components/{id}). Answers are returned as Ardoq sent them
// (v2 shape, custom fields under "customFields"). Every function throws ApiError when Ardoq
// refuses the call and RunError when an answer has the wrong shape.

#include "connectors/ardoq/api_common.hpp"
#include "connectors/ardoq/name_match.hpp"
#include "model/value.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::connectors::api {

// One component (v2 GET /components/{id}).
boost::json::object get_component(ApiClient& client, std::string_view component_id);
// Every component of a workspace (v2 GET /components?rootWorkspace=, all pages).
boost::json::array list_components(ApiClient& client, std::string_view workspace_id);

// Whether a wanted custom-field value (as given) equals a stored one (as Ardoq holds it).
using FieldEquals = std::function<bool(const model::Value& wanted, const model::Value& stored)>;

// What find_components looks for; every criterion given must hold.
struct ComponentQuery {
    std::optional<std::string> name; // matched by name_match and case_match
    NameMatch name_match = NameMatch::substring;
    CaseMatch case_match = CaseMatch::insensitive;
    std::string type_id; // "" for any type
    std::string field;   // custom field apiKey (or a member such as "componentKey"), "" for none
    model::Value field_value;
    // Defaults to plain equality of the values (ardoqpy compares with ==); pass a
    // type-aware comparison to match "12" with 12.
    FieldEquals field_equals;
};
// The components of a workspace that match `query`, in Ardoq's order. Every page is read
// and filtered here, so that substring and case-insensitive matches work like ardoqpy's;
// the type and an exact, case-sensitive name also narrow the request itself.
boost::json::array find_components(ApiClient& client, std::string_view workspace_id,
                                   const ComponentQuery& query);

// Creates a component from a v2 body (name, rootWorkspace, typeId, parent?, description?,
// customFields?) (v2 POST /components); returns it.
boost::json::object create_component(ApiClient& client, const boost::json::object& body);
// Changes the members given in `patch` and nothing else (v2 PATCH /components/{id}).
boost::json::object update_component(ApiClient& client, std::string_view component_id,
                                     const boost::json::object& patch, IfVersion if_version);
// Deletes a component and its references (v2 DELETE /components/{id}).
void delete_component(ApiClient& client, std::string_view component_id);

// The references that leave and that reach a component (v2 GET /references?source= and
// ?target=), the equivalent of ardoqpy's get_component(incl_refs=True).
struct ComponentReferences {
    boost::json::array outgoing;
    boost::json::array incoming;
};
ComponentReferences get_component_references(ApiClient& client, std::string_view component_id);

} // namespace ardoq::connectors::api
