// A snapshot written by `ardoq-sync snapshot export` seeds ardoq-emulator (docs/emulator.md):
// exporting the served workspace again gives the same snapshot, so a copy of a real
// workspace can be served locally for offline tests.

#include "client/emulator_data.hpp"
#include "support/emulator.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace ardoq::test;

namespace {

// Exports "Application Portfolio" from `emu` into dir/file with the real ardoq-sync binary.
std::string export_from(const Emulator& emu, const std::string& dir, const std::string& file) {
    auto r = run_process(
        {sync_bin(), "snapshot", "export", "-w", "Application Portfolio", "-o", file}, {},
        {{"ARDOQ_API_HOST", emu.base_url()},
         {"ARDOQ_API_TOKEN", emu.token()},
         {"ARDOQ_ORG_LABEL", ""}},
        dir);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return read_file(dir + "/" + file);
}

// The snapshot without its "host" and "fetchedAt" lines (where and when it was fetched).
std::string without_origin(const std::string& snapshot) {
    std::istringstream in(snapshot);
    std::string out, line;
    while (std::getline(in, line))
        if (!line.starts_with("\"host\":") && !line.starts_with("\"fetchedAt\":"))
            out += line + "\n";
    return out;
}

} // namespace

TEST_CASE("client: an exported snapshot seeds the emulator and exports again unchanged") {
    const std::string dir = make_temp_dir("ardoq-sync-seed-roundtrip");
    Emulator original(emulator_options(generated_seed(30, 20), {"--page-size", "7"}));
    const std::string first = export_from(original, dir, "first.json");
    const auto parsed = boost::json::parse(first);
    REQUIRE(parsed.at("components").as_array().size() == 34); // 4 of the fixture + 30
    // 2 of the fixture (CRM runs on a server of another workspace) + 20
    REQUIRE(parsed.at("references").as_array().size() == 22);

    Emulator copy(emulator_options(dir + "/first.json", {"--page-size", "7"}));
    const std::string second = export_from(copy, dir, "second.json");
    CHECK(without_origin(second) == without_origin(first));
    auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
    CHECK(lines(first) - lines(without_origin(first)) == 2);
}
