#include "cli/commands.hpp"

namespace ardoq::cli {

void register_snapshot_commands(CLI::App& app, ChosenAction& chosen) {
    add_not_implemented(app, chosen, "snapshot", "Export a workspace snapshot");
    add_not_implemented(app, chosen, "model", "Print a workspace's metamodel");
    add_not_implemented(app, chosen, "cache", "Show or clear the snapshot cache");
    add_not_implemented(app, chosen, "find", "Find components in the cached snapshot");
}

} // namespace ardoq::cli
