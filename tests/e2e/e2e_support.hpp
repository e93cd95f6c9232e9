#pragma once
// Test support for the end-to-end tests: the real ardoq-sync binary run in a scratch
// directory against the real emulator, and what the emulator then holds.

#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ardoq::test::e2e {

inline constexpr const char* k_workspace = "aaaaaaaaaaaaaaaaaaaaaa01";

inline std::string fixture(const std::string& name) {
    return source_dir() + "/tests/e2e/fixtures/" + name;
}

// A scratch directory holding a copy of samples/<sample> (its mapping and data).
inline std::string sample_dir(const std::string& sample) {
    const std::string dir = make_temp_dir("ardoq-e2e-" + sample);
    std::filesystem::copy(source_dir() + "/samples/" + sample, dir,
                          std::filesystem::copy_options::recursive);
    return dir;
}

// Runs `ardoq-sync <args...> --target <emulator>` in `dir` with the emulator's token.
inline ProcessResult sync(const Emulator& emu, const std::string& dir,
                          std::vector<std::string> args) {
    args.insert(args.begin(), sync_bin());
    args.push_back("--target");
    args.push_back(emu.base_url());
    return run_process(args, {}, {{"ARDOQ_API_TOKEN", emu.token()}, {"ARDOQ_API_HOST", ""}}, dir);
}

// Requests the emulator answered for a route ("POST /api/v2/batch"), any status.
inline std::uint64_t route_count(const Emulator& emu, const std::string& route) {
    const auto stats = emu.get("/_emulator/stats").json();
    const auto* counts = stats.at("routes").as_object().if_contains(route);
    std::uint64_t n = 0;
    if (counts != nullptr)
        for (const auto& kv : counts->as_object())
            n += static_cast<std::uint64_t>(kv.value().as_int64());
    return n;
}
inline std::uint64_t batch_posts(const Emulator& emu) {
    return route_count(emu, "POST /api/v2/batch");
}

// Components of the workspace in the emulator: "external_id (or name): name" → count, so
// that duplicates show.
inline std::map<std::string, int> components(const Emulator& emu) {
    std::map<std::string, int> out;
    const auto state = boost::json::parse(emu.state());
    for (const auto& c : state.at("components").as_array()) {
        const auto& o = c.as_object();
        if (o.at("rootWorkspace") != k_workspace)
            continue;
        std::string key;
        if (const auto* fields = o.if_contains("customFields"))
            if (const auto* id = fields->as_object().if_contains("external_id"))
                key = std::string(id->as_string());
        ++out[(key.empty() ? std::string("-") : key) + ": " +
              std::string(o.at("name").as_string())];
    }
    return out;
}

inline std::size_t reference_count(const Emulator& emu) {
    return boost::json::parse(emu.state()).at("references").as_array().size();
}

// The emulator's state with `components` and `references` replaced (PUT /_emulator/state).
inline void put_entities(const Emulator& emu, const std::string& components,
                         const std::string& references = "[]") {
    auto state = boost::json::parse(read_file(fixture("portfolio-empty.json")));
    state.as_object()["components"] = boost::json::parse(components);
    state.as_object()["references"] = boost::json::parse(references);
    const auto r = emu.request("PUT", "/_emulator/state", boost::json::serialize(state));
    REQUIRE_MESSAGE(r.status == 200, r.body);
}

// The components and references of a sample's snapshot file (samples/<name>/snapshot.json)
// as emulator state entities, and put into the emulator: a sample's starting point.
inline void put_sample_snapshot(const Emulator& emu, const std::string& sample) {
    const auto snap =
        boost::json::parse(read_file(source_dir() + "/samples/" + sample + "/snapshot.json"));
    auto keep = [](const boost::json::value& entity, std::initializer_list<const char*> keys) {
        boost::json::object out;
        for (const char* k : keys)
            if (const auto* v = entity.as_object().if_contains(k); v && !v->is_null())
                out[k] = *v;
        return out;
    };
    boost::json::array components, references;
    for (const auto& c : snap.at("components").as_array())
        components.push_back(keep(c, {"_id", "_version", "name", "rootWorkspace", "typeId",
                                      "parent", "componentKey", "description", "customFields"}));
    for (const auto& r : snap.at("references").as_array())
        references.push_back(keep(r, {"_id", "_version", "source", "target", "type", "displayText",
                                      "description", "customFields"}));
    put_entities(emu, boost::json::serialize(components), boost::json::serialize(references));
}

// The JSON report of `plan --format json` in `dir`: its summary counts.
inline boost::json::value plan_summary(const Emulator& emu, const std::string& dir,
                                       const std::string& mapping = "mapping.yaml") {
    const auto r = sync(emu, dir, {"--quiet", "plan", mapping, "--format", "json"});
    REQUIRE_MESSAGE(!r.out.empty(), r.err);
    return boost::json::parse(r.out).at("summary");
}

} // namespace ardoq::test::e2e
