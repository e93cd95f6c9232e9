#pragma once
// The command-line entry point: parses arguments with CLI11, sets up logging, runs the
// chosen command, and maps errors to exit codes (see exit_codes.hpp).

namespace ardoq::cli {

int run(int argc, char** argv);

} // namespace ardoq::cli
