#include "cli/cli.hpp"
#include "startup/allocator.hpp"

int main(int argc, char** argv) {
    ardoq::startup::tune_allocator(argv);
    return ardoq::cli::run(argc, argv);
}
