#include "plan/resolve.hpp"

#include "engine/plan_fixture.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using ardoq::test::PlanFixture;
using model::Value;

TEST_CASE("planner: resolve_types maps type names to the workspace's types") {
    PlanFixture f;
    f.want("Application", "app-1", "A", 2, {{"cost", Value(1)}});
    f.want_ref("Runs on", {"Application", "app-1"}, {"Server", "srv-1"}, 1);
    auto r = plan::resolve_types(f.desired, f.policy, f.snap.context);
    REQUIRE(r);
    CHECK(r->component_type("Application") == 1);
    CHECK(f.snap.context.component_types[r->component_type("Application")].type_id == "p2");
    CHECK(r->reference_type("Runs on") == 1);
    CHECK(f.snap.context.reference_types[r->reference_type("Runs on")].type == 3);
    CHECK(r->component_type("Nope") == plan::k_none);
    CHECK(r->field_type("cost") == model::FieldType::number);
}

TEST_CASE("planner: resolve_types reports every unknown name once, with where and what is valid") {
    PlanFixture f;
    f.want("Aplication", "app-1", "A", 2, {{"cots", Value(1)}});
    f.want("Aplication", "app-2", "B", 3);
    f.want("Capability", "cap-1", "C", 4, {{"cost", Value(1)}, {"score", Value(2)}});
    f.want("Application", "app-3", "D", 5).parent = model::ComponentRef{"Domian", "d"};
    f.want("Application", "app-4", "E", 6, {{"score", Value(2)}});
    f.want_ref("Depends", {"Application", "app-3"}, {"Servers", "s"}, 9);
    plan::RuleLocations rules;
    rules.components = {{"mapping.yaml", 12, 5}, {"mapping.yaml", 20, 5}};
    f.desired.components[2].rule = 1;
    auto r = plan::resolve_types(f.desired, f.policy, f.snap.context, rules);
    REQUIRE_FALSE(r);
    CHECK(
        r.error().to_string() ==
        "mapping.yaml:12:5: error: unknown component type \"Aplication\" (record apps.csv:2)\n"
        "  hint: did you mean \"Application\"? the workspace's component types: Domain, "
        "Application, Server, Capability\n"
        "mapping.yaml:20:5: error: custom field \"cost\" is not enabled on Capability (record "
        "apps.csv:4)\n"
        "  hint: enable the field on that type in Ardoq's metamodel, or remove it from the "
        "rule's fields\n"
        "mapping.yaml:20:5: error: custom field \"score\" is not enabled on Capability (record "
        "apps.csv:4)\n"
        "  hint: enable the field on that type in Ardoq's metamodel, or remove it from the "
        "rule's fields\n"
        "mapping.yaml:12:5: error: unknown component type \"Domian\" (parent) (record apps.csv:5)\n"
        "  hint: did you mean \"Domain\"? the workspace's component types: Domain, Application, "
        "Server, Capability\n"
        "mapping.yaml:12:5: error: custom field \"score\" is calculated in Ardoq and cannot be "
        "written (record apps.csv:6)\n"
        "  hint: remove it from the rule's fields\n"
        "deps.json:9: error: unknown reference type \"Depends\"\n"
        "  hint: did you mean \"Depends on\"? the workspace's reference types: Depends on, Runs "
        "on\n"
        "deps.json:9: error: unknown component type \"Servers\" (reference target)\n"
        "  hint: did you mean \"Server\"? the workspace's component types: Domain, Application, "
        "Server, Capability\n");
    CHECK(r.error().error_count() == 7);
}

TEST_CASE("planner: resolve_types checks the identity field and the scope types") {
    PlanFixture f;
    f.policy.identity.field = "extern_id";
    f.want("Application", "app-1", "A", 2);
    model::ScopeRule rule;
    rule.type = "Servr";
    rule.where = {"mapping.yaml", 30, 7};
    f.policy.scope.push_back(rule);
    auto r = plan::resolve_types(f.desired, f.policy, f.snap.context);
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() ==
          "error: identity field \"extern_id\" is not a custom field of the workspace\n"
          "  hint: did you mean \"external_id\"? the workspace's custom fields: external_id, "
          "lifecycle, cost, live_since, tags, active, score; create the field in Ardoq, or use "
          "identity: { by: name }\n"
          "mapping.yaml:30:7: error: unknown component type \"Servr\" in sync.scope\n"
          "  hint: did you mean \"Server\"? the workspace's component types: Domain, Application, "
          "Server, Capability\n");
}

TEST_CASE("planner: closest_name suggests only likely typos") {
    CHECK(plan::closest_name("Aplication", {"Domain", "Application"}) == "Application");
    CHECK(plan::closest_name("application", {"Application"}) == "Application");
    CHECK(plan::closest_name("Zebra", {"Domain", "Application"}).empty());
}

TEST_CASE("planner: resolve_types checks an entity like the one before it only where it differs") {
    // Consecutive entities of one rule with the same type names and field names are checked
    // once; any difference (a field, a parent's type, an endpoint's type) is checked again.
    PlanFixture f;
    f.want("Application", "app-1", "A", 2, {{"cost", Value(1)}});
    f.want("Application", "app-2", "B", 3, {{"cost", Value(2)}});
    f.want("Application", "app-3", "C", 4, {{"cost", Value(3)}, {"cots", Value(3)}});
    f.want("Application", "app-4", "D", 5, {{"cost", Value(4)}}).parent =
        model::ComponentRef{"Domain", "d"};
    f.want("Application", "app-5", "E", 6, {{"cost", Value(5)}}).parent =
        model::ComponentRef{"Domian", "d"};
    f.want_ref("Runs on", {"Application", "app-1"}, {"Server", "s-1"}, 7);
    f.want_ref("Runs on", {"Application", "app-2"}, {"Server", "s-2"}, 8);
    f.want_ref("Runs on", {"Application", "app-3"}, {"Servr", "s-3"}, 9);
    f.want_ref("Runs on", {"Application", "app-4"}, {"Server", "s-4"}, 10,
               {{"lifecycle", Value("x")}});
    auto r = plan::resolve_types(f.desired, f.policy, f.snap.context);
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() ==
          "apps.csv:4: error: unknown custom field \"cots\" on Application\n"
          "  hint: did you mean \"cost\"? the workspace's custom fields: external_id, "
          "lifecycle, cost, live_since, tags, active, score\n"
          "apps.csv:6: error: unknown component type \"Domian\" (parent)\n"
          "  hint: did you mean \"Domain\"? the workspace's component types: Domain, "
          "Application, Server, Capability\n"
          "deps.json:9: error: unknown component type \"Servr\" (reference target)\n"
          "  hint: did you mean \"Server\"? the workspace's component types: Domain, "
          "Application, Server, Capability\n");
    CHECK(r.error().error_count() == 3);
}
