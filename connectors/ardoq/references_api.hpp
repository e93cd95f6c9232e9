#pragma once
// References, call by call as ardoqpy's ArdoqClient offers them, over API v2 (GET/POST
// /references, GET/PATCH/DELETE /references/{id}). Answers are returned as Ardoq sent them.
// Every function throws ApiError when Ardoq refuses the call and RunError when an answer has
// the wrong shape.

#include "connectors/ardoq/api_common.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string_view>

namespace ardoq::connectors::api {

// Every reference of a workspace (v2 GET /references?rootWorkspace=, all pages).
boost::json::array list_references(ApiClient& client, std::string_view workspace_id);
// One reference (v2 GET /references/{id}).
boost::json::object get_reference(ApiClient& client, std::string_view reference_id);
// Creates a reference from a v2 body (source, target, type, displayText?, description?,
// customFields?) (v2 POST /references); returns it.
boost::json::object create_reference(ApiClient& client, const boost::json::object& body);
// Changes the members given in `patch` (v2 PATCH /references/{id}); v2 cannot change the
// type of a reference (delete it and create another).
boost::json::object update_reference(ApiClient& client, std::string_view reference_id,
                                     const boost::json::object& patch, IfVersion if_version);
// Deletes a reference (v2 DELETE /references/{id}).
void delete_reference(ApiClient& client, std::string_view reference_id);

} // namespace ardoq::connectors::api
