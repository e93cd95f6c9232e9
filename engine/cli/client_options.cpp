#include "cli/client_options.hpp"

#include "cli/client_output.hpp"
#include "cli/exit_codes.hpp"
#include "connectors/ardoq/http_target.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace ardoq::cli {

std::unique_ptr<connectors::ApiClient> open_client(const ClientCliOptions& options,
                                                   const EnvLookup& env) {
    if (options.target.offline)
        throw model::InputError(model::make_error(
            {"--offline"}, options.command + " talks to Ardoq directly and has no offline mode",
            "drop --offline; `ardoq-sync find --offline` searches the cached snapshot"));
    auto resolved = resolve_target_options(options.target, {}, env);
    if (resolved.target.starts_with("file:"))
        throw model::InputError(model::make_error(
            {options.command}, "needs the Ardoq API, not the snapshot file " + resolved.target,
            "pass --target https://ORG.ardoq.com (or http://HOST:PORT) or set ARDOQ_API_HOST"));
    return connectors::open_api_client(resolved);
}

int print_result(ClientSession& session, const boost::json::value& json,
                 const std::function<std::string()>& table) {
    session.out << (session.format == OutputFormat::table ? table() : pretty_json(json));
    session.out.flush();
    return k_exit_ok;
}

CLI::App* add_command_group(CLI::App& app, const std::string& name,
                            const std::string& description) {
    auto* group = app.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

CLI::App* add_client_command(CLI::App& group, ChosenAction& chosen, const std::string& name,
                             const std::string& description, ClientCliOptions& options,
                             std::function<int(ClientSession&)> run) {
    auto* command = group.add_subcommand(name, description);
    options.command = group.get_name() + " " + name;
    add_target_options(*command, options.target);
    command
        ->add_option("-o,--output", options.output,
                     "json (default: the answer as Ardoq sent it) or table (readable columns)")
        ->check(CLI::IsMember({"json", "table"}));
    command->callback([&chosen, &options, run = std::move(run)] {
        chosen.run = [&options, run] {
            ClientSession session{open_client(options),
                                  options.output == "table" ? OutputFormat::table
                                                            : OutputFormat::json,
                                  std::cout, options.command};
            return run(session);
        };
    });
    return command;
}

} // namespace ardoq::cli
