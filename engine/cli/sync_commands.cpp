#include "cli/commands.hpp"

namespace ardoq::cli {

void register_sync_commands(CLI::App& app, ChosenAction& chosen) {
    add_not_implemented(app, chosen, "plan", "Plan a sync and print the diff report");
    add_not_implemented(app, chosen, "apply", "Apply a sync (or a saved plan) to the target");
}

} // namespace ardoq::cli
