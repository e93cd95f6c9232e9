// Reliability: the API token never leaves the process. Every kind of command (plan, apply,
// saved plans, reports, snapshot and cache commands, client commands, failing requests)
// runs at --log-level trace with a known token; the token must appear in none of stdout,
// stderr, the run journals, the reports, the saved plan and the cache files. The token
// comes from ARDOQ_API_TOKEN or from a --token-file readable by its owner only.

#include "reliability/reliability_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>

using namespace ardoq::test;
using namespace ardoq::test::reliability;
namespace fs = std::filesystem;

namespace {

const std::string k_token = "tok-5Ecr3t-0fd2c7a9b81e4d36";

// Every regular file under `dir`, with its content.
std::map<std::string, std::string> files_under(const std::string& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out[fs::relative(e.path(), dir).string()] = read_file(e.path().string());
    return out;
}

// True when `text` holds `secret` or 12 characters of it in a row (a shortened form).
bool holds(const std::string& text, const std::string& secret) {
    for (std::size_t i = 0; i + 12 <= secret.size(); ++i)
        if (text.find(secret.substr(i, 12)) != std::string::npos)
            return true;
    return false;
}

// Where `secret` (or a part of it) shows in a command's output, or "".
std::string leaked_in(const ProcessResult& r, const std::string& secret) {
    if (holds(r.out, secret))
        return "stdout";
    if (holds(r.err, secret))
        return "stderr";
    return "";
}

} // namespace

TEST_CASE("reliability: the token is in no output, journal, report, saved plan or cache file at "
          "trace level") {
    Emulator emu({.token = k_token, .seed_file = empty_portfolio_fixture()});
    const std::string dir = make_temp_dir("reliability-secrets");
    write_sync(dir, {.applications = 20, .batch_size = 5});
    const std::string url = emu.base_url();
    // Each command with the exit code it must end with.
    const std::vector<std::pair<int, std::vector<std::string>>> commands = {
        {0, {"plan", "mapping.yaml", "--format", "json"}},
        {0, {"plan", "mapping.yaml", "--format", "html", "--out", "plan.json"}},
        {0, {"apply", "plan.json"}},
        {0, {"apply", "mapping.yaml", "--format", "markdown"}},
        {0, {"plan", "mapping.yaml", "--offline"}},
        {0,
         {"snapshot", "export", "--workspace", "Application Portfolio", "--out", "snapshot.json"}},
        {0, {"model", "--workspace", "Application Portfolio"}}, // from the cache
        {0, {"find", "App 1", "--workspace", "Application Portfolio", "--refresh"}},
        {0, {"cache", "show"}},
        {0, {"workspace", "list", "--summary"}},
        {0, {"component", "find", "app", "-w", "Application Portfolio", "-o", "table"}},
        {0, {"reference", "list", "-w", "Application Portfolio"}},
        {0, {"field", "list"}},
        {1, {"component", "get", "ffffffffffffffffffffffff"}}, // 404
    };
    for (const auto& [code, args] : commands) {
        const bool local = args[0] == "cache"; // no target at all
        const bool offline = local || args[0] == "model" || args.back() == "--offline"; // no HTTP
        std::vector<std::string> full{sync_bin(), "--log-level", "trace"};
        full.insert(full.end(), args.begin(), args.end());
        if (!local)
            full.insert(full.end(), {"--target", url});
        const auto r =
            run_process(full, {}, {{"ARDOQ_API_TOKEN", k_token}, {"ARDOQ_API_HOST", ""}}, dir);
        INFO(args[0] << " " << (args.size() > 1 ? args[1] : "") << ": exit " << r.exit_code << "\n"
                     << r.err.substr(0, 2000));
        CHECK(r.exit_code == code);
        CHECK(leaked_in(r, k_token) == "");
        // Trace level really logged the HTTP exchanges (for the commands that talk to Ardoq).
        if (!offline)
            CHECK(r.err.find("trace: ") != std::string::npos);
    }

    // Failing requests: a 500 and a wrong token. Neither the token sent nor the right one
    // shows in the error.
    {
        Emulator failing({.token = k_token,
                          .seed_file = empty_portfolio_fixture(),
                          .extra_args = {"--fail-rate", "1", "--fail-status", "500"}});
        const auto r = sync(failing, dir, {"--log-level", "trace", "plan", "mapping.yaml"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("HTTP 500") != std::string::npos);
        CHECK(leaked_in(r, k_token) == "");
    }
    {
        const std::string wrong = "tok-wr0ng-77e1c0d3a5b94f28";
        const auto r = sync(url, wrong, dir, {"--log-level", "trace", "plan", "mapping.yaml"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("401") != std::string::npos);
        CHECK(leaked_in(r, wrong) == "");
        CHECK(leaked_in(r, k_token) == "");
    }

    // Files the runs left: journals, cache, saved plan, exported snapshot.
    const auto files = files_under(dir);
    std::size_t journals = 0, caches = 0;
    for (const auto& [name, content] : files) {
        INFO(name);
        CHECK_FALSE(holds(content, k_token));
        journals += name.starts_with(".ardoq-sync/runs/") ? 1 : 0;
        caches += name.starts_with(".ardoq-sync/cache/") ? 1 : 0;
    }
    CHECK(journals == 1); // the saved plan's apply; the second apply had nothing left to do
    CHECK(caches >= 1);
    CHECK(files.count("plan.json") == 1);
    CHECK(files.count("snapshot.json") == 1);
    fs::remove_all(dir);
}

TEST_CASE("reliability: the token is read from a file readable by its owner only") {
    Emulator emu({.token = k_token, .seed_file = empty_portfolio_fixture()});
    const std::string dir = make_temp_dir("reliability-token-file");
    write_sync(dir, {.applications = 20});
    write_file(dir + "/token", k_token + "\n");
    REQUIRE(::chmod((dir + "/token").c_str(), 0600) == 0);
    const auto r = run_process({sync_bin(), "plan", "mapping.yaml", "--target", emu.base_url(),
                                "--token-file", dir + "/token"},
                               {}, {{"ARDOQ_API_TOKEN", ""}, {"ARDOQ_API_HOST", ""}}, dir);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("warning") == std::string::npos);
    CHECK(leaked_in(r, k_token) == "");

    // A token on the command line is refused: every user could read it with ps.
    const auto argv = run_process(
        {sync_bin(), "plan", "mapping.yaml", "--target", emu.base_url(), "--token", k_token}, {},
        {{"ARDOQ_API_TOKEN", ""}, {"ARDOQ_API_HOST", ""}}, dir);
    CHECK(argv.exit_code == 1);
    CHECK(argv.err == "--token: error: an API token on the command line is visible to every user "
                      "(ps)\n  hint: export ARDOQ_API_TOKEN=... or write it to a file and pass "
                      "--token-file PATH\n");
    fs::remove_all(dir);
}

TEST_CASE("reliability: a token file readable by other users is warned about") {
    Emulator emu({.token = k_token, .seed_file = empty_portfolio_fixture()});
    const std::string dir = make_temp_dir("reliability-token-file");
    write_sync(dir, {.applications = 20});
    write_file(dir + "/token", k_token + "\n");
    REQUIRE(::chmod((dir + "/token").c_str(), 0644) == 0);
    const auto r = run_process({sync_bin(), "plan", "mapping.yaml", "--target", emu.base_url(),
                                "--token-file", dir + "/token"},
                               {}, {{"ARDOQ_API_TOKEN", ""}, {"ARDOQ_API_HOST", ""}}, dir);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("warning: --token-file: \"" + dir + "/token\" can be read by other users") !=
          std::string::npos);
    CHECK(r.err.find("hint: chmod 600 " + dir + "/token") != std::string::npos);
    CHECK(leaked_in(r, k_token) == "");
    fs::remove_all(dir);
}
