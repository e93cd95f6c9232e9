// `ardoq-sync component` (get, list, find, create, update, delete): ardoqpy's component calls
// over API v2.
#include "cli/client_args.hpp"
#include "cli/client_commands.hpp"
#include "cli/client_entity.hpp"
#include "cli/client_options.hpp"
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"
#include "connectors/ardoq/components_api.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"
#include "plan/field_values.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <array>
#include <optional>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

namespace {

// Members of a component itself that --field may compare as text (ardoqpy's v1 components
// carry them flat beside the custom fields).
constexpr std::array<std::string_view, 11> k_member_fields = {
    "name", "description", "componentKey", "typeId", "type", "parent",
    "_id",  "color",       "shape",        "icon",   "image"};

struct GetOptions : ClientCliOptions {
    std::string id;
    bool references = false;
};

struct FindOptions : ClientCliOptions {
    std::string workspace;
    std::string name;
    bool exact = false;
    bool case_sensitive = false;
    std::string type;
    std::string field;
};

struct CreateOptions : ClientCliOptions {
    std::string workspace;
    std::string name;
    std::string type;
    std::string parent;
    std::string description;
    std::vector<std::string> set;
};

struct UpdateOptions : UpdateCliOptions {
    std::string name;
    std::string description;
    std::string parent;
    bool no_parent = false;
    CLI::Option* name_option = nullptr;
    CLI::Option* description_option = nullptr;
};

void add_get(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<GetOptions>();
    auto* cmd = add_client_command(
        group, chosen, "get", "Print one component (with --references: its references too)", *o,
        [o](ClientSession& s) {
            const auto id = require_oid(o->id, "component get", "component id");
            json::object c;
            with_not_found_hint([&] { c = api::get_component(*s.client, id); }, "component");
            if (!o->references)
                return print_result(s, c, [&] { return render_record(c); });
            auto refs = api::get_component_references(*s.client, id);
            c["outgoingReferences"] = refs.outgoing;
            c["incomingReferences"] = refs.incoming;
            return print_result(s, c, [&] {
                json::object own = c;
                own.erase("outgoingReferences");
                own.erase("incomingReferences");
                return render_record(own) + "\noutgoing references:\n" +
                       reference_table(refs.outgoing) + "\nincoming references:\n" +
                       reference_table(refs.incoming);
            });
        });
    cmd->add_option("id", o->id, "component id")->required();
    cmd->add_flag("--references", o->references,
                  "add the references leaving (outgoingReferences) and reaching "
                  "(incomingReferences) it");
}

void add_list(CLI::App& group, ChosenAction& chosen) {
    add_list_command(group, chosen, "List every component of a workspace", api::list_components,
                     [](const json::array& all) { return component_table(all); });
}

// The --field criterion: a custom field compared by its type, or a member compared as text.
void add_field_criterion(api::ComponentQuery& query, const FindOptions& o,
                         const model::WorkspaceContext& context) {
    auto [key, text] = parse_assignment(o.field, "--field");
    model::FieldType type = model::FieldType::text;
    if (const auto* field = context.field(key)) {
        type = field->type;
        query.field_value = field_value(*field, text, "--field");
    } else if (std::find(k_member_fields.begin(), k_member_fields.end(), key) !=
               k_member_fields.end()) {
        query.field_value = text.empty() ? model::Value() : model::Value(text);
    } else {
        require_field(context, key, "--field"); // throws, listing the fields
    }
    query.field = key;
    query.field_equals = [type](const model::Value& wanted, const model::Value& stored) {
        return plan::same_value(type, wanted, stored);
    };
}

void add_find(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<FindOptions>();
    auto* cmd = add_client_command(
        group, chosen, "find",
        "Find components by name (substring, case-insensitive by default) and/or field value", *o,
        [o](ClientSession& s) {
            if (o->name.empty() && o->field.empty())
                throw model::InputError(model::make_error(
                    {s.command}, "nothing to look for",
                    "give a NAME (part of the component name) and/or --field KEY=VALUE"));
            const auto ws = api::resolve_workspace_id(*s.client, o->workspace);
            api::ComponentQuery query;
            if (!o->name.empty())
                query.name = o->name;
            query.name_match =
                o->exact ? connectors::NameMatch::exact : connectors::NameMatch::substring;
            query.case_match = o->case_sensitive ? connectors::CaseMatch::sensitive
                                                 : connectors::CaseMatch::insensitive;
            std::optional<model::WorkspaceContext> context;
            if (!o->type.empty() || !o->field.empty())
                context = api::get_context(*s.client, ws);
            if (!o->type.empty())
                query.type_id = require_component_type(*context, o->type, "--type").type_id;
            if (!o->field.empty())
                add_field_criterion(query, *o, *context);
            const auto found = api::find_components(*s.client, ws, query);
            return print_result(s, found, [&] { return component_table(found); });
        });
    cmd->add_option("name", o->name, "text the component name contains (or is, with --exact)");
    cmd->add_option("-w,--workspace", o->workspace, "workspace id or exact name")->required();
    cmd->add_flag("--exact", o->exact, "the whole name must match, not a part of it");
    cmd->add_flag("--case-sensitive", o->case_sensitive, "upper and lower case must match too");
    cmd->add_option("--type", o->type, "only components of this type (name or type id)");
    cmd->add_option("--field", o->field,
                    "KEY=VALUE: a custom field (compared by its type: 12 equals 12.0, yes "
                    "equals true) or a member such as componentKey; an empty VALUE finds "
                    "components without one");
}

void add_create(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<CreateOptions>();
    auto* cmd = add_client_command(
        group, chosen, "create", "Create a component", *o, [o](ClientSession& s) {
            const auto ws = api::resolve_workspace_id(*s.client, o->workspace);
            const auto context = api::get_context(*s.client, ws);
            json::object body;
            body["name"] = o->name;
            body["rootWorkspace"] = ws;
            body["typeId"] = require_component_type(context, o->type, "--type").type_id;
            body["parent"] = o->parent.empty()
                                 ? json::value(nullptr)
                                 : json::value(require_oid(o->parent, "--parent", "component id"));
            if (!o->description.empty())
                body["description"] = o->description;
            if (!o->set.empty())
                body["customFields"] = custom_fields(o->set, context, "--set");
            const auto created = api::create_component(*s.client, body);
            return print_result(s, created, [&] { return render_record(created); });
        });
    cmd->add_option("name", o->name, "name of the component")->required();
    cmd->add_option("-w,--workspace", o->workspace, "workspace id or exact name")->required();
    cmd->add_option("--type", o->type, "component type (name, found at any level, or type id)")
        ->required();
    cmd->add_option("--parent", o->parent, "id of the parent component");
    cmd->add_option("--description", o->description, "description");
    cmd->add_option("--set", o->set, "KEY=VALUE custom field, typed by the field (repeatable)");
}

void add_update(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<UpdateOptions>();
    EntityUpdate how{
        .kind = "component",
        .members =
            [o](ClientSession&) {
                json::object patch;
                if (o->name_option->count() > 0)
                    patch["name"] = o->name;
                if (o->description_option->count() > 0)
                    patch["description"] = o->description;
                if (o->no_parent)
                    patch["parent"] = nullptr;
                else if (!o->parent.empty())
                    patch["parent"] = require_oid(o->parent, "--parent", "component id");
                return patch;
            },
        .context =
            [](ClientSession& s, const std::string& id) {
                json::object current;
                with_not_found_hint([&] { current = api::get_component(*s.client, id); },
                                    "component");
                return api::get_context(*s.client, api::string_member(current, "rootWorkspace"));
            },
        .send = api::update_component,
        .nothing_hint = "give --name, --description, --parent, --no-parent or --set KEY=VALUE",
    };
    auto* cmd = add_update_command(
        group, chosen, "Change some members of a component; the others stay as they are", o,
        std::move(how));
    o->name_option = cmd->add_option("--name", o->name, "new name");
    o->description_option = cmd->add_option("--description", o->description, "new description");
    auto* parent = cmd->add_option("--parent", o->parent, "id of the new parent component");
    cmd->add_flag("--no-parent", o->no_parent, "make it a top-level component")->excludes(parent);
}

void add_delete(CLI::App& group, ChosenAction& chosen) {
    add_delete_command(group, chosen, "component", "Delete a component and its references",
                       api::delete_component);
}

} // namespace

void register_component_commands(CLI::App& app, ChosenAction& chosen) {
    auto* group =
        add_command_group(app, "component", "Components: get, list, find, create, update, delete");
    add_get(*group, chosen);
    add_list(*group, chosen);
    add_find(*group, chosen);
    add_create(*group, chosen);
    add_update(*group, chosen);
    add_delete(*group, chosen);
}

} // namespace ardoq::cli
