// End to end: what keeps a scheduled sync safe — an apply cut short by dropped connections
// converges on the next run without duplicates, a second concurrent apply is refused by
// the workspace lock, and a saved plan is refused once the workspace changed under it.

#include "e2e/e2e_support.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace ardoq::test;
using namespace ardoq::test::e2e;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// The portfolio sample with small requests, so that an apply takes several.
std::string small_batches(const std::string& sample) {
    const std::string dir = sample_dir(sample);
    std::string mapping = read_file(dir + "/mapping.yaml");
    mapping.replace(mapping.find("batch_size: 500"), 15, "batch_size: 2");
    write_file(dir + "/mapping.yaml", mapping);
    return dir;
}

std::vector<json::value> journals(const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir + "/.ardoq-sync/runs"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<json::value> out;
    for (const auto& f : files)
        out.push_back(json::parse(read_file(f.string())));
    return out;
}

std::size_t outcomes(const json::value& journal, const char* status) {
    std::size_t n = 0;
    for (const auto& e : journal.at("events").as_array())
        if (e.at("event") == "request" && e.at("outcome").at("status") == status)
            ++n;
    return n;
}

} // namespace

TEST_CASE("e2e: an apply interrupted by dropped connections converges on the next run") {
    const std::string dir = small_batches("portfolio");
    const std::string seeded = dir + "/seed.json";
    {
        // Half of the connections dropped (reads included) before the emulator applied the
        // request: the client cannot know the outcome of those writes. With this seed a
        // round now and then gets a request through, so the run re-plans 6 times in all, but
        // the last 4 rounds apply nothing: after 3 re-plans in a row without progress it
        // gives up with the references still missing.
        Emulator faulty(
            {.seed_file = fixture("portfolio-empty.json"),
             .extra_args = {"--drop-rate", "0.5", "--drop-mode", "before", "--fault-seed", "20"}});
        const auto r = sync(faulty, dir, {"apply", "mapping.yaml"});
        const auto first = journals(dir);
        REQUIRE(first.size() == 1);
        // It met unknown outcomes, did not send them again blindly but re-planned, and
        // finally gave up saying what to do.
        CHECK(outcomes(first[0], "unknown") >= 1);
        CHECK(first[0].at("result").at("status") == "unknown");
        CHECK(first[0].at("result").at("replans") == 6);
        CHECK(first[0].at("result").at("operations") == 8);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("error: apply: gave up after 3 re-plans without progress: request "
                         "outcomes stayed unknown (the connection to " +
                         faulty.base_url() +
                         " keeps failing)\n  hint: the workspace holds some of the changes; run "
                         "apply again when the target is reachable: it plans what is left\n") !=
              std::string::npos);
        // What got there is there once.
        for (const auto& [name, n] : components(faulty))
            CHECK_MESSAGE(n == 1, name);
        write_file(seeded, faulty.state());
    }
    // The same workspace, reachable again: the next run completes what is left.
    Emulator emu({.seed_file = seeded});
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    // It had something left to do, and did it.
    const auto all = journals(dir);
    REQUIRE(all.size() == 2);
    CHECK(all[1].at("result").at("status") == "complete");
    CHECK(all[1].at("result").at("replans") == 0);
    CHECK(components(emu) == std::map<std::string, int>{{"app-1: CRM", 1},
                                                        {"app-2: Webshop", 1},
                                                        {"app-3: Payroll", 1},
                                                        {"app-4: Recruiting", 1},
                                                        {"app-5: Ledger", 1},
                                                        {"dom-finance: Finance", 1},
                                                        {"dom-hr: HR", 1},
                                                        {"dom-sales: Sales", 1}});
    CHECK(reference_count(emu) == 3); // no duplicate references either
    const auto summary = plan_summary(emu, dir);
    CHECK(summary.at("create") == 0);
    CHECK(summary.at("update") == 0);
    CHECK(summary.at("unchanged") == 11);
    fs::remove_all(dir);
}

TEST_CASE("e2e: a second apply on the same workspace is refused while the first runs") {
    // Slow answers keep the first apply running long enough.
    Emulator emu(
        {.seed_file = fixture("portfolio-empty.json"), .extra_args = {"--latency-ms", "300"}});
    const std::string dir = sample_dir("portfolio");
    const std::string state = dir + "/state";
    std::map<std::string, std::string> env{{"ARDOQ_API_TOKEN", emu.token()},
                                           {"ARDOQ_API_HOST", ""}};
    BackgroundProcess first({sync_bin(), "--quiet", "apply", dir + "/mapping.yaml", "--target",
                             emu.base_url(), "--state-dir", state, "--cache-dir", dir + "/cache"},
                            env);
    const fs::path locks = state + "/locks";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!(fs::exists(locks) && !fs::is_empty(locks)) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(fs::exists(locks));
    const fs::path lock = fs::directory_iterator(locks)->path();
    CHECK(lock.filename() ==
          "127.0.0.1_" + std::to_string(emu.port()) + "-aaaaaaaaaaaaaaaaaaaaaa01.lock");

    auto second = sync(emu, dir, {"apply", "mapping.yaml", "--state-dir", state});
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("error: another ardoq-sync run is applying to workspace "
                          "aaaaaaaaaaaaaaaaaaaaaa01 on " +
                          emu.base_url() + " (pid " + std::to_string(first.pid()) + " on ") !=
          std::string::npos);
    CHECK(second.err.find("hint: wait until it has finished; if no such run exists any more, "
                          "remove " +
                          lock.string()) != std::string::npos);
    CHECK(first.stop(0, 60000) == 0); // signal 0: only wait for it to finish
    CHECK_FALSE(fs::exists(lock));
    CHECK(batch_posts(emu) == 1); // the first run's only request; the second sent nothing
    // Now free: the next apply runs (and has nothing to do).
    auto third = sync(emu, dir, {"apply", "mapping.yaml", "--state-dir", state});
    CHECK_MESSAGE(third.exit_code == 0, third.err);
    fs::remove_all(dir);
}

TEST_CASE("e2e: a saved plan is applied as reviewed, and refused once the workspace changed") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    put_sample_snapshot(emu, "portfolio");
    const std::string dir = sample_dir("portfolio");
    auto r = sync(emu, dir, {"--quiet", "plan", "mapping.yaml", "--out", "plan.json"});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");

    // Someone edits Webshop in Ardoq after the plan was made.
    const auto edit = emu.post(
        "/api/v2/batch",
        R"({"components":{"update":[{"id":"cccccccccccccccccccccc03","ifVersionMatch":"latest","body":{"description":"edited by hand"}}]}})");
    REQUIRE_MESSAGE(edit.status == 200, edit.body);
    r = sync(emu, dir, {"--quiet", "apply", "plan.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "plan.json: error: the plan is stale: the workspace changed since it was made\n"
                   "plan.json: error: Application \"app-2\" (cccccccccccccccccccccc03) changed "
                   "since the plan was made (version 2, now 3)\n"
                   "  hint: nothing was sent; plan again (`ardoq-sync plan MAPPING --out "
                   "plan.json`), review, then apply the new plan\n");
    CHECK(batch_posts(emu) == 1); // the hand edit only

    // Planned again: applied as reviewed, even though the sources changed since.
    r = sync(emu, dir, {"--quiet", "plan", "mapping.yaml", "--out", "plan.json"});
    CHECK(r.exit_code == 0);
    write_file(dir + "/apps.csv", "id,name,domain,status\n");
    r = sync(emu, dir, {"apply", "plan.json"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(components(emu).size() == 9);
    CHECK(reference_count(emu) == 3);
    fs::remove_all(dir);
}
