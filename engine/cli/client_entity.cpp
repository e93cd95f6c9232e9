// The list, delete and update commands the `component` and `reference` groups share.
#include "cli/client_entity.hpp"

#include "cli/client_args.hpp"
#include "cli/client_output.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>

#include <utility>

namespace ardoq::cli {

namespace json = boost::json;
namespace api = connectors::api;

void add_list_command(CLI::App& group, ChosenAction& chosen, const std::string& description,
                      std::function<json::array(connectors::ApiClient&, const std::string&)> list,
                      std::function<std::string(const json::array&)> table) {
    auto o = std::make_shared<WorkspaceOptions>();
    auto* cmd =
        add_client_command(group, chosen, "list", description, *o,
                           [o, list = std::move(list), table = std::move(table)](ClientSession& s) {
                               const auto ws = api::resolve_workspace_id(*s.client, o->workspace);
                               const auto all = list(*s.client, ws);
                               return print_result(s, all, [&] { return table(all); });
                           });
    cmd->add_option("-w,--workspace", o->workspace, "workspace id or exact name")->required();
}

void add_delete_command(CLI::App& group, ChosenAction& chosen, std::string_view kind,
                        const std::string& description,
                        std::function<void(connectors::ApiClient&, const std::string&)> remove) {
    auto o = std::make_shared<IdOptions>();
    const std::string name(kind);
    auto* cmd = add_client_command(
        group, chosen, "delete", description, *o,
        [o, name, remove = std::move(remove)](ClientSession& s) {
            const auto id = require_oid(o->id, name + " delete", name + " id");
            with_not_found_hint([&] { remove(*s.client, id); }, name);
            const json::object result{{"_id", id}, {"deleted", true}};
            return print_result(s, result, [&] { return "deleted " + name + " " + id + "\n"; });
        });
    cmd->add_option("id", o->id, name + " id")->required();
}

CLI::App* add_update_command(CLI::App& group, ChosenAction& chosen, const std::string& description,
                             std::shared_ptr<UpdateCliOptions> options, EntityUpdate how) {
    auto& o = *options;
    const std::string name(how.kind);
    auto* cmd = add_client_command(
        group, chosen, "update", description, o,
        [options, how = std::move(how), name](ClientSession& s) {
            const auto& opts = *options;
            const auto id = require_oid(opts.id, name + " update", name + " id");
            const auto if_version = parse_if_version(opts.if_version);
            for (const auto& text : opts.set) // the syntax, before any request
                parse_assignment(text, "--set");
            json::object patch = how.members(s);
            if (!opts.set.empty())
                patch["customFields"] = custom_fields(opts.set, how.context(s, id), "--set");
            if (patch.empty())
                throw model::InputError(
                    model::make_error({s.command}, "nothing to change", how.nothing_hint));
            const auto updated = guarded_update(
                [&] { return how.send(*s.client, id, patch, if_version); }, if_version, name, id);
            return print_result(s, updated, [&] { return render_record(updated); });
        });
    cmd->add_option("id", o.id, name + " id")->required();
    cmd->add_option("--set", o.set,
                    "KEY=VALUE custom field, typed by the field; KEY= clears it (repeatable)");
    cmd->add_option("--if-version", o.if_version,
                    "update only if the stored _version is this one (default: latest)")
        ->capture_default_str();
    return cmd;
}

} // namespace ardoq::cli
