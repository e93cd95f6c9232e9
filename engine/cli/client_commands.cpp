#include "cli/client_commands.hpp"

#include "cli/commands.hpp"

namespace ardoq::cli {

void register_client_commands(CLI::App& app, ChosenAction& chosen) {
    register_workspace_commands(app, chosen);
    register_folder_commands(app, chosen);
    register_component_commands(app, chosen);
    register_reference_commands(app, chosen);
    register_tag_commands(app, chosen);
    register_field_commands(app, chosen);
    register_metamodel_commands(app, chosen);
}

} // namespace ardoq::cli
