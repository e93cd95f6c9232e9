#pragma once
// What the `component` and `reference` command groups share: listing a workspace's entities,
// deleting one by id, and updating some members of one (--set and --if-version).

#include "cli/client_options.hpp"
#include "connectors/ardoq/api_client.hpp"
#include "connectors/ardoq/api_common.hpp"
#include "model/metamodel.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace ardoq::cli {

// `list -w WORKSPACE`: every entity of a workspace, from `list` (the workspace id is
// resolved from an id or an exact name), as JSON or as the table `table` renders.
void add_list_command(
    CLI::App& group, ChosenAction& chosen, const std::string& description,
    std::function<boost::json::array(connectors::ApiClient&, const std::string&)> list,
    std::function<std::string(const boost::json::array&)> table);

// `delete ID`: deletes the `kind` ("component") with that id through `remove` and prints
// {"_id": ID, "deleted": true} (with --output table: "deleted component ID").
void add_delete_command(CLI::App& group, ChosenAction& chosen, std::string_view kind,
                        const std::string& description,
                        std::function<void(connectors::ApiClient&, const std::string&)> remove);

// The options every `update` has besides its members.
struct UpdateCliOptions : ClientCliOptions {
    std::string id;
    std::vector<std::string> set;
    std::string if_version = "latest";
};

// How one kind of entity is updated.
struct EntityUpdate {
    std::string_view kind; // "component": names it in messages
    // The members of the patch the command's own options give; called after the id,
    // --if-version and the syntax of every --set were checked, before any request.
    std::function<boost::json::object(ClientSession&)> members;
    // The metamodel that types the custom fields of entity `id` (read only for --set).
    std::function<model::WorkspaceContext(ClientSession&, const std::string& id)> context;
    // Sends the patch (PATCH with ifVersionMatch) and returns the updated entity.
    std::function<boost::json::object(connectors::ApiClient&, const std::string& id,
                                      const boost::json::object& patch, connectors::api::IfVersion)>
        send;
    std::string nothing_hint; // what to give when nothing would change
};

// `update ID [members] [--set KEY=VALUE]... [--if-version N|latest]`: the id argument,
// --set and --if-version are added here; the caller adds its member options to the returned
// command. `options` must live as long as the app.
CLI::App* add_update_command(CLI::App& group, ChosenAction& chosen, const std::string& description,
                             std::shared_ptr<UpdateCliOptions> options, EntityUpdate how);

} // namespace ardoq::cli
