#include "cli/cli.hpp"

#include "ardoq_sync_version.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <map>

namespace ardoq::cli {

void add_not_implemented(CLI::App& app, ChosenAction& chosen, const char* name,
                         const char* description) {
    auto* sub = app.add_subcommand(name, std::string(description) + " (not implemented yet)");
    sub->allow_extras();
    sub->callback([&chosen, name] {
        chosen.run = [name] {
            std::fprintf(stderr, "ardoq-sync %s: not implemented yet\n", name);
            return static_cast<int>(k_exit_error);
        };
    });
}

int run(int argc, char** argv) {
    CLI::App app{"ardoq-sync: declarative sync of sources into an Ardoq workspace", "ardoq-sync"};
    app.set_version_flag("--version", std::string("ardoq-sync ") + ARDOQ_SYNC_VERSION);
    app.require_subcommand(1);
    app.fallthrough();

    std::string log_level;
    std::string log_format = "text";
    bool quiet = false;
    app.add_option("--log-level", log_level, "trace, debug, info (default), warn, error, off");
    app.add_option("--log-format", log_format, "text (default) or json lines on stderr")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("-q,--quiet", quiet, "only warnings and errors on stderr");

    ChosenAction chosen;
    register_sync_commands(app, chosen);
    register_validate_command(app, chosen);
    register_snapshot_commands(app, chosen);
    register_client_commands(app, chosen);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? k_exit_ok : k_exit_error;
    }

    try {
        setup_logging(log_level, log_format == "json" ? LogFormat::json : LogFormat::text, quiet);
        if (!chosen.run)
            return k_exit_error;
        return chosen.run();
    } catch (const model::InputError& e) {
        for (const auto& d : e.diagnostics())
            std::cerr << d.to_string() << '\n';
        return k_exit_error;
    } catch (const model::RunError& e) {
        std::cerr << "error: " << e.what() << '\n';
        return k_exit_error;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << '\n';
        return k_exit_error;
    }
}

} // namespace ardoq::cli
