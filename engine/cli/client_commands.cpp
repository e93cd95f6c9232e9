#include "cli/commands.hpp"

namespace ardoq::cli {

void register_client_commands(CLI::App& app, ChosenAction& chosen) {
    add_not_implemented(app, chosen, "workspace", "Workspaces: list, get, create, delete, move");
    add_not_implemented(app, chosen, "folder", "Workspace folders: create, list, get");
    add_not_implemented(app, chosen, "component", "Components: get, list, find, create, update, delete");
    add_not_implemented(app, chosen, "reference", "References: list, get, create, update, delete");
    add_not_implemented(app, chosen, "tag", "Tags: list, get, create");
    add_not_implemented(app, chosen, "field", "Custom fields: list, create");
}

} // namespace ardoq::cli
