// Benchmark of `ardoq-sync apply` against ardoq-emulator (run by `make bench`, never by
// ctest): 20,000 new components and 20,000 new references, created from CSV into an empty
// workspace, then the same apply again (nothing to do). Checks that the first apply sends
// exactly ceil(operations / batch_size) batch requests plus reads, and the second no write
// at all; prints a Markdown table with the request counts and wall times.
//
// usage: bench-apply [--components N] [--batch-size N] [--page-size N] [--runs N]
// (each run on a fresh emulator; the median wall times are shown)

#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Counts {
    std::uint64_t batches = 0; // POST /api/v2/batch
    std::uint64_t reads = 0;   // every GET
    std::uint64_t other = 0;   // anything else
};

Counts counts(const ardoq::test::Emulator& emu) {
    const auto stats = emu.get("/_emulator/stats").json();
    Counts c;
    for (const auto& route : stats.at("routes").as_object()) {
        std::uint64_t n = 0;
        for (const auto& kv : route.value().as_object())
            n += static_cast<std::uint64_t>(kv.value().as_int64());
        if (route.key() == "POST /api/v2/batch")
            c.batches += n;
        else if (route.key().starts_with("GET "))
            c.reads += n;
        else
            c.other += n;
    }
    return c;
}

void write_inputs(const std::string& dir, std::size_t n, std::size_t batch_size) {
    std::ofstream apps(dir + "/apps.csv");
    apps << "id,name,cost\n";
    for (std::size_t i = 0; i < n; ++i)
        apps << i << ",App " << i << "," << (i % 1000) * 10 << "\n";
    std::ofstream deps(dir + "/deps.csv");
    deps << "from,to\n";
    for (std::size_t i = 0; i < n; ++i)
        deps << i << "," << (i + 1) % n << "\n";
    std::ofstream mapping(dir + "/mapping.yaml");
    mapping << "version: 1\nworkspace: Application Portfolio\nsources:\n"
               "  apps: { csv: apps.csv }\n  deps: { csv: deps.csv }\n"
               "components:\n  - from: apps\n    type: Application\n"
               "    key: \"app-{{ id }}\"\n    name: \"{{ name }}\"\n"
               "    fields: { annual_cost: \"{{ cost | number }}\" }\n"
               "references:\n  - from: deps\n    type: Depends on\n"
               "    source: { type: Application, key: \"app-{{ from }}\" }\n"
               "    target: { type: Application, key: \"app-{{ to }}\" }\n"
               "sync:\n  batch_size: "
            << batch_size << "\n";
}

double run_apply(const ardoq::test::Emulator& emu, const std::string& dir, int& exit_code) {
    const auto start = Clock::now();
    const auto r = ardoq::test::run_process(
        {ardoq::test::sync_bin(), "--quiet", "apply", "mapping.yaml", "--target", emu.base_url(),
         "--format", "json"},
        {}, {{"ARDOQ_API_TOKEN", emu.token()}, {"ARDOQ_API_HOST", ""}}, dir);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    exit_code = r.exit_code;
    if (r.exit_code != 0)
        std::cerr << r.err;
    return seconds;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = 20'000;
    std::size_t batch_size = 500;
    std::string page_size = "1000";
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--components")
            n = std::stoul(argv[i + 1]);
        else if (arg == "--batch-size")
            batch_size = std::stoul(argv[i + 1]);
        else if (arg == "--page-size")
            page_size = argv[i + 1];
        else if (arg == "--runs")
            runs = std::max(1, std::stoi(argv[i + 1]));
        else {
            std::cerr << "usage: bench-apply [--components N] [--batch-size N] [--page-size N] "
                         "[--runs N]\n";
            return 2;
        }
    }
    const std::string dir = ardoq::test::make_temp_dir("bench-apply");
    write_inputs(dir, n, batch_size);
    const std::size_t ops = 2 * n;
    const std::size_t expected = (ops + batch_size - 1) / batch_size;

    // Each run starts a fresh emulator from the empty workspace and a fresh state directory.
    std::vector<double> firsts, seconds;
    Counts a, b;
    bool ok = true;
    for (int run = 0; run < runs; ++run) {
        std::filesystem::remove_all(dir + "/.ardoq-sync");
        ardoq::test::Emulator emu(
            {.seed_file = ardoq::test::source_dir() + "/tests/e2e/fixtures/portfolio-empty.json",
             .extra_args = {"--page-size", page_size}});
        int code = 0;
        firsts.push_back(run_apply(emu, dir, code));
        a = counts(emu);
        if (code != 0)
            return 1;
        seconds.push_back(run_apply(emu, dir, code));
        const Counts after = counts(emu);
        if (code != 0)
            return 1;
        b = {after.batches - a.batches, after.reads - a.reads, after.other - a.other};
        ok = ok && a.batches == expected && a.other == 0 && b.batches == 0 && b.other == 0;
    }

    std::printf("| apply (median of %d runs) | operations | batch size | batch requests (expected) "
                "| reads | wall |\n",
                runs);
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    std::printf("| %zu components + %zu references, empty workspace | %zu | %zu | %llu (%zu) | "
                "%llu | %.2f s |\n",
                n, n, ops, batch_size, static_cast<unsigned long long>(a.batches), expected,
                static_cast<unsigned long long>(a.reads), median(firsts));
    std::printf("| the same again (nothing to do) | 0 | %zu | %llu (0) | %llu | %.2f s |\n",
                batch_size, static_cast<unsigned long long>(b.batches),
                static_cast<unsigned long long>(b.reads), median(seconds));
    std::filesystem::remove_all(dir);
    if (!ok)
        std::fprintf(stderr, "bench-apply: unexpected request counts\n");
    return ok ? 0 : 1;
}
