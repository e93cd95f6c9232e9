// What the client commands say about wrong arguments, from the real binary. None of these runs
// reaches a server: the target is a closed port, so a request would fail differently.
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using ardoq::test::ProcessResult;
using ardoq::test::run_process;
using ardoq::test::sync_bin;

namespace {

const std::string k_closed = "http://127.0.0.1:9";
const std::string k_id = "c253c98231776d0c8a54879e";

ProcessResult run(std::vector<std::string> args,
                  std::map<std::string, std::string> env = {{"ARDOQ_API_TOKEN", "t0ken-value"}}) {
    args.insert(args.begin(), sync_bin());
    env.emplace("ARDOQ_API_HOST", "");
    env.emplace("ARDOQ_ORG_LABEL", "");
    return run_process(args, {}, env);
}

void check_error(const std::vector<std::string>& args, const std::string& message) {
    auto r = run(args);
    std::string line;
    for (const auto& a : args)
        line += a + " ";
    INFO("ardoq-sync ", line);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == message);
}

} // namespace

TEST_CASE("parity: ids that are not Ardoq ids are refused before any request") {
    const std::string hint = "  hint: Ardoq ids are 24 hexadecimal characters, e.g. "
                             "c253c98231776d0c8a54879e; list the entities to find one\n";
    check_error({"component", "get", "CRM", "--target", k_closed},
                "component get: error: \"CRM\" is not a component id\n" + hint);
    check_error({"component", "delete", "../x", "--target", k_closed},
                "component delete: error: \"../x\" is not a component id\n" + hint);
    check_error({"reference", "get", "r1", "--target", k_closed},
                "reference get: error: \"r1\" is not a reference id\n" + hint);
    check_error({"tag", "get", "t", "--target", k_closed},
                "tag get: error: \"t\" is not a tag id\n" + hint);
    check_error({"component", "update", k_id, "--parent", "Sales", "--target", k_closed},
                "--parent: error: \"Sales\" is not a component id\n" + hint);
    check_error(
        {"reference", "create", "--from", k_id, "--to", "x", "--type", "2", "--target", k_closed},
        "--to: error: \"x\" is not a component id\n" + hint);
}

TEST_CASE("parity: updates with nothing to change, a bad version or a bad --set are refused") {
    check_error({"component", "update", k_id, "--target", k_closed},
                "component update: error: nothing to change\n"
                "  hint: give --name, --description, --parent, --no-parent or --set KEY=VALUE\n");
    check_error({"reference", "update", k_id, "--target", k_closed},
                "reference update: error: nothing to change\n"
                "  hint: give --from, --to, --display-text, --description or --set KEY=VALUE\n");
    check_error(
        {"component", "update", k_id, "--name", "x", "--if-version", "two", "--target", k_closed},
        "--if-version: error: expected a version number (1 or more) or \"latest\", not "
        "\"two\"\n"
        "  hint: give the _version the entity had when you read it, e.g. --if-version 3\n");
    check_error({"component", "update", k_id, "--set", "lifecycle", "--target", k_closed},
                "--set: error: expected KEY=VALUE, not \"lifecycle\"\n"
                "  hint: write the field's API key, '=' and the value, e.g. --set "
                "lifecycle=Live\n");
    check_error({"component", "find", "-w", "Apps", "--target", k_closed},
                "component find: error: nothing to look for\n"
                "  hint: give a NAME (part of the component name) and/or --field KEY=VALUE\n");
    check_error({"metamodel", "get", "--target", k_closed},
                "metamodel get: error: which model?\n"
                "  hint: give a model id or name, or --workspace NAME|ID\n");
}

TEST_CASE("parity: client commands need the Ardoq API, a token, and no --offline") {
    auto r = run({"workspace", "list"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "workspace list: error: needs the Ardoq API, not the snapshot file "
                   "file:.ardoq-sync/workspace.json\n"
                   "  hint: pass --target https://ORG.ardoq.com (or http://HOST:PORT) or set "
                   "ARDOQ_API_HOST\n");
    check_error({"folder", "list", "--target", k_closed, "--offline"},
                "--offline: error: folder list talks to Ardoq directly and has no offline mode\n"
                "  hint: drop --offline; `ardoq-sync find --offline` searches the cached "
                "snapshot\n");
    r = run({"tag", "list", "-w", "x", "--target", k_closed}, {{"ARDOQ_API_TOKEN", ""}});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--target: error: no API token for " + k_closed +
                       "\n  hint: export ARDOQ_API_TOKEN=... or pass --token-file PATH\n");
    r = run({"workspace", "list", "--target", k_closed, "--token", "secret-in-argv"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("secret-in-argv") == std::string::npos);
}

TEST_CASE("parity: a closed port is a network error naming the call and the target") {
    auto r = run({"workspace", "list", "--target", k_closed, "--connect-timeout", "2"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    // Four warnings (one per retry), then the error with its hint.
    std::size_t retries = 0;
    for (auto at = r.err.find("; retrying in "); at != std::string::npos;
         at = r.err.find("; retrying in ", at + 1))
        ++retries;
    CHECK(retries == 4);
    CHECK(r.err.starts_with("warning: list workspaces: GET /api/v2/workspaces: cannot connect to "
                            "127.0.0.1:9: Connection refused; retrying in "));
    const auto error = r.err.find("error: ");
    REQUIRE(error != std::string::npos);
    CHECK(r.err.substr(error) ==
          "error: list workspaces: GET /api/v2/workspaces: cannot connect to 127.0.0.1:9: "
          "Connection refused (gave up after 5 attempts)\n"
          "  hint: check the target URL (--target / ARDOQ_API_HOST) and that the server is "
          "reachable\n");
}

TEST_CASE("parity: command-line mistakes are reported by the parser with exit code 1") {
    auto r = run({"component", "list", "--target", k_closed});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "--workspace is required\nRun with --help for more information.\n");

    r = run({"workspace", "list", "--output", "xml", "--target", k_closed});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--output: xml not in {json,table}\nRun with --help for more information.\n");

    r = run({"component", "update", k_id, "--parent", k_id, "--no-parent"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--parent excludes --no-parent\nRun with --help for more information.\n");

    r = run({"workspace"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "A subcommand is required\nRun with --help for more information.\n");

    r = run({"workspace", "--help"});
    CHECK(r.exit_code == 0);
    for (const char* sub : {"list", "get", "aggregated", "create", "delete", "move"})
        CHECK_MESSAGE(r.out.find(std::string("  ") + sub + " ") != std::string::npos, sub);
}
