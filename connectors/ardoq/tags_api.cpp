#include "connectors/ardoq/tags_api.hpp"

#include "connectors/ardoq/api_common.hpp"

#include <boost/json.hpp>

namespace ardoq::connectors::api {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values)
        out.emplace_back(v);
    return out;
}

} // namespace

json::array list_tags(ApiClient& client, std::string_view workspace_id) {
    return fetch_array(client, client.v1("/tag/workspace/" + segment(workspace_id)), "list tags");
}

json::object get_tag(ApiClient& client, std::string_view tag_id) {
    return fetch_object(client, client.v1("/tag/" + segment(tag_id)), "get tag");
}

json::object create_tag(ApiClient& client, const NewTag& tag) {
    constexpr std::string_view step = "create tag";
    json::object body;
    body["name"] = tag.name;
    body["description"] = tag.description;
    body["rootWorkspace"] = tag.workspace_id;
    body["components"] = strings(tag.component_ids);
    body["references"] = strings(tag.reference_ids);
    const auto path = client.v1("/tag");
    return expect_object(client.post(path, body, step), step, HttpMethod::post, path);
}

} // namespace ardoq::connectors::api
