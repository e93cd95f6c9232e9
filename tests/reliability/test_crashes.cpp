// Reliability: `ardoq-sync apply` killed with SIGKILL at seeded random points of a large
// run (while it reads, while it fetches, between and during batch requests). After each
// kill a plain re-run takes over the stale lock, finishes, and leaves the workspace
// exactly as desired: 0 missing, 0 duplicated, 0 extra.
//
// 4 points here; tests/soak/run.sh runs 20 at 10,000 applications (RELIABILITY_KILL_POINTS,
// RELIABILITY_APPLICATIONS, RELIABILITY_SEED).

#include "reliability/reliability_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <signal.h>
#include <thread>

using namespace ardoq::test;
using namespace ardoq::test::reliability;
namespace fs = std::filesystem;

namespace {

std::size_t env_number(const char* name, std::size_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::stoul(v) : fallback;
}

bool has_lock(const std::string& dir) {
    const fs::path locks = dir + "/.ardoq-sync/locks";
    return fs::exists(locks) && !fs::is_empty(locks);
}

} // namespace

TEST_CASE("reliability: apply killed with SIGKILL at seeded points, each re-run converges with no "
          "duplicates") {
    const std::size_t points = env_number("RELIABILITY_KILL_POINTS", 4);
    const std::uint64_t seed = env_number("RELIABILITY_SEED", 20240601);
    const SyncShape shape{.applications = env_number("RELIABILITY_APPLICATIONS", 2000)};
    const auto desired = desired_entities(shape);
    // Batch requests of the run (components and references, 100 per request), less a margin
    // of ten: every kill point lies well before the last request, even on a busy machine.
    const long batches = static_cast<long>(desired.size() / shape.batch_size) - 10;

    const std::string dir = make_temp_dir("reliability-kill");
    write_sync(dir, shape);
    // 20 ms per answer, so that a kill point between two requests is hit reliably.
    Emulator emu({.seed_file = empty_portfolio_fixture(), .extra_args = {"--latency-ms", "20"}});
    const std::string empty_state = read_file(empty_portfolio_fixture());
    std::mt19937_64 random(seed);
    std::size_t killed_mid_run = 0;

    for (std::size_t point = 0; point < points; ++point) {
        const auto reset = emu.request("PUT", "/_emulator/state", empty_state);
        REQUIRE_MESSAGE(reset.status == 200, reset.body);
        const long before = batch_requests(emu);
        // 0: during reading, fetching and planning (a delay); k: once batch request k arrived.
        const long after_batch = static_cast<long>(random() % static_cast<std::uint64_t>(batches));
        const auto extra_delay = std::chrono::milliseconds(random() % 25);
        INFO("kill point " << point + 1 << " of " << points << " (seed " << seed
                           << "): after batch request " << after_batch << " + "
                           << extra_delay.count() << " ms");

        BackgroundProcess apply({"/bin/sh", "-c",
                                 "cd '" + dir + "' && exec '" + sync_bin() +
                                     "' --quiet apply mapping.yaml --target " + emu.base_url() +
                                     " >>killed.out 2>>killed.err"},
                                {{"ARDOQ_API_TOKEN", emu.token()}, {"ARDOQ_API_HOST", ""}});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (batch_requests(emu) - before < after_batch &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(extra_delay);
        const int pid = apply.pid();
        const int code = apply.stop(SIGKILL);
        const long sent = batch_requests(emu) - before; // batch requests of the killed run
        if (code == -1)
            ++killed_mid_run;
        const bool stale_lock = has_lock(dir);
        if (code == -1 && sent > 0)
            CHECK(stale_lock); // killed while it held the lock

        // Whatever the killed run sent, it created nothing twice.
        const auto partial = compare(desired, actual_entities(emu.state()));
        CHECK_MESSAGE(partial.duplicated == 0, partial.sample);

        // A plain re-run: takes over the stale lock, converges.
        const auto r = sync(emu, dir, {"apply", "mapping.yaml"});
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        if (stale_lock)
            CHECK(r.err.find("warning: removing the stale lock .ardoq-sync/locks/127.0.0.1_" +
                             std::to_string(emu.port()) + "-" + k_workspace +
                             ".lock of a run that ended without removing it (pid " +
                             std::to_string(pid) + " on ") != std::string::npos);
        if (code == -1 && sent > 0)
            CHECK(r.err.find("warning: the previous apply did not finish (journal "
                             ".ardoq-sync/runs/") != std::string::npos);
        CHECK_FALSE(has_lock(dir));
        const auto result = compare(desired, actual_entities(emu.state()));
        INFO(result.sample);
        CHECK(result.missing == 0);
        CHECK(result.duplicated == 0);
        CHECK(result.extra == 0);
    }
    // The seeded points are inside the run, not after it.
    CHECK(killed_mid_run == points);
    fs::remove_all(dir);
}
