#pragma once
// Emulator states for the client's end-to-end tests and benchmarks: the portfolio fixture
// with `components` generated Applications and `references` generated "Depends on"
// references added to its "Application Portfolio" workspace.

#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <string>

namespace ardoq::test {

inline const std::string k_portfolio_id = "aaaaaaaaaaaaaaaaaaaaaa01";

inline std::string generated_oid(char prefix, std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%023zx", prefix, n);
    return buf;
}

inline std::string generated_state(std::size_t components, std::size_t references) {
    auto state = boost::json::parse(read_file(emulator_fixture("portfolio.json"))).as_object();
    auto& comps = state["components"].as_array();
    auto& refs = state["references"].as_array();
    comps.reserve(comps.size() + components);
    for (std::size_t i = 0; i < components; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "Application %06zu", i);
        boost::json::object c{
            {"_id", generated_oid('e', i)},
            {"name", name},
            {"rootWorkspace", k_portfolio_id},
            {"typeId", "p1000000000002"},
            {"customFields", boost::json::object{{"external_id", "gen-" + std::to_string(i)},
                                                 {"lifecycle", i % 3 == 0 ? "Planned" : "Live"}}}};
        if (i % 10 == 0)
            c["parent"] = "cccccccccccccccccccccc01";
        if (i % 4 == 0)
            c["description"] = "generated application number " + std::to_string(i);
        comps.push_back(std::move(c));
    }
    refs.reserve(refs.size() + references);
    for (std::size_t i = 0; i < references && components > 1; ++i) {
        std::size_t source = i % components;
        std::size_t target = (i * 7 + 1) % components;
        if (target == source)
            target = (target + 1) % components;
        refs.push_back(boost::json::object{
            {"_id", generated_oid('f', i)},
            {"source", generated_oid('e', source)},
            {"target", generated_oid('e', target)},
            {"type", 2},
            {"customFields", boost::json::object{{"ref_key", "r-" + std::to_string(i)}}}});
    }
    return boost::json::serialize(state);
}

// Writes generated_state() to a fresh temp dir and returns the file's path.
inline std::string generated_seed(std::size_t components, std::size_t references) {
    auto path = make_temp_dir("ardoq-sync-seed") + "/seed.json";
    write_file(path, generated_state(components, references));
    return path;
}

inline EmulatorOptions emulator_options(std::string seed_file,
                                        std::vector<std::string> extra_args = {},
                                        std::string token = {}) {
    EmulatorOptions o;
    o.seed_file = std::move(seed_file);
    o.extra_args = std::move(extra_args);
    if (!token.empty())
        o.token = std::move(token);
    return o;
}

} // namespace ardoq::test
