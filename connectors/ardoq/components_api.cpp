#include "connectors/ardoq/components_api.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

namespace ardoq::connectors::api {

namespace json = boost::json;

namespace {

bool matches(const json::object& c, const ComponentQuery& query) {
    if (query.name) {
        const auto* name = c.if_contains("name");
        if (name == nullptr || !name->is_string() ||
            !name_matches(name->get_string(), *query.name, query.name_match, query.case_match))
            return false;
    }
    if (!query.type_id.empty() && string_member(c, "typeId") != query.type_id)
        return false;
    if (!query.field.empty()) {
        // A custom field first; else a member of the component itself ("componentKey"), as
        // ardoqpy's v1 components carry both flat on the object.
        const auto* fields = c.if_contains("customFields");
        const json::value* stored = fields != nullptr && fields->is_object()
                                        ? fields->get_object().if_contains(query.field)
                                        : nullptr;
        if (stored == nullptr)
            stored = c.if_contains(query.field);
        const model::Value value = stored == nullptr ? model::Value() : value_from_json(*stored);
        const bool equal = query.field_equals ? query.field_equals(query.field_value, value)
                                              : query.field_value == value;
        if (!equal)
            return false;
    }
    return true;
}

} // namespace

json::object get_component(ApiClient& client, std::string_view component_id) {
    return v2_get(client, "components", component_id, "get component");
}

json::array list_components(ApiClient& client, std::string_view workspace_id) {
    return all_pages(client, client.v2("/components?rootWorkspace=" + segment(workspace_id)),
                     "list components");
}

json::array find_components(ApiClient& client, std::string_view workspace_id,
                            const ComponentQuery& query) {
    std::string path = "/components?rootWorkspace=" + segment(workspace_id);
    if (!query.type_id.empty())
        path += "&typeId=" + url_encode(query.type_id);
    if (query.name && query.name_match == NameMatch::exact &&
        query.case_match == CaseMatch::sensitive)
        path += "&name=" + url_encode(*query.name);
    json::array out;
    client.for_each_page(client.v2(path), "find components", [&](const json::array& values) {
        for (const auto& v : values)
            if (const auto* c = v.if_object(); c != nullptr && matches(*c, query))
                out.push_back(v);
    });
    return out;
}

json::object create_component(ApiClient& client, const json::object& body) {
    return v2_create(client, "components", body, "create component");
}

json::object update_component(ApiClient& client, std::string_view component_id,
                              const json::object& patch, IfVersion if_version) {
    return v2_update(client, "components", component_id, patch, if_version, "update component");
}

void delete_component(ApiClient& client, std::string_view component_id) {
    v2_delete(client, "components", component_id, "delete component");
}

ComponentReferences get_component_references(ApiClient& client, std::string_view component_id) {
    constexpr std::string_view step = "get component references";
    const std::string id = segment(component_id);
    ComponentReferences out;
    out.outgoing = all_pages(client, client.v2("/references?source=" + id), step);
    out.incoming = all_pages(client, client.v2("/references?target=" + id), step);
    return out;
}

} // namespace ardoq::connectors::api
