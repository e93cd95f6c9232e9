#include "connectors/ardoq/workspaces_api.hpp"

#include "connectors/ardoq/api_common.hpp"
#include "connectors/ardoq/snapshot_fetcher.hpp"

#include <boost/json.hpp>

namespace ardoq::connectors::api {

namespace json = boost::json;

json::array list_workspaces(ApiClient& client) {
    return all_pages(client, client.v2("/workspaces"), "list workspaces");
}

json::array list_workspace_summaries(ApiClient& client) {
    return fetch_array(client, client.v1("/workspace/summary"), "list workspaces with statistics");
}

json::object get_workspace(ApiClient& client, std::string_view workspace_id) {
    return fetch_object(client, client.v2("/workspaces/" + segment(workspace_id)), "get workspace");
}

json::object get_workspace_v1(ApiClient& client, std::string_view workspace_id) {
    return fetch_object(client, client.v1("/workspace/" + segment(workspace_id)), "get workspace");
}

std::string resolve_workspace_id(ApiClient& client, std::string_view name_or_id) {
    return connectors::resolve_workspace(client, name_or_id).id;
}

json::object get_aggregated_workspace(ApiClient& client, std::string_view workspace_id) {
    constexpr std::string_view step = "get aggregated workspace";
    json::object out = get_workspace(client, workspace_id);
    const std::string id = segment(workspace_id);
    out["components"] = all_pages(client, client.v2("/components?rootWorkspace=" + id), step);
    out["references"] = all_pages(client, client.v2("/references?rootWorkspace=" + id), step);
    return out;
}

json::object create_workspace(ApiClient& client, const NewWorkspace& workspace) {
    constexpr std::string_view step = "create workspace";
    json::object body;
    body["name"] = workspace.name;
    if (!workspace.description.empty())
        body["description"] = workspace.description;
    if (!workspace.template_id.empty())
        body["componentTemplate"] = workspace.template_id;
    if (!workspace.folder_id.empty())
        body["folder"] = workspace.folder_id;
    const auto path = client.v1("/workspace");
    return expect_object(client.post(path, body, step), step, HttpMethod::post, path);
}

void delete_workspace(ApiClient& client, std::string_view workspace_id) {
    client.del(client.v1("/workspace/" + segment(workspace_id)), "delete workspace");
}

json::object move_workspaces(ApiClient& client, std::string_view folder_id,
                             const std::vector<std::string>& workspace_ids) {
    constexpr std::string_view step = "move workspaces";
    json::array ids;
    for (const auto& id : workspace_ids)
        ids.emplace_back(id);
    const auto path = client.v1("/workspacefolder/" + segment(folder_id) + "/add");
    return expect_object(client.put(path, json::object{{"workspaces", std::move(ids)}}, step), step,
                         HttpMethod::put, path);
}

json::object create_folder(ApiClient& client, std::string_view name, std::string_view description) {
    constexpr std::string_view step = "create folder";
    const auto path = client.v1("/workspacefolder");
    json::object body{{"name", name}};
    if (!description.empty())
        body["description"] = description;
    return expect_object(client.post(path, body, step), step, HttpMethod::post, path);
}

json::array list_folders(ApiClient& client) {
    return fetch_array(client, client.v1("/workspacefolder"), "list folders");
}

json::object get_folder(ApiClient& client, std::string_view folder_id) {
    return fetch_object(client, client.v1("/workspacefolder/" + segment(folder_id)), "get folder");
}

std::string resolve_folder_id(ApiClient& client, std::string_view name_or_id) {
    return pick_id(list_folders(client), name_or_id, "workspace folder", client.base().to_string());
}

} // namespace ardoq::connectors::api
