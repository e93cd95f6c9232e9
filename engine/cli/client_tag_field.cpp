// `ardoq-sync tag` (list, get, create) and `ardoq-sync field` (list, create): ardoqpy's tag and
// field calls, over API v1 (v2 has neither).
#include "cli/client_args.hpp"
#include "cli/client_commands.hpp"
#include "cli/client_options.hpp"
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"
#include "connectors/ardoq/json_model.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/tags_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

namespace {

struct TagGetOptions : ClientCliOptions {
    std::string id;
};

struct TagCreateOptions : ClientCliOptions {
    std::string name;
    std::string workspace;
    std::string description;
    std::vector<std::string> components;
    std::vector<std::string> references;
};

struct FieldCreateOptions : ClientCliOptions {
    std::string name;
    std::string workspace;
    std::string type;
    std::string label;
    std::string description;
    std::vector<std::string> component_types;
    std::vector<std::string> reference_types;
    std::vector<std::string> options;
    std::string default_value;
};

// The model id of a workspace, from its v1 shape.
std::string model_of(connectors::ApiClient& client, const std::string& workspace_id) {
    return api::string_member(api::get_workspace_v1(client, workspace_id), "componentModel");
}

std::string field_type_names() {
    std::string out;
    for (auto t : {model::FieldType::text, model::FieldType::text_area, model::FieldType::email,
                   model::FieldType::url, model::FieldType::number, model::FieldType::checkbox,
                   model::FieldType::date_time, model::FieldType::list,
                   model::FieldType::select_multiple_list, model::FieldType::user})
        out += (out.empty() ? "" : ", ") + std::string(model::field_type_name(t));
    return out;
}

void add_tag_commands(CLI::App& group, ChosenAction& chosen) {
    auto list = std::make_shared<WorkspaceOptions>();
    auto* cmd = add_client_command(
        group, chosen, "list", "List the tags of a workspace", *list, [list](ClientSession& s) {
            const auto ws = api::resolve_workspace_id(*s.client, list->workspace);
            const auto all = api::list_tags(*s.client, ws);
            return print_result(s, all, [&] { return tag_table(all); });
        });
    cmd->add_option("-w,--workspace", list->workspace, "workspace id or exact name")->required();

    auto get = std::make_shared<TagGetOptions>();
    cmd = add_client_command(group, chosen, "get", "Print one tag", *get, [get](ClientSession& s) {
        const auto id = require_oid(get->id, "tag get", "tag id");
        json::object t;
        with_not_found_hint([&] { t = api::get_tag(*s.client, id); }, "tag");
        return print_result(s, t, [&] { return render_record(t); });
    });
    cmd->add_option("id", get->id, "tag id")->required();

    auto create = std::make_shared<TagCreateOptions>();
    cmd = add_client_command(
        group, chosen, "create", "Create a tag, optionally on components and references", *create,
        [create](ClientSession& s) {
            api::NewTag tag;
            tag.name = create->name;
            tag.description = create->description;
            tag.workspace_id = api::resolve_workspace_id(*s.client, create->workspace);
            for (const auto& id : create->components)
                tag.component_ids.push_back(require_oid(id, "--component", "component id"));
            for (const auto& id : create->references)
                tag.reference_ids.push_back(require_oid(id, "--reference", "reference id"));
            const auto t = api::create_tag(*s.client, tag);
            return print_result(s, t, [&] { return render_record(t); });
        });
    cmd->add_option("name", create->name, "name of the tag")->required();
    cmd->add_option("-w,--workspace", create->workspace, "workspace id or exact name")->required();
    cmd->add_option("--description", create->description, "description");
    cmd->add_option("--component", create->components, "id of a component to tag (repeatable)");
    cmd->add_option("--reference", create->references, "id of a reference to tag (repeatable)");
}

void add_field_commands(CLI::App& group, ChosenAction& chosen) {
    auto list = std::make_shared<WorkspaceOptions>();
    auto* cmd = add_client_command(
        group, chosen, "list", "List custom fields (with --workspace: those of its model)", *list,
        [list](ClientSession& s) {
            std::string model_id;
            if (!list->workspace.empty())
                model_id =
                    model_of(*s.client, api::resolve_workspace_id(*s.client, list->workspace));
            const auto all = api::list_fields(*s.client, model_id);
            return print_result(s, all, [&] { return field_table(all); });
        });
    cmd->add_option("-w,--workspace", list->workspace, "workspace id or exact name");

    auto create = std::make_shared<FieldCreateOptions>();
    cmd = add_client_command(
        group, chosen, "create", "Create a custom field in a workspace's model", *create,
        [create](ClientSession& s) {
            const auto type = model::parse_field_type(create->type);
            if (type == model::FieldType::other)
                throw model::InputError(
                    model::make_error({"--type"}, "unknown field type \"" + create->type + "\"",
                                      "use one of " + field_type_names()));
            const auto ws = api::resolve_workspace_id(*s.client, create->workspace);
            const auto context = api::get_context(*s.client, ws);
            api::NewField field;
            field.name = create->name;
            field.label = create->label;
            field.type = std::string(model::field_type_name(type));
            field.model_id = model_of(*s.client, ws);
            for (const auto& t : create->component_types)
                field.component_types.push_back(
                    require_component_type(context, t, "--component-type").type_id);
            for (const auto& t : create->reference_types)
                field.reference_types.push_back(
                    require_reference_type(context, t, "--reference-type").type);
            field.description = create->description;
            field.options = create->options;
            if (!create->default_value.empty()) {
                model::FieldDef def;
                def.api_key = create->name;
                def.type = type;
                def.options = create->options;
                field.default_value =
                    connectors::value_to_json(field_value(def, create->default_value, "--default"));
            }
            const auto f = api::create_field(*s.client, field);
            return print_result(s, f, [&] { return render_record(f); });
        });
    cmd->add_option("name", create->name, "API key of the field (annual_cost)")->required();
    cmd->add_option("-w,--workspace", create->workspace, "workspace id or exact name")->required();
    cmd->add_option("--type", create->type, "field type: " + field_type_names())->required();
    cmd->add_option("--label", create->label, "label shown in Ardoq (default: the API key)");
    cmd->add_option("--component-type", create->component_types,
                    "component type (name or id) that gets the field (repeatable)");
    cmd->add_option("--reference-type", create->reference_types,
                    "reference type (name or number) that gets the field (repeatable)");
    cmd->add_option("--option", create->options,
                    "a choice of a List or SelectMultipleList field (repeatable)");
    cmd->add_option("--description", create->description, "description");
    cmd->add_option("--default", create->default_value, "default value, typed by --type");
}

} // namespace

void register_tag_commands(CLI::App& app, ChosenAction& chosen) {
    add_tag_commands(*add_command_group(app, "tag", "Tags: list, get, create"), chosen);
}

void register_field_commands(CLI::App& app, ChosenAction& chosen) {
    add_field_commands(*add_command_group(app, "field", "Custom fields: list, create"), chosen);
}

} // namespace ardoq::cli
