#include "connectors/ardoq/references_api.hpp"

#include <boost/json.hpp>

namespace ardoq::connectors::api {

namespace json = boost::json;

json::array list_references(ApiClient& client, std::string_view workspace_id) {
    return all_pages(client, client.v2("/references?rootWorkspace=" + segment(workspace_id)),
                     "list references");
}

json::object get_reference(ApiClient& client, std::string_view reference_id) {
    return v2_get(client, "references", reference_id, "get reference");
}

json::object create_reference(ApiClient& client, const json::object& body) {
    return v2_create(client, "references", body, "create reference");
}

json::object update_reference(ApiClient& client, std::string_view reference_id,
                              const json::object& patch, IfVersion if_version) {
    return v2_update(client, "references", reference_id, patch, if_version, "update reference");
}

void delete_reference(ApiClient& client, std::string_view reference_id) {
    v2_delete(client, "references", reference_id, "delete reference");
}

} // namespace ardoq::connectors::api
