#pragma once
// Tags, call by call as ardoqpy's ArdoqClient offers them, over v1 (/api/tag; v2 has no tag
// calls). Calls throw ApiError when Ardoq refuses them and RunError when an answer has the
// wrong shape.

#include "connectors/ardoq/api_client.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ardoq::connectors::api {

// Every tag of a workspace (v1 GET /api/tag/workspace/{id}).
boost::json::array list_tags(ApiClient& client, std::string_view workspace_id);
// One tag (v1 GET /api/tag/{id}).
boost::json::object get_tag(ApiClient& client, std::string_view tag_id);

struct NewTag {
    std::string name;
    std::string description;
    std::string workspace_id;               // rootWorkspace
    std::vector<std::string> component_ids; // tagged components
    std::vector<std::string> reference_ids; // tagged references
};
// Creates a tag (v1 POST /api/tag); returns it.
boost::json::object create_tag(ApiClient& client, const NewTag& tag);

} // namespace ardoq::connectors::api
