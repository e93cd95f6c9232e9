// Planner benchmark (issue 8): plans 1,000,000 desired components (3-level hierarchy,
// 10 custom fields each) and 1,000,000 references against a workspace snapshot of the same
// size in which 1% of the components differ and 0.5% are missing from the source; then a
// no-op plan (source equal to Ardoq). Inputs are built in memory. Each scenario runs in its
// own process so that its peak RSS is its own.
//
//   bench-planner [--components N] [--fields F] [--repeat R] [scenario...]   scenario: changed |
//   noop

#include "plan/planner.hpp"
#include "plan/resolve.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace ardoq;

namespace {

struct Config {
    std::uint32_t components = 1'000'000;
    std::uint32_t fields = 10;
    int repeat = 3; // plans per scenario; the median is reported
};

double now_s() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Resident set size now and at its peak, in MB.
double rss_mb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}
// CPU time (user + system) of this process, in seconds: comparable on a loaded machine.
double cpu_s() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto sec = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return sec(u.ru_utime) + sec(u.ru_stime);
}
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

model::Oid make_oid(std::uint32_t n, std::uint8_t tag) {
    std::array<std::uint8_t, 12> b{};
    b[0] = tag;
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(8 + i)] = static_cast<std::uint8_t>(n >> (8 * (3 - i)));
    return model::Oid::from_bytes(b);
}

// Level of component i: 1% domains, 9% applications under them, 90% servers under those.
struct Shape {
    std::uint32_t n, l0, l1;
    explicit Shape(std::uint32_t count)
        : n(count), l0(count / 100), l1(count / 100 + count / 100 * 9) {}
    std::uint32_t level(std::uint32_t i) const { return i < l0 ? 0 : i < l1 ? 1 : 2; }
    std::uint32_t parent(std::uint32_t i) const {
        return level(i) == 1 ? (i - l0) % l0 : l0 + (i - l1) % (l1 - l0);
    }
    std::uint32_t ref_target(std::uint32_t i) const { return (i * 7919u + 13u) % n; }
};

const char* k_types[3] = {"Domain", "Application", "Server"};
const char* k_type_ids[3] = {"p1", "p2", "p3"};

std::string key_of(std::uint32_t i) {
    return "c-" + std::to_string(i);
}
std::string name_of(std::uint32_t i) {
    return "node " + std::to_string(i);
}

// Field f of component i; `changed` gives another value for one field.
model::Value field_value(std::uint32_t i, std::uint32_t f, bool changed) {
    switch (f % 5) {
    case 0:
        return model::Value("v" + std::to_string(i % 1000 + (changed ? 1 : 0)));
    case 1:
        return model::Value(static_cast<std::int64_t>(i % 977));
    case 2:
        return model::Value("2024-01-" + std::to_string(10 + i % 18) + "T00:00:00.000Z");
    case 3:
        return model::Value(i % 2 == 0);
    default:
        return model::Value("team " + std::to_string(i % 50));
    }
}

model::WorkspaceContext make_context(const Config& cfg) {
    model::WorkspaceContext ctx;
    ctx.workspace_id = "a00000000000000000000001";
    std::vector<std::string> fields{"external_id"};
    for (std::uint32_t f = 0; f < cfg.fields; ++f)
        fields.push_back("f" + std::to_string(f));
    for (int t = 0; t < 3; ++t)
        ctx.component_types.push_back(
            {k_type_ids[t], k_types[t], t == 0 ? "" : k_type_ids[t - 1], fields});
    ctx.reference_types.push_back({2, "Depends on", {}});
    model::FieldDef id;
    id.api_key = "external_id";
    ctx.fields.push_back(id);
    const model::FieldType types[5] = {model::FieldType::text, model::FieldType::number,
                                       model::FieldType::date_time, model::FieldType::checkbox,
                                       model::FieldType::list};
    for (std::uint32_t f = 0; f < cfg.fields; ++f) {
        model::FieldDef d;
        d.api_key = "f" + std::to_string(f);
        d.type = types[f % 5];
        ctx.fields.push_back(d);
    }
    return ctx;
}

struct Inputs {
    std::shared_ptr<model::DesiredState> desired = std::make_shared<model::DesiredState>();
    std::shared_ptr<model::Snapshot> snapshot = std::make_shared<model::Snapshot>();
    model::SyncPolicy policy;
};

// `changed_every`: every n-th component differs in one field (0: none); `missing_every`:
// every n-th component is in Ardoq only (0: none).
Inputs make_inputs(const Config& cfg, std::uint32_t changed_every, std::uint32_t missing_every) {
    Inputs in;
    const Shape shape(cfg.components);
    auto& snap = *in.snapshot;
    snap.workspace = {"a00000000000000000000001", "Bench", 1, ""};
    snap.context = make_context(cfg);
    std::vector<model::FieldKey> keys;
    const auto id_key = snap.intern_field("external_id");
    for (std::uint32_t f = 0; f < cfg.fields; ++f)
        keys.push_back(snap.intern_field("f" + std::to_string(f)));
    snap.reserve(cfg.components, cfg.components);
    auto& desired = *in.desired;
    desired.components.reserve(cfg.components);
    desired.references.reserve(cfg.components);
    static const std::string file = "bench.csv";
    auto is_missing = [&](std::uint32_t i) { return missing_every != 0 && i % missing_every == 7; };

    for (std::uint32_t i = 0; i < cfg.components; ++i) {
        const auto level = shape.level(i);
        const std::string key = key_of(i);
        const std::string name = name_of(i);
        model::SnapshotComponent c;
        c.id = make_oid(i, 0xc0);
        if (level > 0)
            c.parent = make_oid(shape.parent(i), 0xc0);
        c.version = 1;
        c.type_id = k_type_ids[level];
        c.name = name;
        c.custom_fields.append_string(id_key, key);
        for (std::uint32_t f = 0; f < cfg.fields; ++f)
            c.custom_fields.append(keys[f], field_value(i, f, false));
        snap.add_component(std::move(c));
        if (is_missing(i) && level == 2)
            continue; // only leaves go missing: nothing in the source hangs below them
        model::DesiredComponent d;
        d.type = k_types[level];
        d.key = key;
        d.name = name;
        if (level > 0)
            d.parent = model::ComponentRef{k_types[level - 1], key_of(shape.parent(i))};
        const bool changed = changed_every != 0 && i % changed_every == 3;
        for (std::uint32_t f = 0; f < cfg.fields; ++f)
            d.fields.push_back({"f" + std::to_string(f), field_value(i, f, changed && f == 0)});
        d.origin = model::Origin{"bench", file, i + 2ull, i + 1ull};
        desired.components.push_back(std::move(d));
    }
    for (std::uint32_t i = 0; i < cfg.components; ++i) {
        const auto t = shape.ref_target(i);
        model::SnapshotReference r;
        r.id = make_oid(i, 0xd0);
        r.source = make_oid(i, 0xc0);
        r.target = make_oid(t, 0xc0);
        r.type = 2;
        r.version = 1;
        snap.add_reference(std::move(r));
        if (is_missing(i) || is_missing(t))
            continue;
        model::DesiredReference d;
        d.type = "Depends on";
        d.source = {k_types[shape.level(i)], key_of(i)};
        d.target = {k_types[shape.level(t)], key_of(t)};
        d.origin = model::Origin{"bench", file, i + 2ull, i + 1ull};
        desired.references.push_back(std::move(d));
    }
    in.policy.deletes = model::DeleteMode::report;
    return in;
}

int run(const Config& cfg, const std::string& scenario) {
    const bool noop = scenario == "noop";
    const double t0 = now_s();
    auto in = make_inputs(cfg, noop ? 0 : 100, noop ? 0 : 200);
    const double t1 = now_s();
    const double inputs_mb = rss_mb();

    // The plan of the last repetition is kept for the counts; earlier ones are dropped
    // before the next starts.
    std::vector<double> walls, cpus;
    plan::Plan p;
    for (int r = 0; r < cfg.repeat; ++r) {
        p = plan::Plan();
        const double w0 = now_s(), c0 = cpu_s();
        auto types = plan::resolve_types(*in.desired, in.policy, in.snapshot->context);
        if (!types) {
            std::fprintf(stderr, "%s", types.error().to_string().c_str());
            return 1;
        }
        p = plan::make_plan(in.desired, in.snapshot, in.policy, *types);
        walls.push_back(now_s() - w0);
        cpus.push_back(cpu_s() - c0);
    }
    const double median_wall = median(walls), median_cpu = median(cpus);
    std::size_t counts[plan::k_action_count] = {};
    for (const auto& e : p.components)
        ++counts[static_cast<std::size_t>(e.action)];
    std::size_t ref_counts[plan::k_action_count] = {};
    for (const auto& e : p.references)
        ++ref_counts[static_cast<std::size_t>(e.action)];
    std::printf(
        "%-7s %u components (%u custom fields) + %u references: plan %.2f s wall, %.2f s CPU "
        "(median of %d); peak RSS %.0f MB (inputs %.0f MB, built in %.2f s)\n",
        scenario.c_str(), cfg.components, cfg.fields, cfg.components, median_wall, median_cpu,
        cfg.repeat, peak_rss_mb(), inputs_mb, t1 - t0);
    std::printf("        components: %zu update, %zu none, %zu cache_miss, %zu create, %zu other; "
                "references: %zu none, %zu cache_miss, %zu other\n",
                counts[static_cast<std::size_t>(plan::Action::update)],
                counts[static_cast<std::size_t>(plan::Action::none)],
                counts[static_cast<std::size_t>(plan::Action::cache_miss)],
                counts[static_cast<std::size_t>(plan::Action::create)],
                p.components.size() - counts[1] - counts[3] - counts[5] - counts[0],
                ref_counts[static_cast<std::size_t>(plan::Action::none)],
                ref_counts[static_cast<std::size_t>(plan::Action::cache_miss)],
                p.references.size() - ref_counts[3] - ref_counts[5]);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Config cfg;
    std::vector<std::string> scenarios;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--components" && i + 1 < argc)
            cfg.components = static_cast<std::uint32_t>(std::stoul(argv[++i]));
        else if (a == "--fields" && i + 1 < argc)
            cfg.fields = static_cast<std::uint32_t>(std::stoul(argv[++i]));
        else if (a == "--repeat" && i + 1 < argc)
            cfg.repeat = std::max(1, std::stoi(argv[++i]));
        else if (a == "changed" || a == "noop")
            scenarios.push_back(a);
        else {
            std::fprintf(stderr, "usage: bench-planner [--components N] [--fields F] [--repeat R] "
                                 "[changed|noop]...\n");
            return 1;
        }
    }
    if (scenarios.empty())
        scenarios = {"changed", "noop"};
    int status = 0;
    for (const auto& s : scenarios) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(run(cfg, s));
        int st = 0;
        waitpid(pid, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            status = 1;
    }
    return status;
}
