// bench-gen: writes the benchmark dataset (tests/bench/gen/dataset.hpp) as source files, the
// mappings that map them, and the workspace Ardoq holds for them (workspace.hpp).
//
//   bench-gen --out DIR [--components N] [--references M] [--seed S]
//             [--changed SHARE] [--missing SHARE] [--formats LIST]
//
// LIST is comma-separated, from: csv, jsonl, sqlite, sql (INSERT dump), copy (COPY dump),
// mapping, snapshot (workspace.json), cache (.ardoq-sync/cache), emulator (emulator.json),
// emulator-empty; "all" is every one. Default: csv,mapping,cache,emulator-empty.
// Prints what it wrote, one line per file, and a summary of the workspace side.

#include "gen/dataset.hpp"
#include "gen/sources.hpp"
#include "gen/workspace.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace ardoq::bench;

namespace {

const char* const k_usage =
    "usage: bench-gen --out DIR [--components N] [--references M] [--seed S]\n"
    "                 [--changed SHARE] [--missing SHARE] [--formats LIST]\n"
    "LIST: all, or some of csv,jsonl,sqlite,sql,copy,mapping,snapshot,cache,emulator,\n"
    "      emulator-empty (default: csv,mapping,cache,emulator-empty)\n";

const std::set<std::string> k_formats = {"csv",      "jsonl",         "sqlite",   "sql",
                                         "copy",     "mapping",       "snapshot", "cache",
                                         "emulator", "emulator-empty"};

struct Options {
    DatasetSpec spec;
    fs::path out;
    std::set<std::string> formats = {"csv", "mapping", "cache", "emulator-empty"};
};

std::set<std::string> parse_formats(const std::string& list) {
    if (list == "all")
        return k_formats;
    std::set<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');) {
        if (!k_formats.count(item))
            throw std::invalid_argument("--formats: unknown format \"" + item + "\"");
        out.insert(item);
    }
    return out;
}

double share(const std::string& flag, const std::string& text) {
    const double v = std::stod(text);
    if (v < 0.0 || v > 1.0)
        throw std::invalid_argument(flag + " takes a share between 0 and 1, e.g. 0.01");
    return v;
}

Options parse(int argc, char** argv, std::string& origin) {
    Options o;
    origin = "bench-gen";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            throw std::invalid_argument(arg + " needs a value");
        const std::string value = argv[++i];
        if (arg == "--out") {
            o.out = value;
            continue; // the output directory does not belong in the mapping's header
        }
        origin += " " + arg + " " + value;
        if (arg == "--components")
            o.spec.components = std::stoull(value);
        else if (arg == "--references")
            o.spec.references = std::stoull(value);
        else if (arg == "--seed")
            o.spec.seed = std::stoull(value);
        else if (arg == "--changed")
            o.spec.changed = share(arg, value);
        else if (arg == "--missing")
            o.spec.missing = share(arg, value);
        else if (arg == "--formats")
            o.formats = parse_formats(value);
        else
            throw std::invalid_argument("unknown option " + arg);
    }
    if (o.out.empty())
        throw std::invalid_argument("--out DIR is required");
    return o;
}

void report(const fs::path& path) {
    std::printf("  %-40s %10.1f MB\n", path.filename().c_str(),
                static_cast<double>(fs::file_size(path)) / 1048576.0);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    std::string origin;
    try {
        o = parse(argc, argv, origin);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench-gen: %s\n%s", e.what(), k_usage);
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        fs::create_directories(o.out);
        const Dataset data(o.spec);
        const auto has = [&](const char* f) { return o.formats.count(f) > 0; };
        std::printf("bench-gen: %llu components + %llu references (seed %llu) in %s\n",
                    static_cast<unsigned long long>(o.spec.components),
                    static_cast<unsigned long long>(o.spec.references),
                    static_cast<unsigned long long>(o.spec.seed), o.out.c_str());
        if (has("csv")) {
            write_csv(data, o.out);
            report(o.out / "components.csv");
            report(o.out / "dependencies.csv");
        }
        if (has("jsonl")) {
            write_jsonl(data, o.out);
            report(o.out / "components.jsonl");
            report(o.out / "dependencies.jsonl");
        }
        if (has("sqlite")) {
            write_sqlite(data, o.out);
            report(o.out / "bench.db");
        }
        if (has("sql")) {
            write_sql_insert(data, o.out);
            report(o.out / "bench.sql");
        }
        if (has("copy")) {
            write_sql_copy(data, o.out);
            report(o.out / "bench-copy.sql");
        }
        if (has("mapping"))
            write_mappings(o.out, origin);
        if (has("emulator-empty")) {
            write_emulator_empty(o.out);
            report(o.out / "emulator-empty.json");
        }
        if (has("snapshot") || has("cache") || has("emulator")) {
            const ardoq::model::Snapshot snap = build_snapshot(data);
            std::uint64_t changed = 0;
            for (std::uint64_t id = 1; id <= o.spec.components; ++id)
                changed += !data.component_missing(id) && data.changed_field(id) >= 0;
            std::printf(
                "  workspace: %zu components (%llu missing, %llu changed), "
                "%zu references (%llu missing)\n",
                snap.components().size(),
                static_cast<unsigned long long>(o.spec.components - snap.components().size()),
                static_cast<unsigned long long>(changed), snap.references().size(),
                static_cast<unsigned long long>(o.spec.references - snap.references().size()));
            if (has("snapshot")) {
                write_snapshot_file(snap, o.out);
                report(o.out / "workspace.json");
            }
            if (has("cache")) {
                write_snapshot_cache(snap, o.out);
                std::printf("  .ardoq-sync/cache/%s/%s.snap\n", k_cache_host, k_workspace_id);
            }
            if (has("emulator")) {
                write_emulator_state(snap, o.out);
                report(o.out / "emulator.json");
            }
        }
        std::printf(
            "  done in %.1f s\n",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench-gen: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
