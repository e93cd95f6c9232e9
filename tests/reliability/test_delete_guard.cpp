// Reliability: a source that suddenly looks empty or shrunk must not empty the workspace.
// In mirror mode, without --allow-deletes: an empty source, a source truncated to half its
// rows, and a source whose key column was renamed each delete nothing.

#include "reliability/reliability_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

using namespace ardoq::test;
using namespace ardoq::test::reliability;
namespace fs = std::filesystem;

namespace {

const SyncShape k_shape{.applications = 200, .batch_size = 500};

// The first `lines` lines of a file.
std::string head(const std::string& text, std::size_t lines) {
    std::istringstream in(text);
    std::string out, line;
    for (std::size_t i = 0; i < lines && std::getline(in, line); ++i)
        out += line + "\n";
    return out;
}

// A workspace holding version 1 of the generated sync (mirror mode), and its sources.
struct Synced {
    std::string dir = make_temp_dir("reliability-deletes");
    Emulator emu{{.seed_file = empty_portfolio_fixture()}};
    std::string apps, deps;

    Synced() {
        write_sync(dir, k_shape);
        const auto r = sync(emu, dir, {"--quiet", "apply", "mapping.yaml"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        apps = read_file(dir + "/apps.csv");
        deps = read_file(dir + "/deps.csv");
    }
    ~Synced() { fs::remove_all(dir); }

    // Every entity of version 1 is still there, exactly once.
    void check_nothing_deleted() const {
        const auto c = compare(desired_entities(k_shape), actual_entities(emu.state()));
        INFO(c.sample);
        CHECK(c.missing == 0);
        CHECK(c.duplicated == 0);
        CHECK(c.extra == 0);
    }
};

const char* const k_guard_hint =
    "  hint: nothing will be deleted; if the source is complete and these deletes are "
    "intended, run again with --allow-deletes (or raise sync.max_delete_ratio / "
    "sync.max_deletes)\n";

} // namespace

TEST_CASE("reliability: an empty source deletes nothing in mirror mode (exit 3)") {
    Synced s;
    write_file(s.dir + "/apps.csv", head(s.apps, 1)); // the header only
    write_file(s.dir + "/deps.csv", head(s.deps, 1));
    const long batches = batch_requests(s.emu);
    const auto r = sync(s.emu, s.dir, {"--quiet", "apply", "mapping.yaml"});
    CHECK(r.exit_code == 3);
    CHECK(r.err == std::string("error: delete guard: 20 of 20 Domain components would be deleted "
                               "(100.0%), above sync.max_delete_ratio (10.0%)\n") +
                       k_guard_hint +
                       "error: delete guard: 200 of 200 Application components would be deleted "
                       "(100.0%), above sync.max_delete_ratio (10.0%)\n" +
                       k_guard_hint +
                       "error: delete guard: 200 of 200 Depends on references would be deleted "
                       "(100.0%), above sync.max_delete_ratio (10.0%)\n" +
                       k_guard_hint +
                       "error: delete guard: source \"apps\" produced no records, so every delete "
                       "is refused\n" +
                       k_guard_hint +
                       "error: delete guard: source \"deps\" produced no records, so every delete "
                       "is refused\n" +
                       k_guard_hint);
    CHECK(r.out.find("0 to create, 0 to update, 0 to delete, 0 unchanged, 0 conflicts, 420 cache "
                     "misses") != std::string::npos);
    CHECK(batch_requests(s.emu) == batches); // nothing was sent
    s.check_nothing_deleted();
}

TEST_CASE("reliability: a source truncated to half its rows deletes nothing in mirror mode "
          "(exit 3)") {
    Synced s;
    write_file(s.dir + "/apps.csv", head(s.apps, 101)); // header + 100 of 200 rows
    write_file(s.dir + "/deps.csv", head(s.deps, 101));
    const auto r = sync(s.emu, s.dir, {"--quiet", "apply", "mapping.yaml"});
    CHECK(r.exit_code == 3);
    // 42 of the 100 applications cut off are still endpoints of the remaining references,
    // so they would be kept anyway; the other 58 would go.
    CHECK(r.err == std::string("error: delete guard: 58 of 200 Application components would be "
                               "deleted (29.0%), above sync.max_delete_ratio (10.0%)\n") +
                       k_guard_hint +
                       "error: delete guard: 100 of 200 Depends on references would be deleted "
                       "(50.0%), above sync.max_delete_ratio (10.0%)\n" +
                       k_guard_hint);
    s.check_nothing_deleted();

    // The guard is what kept them: with --allow-deletes the same run deletes them.
    const auto allowed =
        sync(s.emu, s.dir, {"--quiet", "apply", "mapping.yaml", "--allow-deletes"});
    CHECK_MESSAGE(allowed.exit_code == 0, allowed.err);
    CHECK(actual_entities(s.emu.state()).size() == 20 + (200 - 58) + 100);
}

TEST_CASE("reliability: a source whose key column was renamed deletes nothing in mirror mode") {
    Synced s;
    // "id" became "ident": every application key is empty. The run stops at the source
    // error (exit 1) before anything is planned, so nothing can be deleted either.
    write_file(s.dir + "/apps.csv", "ident" + s.apps.substr(2));
    const long batches = batch_requests(s.emu);
    auto r = sync(s.emu, s.dir, {"--quiet", "apply", "mapping.yaml"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err.starts_with(
        "apps.csv:2: error: key of component rule mapping.yaml:11 (Application): the key is "
        "empty (at mapping.yaml:13:11)\n"
        "  hint: it is made from id, which is empty here; skip such records with when: \"id is "
        "not empty\"\n"));
    CHECK(batch_requests(s.emu) == batches);
    s.check_nothing_deleted();
}
