#include "cli/cli.hpp"

int main(int argc, char** argv) { return ardoq::cli::run(argc, argv); }
