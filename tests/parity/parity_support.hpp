#pragma once
// Test support for the ardoqpy parity tests: the real ardoq-sync binary run against the real
// emulator seeded with tests/parity/fixtures/ardoqpy-world.json, and JSON helpers that make
// an answer comparable in full (timestamps the emulator sets at run time are checked for
// their form, then replaced by "<time>").

#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::test::parity {

namespace json = boost::json;

inline std::string world_fixture() {
    return source_dir() + "/tests/parity/fixtures/ardoqpy-world.json";
}

// The environment every run gets: the emulator's token, and nothing from the caller's shell
// that could pick another target.
inline std::map<std::string, std::string> cli_env(const Emulator& emulator) {
    return {{"ARDOQ_API_TOKEN", emulator.token()}, {"ARDOQ_API_HOST", ""}, {"ARDOQ_ORG_LABEL", ""}};
}

// Runs `ardoq-sync ARGS... --target <emulator>`.
inline ProcessResult run_cli(const Emulator& emulator, std::vector<std::string> args,
                             const std::string& stdin_text = {}) {
    std::vector<std::string> argv{sync_bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--target");
    argv.push_back(emulator.base_url());
    return run_process(argv, stdin_text, cli_env(emulator));
}

inline std::string joined(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args)
        out += (out.empty() ? "" : " ") + a;
    return out;
}

// Runs a command that must succeed silently on stderr and returns its stdout as JSON.
inline json::value cli_json(const Emulator& emulator, const std::vector<std::string>& args) {
    auto r = run_cli(emulator, args);
    INFO("ardoq-sync ", joined(args), "\nstdout: ", r.out, "\nstderr: ", r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.err == "");
    boost::system::error_code ec;
    json::value v = json::parse(r.out, ec);
    REQUIRE_MESSAGE(!ec, "stdout is not JSON: ", r.out);
    return v;
}

// Runs a command that must succeed silently on stderr and returns its stdout as text.
inline std::string cli_text(const Emulator& emulator, const std::vector<std::string>& args) {
    auto r = run_cli(emulator, args);
    INFO("ardoq-sync ", joined(args), "\nstderr: ", r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.err == "");
    return r.out;
}

inline bool is_oid(std::string_view s) {
    if (s.size() != 24)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

// "2026-07-13T08:13:30.378Z": the form of every time the emulator sets.
inline bool is_iso_time(std::string_view s) {
    if (s.size() != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[19] != '.' || s[23] != 'Z')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22})
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

// `v` with every "created", "lastUpdated" and "last-updated" time replaced by "<time>",
// after CHECKing that each is an ISO-8601 UTC time. Fixture times (2024-01-02...) are kept.
inline json::value without_times(json::value v) {
    if (auto* o = v.if_object()) {
        for (auto& m : *o) {
            const auto key = m.key();
            if ((key == "created" || key == "lastUpdated" || key == "last-updated") &&
                m.value().is_string() && !m.value().get_string().starts_with("2024-01-02")) {
                CHECK_MESSAGE(is_iso_time(m.value().get_string()), key, ": ", m.value());
                m.value() = "<time>";
            } else {
                m.value() = without_times(std::move(m.value()));
            }
        }
    } else if (auto* a = v.if_array()) {
        for (auto& item : *a)
            item = without_times(std::move(item));
    }
    return v;
}

// The string member `key` of a JSON object (REQUIREs it).
inline std::string str(const json::value& v, std::string_view key) {
    REQUIRE(v.is_object());
    const auto* m = v.get_object().if_contains(key);
    REQUIRE_MESSAGE(m != nullptr, "no member ", key, " in ", json::serialize(v));
    REQUIRE(m->is_string());
    return std::string(m->get_string());
}

// Replaces each "${name}" in `text` by its value, then parses it as JSON.
inline json::value expected(std::string text, const std::map<std::string, std::string>& vars = {}) {
    for (const auto& [name, value] : vars) {
        const std::string token = "${" + name + "}";
        for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at))
            text.replace(at, token.size(), value);
    }
    return json::parse(text);
}

} // namespace ardoq::test::parity
