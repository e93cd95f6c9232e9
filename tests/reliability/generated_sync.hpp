#pragma once
// Test support for the reliability tests: a generated sync at any size and in two
// versions — applications under domains, each depending on another — with the entities
// it should leave in the workspace (compared by workspace_compare.hpp).

#include "reliability/workspace_compare.hpp"

#include <cstddef>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ardoq::test::reliability {

// What the generated sync holds. Version 1: applications app-0 .. app-(n-1), each under
// one of 20 domains, each depending on one other. Version 2 changes it the way a source
// changes between two runs: every 10th application renamed and moved to another domain,
// n/20 new ones, every application with i % 20 == 7 gone (with its references).
struct SyncShape {
    std::size_t applications = 2000;
    int version = 1;
    std::size_t batch_size = 100;
    std::string deletes = "mirror"; // sync.deletes
};

namespace detail {

inline constexpr std::size_t k_domains = 20;

struct App {
    std::size_t id;
    std::string name;
    std::size_t domain;
    long cost;
    bool prod;
};

inline bool present(std::size_t i, const SyncShape& s) {
    if (s.version == 1)
        return i < s.applications;
    return i < s.applications + s.applications / 20 && i % 20 != 7;
}

inline std::vector<App> applications(const SyncShape& s) {
    std::vector<App> out;
    const std::size_t last = s.applications + s.applications / 20;
    for (std::size_t i = 0; i < last; ++i) {
        if (!present(i, s))
            continue;
        App a{i, "App " + std::to_string(i), i % k_domains, static_cast<long>(i % 1000) * 10,
              i % 3 != 0};
        if (s.version == 2 && i % 10 == 0) {
            a.name += " (renamed)";
            a.domain = (i + 1) % k_domains;
        }
        out.push_back(a);
    }
    return out;
}

// Each application depends on one other: (7i + 1) mod n, or the next one present.
inline std::vector<std::pair<std::size_t, std::size_t>> dependencies(const SyncShape& s) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const App& a : applications(s)) {
        std::size_t to = (a.id * 7 + 1) % s.applications;
        while (!present(to, s))
            to = (to + 1) % s.applications;
        out.emplace_back(a.id, to);
    }
    return out;
}

} // namespace detail

// Writes apps.csv, deps.csv and mapping.yaml into `dir`.
inline void write_sync(const std::string& dir, const SyncShape& shape) {
    std::ofstream apps(dir + "/apps.csv");
    apps << "id,name,domain,cost,status\n";
    for (const detail::App& a : detail::applications(shape))
        apps << a.id << "," << a.name << "," << a.domain << "," << a.cost << ","
             << (a.prod ? "prod" : "dev") << "\n";
    std::ofstream deps(dir + "/deps.csv");
    deps << "from,to\n";
    for (const auto& [from, to] : detail::dependencies(shape))
        deps << from << "," << to << "\n";
    std::ofstream mapping(dir + "/mapping.yaml");
    mapping << "version: 1\n"
               "workspace: Application Portfolio\n"
               "sources:\n"
               "  apps: { csv: apps.csv }\n"
               "  deps: { csv: deps.csv }\n"
               "components:\n"
               "  - from: apps\n"
               "    type: Domain\n"
               "    key: \"dom-{{ domain }}\"\n"
               "    name: \"Domain {{ domain }}\"\n"
               "  - from: apps\n"
               "    type: Application\n"
               "    key: \"app-{{ id }}\"\n"
               "    name: \"{{ name }}\"\n"
               "    parent: { type: Domain, key: \"dom-{{ domain }}\" }\n"
               "    fields:\n"
               "      annual_cost: \"{{ cost | number }}\"\n"
               "      lifecycle: \"{{ status | map(prod: 'Live', dev: 'Planned') }}\"\n"
               "references:\n"
               "  - from: deps\n"
               "    type: Depends on\n"
               "    source: { type: Application, key: \"app-{{ from }}\" }\n"
               "    target: { type: Application, key: \"app-{{ to }}\" }\n"
               "sync:\n"
               "  deletes: "
            << shape.deletes << "\n  batch_size: " << shape.batch_size << "\n";
}

// Every entity the sync should leave in the workspace, in the form of actual_entities().
inline EntityCounts desired_entities(const SyncShape& shape) {
    EntityCounts out;
    std::set<std::size_t> domains;
    for (const detail::App& a : detail::applications(shape)) {
        domains.insert(a.domain);
        ++out[detail::component_line("app-" + std::to_string(a.id), "Application", a.name,
                                     "dom-" + std::to_string(a.domain),
                                     " annual_cost=" + std::to_string(a.cost) +
                                         " lifecycle=" + (a.prod ? "Live" : "Planned"))];
    }
    for (std::size_t d : domains)
        ++out[detail::component_line("dom-" + std::to_string(d), "Domain",
                                     "Domain " + std::to_string(d), "-", "")];
    for (const auto& [from, to] : detail::dependencies(shape))
        ++out["reference app-" + std::to_string(from) + " -> app-" + std::to_string(to) +
              " Depends on"];
    return out;
}

} // namespace ardoq::test::reliability
