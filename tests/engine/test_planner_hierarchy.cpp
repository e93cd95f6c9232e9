#include "plan/planner.hpp"

#include "engine/plan_fixture.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using ardoq::test::PlanFixture;
using ardoq::test::render_entries;
using plan::Link;

namespace {
model::DesiredComponent& child(PlanFixture& f, std::string key, std::string parent_type,
                               std::string parent_key, std::uint64_t line,
                               std::string type = "Application") {
    auto& c = f.want(std::move(type), key, key, line);
    c.parent = model::ComponentRef{std::move(parent_type), std::move(parent_key)};
    return c;
}
} // namespace

TEST_CASE("planner: a parent created in the same run comes first; depth orders the creates") {
    PlanFixture f;
    child(f, "app-1", "Domain", "dom-a", 2);
    f.want("Domain", "dom-a", "A", 3);
    child(f, "app-2", "Application", "app-1", 4);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: absent create\n"
                               "component Domain dom-a: absent create\n"
                               "component Application app-2: absent create\n");
    CHECK(p.components[0].parent == Link{Link::Kind::entry, 1});
    CHECK(p.components[0].depth == 1);
    CHECK(p.components[1].depth == 0);
    CHECK(p.components[2].depth == 2);
}

TEST_CASE("planner: a parent outside the desired state resolves to the existing Ardoq component") {
    PlanFixture f;
    auto dom = f.existing("Domain", "dom-a", "A");
    f.existing("Application", "app-1", "CRM", dom);
    child(f, "app-1", "Domain", "dom-a", 2).name = "CRM";
    child(f, "app-2", "Domain", "dom-a", 3);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                               "component Application app-2: absent create\n");
    CHECK(p.components[1].parent == Link{Link::Kind::existing, 0});
    CHECK(p.components[1].depth == 0);
}

TEST_CASE("planner: moving a component to another parent, or to the root, is a change") {
    PlanFixture f;
    auto a = f.existing("Domain", "dom-a", "A");
    f.existing("Domain", "dom-b", "B");
    f.existing("Application", "app-1", "app-1", a);
    f.existing("Application", "app-2", "app-2", a);
    f.existing("Application", "app-3", "app-3", a);
    child(f, "app-1", "Domain", "dom-b", 2);
    child(f, "app-2", "Domain", "", 3);
    child(f, "app-3", "Domain", "dom-new", 4);
    f.want("Domain", "dom-new", "New", 5);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: changed update\n"
                               "  parent: \"dom-a\" → \"dom-b\"\n"
                               "component Application app-2: changed update\n"
                               "  parent: \"dom-a\" → null\n"
                               "component Application app-3: changed update\n"
                               "  parent: \"dom-a\" → \"dom-new\"\n"
                               "component Domain dom-new: absent create\n"
                               "component Domain dom-a: missing cache_miss\n"
                               "component Domain dom-b: missing cache_miss\n");
    CHECK(p.components[1].parent.kind == Link::Kind::root);
    CHECK(p.components[2].depth == 1);
}

TEST_CASE("planner: a parent that exists nowhere is an error that blocks its children") {
    PlanFixture f;
    child(f, "app-1", "Domain", "dom-x", 2);
    child(f, "app-2", "Application", "app-1", 3);
    f.existing("Server", "dom-y", "y");
    child(f, "app-3", "Domain", "dom-y", 4);
    SUBCASE("error") {
        auto p = f.run();
        CHECK(
            render_entries(p) ==
            "component Application app-1: unresolved error\n"
            "  reason: its parent Domain \"dom-x\" exists neither in the source nor in Ardoq\n"
            "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
            "to leave such entities out\n"
            "component Application app-2: unresolved error\n"
            "  reason: its parent Application \"app-1\" (apps.csv:2) will not be written (error)\n"
            "  hint: resolve the parent's problem first\n"
            "component Application app-3: unresolved error\n"
            "  reason: its parent Domain \"dom-y\" exists nowhere; Ardoq has that key only on a "
            "Server\n"
            "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
            "to leave such entities out\n");
        CHECK(p.has_errors());
        CHECK(
            plan::plan_problems(p).to_string() ==
            "apps.csv:2: error: Application \"app-1\": its parent Domain \"dom-x\" exists neither "
            "in the source nor in Ardoq\n"
            "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
            "to leave such entities out\n"
            "apps.csv:3: error: Application \"app-2\": its parent Application \"app-1\" "
            "(apps.csv:2) will not be written (error)\n"
            "  hint: resolve the parent's problem first\n"
            "apps.csv:4: error: Application \"app-3\": its parent Domain \"dom-y\" exists "
            "nowhere; Ardoq has that key only on a Server\n"
            "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
            "to leave such entities out\n");
    }
    SUBCASE("skip") {
        f.policy.on_unresolved = model::OnUnresolved::skip;
        auto p = f.run();
        CHECK(p.components[0].action == plan::Action::skip);
        CHECK(p.components[1].action == plan::Action::skip);
        CHECK(p.components[2].action == plan::Action::skip);
        CHECK_FALSE(p.has_errors());
        CHECK(p.detail(p.components[0].detail)->hint ==
              "add it to the source or create it in Ardoq; entities that depend on it are skipped "
              "(sync.on_unresolved: skip)");
    }
}

TEST_CASE("planner: a parent key of another type in the source is unresolved") {
    PlanFixture f;
    f.want("Server", "x-1", "x", 2);
    child(f, "app-1", "Domain", "x-1", 3);
    auto p = f.run();
    CHECK(render_entries(p) ==
          "component Server x-1: absent create\n"
          "component Application app-1: unresolved error\n"
          "  reason: its parent Domain \"x-1\" is, in the source, Server \"x-1\" (apps.csv:2)\n"
          "  hint: keys are unique across the types of a workspace; give each type its own keys "
          "(e.g. prefix them with the type)\n");
}

TEST_CASE("planner: a parent cycle is reported with the origin of every member") {
    PlanFixture f;
    child(f, "app-1", "Application", "app-2", 2);
    child(f, "app-2", "Application", "app-3", 3);
    child(f, "app-3", "Application", "app-1", 4);
    child(f, "app-4", "Application", "app-3", 5);
    f.want("Application", "app-5", "app-5", 6);
    auto p = f.run();
    const std::string cycle =
        "  reason: parent cycle: Application \"app-1\" (apps.csv:2) → Application \"app-2\" "
        "(apps.csv:3) → Application \"app-3\" (apps.csv:4) → Application \"app-1\"\n"
        "  hint: fix the parent keys in the source so that the hierarchy has no loop\n";
    CHECK(
        render_entries(p) ==
        "component Application app-1: unresolved error\n" + cycle +
            "component Application app-2: unresolved error\n" + cycle +
            "component Application app-3: unresolved error\n" + cycle +
            "component Application app-4: unresolved error\n"
            "  reason: its parent Application \"app-3\" (apps.csv:4) will not be written (error)\n"
            "  hint: resolve the parent's problem first\n"
            "component Application app-5: absent create\n");
}

TEST_CASE("planner: a self-parent is a cycle of one") {
    PlanFixture f;
    child(f, "app-1", "Application", "app-1", 2);
    auto p = f.run();
    CHECK(p.components[0].action == plan::Action::error);
    CHECK(p.detail(p.components[0].detail)->reason ==
          "parent cycle: Application \"app-1\" (apps.csv:2) → Application \"app-1\"");
}

TEST_CASE("planner: a deep hierarchy is walked without recursion") {
    PlanFixture f;
    f.want("Application", "n0", "n0", 2);
    for (int i = 1; i < 100000; ++i)
        child(f, "n" + std::to_string(i), "Application", "n" + std::to_string(i - 1),
              static_cast<std::uint64_t>(i + 2));
    auto p = f.run();
    CHECK(p.count(plan::Action::create) == 100000);
    CHECK(p.components.back().depth == 65535); // saturated
    CHECK(p.components[500].depth == 500);
}
