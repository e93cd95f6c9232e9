#include "cli/commands.hpp"

namespace ardoq::cli {

void register_validate_command(CLI::App& app, ChosenAction& chosen) {
    add_not_implemented(app, chosen, "validate", "Check a mapping file");
}

} // namespace ardoq::cli
