#include "connectors/ardoq/metamodel_api.hpp"

#include "connectors/ardoq/api_common.hpp"
#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

#include <functional>

namespace ardoq::connectors::api {

namespace json = boost::json;

json::array list_models(ApiClient& client) {
    return fetch_array(client, client.v1("/model"), "list models");
}

json::object get_model(ApiClient& client, std::string_view model_id) {
    return fetch_object(client, client.v1("/model/" + segment(model_id)), "get model");
}

json::object get_workspace_model(ApiClient& client, std::string_view workspace_id) {
    constexpr std::string_view step = "get workspace model";
    const auto path = client.v1("/workspace/" + segment(workspace_id));
    const json::object workspace =
        expect_object(client.get(path, step), step, HttpMethod::get, path);
    const std::string model_id = string_member(workspace, "componentModel");
    if (model_id.empty())
        throw model::RunError(std::string(step) + ": GET " + path +
                              ": the workspace names no componentModel"
                              "\n  hint: the target does not answer like the Ardoq API; check "
                              "--target");
    return get_model(client, model_id);
}

std::string resolve_model_id(ApiClient& client, std::string_view name_or_id) {
    json::array models = list_models(client);
    json::array templates;
    for (const auto& m : models) {
        const auto* o = m.if_object();
        if (o == nullptr)
            continue;
        if (string_member(*o, "_id") == name_or_id)
            return std::string(name_or_id);
        const auto* flag = o->if_contains("useAsTemplate");
        if (flag != nullptr && flag->is_bool() && flag->get_bool() &&
            string_member(*o, "name") == name_or_id)
            templates.push_back(m);
    }
    if (templates.size() == 1)
        return string_member(templates.front().get_object(), "_id");
    return pick_id(templates.empty() ? models : templates, name_or_id, "model",
                   client.base().to_string());
}

model::WorkspaceContext get_context(ApiClient& client, std::string_view workspace_id) {
    constexpr std::string_view step = "get workspace context";
    const auto path = client.v2("/workspaces/" + segment(workspace_id) + "/context");
    auto context = context_from_json(client.get(path, step));
    if (!context)
        throw model::RunError(std::string(step) + ": GET " + path + ": " + context.error() +
                              "\n  hint: the target does not answer like the Ardoq API; check "
                              "--target");
    if (context->workspace_id.empty())
        context->workspace_id = std::string(workspace_id);
    return std::move(*context);
}

const model::ComponentTypeDef* find_component_type(const model::WorkspaceContext& context,
                                                   std::string_view name) {
    const auto& types = context.component_types;
    auto is_root = [&](const model::ComponentTypeDef& t) {
        return t.parent_type_id.empty() ||
               context.component_type_by_id(t.parent_type_id) == nullptr;
    };
    // Depth-first, children in listed order; `seen` stops a cycle in a malformed context.
    std::vector<bool> seen(types.size(), false);
    std::function<const model::ComponentTypeDef*(std::string_view)> search_children;
    auto visit = [&](std::size_t i) -> const model::ComponentTypeDef* {
        if (seen[i])
            return nullptr;
        seen[i] = true;
        if (types[i].name == name)
            return &types[i];
        return search_children(types[i].type_id);
    };
    search_children = [&](std::string_view parent) -> const model::ComponentTypeDef* {
        for (std::size_t i = 0; i < types.size(); ++i)
            if (types[i].parent_type_id == parent)
                if (const auto* found = visit(i))
                    return found;
        return nullptr;
    };
    for (std::size_t i = 0; i < types.size(); ++i)
        if (is_root(types[i]))
            if (const auto* found = visit(i))
                return found;
    return nullptr;
}

std::vector<std::string> component_type_path(const model::WorkspaceContext& context,
                                             const model::ComponentTypeDef& type) {
    std::vector<std::string> path;
    const model::ComponentTypeDef* at = &type;
    while (at != nullptr && path.size() <= context.component_types.size()) {
        path.insert(path.begin(), at->name);
        at =
            at->parent_type_id.empty() ? nullptr : context.component_type_by_id(at->parent_type_id);
    }
    return path;
}

const model::ReferenceTypeDef* find_reference_type(const model::WorkspaceContext& context,
                                                   std::string_view name) {
    return context.reference_type_by_name(name);
}

json::array list_fields(ApiClient& client, std::string_view model_id) {
    constexpr std::string_view step = "list fields";
    const auto path = client.v1("/field");
    json::array all = expect_array(client.get(path, step), step, HttpMethod::get, path);
    if (model_id.empty())
        return all;
    json::array out;
    for (auto& f : all)
        if (const auto* o = f.if_object(); o != nullptr && string_member(*o, "model") == model_id)
            out.push_back(std::move(f));
    return out;
}

json::object create_field(ApiClient& client, const NewField& field) {
    constexpr std::string_view step = "create field";
    json::object body;
    body["name"] = field.name;
    body["label"] = field.label.empty() ? field.name : field.label;
    body["type"] = field.type;
    body["model"] = field.model_id;
    json::array component_types;
    for (const auto& t : field.component_types)
        component_types.emplace_back(t);
    body["componentType"] = std::move(component_types);
    json::array reference_types;
    for (auto t : field.reference_types)
        reference_types.emplace_back(t);
    body["referenceType"] = std::move(reference_types);
    body["description"] = field.description;
    if (!field.options.empty()) {
        json::array options;
        for (const auto& o : field.options)
            options.emplace_back(o);
        body["options"] = std::move(options);
    }
    if (!field.default_value.is_null())
        body["defaultValue"] = field.default_value;
    const auto path = client.v1("/field");
    return expect_object(client.post(path, body, step), step, HttpMethod::post, path);
}

} // namespace ardoq::connectors::api
