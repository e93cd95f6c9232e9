// The snapshot commands through the real ardoq-sync binary: snapshot export, model, find,
// cache show|clear, against a file: target and the emulator; and the redaction check.

#include "client/emulator_data.hpp"
#include "client/sample_workspace.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "support/emulator.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq::test;
namespace fs = std::filesystem;

namespace {

struct Workdir {
    std::string dir = make_temp_dir("ardoq-sync-cli");
    std::string ws = dir + "/ws.json";
    Workdir() { write_file(ws, sample_workspace_json()); }
    ProcessResult run(std::vector<std::string> args,
                      std::map<std::string, std::string> env = {}) const {
        args.insert(args.begin(), sync_bin());
        env.emplace("ARDOQ_API_HOST", "");
        env.emplace("ARDOQ_API_TOKEN", "");
        env.emplace("ARDOQ_ORG_LABEL", "");
        return run_process(args, {}, env, dir);
    }
};

// Every file under `dir`, concatenated.
std::string all_files(const std::string& dir) {
    std::string out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out += read_file(e.path().string());
    return out;
}

} // namespace

TEST_CASE("client: snapshot export of a file: target writes the snapshot format") {
    Workdir w;
    auto r =
        w.run({"snapshot", "export", "-w", "Application Portfolio", "--target", "file:ws.json"});
    CHECK(r.exit_code == 0);
    auto expected = ardoq::connectors::snapshot_to_json_text(
        ardoq::connectors::parse_snapshot_json(sample_workspace_json(), "ws.json"));
    CHECK(r.out == expected);
    r = w.run({"snapshot", "export", "-w", "aaaaaaaaaaaaaaaaaaaaaaaa", "--target", "file:ws.json",
               "-o", "copy.json"});
    CHECK(r.exit_code == 0);
    CHECK(read_file(w.dir + "/copy.json") == expected);
    r = w.run({"snapshot", "export", "-w", "Nope", "--target", "file:ws.json"});
    CHECK(r.exit_code == 1);
    CHECK(
        r.err ==
        "error: workspace \"Nope\" not found in file:ws.json\n"
        "  hint: the file holds workspace \"Application Portfolio\" (aaaaaaaaaaaaaaaaaaaaaaaa)\n");
}

TEST_CASE("client: model prints the type tree with typeIds, reference types and fields") {
    Workdir w;
    auto r = w.run({"model", "-w", "Application Portfolio", "--target", "file:ws.json"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Workspace \"Application Portfolio\" (aaaaaaaaaaaaaaaaaaaaaaaa)\n"
                   "\n"
                   "Component types\n"
                   "  Domain [p1]  fields: external_id\n"
                   "    Application [p2]  fields: external_id, lifecycle, cost, tags\n"
                   "\n"
                   "Reference types\n"
                   "  Depends on [2]  fields: ref_key\n"
                   "\n"
                   "Custom fields\n"
                   "  external_id  Text                External ID\n"
                   "  lifecycle    List                Lifecycle  (Live, Planned)\n"
                   "  cost         Number              Cost\n"
                   "  tags         SelectMultipleList  Tags\n"
                   "  ref_key      Text                Ref key\n");
    r = w.run(
        {"model", "-w", "Application Portfolio", "--target", "file:ws.json", "--format", "json"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("{\"workspace\":{\"_id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\""));
}

TEST_CASE("client: find by name substring, exact name, type and custom field") {
    Workdir w;
    const std::vector<std::string> target{"-w", "Application Portfolio", "--target",
                                          "file:ws.json"};
    auto find = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "find");
        args.insert(args.end(), target.begin(), target.end());
        return w.run(args);
    };
    auto r = find({"BILL"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "id                        type         key    name     parent\n"
                   "a00000000000000000000001  Application  APP-2  Billing  Finance\n"
                   "1 component\n");
    r = find({"--type", "Application", "--field", "cost=3"});
    CHECK(r.out == "id                        type         key    name    parent\n"
                   "a00000000000000000000002  Application  APP-7  Ledger  Finance\n"
                   "1 component\n");
    CHECK(find({"bill", "--exact"}).exit_code == 1);
    CHECK(find({"bill", "--exact"}).out == "no matching components\n");
    CHECK(find({"BILL", "--case-sensitive"}).exit_code == 1);
    r = find({"--field", "colour=red"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.ends_with(
        "--field: error: unknown custom field \"colour\"\n"
        "  hint: fields in this workspace: external_id, lifecycle, cost, tags, ref_key\n"));
    r = find({"--type", "Aplication"});
    CHECK(r.err.ends_with("--type: error: unknown component type \"Aplication\"\n"
                          "  hint: types in this workspace: \"Domain\", \"Application\"\n"));
    r = find({});
    CHECK(r.err == "find: error: nothing to search for\n  hint: give a name, --type TYPE or "
                   "--field NAME=VALUE\n");
}

TEST_CASE("client: the cache fills on export, serves find --offline, shows and clears") {
    Emulator emu(emulator_options(emulator_fixture("portfolio.json")));
    Workdir w;
    std::map<std::string, std::string> env{{"ARDOQ_API_TOKEN", emu.token()},
                                           {"ARDOQ_API_HOST", emu.base_url()}};
    auto r = w.run({"snapshot", "export", "-w", "Application Portfolio", "-o", "out.json"}, env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string host = "127.0.0.1_" + std::to_string(emu.port());
    CHECK(fs::exists(w.dir + "/.ardoq-sync/cache/" + host + "/" + k_portfolio_id + ".snap"));
    r = w.run({"cache", "show"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("cache: .ardoq-sync/cache\nhost"));
    CHECK(r.out.find(host + "  Application Portfolio  aaaaaaaaaaaaaaaaaaaaaa01  ") !=
          std::string::npos);
    CHECK(r.out.find("fresh") != std::string::npos);

    emu.stop(); // the cache answers without the server
    r = w.run({"find", "crm", "-w", "Application Portfolio", "--offline", "--target",
               "http://127.0.0.1:" + std::to_string(emu.port())});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("cccccccccccccccccccccc02  Application") != std::string::npos);

    r = w.run({"cache", "clear", "--host", host});
    CHECK(r.out == "removed 1 cached snapshot from .ardoq-sync/cache\n");
    r = w.run({"cache", "show"});
    CHECK(r.out == "no cached snapshots in .ardoq-sync/cache\n");
}

TEST_CASE(
    "client: the token never reaches stdout, stderr or the cache, even at --log-level trace") {
    const std::string token = "Sup3r-S3cret-Token-for-redaction-test";
    Emulator emu(emulator_options(
        emulator_fixture("portfolio.json"),
        {"--page-size", "2", "--fail-rate", "0.3", "--fail-status", "500", "--fault-seed", "5"},
        token));
    Workdir w;
    write_file(w.dir + "/token", token + "\n");
    std::map<std::string, std::string> env{{"ARDOQ_API_HOST", emu.base_url()}};
    std::string everything;
    auto keep = [&](const ProcessResult& r) { everything += r.out + r.err; };

    auto r = w.run({"--log-level", "trace", "snapshot", "export", "-w", "Application Portfolio",
                    "--token-file", "token"},
                   env);
    keep(r);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("trace: fetch snapshot: GET "
                     "/api/v2/components?rootWorkspace=aaaaaaaaaaaaaaaaaaaaaa01: response body:") !=
          std::string::npos);
    env["ARDOQ_API_TOKEN"] = token;
    keep(w.run({"--log-level", "trace", "--log-format", "json", "model", "-w",
                "Application Portfolio", "--refresh"},
               env));
    keep(w.run({"--log-level", "trace", "find", "CRM", "-w", "Application Portfolio", "--refresh"},
               env));
    auto missing = w.run({"--log-level", "trace", "model", "-w", "No Such Workspace"}, env);
    keep(missing);
    CHECK(missing.exit_code == 1);
    keep(w.run({"--log-level", "trace", "snapshot", "export", "-w", "Application Portfolio",
                "--token", token},
               env));
    env["ARDOQ_API_TOKEN"] = token + "-wrong"; // a refused token must not be echoed either
    auto refused =
        w.run({"--log-level", "trace", "snapshot", "export", "-w", "Application Portfolio"}, env);
    keep(refused);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("HTTP 401") != std::string::npos);

    CHECK(everything.size() > 1000);
    CHECK(everything.find(token) == std::string::npos);
    const std::string cache = all_files(w.dir + "/.ardoq-sync");
    CHECK(cache.size() > 100);
    CHECK(cache.find(token) == std::string::npos);
}
