#include "plan/planner.hpp"

#include "engine/plan_fixture.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using ardoq::test::PlanFixture;
using ardoq::test::render_entries;
using model::Value;

TEST_CASE("planner: owned component missing from source becomes a cache miss") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing("Server", "srv-1", "db01"); // not a type the rules produce: not owned
    f.existing_ref("Depends on", a, b);
    f.want("Application", "app-1", "A", 2);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-1"}, 1);
    SUBCASE("report") {
        auto p = f.run();
        CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                                   "component Application app-2: missing cache_miss\n"
                                   "reference Depends on app-1 → app-1: absent create\n"
                                   "reference Depends on app-1 → app-2: missing cache_miss\n");
        CHECK(p.count(plan::Action::cache_miss) == 2);
    }
    SUBCASE("none") {
        f.policy.deletes = model::DeleteMode::none;
        CHECK(render_entries(f.run()) == "component Application app-1: unchanged none\n"
                                         "reference Depends on app-1 → app-1: absent create\n");
    }
}

TEST_CASE("planner: sync.scope names the owned types and narrows them with a filter") {
    PlanFixture f;
    f.existing("Application", "app-1", "A", {}, {{"lifecycle", Value("Retired")}});
    f.existing("Application", "app-2", "B", {}, {{"lifecycle", Value("Live")}});
    f.existing("Server", "srv-1", "db01");
    f.want("Domain", "dom-1", "D", 2);
    model::ScopeRule apps;
    apps.type = "Application";
    apps.filter_text = "lifecycle == 'Live'";
    apps.filter = [](const model::Record& r) {
        const auto* v = r.get("lifecycle");
        return v != nullptr && v->is_string() && v->as_string() == "Live" &&
               r.get("type")->as_string() == "Application";
    };
    model::ScopeRule servers;
    servers.type = "Server";
    f.policy.scope = {apps, servers};
    auto p = f.run();
    CHECK(render_entries(p) == "component Domain dom-1: absent create\n"
                               "component Application app-2: missing cache_miss\n"
                               "component Server srv-1: missing cache_miss\n");
}

TEST_CASE("planner: mirror deletes children before parents and keeps what the source still needs") {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = 1.0;
    auto d1 = f.existing("Domain", "dom-1", "D1");
    auto d2 = f.existing("Domain", "dom-2", "D2");
    auto d3 = f.existing("Domain", "dom-3", "D3");
    auto d4 = f.existing("Domain", "dom-4", "D4");
    f.existing("Application", "app-1", "A1", d1);
    f.existing("Server", "srv-1", "S1", d2); // not owned: stays, so dom-2 stays
    f.existing("Application", "app-3", "A3", d3);
    f.existing("Domain", "dom-5", "D5", d4);
    f.want("Domain", "dom-0", "D0", 2);
    f.want("Application", "app-3", "A3", 3).parent = model::ComponentRef{"Domain", "dom-0"};
    f.want("Application", "app-4", "A4", 4).parent = model::ComponentRef{"Domain", "dom-1"};
    f.options.sources = {{"apps", 3}};
    auto p = f.run();
    CHECK(render_entries(p) ==
          "component Domain dom-0: absent create\n"
          "component Application app-3: changed update\n"
          "  parent: \"dom-3\" → \"dom-0\"\n"
          "component Application app-4: absent create\n"
          "component Domain dom-1: missing cache_miss\n"
          "  reason: not deleted: the source still refers to it, as the parent of Application "
          "\"app-4\" (apps.csv:4)\n"
          "  hint: a component is deleted only when nothing the sync keeps depends on it\n"
          "component Domain dom-2: missing cache_miss\n"
          "  reason: not deleted: it still has children that stay, e.g. Server \"srv-1\"\n"
          "  hint: a component is deleted only when nothing the sync keeps depends on it\n"
          "component Domain dom-3: missing delete\n"
          "component Domain dom-4: missing delete\n"
          "component Application app-1: missing delete\n"
          "component Domain dom-5: missing delete\n");
    CHECK(p.components[6].depth == 0); // dom-4
    CHECK(p.components[7].depth == 1); // app-1
    CHECK_FALSE(p.guard.refused);
    CHECK(p.guard.findings.empty());
}

namespace {
// 10 owned Applications in Ardoq; the source keeps `kept` of them.
void ten_apps(PlanFixture& f, int kept) {
    f.policy.deletes = model::DeleteMode::mirror;
    for (int i = 0; i < 10; ++i) {
        auto key = "app-" + std::to_string(i);
        f.existing("Application", key, key);
        if (i < kept)
            f.want("Application", key, key, static_cast<std::uint64_t>(i + 2));
    }
    f.options.sources = {{"apps", static_cast<std::uint64_t>(kept)}};
    f.options.rule_component_types = {"Application"};
}
} // namespace

TEST_CASE("planner: the delete guard allows deletes up to max_delete_ratio") {
    PlanFixture f;
    ten_apps(f, 9);
    auto p = f.run();
    CHECK(p.count(plan::Action::remove) == 1);
    CHECK_FALSE(p.guard.refused);
}

TEST_CASE("planner: the delete guard refuses deletes above max_delete_ratio, and --allow-deletes "
          "overrides") {
    PlanFixture f;
    ten_apps(f, 8);
    auto p = f.run();
    CHECK(p.guard.refused);
    REQUIRE(p.guard.findings.size() == 1);
    CHECK(p.guard.findings[0].message ==
          "2 of 10 Application components would be deleted (20.0%), above sync.max_delete_ratio "
          "(10.0%)");
    CHECK(p.guard.hint == "nothing will be deleted; if the source is complete and these deletes "
                          "are intended, run again with --allow-deletes (or raise "
                          "sync.max_delete_ratio / sync.max_deletes)");
    CHECK(p.count(plan::Action::remove) == 0);
    CHECK(p.count(plan::Action::cache_miss) == 2);
    CHECK(p.detail(p.components[8].detail)->reason == "delete refused by the delete guard");
    CHECK(plan::plan_problems(p).to_string() ==
          "error: delete guard: 2 of 10 Application components would be deleted (20.0%), above "
          "sync.max_delete_ratio (10.0%)\n"
          "  hint: nothing will be deleted; if the source is complete and these deletes are "
          "intended, run again with --allow-deletes (or raise sync.max_delete_ratio / "
          "sync.max_deletes)\n");

    f.options.guard = plan::GuardMode::allow_deletes;
    auto allowed = f.run();
    CHECK_FALSE(allowed.guard.refused);
    CHECK(allowed.guard.overridden);
    CHECK(allowed.count(plan::Action::remove) == 2);
}

TEST_CASE("planner: the delete guard refuses more than max_deletes of a type") {
    PlanFixture f;
    ten_apps(f, 7);
    f.policy.max_delete_ratio = 0.5;
    f.policy.max_deletes = 2;
    auto p = f.run();
    CHECK(p.guard.refused);
    REQUIRE(p.guard.findings.size() == 1);
    CHECK(p.guard.findings[0].message ==
          "3 Application components would be deleted, above sync.max_deletes (2)");
}

TEST_CASE("planner: a source with zero records refuses every delete") {
    PlanFixture f;
    ten_apps(f, 0);
    f.policy.max_delete_ratio = 1.0;
    f.want("Domain", "dom-1", "D", 2);
    f.options.sources = {{"apps", 0}, {"domains", 1}};
    auto p = f.run();
    CHECK(p.guard.refused);
    REQUIRE(p.guard.findings.size() == 1);
    CHECK(p.guard.findings[0].message ==
          "source \"apps\" produced no records, so every delete is refused");
    CHECK(p.count(plan::Action::remove) == 0);
    CHECK(p.count(plan::Action::cache_miss) == 10);
    CHECK(p.count(plan::Action::create) == 1);

    // Without the rule types, an empty source would leave its type unowned: nothing to guard.
    f.options.rule_component_types.clear();
    CHECK(f.run().count(plan::Action::cache_miss) == 0);
}

TEST_CASE(
    "planner: missing references are deleted in mirror mode; the guard counts them per type") {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing_ref("Depends on", a, b);
    f.existing_ref("Depends on", b, a);
    f.existing_ref("Runs on", a, b); // not owned
    f.want("Application", "app-1", "A", 2);
    f.want("Application", "app-2", "B", 3);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 1);
    f.policy.max_delete_ratio = 0.5;
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                               "component Application app-2: unchanged none\n"
                               "reference Depends on app-1 → app-2: unchanged none\n"
                               "reference Depends on app-2 → app-1: missing delete\n");
    f.policy.max_delete_ratio = 0.4;
    auto refused = f.run();
    CHECK(refused.guard.refused);
    CHECK(refused.guard.findings.at(0).message ==
          "1 of 2 Depends on references would be deleted (50.0%), above sync.max_delete_ratio "
          "(40.0%)");
}

TEST_CASE("planner: a missing component that a desired reference points at is not deleted") {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = 1.0;
    f.existing("Application", "app-1", "A");
    f.existing("Application", "app-2", "B");
    f.existing("Application", "app-3", "C");
    f.want("Application", "app-1", "A", 2);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 4);
    auto p = f.run();
    CHECK(render_entries(p) ==
          "component Application app-1: unchanged none\n"
          "component Application app-2: missing cache_miss\n"
          "  reason: not deleted: the source still refers to it, as an endpoint of Depends on "
          "\"app-1 → app-2\" (deps.json:4)\n"
          "  hint: a component is deleted only when nothing the sync keeps depends on it\n"
          "component Application app-3: missing delete\n"
          "reference Depends on app-1 → app-2: absent create\n");
}

TEST_CASE("planner: a scope filter narrows owned reference types") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing_ref("Depends on", a, b, {{"cost", Value(1)}});
    f.existing_ref("Depends on", b, a, {{"cost", Value(2)}});
    f.want("Application", "app-1", "A", 2);
    f.want("Application", "app-2", "B", 3);
    model::ScopeRule deps;
    deps.type = "Depends on";
    deps.reference_type = true;
    deps.filter = [](const model::Record& r) {
        return r.get("type")->as_string() == "Depends on" && r.get("cost")->as_int() == 2;
    };
    f.policy.scope = {deps};
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                               "component Application app-2: unchanged none\n"
                               "reference Depends on app-2 → app-1: missing cache_miss\n");
}
