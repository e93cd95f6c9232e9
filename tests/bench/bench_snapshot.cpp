// Snapshot benchmark (issue 6), run by `make bench`, never by ctest. Each scenario runs in
// a fresh process (this program re-executed), so that its peak RSS is its own:
//
//   fetch     100,000 components + 100,000 references fetched from ardoq-emulator over HTTP
//             (default page size), then written to the binary cache;
//   load      the same loaded back from the cache (indexes built);
//   write-1m  a synthetic snapshot of 1,000,000 components + 1,000,000 references written;
//   load-1m   that cache file loaded (target: <= 1.5 s and <= 600 MB peak RSS).
//
// usage: bench-snapshot [--components N] [--references M] [--page-size P]
// Prints one Markdown table row per scenario.

#include "client/emulator_data.hpp"
#include "connectors/cache/snapshot_binary.hpp"
#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/target.hpp"
#include "support/emulator.hpp"
#include "support/process.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace ardoq;
namespace fs = std::filesystem;

namespace {

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double file_mb(const fs::path& p) {
    return static_cast<double>(fs::file_size(p)) / 1048576.0;
}

void row(const std::string& scenario, const std::string& size, double seconds, double rss,
         const std::string& notes) {
    std::printf("| %s | %s | %.2f s | %.0f MB | %s |\n", scenario.c_str(), size.c_str(), seconds,
                rss, notes.c_str());
    std::fflush(stdout);
}

std::string size_text(std::size_t c, std::size_t r) {
    return std::to_string(c) + " + " + std::to_string(r);
}

// --- scenarios (each in its own process) ----------------------------------------------

int fetch(std::size_t components, std::size_t references, const std::string& page_size,
          const fs::path& cache_dir) {
    auto seed = test::generated_seed(components, references);
    test::Emulator emu(test::emulator_options(seed, {"--page-size", page_size}));
    connectors::TargetOptions options;
    options.target = emu.base_url();
    options.token = connectors::Secret(emu.token());
    auto target = connectors::open_target(options);
    const double t0 = now_s();
    auto info = target->resolve_workspace(test::k_portfolio_id);
    auto snap = target->fetch_snapshot(info.id);
    const double t1 = now_s();
    connectors::SnapshotCache cache(cache_dir);
    auto path = cache.store(target->cache_key(), snap);
    const double t2 = now_s();
    char notes[200];
    std::snprintf(notes, sizeof notes,
                  "page size %s; %zu + %zu entities; cache written in %.2f s (%.0f MB file)",
                  page_size.c_str(), snap.components().size(), snap.references().size(), t2 - t1,
                  file_mb(path));
    row("fetch from the emulator (HTTP)", size_text(components, references), t1 - t0, peak_rss_mb(),
        notes);
    std::printf("%s\n", path.c_str()); // for the parent: which file to load
    return 0;
}

int load(const fs::path& path, const std::string& scenario) {
    const double t0 = now_s();
    connectors::SnapshotFileInfo info;
    auto snap = connectors::read_snapshot_binary(path, &info);
    const double t1 = now_s();
    // Touch the indexes so that nothing is left for later.
    auto probe = snap.component_by_id(snap.components().back().id);
    char notes[200];
    std::snprintf(notes, sizeof notes, "%.0f MB file; indexes built; %s", file_mb(path),
                  probe ? "lookup ok" : "LOOKUP FAILED");
    row(scenario, size_text(snap.components().size(), snap.references().size()), t1 - t0,
        peak_rss_mb(), notes);
    return probe ? 0 : 1;
}

// 1M components in 3 types (10% roots, the rest children), 2 custom fields each, a
// description on every 4th; 1M references of 2 types without fields.
int write_1m(std::size_t components, std::size_t references, const fs::path& path) {
    const double t0 = now_s();
    model::Snapshot s;
    s.host = "https://bench.ardoq.com";
    s.fetched_at = "2026-01-01T00:00:00.000Z";
    s.workspace = {"aaaaaaaaaaaaaaaaaaaaaa01", "Bench", 1, ""};
    s.context.workspace_id = s.workspace.id;
    s.context.component_types = {
        {"p1000000000001", "Domain", "", {"external_id", "lifecycle"}},
        {"p1000000000002", "Application", "p1000000000001", {"external_id", "lifecycle"}},
        {"p1000000000003", "Server", "", {"external_id", "lifecycle"}}};
    s.context.reference_types = {{2, "Depends on", {}}, {3, "Runs on", {}}};
    auto ext = s.intern_field("external_id");
    auto life = s.intern_field("lifecycle");
    s.reserve(components, references);
    char buf[64];
    for (std::size_t i = 0; i < components; ++i) {
        model::SnapshotComponent c;
        c.id = model::Oid::parse(test::generated_oid('e', i)).value();
        if (i >= components / 10)
            c.parent = model::Oid::parse(test::generated_oid('e', i % (components / 10))).value();
        c.version = 1 + static_cast<std::int64_t>(i % 7);
        c.type_id = i < components / 10 ? "p1000000000001"
                                        : (i % 3 == 0 ? "p1000000000003" : "p1000000000002");
        std::snprintf(buf, sizeof buf, "Application %07zu", i);
        c.name = buf;
        std::string key = "APP-" + std::to_string(i + 1);
        c.component_key = key;
        std::string description = "generated component number " + std::to_string(i);
        if (i % 4 == 0)
            c.description = description;
        std::snprintf(buf, sizeof buf, "2025-%02zu-%02zuT%02zu:%02zu:%02zu.%03zuZ", 1 + i % 12,
                      1 + i % 28, i % 24, i % 60, (i / 60) % 60, i % 1000);
        std::string updated = buf;
        c.last_updated = updated;
        c.custom_fields = {{ext, model::Value("ext-" + std::to_string(i))},
                           {life, model::Value(i % 3 == 0 ? "Planned" : "Live")}};
        s.add_component(std::move(c));
    }
    for (std::size_t i = 0; i < references; ++i) {
        model::SnapshotReference r;
        r.id = model::Oid::parse(test::generated_oid('f', i)).value();
        r.source = model::Oid::parse(test::generated_oid('e', i % components)).value();
        r.target = model::Oid::parse(test::generated_oid('e', (i * 7 + 1) % components)).value();
        r.type = i % 5 == 0 ? 3 : 2;
        r.version = 1;
        std::snprintf(buf, sizeof buf, "2025-%02zu-%02zuT%02zu:%02zu:%02zu.%03zuZ", 1 + i % 12,
                      1 + i % 28, i % 24, (i / 7) % 60, i % 60, i % 1000);
        std::string updated = buf;
        r.last_updated = updated;
        s.add_reference(std::move(r));
    }
    const double t1 = now_s();
    connectors::write_snapshot_binary(path, s);
    const double t2 = now_s();
    char notes[200];
    std::snprintf(notes, sizeof notes,
                  "built in memory in %.2f s; 2 custom fields per component; %.0f MB file", t1 - t0,
                  file_mb(path));
    row("write the cache", size_text(components, references), t2 - t1, peak_rss_mb(), notes);
    return 0;
}

// Runs this program again with `args`; returns its exit code and stdout.
test::ProcessResult again(const std::vector<std::string>& args) {
    std::vector<std::string> argv{fs::read_symlink("/proc/self/exe").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = test::run_process(argv);
    std::fputs(r.err.c_str(), stderr);
    return r;
}

} // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0].starts_with("child-")) {
        const auto& what = args[0];
        if (what == "child-fetch")
            return fetch(std::stoul(args[1]), std::stoul(args[2]), args[3], args[4]);
        if (what == "child-load")
            return load(args[1], args[2]);
        if (what == "child-write")
            return write_1m(std::stoul(args[1]), std::stoul(args[2]), args[3]);
        return 2;
    }
    std::size_t components = 100'000, references = 100'000, big = 1'000'000;
    std::string page_size = "100";
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == "--components")
            components = std::stoul(args[i + 1]);
        else if (args[i] == "--references")
            references = std::stoul(args[i + 1]);
        else if (args[i] == "--big")
            big = std::stoul(args[i + 1]);
        else if (args[i] == "--page-size")
            page_size = args[i + 1];
        else {
            std::fprintf(stderr, "usage: bench-snapshot [--components N] [--references M] [--big "
                                 "N] [--page-size P]\n");
            return 2;
        }
    }
    const fs::path dir = test::make_temp_dir("bench-snapshot");
    std::printf("| scenario | components + references | time | peak RSS | notes "
                "|\n|---|---|---|---|---|\n");
    std::fflush(stdout);
    int failures = 0;
    auto fetched = again({"child-fetch", std::to_string(components), std::to_string(references),
                          page_size, (dir / "cache").string()});
    auto newline = fetched.out.rfind('\n', fetched.out.size() - 2);
    std::fputs(fetched.out.substr(0, newline + 1).c_str(), stdout);
    failures += fetched.exit_code != 0;
    if (fetched.exit_code == 0) {
        auto path = fetched.out.substr(newline + 1);
        path.pop_back();
        auto loaded = again({"child-load", path, "load from the cache"});
        std::fputs(loaded.out.c_str(), stdout);
        failures += loaded.exit_code != 0;
    }
    const auto big_file = (dir / "big.snap").string();
    auto written = again({"child-write", std::to_string(big), std::to_string(big), big_file});
    std::fputs(written.out.c_str(), stdout);
    failures += written.exit_code != 0;
    auto loaded = again({"child-load", big_file, "load the cache"});
    std::fputs(loaded.out.c_str(), stdout);
    failures += loaded.exit_code != 0;
    fs::remove_all(dir);
    return failures == 0 ? 0 : 1;
}
