// `ardoq-sync reference` (list, get, create, update, delete): ardoqpy's reference calls over
// API v2.
#include "cli/client_args.hpp"
#include "cli/client_commands.hpp"
#include "cli/client_entity.hpp"
#include "cli/client_options.hpp"
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"
#include "connectors/ardoq/components_api.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/references_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

namespace {

// The metamodel that types a reference: the one of its source component's workspace.
model::WorkspaceContext context_of_component(connectors::ApiClient& client,
                                             const std::string& component_id,
                                             std::string_view option) {
    json::object source;
    with_not_found_hint([&] { source = api::get_component(client, component_id); }, "component",
                        option);
    return api::get_context(client, api::string_member(source, "rootWorkspace"));
}

struct CreateOptions : ClientCliOptions {
    std::string source;
    std::string target;
    std::string type;
    std::string display_text;
    std::string description;
    std::vector<std::string> set;
};

struct UpdateOptions : UpdateCliOptions {
    std::string source;
    std::string target;
    std::string display_text;
    std::string description;
    CLI::Option* display_text_option = nullptr;
    CLI::Option* description_option = nullptr;
};

void add_list(CLI::App& group, ChosenAction& chosen) {
    add_list_command(group, chosen, "List every reference of a workspace", api::list_references,
                     [](const json::array& all) { return reference_table(all); });
}

void add_get(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<IdOptions>();
    auto* cmd =
        add_client_command(group, chosen, "get", "Print one reference", *o, [o](ClientSession& s) {
            const auto id = require_oid(o->id, "reference get", "reference id");
            json::object r;
            with_not_found_hint([&] { r = api::get_reference(*s.client, id); }, "reference");
            return print_result(s, r, [&] { return render_record(r); });
        });
    cmd->add_option("id", o->id, "reference id")->required();
}

void add_create(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<CreateOptions>();
    auto* cmd = add_client_command(
        group, chosen, "create", "Create a reference from one component to another", *o,
        [o](ClientSession& s) {
            const auto source = require_oid(o->source, "--from", "component id");
            const auto target = require_oid(o->target, "--to", "component id");
            const auto context = context_of_component(*s.client, source, "--from");
            json::object body;
            body["source"] = source;
            body["target"] = target;
            body["type"] = require_reference_type(context, o->type, "--type").type;
            if (!o->display_text.empty())
                body["displayText"] = o->display_text;
            if (!o->description.empty())
                body["description"] = o->description;
            if (!o->set.empty())
                body["customFields"] = custom_fields(o->set, context, "--set");
            const auto created = api::create_reference(*s.client, body);
            return print_result(s, created, [&] { return render_record(created); });
        });
    cmd->add_option("--from", o->source, "id of the source component")->required();
    cmd->add_option("--to", o->target, "id of the target component")->required();
    cmd->add_option("--type", o->type,
                    "reference type: name or number, from the source's workspace")
        ->required();
    cmd->add_option("--display-text", o->display_text, "label shown on the reference");
    cmd->add_option("--description", o->description, "description");
    cmd->add_option("--set", o->set, "KEY=VALUE custom field, typed by the field (repeatable)");
}

void add_update(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<UpdateOptions>();
    EntityUpdate how{
        .kind = "reference",
        .members =
            [o](ClientSession&) {
                json::object patch;
                if (!o->source.empty())
                    patch["source"] = require_oid(o->source, "--from", "component id");
                if (!o->target.empty())
                    patch["target"] = require_oid(o->target, "--to", "component id");
                if (o->display_text_option->count() > 0)
                    patch["displayText"] = o->display_text;
                if (o->description_option->count() > 0)
                    patch["description"] = o->description;
                return patch;
            },
        .context =
            [](ClientSession& s, const std::string& id) {
                json::object current;
                with_not_found_hint([&] { current = api::get_reference(*s.client, id); },
                                    "reference");
                return context_of_component(*s.client, api::string_member(current, "source"), "");
            },
        .send = api::update_reference,
        .nothing_hint = "give --from, --to, --display-text, --description or --set KEY=VALUE",
    };
    auto* cmd = add_update_command(
        group, chosen,
        "Change some members of a reference (not its type); the others stay as they are", o,
        std::move(how));
    cmd->add_option("--from", o->source, "id of the new source component");
    cmd->add_option("--to", o->target, "id of the new target component");
    o->display_text_option =
        cmd->add_option("--display-text", o->display_text, "new label shown on the reference");
    o->description_option = cmd->add_option("--description", o->description, "new description");
}

void add_delete(CLI::App& group, ChosenAction& chosen) {
    add_delete_command(group, chosen, "reference", "Delete a reference", api::delete_reference);
}

} // namespace

void register_reference_commands(CLI::App& app, ChosenAction& chosen) {
    auto* group =
        add_command_group(app, "reference", "References: list, get, create, update, delete");
    add_list(*group, chosen);
    add_get(*group, chosen);
    add_create(*group, chosen);
    add_update(*group, chosen);
    add_delete(*group, chosen);
}

} // namespace ardoq::cli
