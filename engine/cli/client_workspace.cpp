// `ardoq-sync workspace` (list, get, aggregated, create, delete, move) and `ardoq-sync folder`
// (create, list, get): ardoqpy's workspace and folder calls.
#include "cli/client_args.hpp"
#include "cli/client_commands.hpp"
#include "cli/client_confirm.hpp"
#include "cli/client_options.hpp"
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"
#include "cli/exit_codes.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <iostream>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

namespace {

using api::string_member;
std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::size_t array_size(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_array() ? v->get_array().size() : 0;
}

struct ListOptions : ClientCliOptions {
    bool summary = false;
};

struct CreateOptions : ClientCliOptions {
    std::string name;
    std::string description;
    std::string template_model;
    std::string folder;
};

struct DeleteOptions : ClientCliOptions {
    std::string workspace;
    bool yes = false;
};

struct MoveOptions : ClientCliOptions {
    std::vector<std::string> workspaces;
    std::string folder;
};

void add_list(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<ListOptions>();
    auto* cmd =
        add_client_command(group, chosen, "list",
                           "List the workspaces (with --summary: component and reference counts)",
                           *o, [o](ClientSession& s) {
                               if (o->summary) {
                                   const auto all = api::list_workspace_summaries(*s.client);
                                   return print_result(s, all, [&] { return summary_table(all); });
                               }
                               const auto all = api::list_workspaces(*s.client);
                               return print_result(s, all, [&] { return workspace_table(all); });
                           });
    cmd->add_flag("--summary", o->summary,
                  "add each workspace's statistics (v1 GET /api/workspace/summary)");
}

void add_get(CLI::App& group, ChosenAction& chosen, bool aggregated) {
    auto o = std::make_shared<WorkspaceOptions>();
    auto* cmd =
        add_client_command(group, chosen, aggregated ? "aggregated" : "get",
                           aggregated ? "Print a workspace with all its components and references"
                                      : "Print one workspace, named by id or exact name",
                           *o, [o, aggregated](ClientSession& s) {
                               const auto id = api::resolve_workspace_id(*s.client, o->workspace);
                               if (aggregated) {
                                   const auto ws = api::get_aggregated_workspace(*s.client, id);
                                   return print_result(s, ws, [&] { return aggregated_table(ws); });
                               }
                               const auto ws = api::get_workspace(*s.client, id);
                               return print_result(s, ws, [&] { return render_record(ws); });
                           });
    cmd->add_option("workspace", o->workspace, "workspace id or exact name")->required();
}

void add_create(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<CreateOptions>();
    auto* cmd = add_client_command(
        group, chosen, "create", "Create a workspace from a template model, optionally in a folder",
        *o, [o](ClientSession& s) {
            api::NewWorkspace ws;
            ws.name = o->name;
            ws.description = o->description;
            if (!o->template_model.empty())
                ws.template_id = api::resolve_model_id(*s.client, o->template_model);
            if (!o->folder.empty())
                ws.folder_id = api::resolve_folder_id(*s.client, o->folder);
            const auto created = api::create_workspace(*s.client, ws);
            return print_result(s, created, [&] { return render_record(created); });
        });
    cmd->add_option("name", o->name, "name of the new workspace")->required();
    cmd->add_option("--template", o->template_model,
                    "model or template (id or name) whose types and fields the workspace gets");
    cmd->add_option("--folder", o->folder, "workspace folder (id or name) to put it in");
    cmd->add_option("--description", o->description, "description of the workspace");
}

void add_delete(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<DeleteOptions>();
    auto* cmd = add_client_command(
        group, chosen, "delete",
        "Delete a workspace and everything in it (asks first unless --yes)", *o,
        [o](ClientSession& s) {
            const auto id = api::resolve_workspace_id(*s.client, o->workspace);
            const auto ws = api::get_workspace_v1(*s.client, id);
            const std::string name = string_member(ws, "name");
            const std::string what = "workspace \"" + name + "\" (" + id + ")";
            if (!o->yes) {
                if (!stdin_is_terminal())
                    throw model::InputError(model::make_error(
                        {s.command},
                        "refusing to delete " + what +
                            " without confirmation: standard input is not a terminal",
                        "pass --yes to delete it without asking"));
                const std::string question =
                    "Delete " + what + " with " +
                    plural(array_size(ws, "components"), "component") + " and " +
                    plural(array_size(ws, "references"), "reference") + "? This cannot be undone.";
                if (!ask_yes_no(std::cin, std::cerr, question)) {
                    std::cerr << s.command << ": not confirmed; " << what << " was not deleted\n";
                    return static_cast<int>(k_exit_error);
                }
            }
            api::delete_workspace(*s.client, id);
            const json::object result{{"_id", id}, {"name", name}, {"deleted", true}};
            return print_result(s, result, [&] { return "deleted " + what + "\n"; });
        });
    cmd->add_option("workspace", o->workspace, "workspace id or exact name")->required();
    cmd->add_flag("-y,--yes", o->yes, "delete without asking");
}

void add_move(CLI::App& group, ChosenAction& chosen) {
    auto o = std::make_shared<MoveOptions>();
    auto* cmd = add_client_command(
        group, chosen, "move", "Move workspaces into a workspace folder", *o,
        [o](ClientSession& s) {
            const auto folder = api::resolve_folder_id(*s.client, o->folder);
            std::vector<std::string> ids;
            for (const auto& w : o->workspaces)
                ids.push_back(api::resolve_workspace_id(*s.client, w));
            const auto result = api::move_workspaces(*s.client, folder, ids);
            return print_result(s, result, [&] { return render_record(result); });
        });
    cmd->add_option("workspaces", o->workspaces, "workspace ids or exact names")->required();
    cmd->add_option("--folder", o->folder, "the folder (id or name)")->required();
}

} // namespace

void register_workspace_commands(CLI::App& app, ChosenAction& chosen) {
    auto* group = add_command_group(app, "workspace",
                                    "Workspaces: list, get, aggregated, create, delete, move");
    add_list(*group, chosen);
    add_get(*group, chosen, false);
    add_get(*group, chosen, true);
    add_create(*group, chosen);
    add_delete(*group, chosen);
    add_move(*group, chosen);
}

void register_folder_commands(CLI::App& app, ChosenAction& chosen) {
    auto* group = add_command_group(app, "folder", "Workspace folders: create, list, get");

    struct CreateFolder : ClientCliOptions {
        std::string name;
        std::string description;
    };
    auto create = std::make_shared<CreateFolder>();
    auto* cmd = add_client_command(
        *group, chosen, "create", "Create a workspace folder", *create, [create](ClientSession& s) {
            const auto f = api::create_folder(*s.client, create->name, create->description);
            return print_result(s, f, [&] { return render_record(f); });
        });
    cmd->add_option("name", create->name, "name of the folder")->required();
    cmd->add_option("--description", create->description, "description of the folder");

    auto list = std::make_shared<ClientCliOptions>();
    add_client_command(*group, chosen, "list", "List the workspace folders", *list,
                       [list](ClientSession& s) {
                           const auto all = api::list_folders(*s.client);
                           return print_result(s, all, [&] { return folder_table(all); });
                       });

    struct GetFolder : ClientCliOptions {
        std::string folder;
    };
    auto get = std::make_shared<GetFolder>();
    cmd = add_client_command(*group, chosen, "get", "Print one workspace folder", *get,
                             [get](ClientSession& s) {
                                 const auto id = api::resolve_folder_id(*s.client, get->folder);
                                 const auto f = api::get_folder(*s.client, id);
                                 return print_result(s, f, [&] { return render_record(f); });
                             });
    cmd->add_option("folder", get->folder, "folder id or exact name")->required();
}

} // namespace ardoq::cli
