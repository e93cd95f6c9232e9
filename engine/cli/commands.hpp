#pragma once
// Registration functions of every command group; cli.cpp calls them in help order.

#include "cli/command.hpp"

namespace ardoq::cli {

void register_sync_commands(CLI::App& app, ChosenAction& chosen);    // plan, apply
void register_validate_command(CLI::App& app, ChosenAction& chosen); // validate
void register_snapshot_commands(CLI::App& app,
                                ChosenAction& chosen); // snapshot, model, cache, find
void register_client_commands(CLI::App& app,
                              ChosenAction& chosen); // workspace, folder, component, ...

} // namespace ardoq::cli
