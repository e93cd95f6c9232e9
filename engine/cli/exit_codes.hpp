#pragma once
// Process exit codes (DESIGN.md "Reports and exit codes").

namespace ardoq::cli {

enum ExitCode : int {
    k_exit_ok = 0,             // success, or no changes
    k_exit_error = 1,          // any error: bad input, I/O, network, Ardoq refused
    k_exit_changes = 2,        // plan --detailed-exitcode: changes are planned
    k_exit_delete_refused = 3, // the delete guard refused the deletes
    k_exit_conflicts = 4,      // conflicts (ambiguous or duplicate entities) were found
};

} // namespace ardoq::cli
