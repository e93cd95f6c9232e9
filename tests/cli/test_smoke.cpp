#include "support/process.hpp"

#include <doctest/doctest.h>

using ardoq::test::run_process;
using ardoq::test::sync_bin;

TEST_CASE("cli: --version prints the project version") {
    auto r = run_process({sync_bin(), "--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "ardoq-sync 0.1.0\n");
}

TEST_CASE("cli: --help lists the subcommands and global options") {
    auto r = run_process({sync_bin(), "--help"});
    CHECK(r.exit_code == 0);
    for (const char* word : {"plan", "apply", "validate", "snapshot", "model", "cache", "find",
                             "workspace", "component", "reference", "--log-level", "--log-format"})
        CHECK_MESSAGE(r.out.find(word) != std::string::npos, word);
}

TEST_CASE("cli: no subcommand is an error with exit code 1") {
    auto r = run_process({sync_bin()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("A subcommand is required") != std::string::npos);
}

TEST_CASE("cli: a bad log level names the option and the valid values") {
    auto r = run_process({sync_bin(), "--log-level", "loud", "cache", "show"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--log-level: error: unknown log level \"loud\"\n"
                   "  hint: use one of trace, debug, info, warn, error, off\n");
}
