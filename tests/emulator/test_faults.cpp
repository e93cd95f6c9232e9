// Conformance: injected faults and limits — --fail-rate/--fail-status, --drop-rate with
// --drop-mode before|after|both, determinism under --fault-seed, --rate-limit with 429 and
// Retry-After, and --latency-ms. Admin routes are never faulted.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

const std::string k_create = R"({"components": {"create": [{"body": {
    "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "New"}}]}})";

std::size_t component_count(const Emulator& emu) {
    return json::parse(emu.state()).at("components").as_array().size();
}

// The statuses of `n` GET /me requests (0 for a dropped connection).
std::vector<int> statuses(const Emulator& emu, int n) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
        out.push_back(emu.get("/api/v2/me").status);
    return out;
}

} // namespace

TEST_CASE("emulator: --fail-rate answers --fail-status and changes nothing") {
    Emulator emu(portfolio({"--fail-rate", "1"}));
    auto r = emu.post("/api/v2/batch", k_create);
    CHECK(error_of(r) == "500 injected_fault: POST /api/v2/batch: injected failure (--fail-rate); "
                         "nothing was changed | hint: retry the request");
    CHECK(r.header("Retry-After").empty());
    CHECK(component_count(emu) == 5); // the admin routes are not faulted
    Emulator unavailable(portfolio({"--fail-rate", "1", "--fail-status", "503"}));
    auto u = unavailable.get("/api/v2/me");
    CHECK(u.status == 503);
    CHECK(u.header("Retry-After") == "1");
}

TEST_CASE("emulator: faults are a function of --fault-seed and the request number") {
    auto run = [](const char* seed) {
        Emulator emu(portfolio({"--fail-rate", "0.3", "--drop-rate", "0.2", "--drop-mode", "before",
                                "--fault-seed", seed}));
        return statuses(emu, 40);
    };
    auto first = run("11");
    CHECK(first == run("11"));
    CHECK(first != run("12"));
    std::size_t ok = 0, failed = 0, dropped = 0;
    for (int s : first)
        (s == 200 ? ok : s == 500 ? failed : dropped) += (s == 200 || s == 500 || s == 0) ? 1 : 0;
    CHECK(ok + failed + dropped == 40);
    CHECK(ok > 0);
    CHECK(failed > 0);
    CHECK(dropped > 0);
}

TEST_CASE("emulator: --drop-mode before closes without answering and applies nothing") {
    Emulator emu(portfolio({"--drop-rate", "1", "--drop-mode", "before"}));
    auto r = emu.post("/api/v2/batch", k_create);
    CHECK(r.status == 0);
    CHECK(r.error.rfind("connection closed without an answer", 0) == 0);
    CHECK(component_count(emu) == 5);
    auto stats = emu.get("/_emulator/stats").json();
    CHECK(json::serialize(stats.at("routes")) == R"({"POST /api/v2/batch":{"dropped":1}})");
}

TEST_CASE("emulator: --drop-mode after applies the request, then closes without answering") {
    Emulator emu(portfolio({"--drop-rate", "1", "--drop-mode", "after"}));
    auto r = emu.post("/api/v2/batch", k_create);
    CHECK(r.status == 0);
    CHECK(component_count(emu) == 6);
}

TEST_CASE("emulator: --drop-mode both drops before and after applying") {
    Emulator emu(portfolio({"--drop-rate", "1", "--drop-mode", "both", "--fault-seed", "5"}));
    for (int i = 0; i < 20; ++i)
        CHECK(emu.post("/api/v2/batch", k_create).status == 0);
    std::size_t applied = component_count(emu) - 5;
    CHECK(applied > 0);
    CHECK(applied < 20);
}

TEST_CASE("emulator: --rate-limit answers 429 with Retry-After beyond the rate") {
    Emulator emu(portfolio({"--rate-limit", "1/s"}));
    auto first = emu.get("/api/v2/me");
    auto second = emu.get("/api/v2/me");
    CHECK(first.status == 200);
    CHECK(error_of(second) ==
          "429 rate_limited: GET /api/v2/me: more requests than the rate limit of 1/s | "
          "hint: wait for the number of seconds in Retry-After, then retry");
    CHECK(second.header("Retry-After") == "1");
    CHECK(emu.get("/_emulator/state").status == 200); // admin routes are not limited
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(emu.get("/api/v2/me").status == 200);
}

TEST_CASE("emulator: --latency-ms delays every API answer") {
    Emulator emu(portfolio({"--latency-ms", "250"}));
    auto start = std::chrono::steady_clock::now();
    auto r = emu.get("/api/v2/me");
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(r.status == 200);
    CHECK(elapsed >= std::chrono::milliseconds(250));
    start = std::chrono::steady_clock::now();
    CHECK(emu.get("/_emulator/stats").status == 200);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(250));
}
