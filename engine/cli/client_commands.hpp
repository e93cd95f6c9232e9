#pragma once
// The ardoqpy-style command groups, one register function per group and file
// (client_workspace.cpp, client_component.cpp, ...); client_commands.cpp calls them all.

#include "cli/command.hpp"

namespace ardoq::cli {

void register_workspace_commands(CLI::App& app, ChosenAction& chosen); // workspace
void register_folder_commands(CLI::App& app, ChosenAction& chosen);    // folder
void register_component_commands(CLI::App& app, ChosenAction& chosen); // component
void register_reference_commands(CLI::App& app, ChosenAction& chosen); // reference
void register_tag_commands(CLI::App& app, ChosenAction& chosen);       // tag
void register_field_commands(CLI::App& app, ChosenAction& chosen);     // field
void register_metamodel_commands(CLI::App& app, ChosenAction& chosen); // metamodel

} // namespace ardoq::cli
