#pragma once
// Workspaces and workspace folders, call by call as ardoqpy's ArdoqClient offers them:
// v2 where Ardoq has the call (list, get), v1 (/api/…) otherwise (summary statistics,
// create from a template, delete, folders, move to a folder). Answers are returned as
// Ardoq sent them. Every function throws ApiError when Ardoq refuses the call and
// RunError when an answer has the wrong shape.

#include "connectors/ardoq/api_client.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ardoq::connectors::api {

// Every workspace the token can see (v2 GET /workspaces, all pages).
boost::json::array list_workspaces(ApiClient& client);
// Every workspace with its statistics, componentCount and referenceCount among them
// (v1 GET /api/workspace/summary; undocumented by Ardoq, used by ardoqpy).
boost::json::array list_workspace_summaries(ApiClient& client);
// One workspace by id (v2 GET /workspaces/{id}).
boost::json::object get_workspace(ApiClient& client, std::string_view workspace_id);
// One workspace in its v1 shape, which also names its componentModel, folder and the ids of
// its components and references (v1 GET /api/workspace/{id}).
boost::json::object get_workspace_v1(ApiClient& client, std::string_view workspace_id);
// The id of the workspace named by OID or by exact name. Throws InputError when there is
// none or several (the hint lists the candidates).
std::string resolve_workspace_id(ApiClient& client, std::string_view name_or_id);
// The workspace with every component and reference in it: the v2 workspace plus
// "components" and "references" arrays (all pages of each list). v2 has no aggregated call,
// so this is what v1's GET /api/workspace/{id}/aggregated gives, read over v2.
boost::json::object get_aggregated_workspace(ApiClient& client, std::string_view workspace_id);

struct NewWorkspace {
    std::string name;
    std::string description; // "" sends none
    std::string template_id; // model to copy (componentTemplate); "" sends none
    std::string folder_id;   // "" for none
};
// Creates a workspace (v1 POST /api/workspace); returns it as Ardoq answered.
boost::json::object create_workspace(ApiClient& client, const NewWorkspace& workspace);
// Deletes a workspace with everything in it (v1 DELETE /api/workspace/{id}).
void delete_workspace(ApiClient& client, std::string_view workspace_id);
// Puts workspaces into a folder (v1 PUT /api/workspacefolder/{id}/add); returns the folder.
boost::json::object move_workspaces(ApiClient& client, std::string_view folder_id,
                                    const std::vector<std::string>& workspace_ids);

// Creates a workspace folder (v1 POST /api/workspacefolder); an empty description is not sent.
boost::json::object create_folder(ApiClient& client, std::string_view name,
                                  std::string_view description);
// Every workspace folder (v1 GET /api/workspacefolder).
boost::json::array list_folders(ApiClient& client);
// One folder (v1 GET /api/workspacefolder/{id}).
boost::json::object get_folder(ApiClient& client, std::string_view folder_id);
// The id of the folder named by id or exact name; InputError when none or several match.
std::string resolve_folder_id(ApiClient& client, std::string_view name_or_id);

} // namespace ardoq::connectors::api
