// `ardoq-sync metamodel` (list, get, component-type, reference-type): ardoqpy's model calls —
// models and templates over v1, type lookups by name in a workspace's v2 context.
#include "cli/client_args.hpp"
#include "cli/client_commands.hpp"
#include "cli/client_options.hpp"
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

namespace {

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values)
        out.emplace_back(v);
    return out;
}

json::object component_type_json(const model::WorkspaceContext& context,
                                 const model::ComponentTypeDef& type) {
    json::object o;
    o["typeId"] = type.type_id;
    o["name"] = type.name;
    o["parent"] =
        type.parent_type_id.empty() ? json::value(nullptr) : json::value(type.parent_type_id);
    o["path"] = strings(api::component_type_path(context, type));
    o["customFields"] = strings(type.custom_fields);
    return o;
}

json::object reference_type_json(const model::ReferenceTypeDef& type) {
    json::object o;
    o["type"] = type.type;
    o["name"] = type.name;
    o["customFields"] = strings(type.custom_fields);
    return o;
}

struct GetOptions : ClientCliOptions {
    std::string model;
    std::string workspace;
};

struct FindOptions : ClientCliOptions {
    std::string name;
    std::string workspace;
};

void add_list(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<ClientCliOptions>();
    add_client_command(group, chosen, "list", "List every model and template", *o,
                       [o](ClientSession& s) {
                           const auto all = api::list_models(*s.client);
                           return print_result(s, all, [&] { return model_table(all); });
                       });
}

void add_get(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<GetOptions>();
    auto* cmd = add_client_command(
        group, chosen, "get",
        "Print a model with the ids of its component and reference types (of a workspace with "
        "--workspace)",
        *o, [o](ClientSession& s) {
            json::object model;
            if (!o->workspace.empty())
                model = api::get_workspace_model(
                    *s.client, api::resolve_workspace_id(*s.client, o->workspace));
            else if (!o->model.empty())
                model = api::get_model(*s.client, api::resolve_model_id(*s.client, o->model));
            else
                throw model::InputError(
                    model::make_error({s.command}, "which model?",
                                      "give a model id or name, or --workspace NAME|ID"));
            return print_result(s, model, [&] { return model_tree(model); });
        });
    auto* model = cmd->add_option("model", o->model, "model or template id or name");
    cmd->add_option("-w,--workspace", o->workspace, "the model of this workspace (id or name)")
        ->excludes(model);
}

void add_find(CLI::App& group, ChosenAction& chosen, bool component) {
    auto o = std::make_shared<FindOptions>();
    auto* cmd = add_client_command(
        group, chosen, component ? "component-type" : "reference-type",
        component ? "Find a component type by name, at any level of the hierarchy"
                  : "Find a reference type by name",
        *o, [o, component](ClientSession& s) {
            const auto ws = api::resolve_workspace_id(*s.client, o->workspace);
            const auto context = api::get_context(*s.client, ws);
            const auto found =
                component
                    ? component_type_json(context,
                                          require_component_type(context, o->name, s.command))
                    : reference_type_json(require_reference_type(context, o->name, s.command));
            return print_result(s, found, [&] { return render_record(found); });
        });
    cmd->add_option("name", o->name, component ? "component type name" : "reference type name")
        ->required();
    cmd->add_option("-w,--workspace", o->workspace, "workspace id or exact name")->required();
}

} // namespace

void register_metamodel_commands(CLI::App& app, ChosenAction& chosen) {
    auto* group = add_command_group(app, "metamodel",
                                    "Models and types: list, get, component-type, reference-type");
    add_list(*group, chosen);
    add_get(*group, chosen);
    add_find(*group, chosen, true);
    add_find(*group, chosen, false);
}

} // namespace ardoq::cli
