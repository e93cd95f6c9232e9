#pragma once
// What every ardoqpy-style command (workspace, folder, component, reference, tag, field,
// metamodel) shares: the target options, --output json|table, opening the API client, and
// how a chosen subcommand becomes the action cli::run calls.

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "connectors/ardoq/api_client.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace ardoq::cli {

enum class OutputFormat : std::uint8_t { json, table };

// The options of one client command; commands with more options derive from it.
struct ClientCliOptions {
    TargetCliOptions target;
    std::string output = "json";
    std::string command; // "workspace list": names the command in messages
};

// The options of commands on one entity (its id) and of commands on one workspace.
struct IdOptions : ClientCliOptions {
    std::string id;
};
struct WorkspaceOptions : ClientCliOptions {
    std::string workspace; // an id or an exact name
};

// A command's connection and where its results go.
struct ClientSession {
    std::unique_ptr<connectors::ApiClient> client;
    OutputFormat format = OutputFormat::json;
    std::ostream& out;
    std::string command;
};

// Adds subcommand `name` to `group` with the target options and --output, and makes it the
// chosen action when it is parsed: `run` gets the session (client opened then) and returns
// the exit code. `options` must live as long as the app (hold it in a shared_ptr).
CLI::App* add_client_command(CLI::App& group, ChosenAction& chosen, const std::string& name,
                             const std::string& description, ClientCliOptions& options,
                             std::function<int(ClientSession&)> run);

// Prints a result: `json` as indented JSON, or what `table` renders with --output table.
// Returns k_exit_ok.
int print_result(ClientSession& session, const boost::json::value& json,
                 const std::function<std::string()>& table);

// A command group ("workspace"): a subcommand that needs one of its own subcommands.
CLI::App* add_command_group(CLI::App& app, const std::string& name, const std::string& description);

// Opens the API client for `options`. Throws InputError for a file: target, --offline, or
// anything resolve_target_options refuses, naming the command and how to fix it.
std::unique_ptr<connectors::ApiClient> open_client(const ClientCliOptions& options,
                                                   const EnvLookup& env = process_env);

} // namespace ardoq::cli
