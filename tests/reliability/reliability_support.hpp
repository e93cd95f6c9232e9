#pragma once
// Test support for the reliability tests: the real ardoq-sync run against the real
// emulator, the emulator's answer counts, and its state handed on to the next emulator.

#include "reliability/generated_sync.hpp"
#include "reliability/workspace_compare.hpp"
#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ardoq::test::reliability {

// The Application Portfolio workspace with no components (tests/e2e/fixtures).
inline std::string empty_portfolio_fixture() {
    return source_dir() + "/tests/e2e/fixtures/portfolio-empty.json";
}

// Runs `ardoq-sync <args...> --target <url>` in `dir` with the token in ARDOQ_API_TOKEN.
inline ProcessResult sync(const std::string& base_url, const std::string& token,
                          const std::string& dir, std::vector<std::string> args) {
    args.insert(args.begin(), sync_bin());
    args.push_back("--target");
    args.push_back(base_url);
    return run_process(args, {}, {{"ARDOQ_API_TOKEN", token}, {"ARDOQ_API_HOST", ""}}, dir);
}

// Answers the emulator gave, by status ("200", "500", "429", "dropped"), over every API
// route (GET /_emulator/stats).
inline std::map<std::string, long> answers_by_status(const Emulator& emu) {
    std::map<std::string, long> out;
    const auto stats = emu.get("/_emulator/stats").json();
    for (const auto& route : stats.at("routes").as_object())
        for (const auto& status : route.value().as_object())
            out[std::string(status.key())] += static_cast<long>(status.value().as_int64());
    return out;
}

// POST /api/v2/batch requests the emulator received (any outcome).
inline long batch_requests(const Emulator& emu) {
    const auto stats = emu.get("/_emulator/stats").json();
    const auto* route = stats.at("routes").as_object().if_contains("POST /api/v2/batch");
    long n = 0;
    if (route != nullptr)
        for (const auto& status : route->as_object())
            n += static_cast<long>(status.value().as_int64());
    return n;
}

// Writes the emulator's state to `file` (to seed the next emulator with it).
inline void save_state(const Emulator& emu, const std::string& file) {
    write_file(file, emu.state());
}

inline ProcessResult sync(const Emulator& emu, const std::string& dir,
                          std::vector<std::string> args) {
    return sync(emu.base_url(), emu.token(), dir, std::move(args));
}

} // namespace ardoq::test::reliability
