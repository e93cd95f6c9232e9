// `ardoq-sync validate`, the real binary: phase a on its own, phase b against a context
// file, a snapshot file, a file: target (named, from the mapping, or the default), an
// HTTP target (the emulator) and the snapshot cache; exit codes 0 and 1.

#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_json.hpp"

#include "support/emulator.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq;
using namespace ardoq::test;
namespace fs = std::filesystem;

namespace {

// The portfolio sample's workspace: Domain and Application (with external_id, lifecycle
// (List: Planned, Live, Retired), annual_cost (Number)), reference type "Depends on".
std::string portfolio_snapshot() {
    return source_dir() + "/samples/portfolio/snapshot.json";
}

std::string mapping_text(const std::string& type, const std::string& extra_top = {}) {
    return extra_top +
           "version: 1\n"
           "workspace: Application Portfolio\n"
           "sources:\n"
           "  apps: { csv: apps.csv }\n"
           "components:\n"
           "  - from: apps\n"
           "    type: " +
           type +
           "\n"
           "    key: \"app-{{ id }}\"\n"
           "    name: \"{{ name }}\"\n"
           "    fields: { lifecycle: Live }\n";
}

const char* const k_unknown_type = "mapping.yaml:7:11: error: unknown component type "
                                   "\"Aplication\"\n"
                                   "  hint: did you mean \"Application\"?\n";

// Runs `ardoq-sync -q validate mapping.yaml ARGS...` in `dir` with no target in the
// environment (-q: no progress lines, only warnings and errors on stderr).
ProcessResult validate(const std::string& dir, std::vector<std::string> args,
                       std::map<std::string, std::string> env = {}) {
    std::vector<std::string> argv{sync_bin(), "-q", "validate", "mapping.yaml"};
    argv.insert(argv.end(), args.begin(), args.end());
    env.try_emplace("ARDOQ_API_HOST", "");
    env.try_emplace("ARDOQ_API_TOKEN", "");
    env.try_emplace("ARDOQ_ORG_LABEL", "");
    return run_process(argv, {}, env, dir);
}

std::string dir_with_mapping(const std::string& text) {
    const std::string dir = make_temp_dir("validate-cmd");
    write_file(dir + "/mapping.yaml", text);
    return dir;
}

} // namespace

TEST_CASE("mapping: validate without a workspace runs phase a only and says so") {
    const std::string dir = dir_with_mapping(mapping_text("Aplication"));
    const auto r = validate(dir, {});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "mapping.yaml: ok (1 source, 1 component rule, 0 reference rules)\n");
    CHECK(r.err == "note: types and fields were not checked against a workspace; give --target, "
                   "--context or --snapshot to check them\n");
}

TEST_CASE("mapping: validate exits 1 with every phase-a problem") {
    const std::string dir = dir_with_mapping("version: 1\n"
                                             "workspace: W\n"
                                             "sources:\n"
                                             "  apps: { csv: apps.csv, delimter: ';' }\n"
                                             "components:\n"
                                             "  - from: aps\n"
                                             "    type: A\n"
                                             "    key: \"{{ id | lowr }}\"\n"
                                             "    name: n\n");
    // Phase a fails before any target is contacted: this target does not exist.
    const auto r = validate(dir, {"--target", "file:missing.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "mapping.yaml:4:26: error: unknown key \"delimter\" in source \"apps\"\n"
                   "  hint: did you mean \"delimiter\"?\n"
                   "mapping.yaml:6:11: error: unknown source \"aps\"\n"
                   "  hint: did you mean \"apps\"?\n"
                   "mapping.yaml:8:19: error: unknown filter \"lowr\"\n"
                   "  hint: did you mean \"lower\"?\n");
}

TEST_CASE("mapping: validate checks against a context file or a snapshot file") {
    const std::string dir = dir_with_mapping(mapping_text("Aplication"));
    const std::string snapshot = connectors::read_snapshot_json(portfolio_snapshot()).workspace.id;
    CHECK(snapshot == "aaaaaaaaaaaaaaaaaaaaaa01");

    auto r = validate(dir, {"--snapshot", portfolio_snapshot()});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == k_unknown_type);

    write_file(dir + "/mapping.yaml", mapping_text("Application"));
    r = validate(dir, {"--snapshot", portfolio_snapshot()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "mapping.yaml: ok (1 source, 1 component rule, 0 reference rules; types and "
                   "fields checked against " +
                       portfolio_snapshot() + ")\n");
    CHECK(r.err == "");

    write_file(dir + "/context.json",
               R"({"workspaceId": "aaaaaaaaaaaaaaaaaaaaaa01",
                   "componentTypes": [{"typeId": "p1", "name": "Application",
                                       "customFields": ["external_id", "lifecycle"]}],
                   "referenceTypes": [],
                   "customFields": [
                     {"apiKey": "external_id", "label": "External ID", "type": "Text"},
                     {"apiKey": "lifecycle", "label": "Lifecycle", "type": "List",
                      "options": ["Planned", "Retired"]}]})");
    r = validate(dir, {"--context", "context.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mapping.yaml:10:26: error: \"Live\" is not an option of the List field "
                   "\"lifecycle\"\n"
                   "  hint: options: \"Planned\", \"Retired\"\n");

    write_file(dir + "/context.json", "{\"componentTypes\": [");
    r = validate(dir, {"--context", "context.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "context.json: error: invalid JSON: incomplete JSON\n"
                   "  hint: save the answer of GET /api/v2/workspaces/{id}/context as it is\n");
}

TEST_CASE("mapping: validate finds the workspace through a file: target") {
    const std::string dir = dir_with_mapping(mapping_text("Aplication"));
    fs::copy_file(portfolio_snapshot(), dir + "/ws.json");

    // --target
    auto r = validate(dir, {"--target", "file:ws.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == k_unknown_type);

    // ARDOQ_API_HOST
    r = validate(dir, {}, {{"ARDOQ_API_HOST", "file:ws.json"}});
    CHECK(r.exit_code == 1);
    CHECK(r.err == k_unknown_type);

    // The mapping's target:
    write_file(dir + "/mapping.yaml", mapping_text("Application", "target: file:ws.json\n"));
    r = validate(dir, {});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "mapping.yaml: ok (1 source, 1 component rule, 0 reference rules; types and "
                   "fields checked against file:ws.json)\n");

    // The default target, once its file exists.
    write_file(dir + "/mapping.yaml", mapping_text("Aplication"));
    fs::create_directories(dir + "/.ardoq-sync");
    fs::copy_file(portfolio_snapshot(), dir + "/.ardoq-sync/workspace.json");
    r = validate(dir, {});
    CHECK(r.exit_code == 1);
    CHECK(r.err == k_unknown_type);

    // A named target that is not there is an error, not a silent phase a.
    r = validate(dir, {"--target", "file:nowhere.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "nowhere.json: error: cannot read the snapshot file: No such file or directory\n"
                   "  hint: create it with `ardoq-sync snapshot export --workspace W > "
                   "nowhere.json`\n");
}

TEST_CASE("mapping: validate fetches from an HTTP target and falls back to the cache") {
    Emulator emulator({.seed_file = emulator_fixture("portfolio.json")});
    const std::string dir = dir_with_mapping(mapping_text("Aplication"));
    const std::map<std::string, std::string> token{{"ARDOQ_API_TOKEN", emulator.token()}};

    // Online: fetched, checked, and the cache refreshed.
    auto r = validate(dir, {"--target", emulator.base_url()}, token);
    CHECK(r.exit_code == 1);
    CHECK(r.err == k_unknown_type);
    const connectors::SnapshotCache cache(dir + "/.ardoq-sync/cache");
    REQUIRE(cache.list().size() == 1);
    CHECK(cache.list()[0].host_key == "127.0.0.1_" + std::to_string(emulator.port()));

    // --offline: the cache, no connection.
    write_file(dir + "/mapping.yaml", mapping_text("Application"));
    r = validate(dir, {"--target", emulator.base_url(), "--offline"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("mapping.yaml: ok (1 source, 1 component rule, 0 reference rules; types "
                      "and fields checked against the cached snapshot of " +
                          emulator.base_url() + " fetched at ",
                      0) == 0);

    // No token: the cache, with a note.
    r = validate(dir, {"--target", emulator.base_url()});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "note: no API token for " + emulator.base_url() +
                       ": checked against the cached snapshot instead\n");

    // The target is down: the cache, with the failure as a warning.
    const std::string url = emulator.base_url();
    CHECK(emulator.stop() == 0);
    r = validate(dir, {"--target", url}, token);
    CHECK(r.exit_code == 0);
    const std::string refused = "resolve workspace: GET "
                                "/api/v2/workspaces?name=Application%20Portfolio: cannot connect "
                                "to 127.0.0.1:" +
                                std::to_string(emulator.port()) + ": Connection refused";
    CHECK(r.err.find("warning: " + refused +
                     " (gave up after 2 attempts)\n"
                     "  hint: check the target URL (--target / ARDOQ_API_HOST) and that the "
                     "server is reachable\n"
                     "  note: checked against the cached snapshot instead\n") != std::string::npos);

    // Neither a token nor a cache: the error says how to give a token.
    const std::string empty = dir_with_mapping(mapping_text("Application"));
    r = validate(empty, {"--target", url});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--target: error: no API token for " + url +
                       "\n  hint: export ARDOQ_API_TOKEN=... or pass --token-file PATH\n");
    // --offline without a cache names what is missing.
    r = validate(empty, {"--target", url, "--offline"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--offline: error: no cached snapshot of workspace \"Application Portfolio\" "
                   "for 127.0.0.1_" +
                       std::to_string(emulator.port()) +
                       " in .ardoq-sync/cache\n"
                       "  hint: run once without --offline to fetch it (`ardoq-sync cache show` "
                       "lists what is cached)\n");
}
