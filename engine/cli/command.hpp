#pragma once
// How subcommands plug into the CLI: each command group has a register function that adds
// its CLI11 subcommands and, when one of them is chosen, stores the action to run.
// Actions run after logging is set up; they return an exit code or throw InputError /
// RunError, which cli::run turns into messages and exit code 1.

#include <functional>

namespace CLI {
class App;
}

namespace ardoq::cli {

using Action = std::function<int()>;

// The action chosen by the parsed subcommand (empty when none was).
struct ChosenAction {
    Action run;
};

// A subcommand whose issue has not landed: says so and exits 1.
void add_not_implemented(CLI::App& app, ChosenAction& chosen, const char* name,
                         const char* description);

} // namespace ardoq::cli
