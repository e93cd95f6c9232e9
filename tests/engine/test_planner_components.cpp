#include "plan/planner.hpp"

#include "engine/plan_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace ardoq;
using ardoq::test::PlanFixture;
using ardoq::test::render_entries;
using model::Object;
using model::Value;

TEST_CASE("planner: absent components are created, equal ones are unchanged") {
    PlanFixture f;
    f.existing("Application", "app-1", "CRM", {}, {{"cost", Value(10)}});
    f.want("Application", "app-1", "CRM", 2, {{"cost", Value(10)}});
    f.want("Application", "app-2", "ERP", 3);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                               "component Application app-2: absent create\n");
    CHECK(p.has_changes());
    CHECK_FALSE(p.has_conflicts());
    CHECK(p.count(plan::Action::create) == 1);
}

TEST_CASE(
    "planner: changed fields give field-level before and after; unmapped fields are not compared") {
    PlanFixture f;
    f.existing("Application", "app-1", "CRM", {},
               {{"cost", Value(10)}, {"lifecycle", Value("Planned")}, {"tags", Value("x")}});
    auto& c =
        f.want("Application", "app-1", "CRM system", 2,
               {{"cost", Value("12.5")}, {"lifecycle", Value("Live")}, {"active", Value(true)}});
    c.description = "Customer relations";
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: changed update\n"
                               "  name: \"CRM\" → \"CRM system\"\n"
                               "  description: null → \"Customer relations\"\n"
                               "  cost: 10 → 12.5\n"
                               "  lifecycle: \"Planned\" → \"Live\"\n"
                               "  active: null → true\n");
}

TEST_CASE("planner: values compare by custom-field type") {
    PlanFixture f;
    f.existing("Application", "app-1", "A", {},
               {{"cost", Value(12)},
                {"live_since", Value("2024-01-05T08:00:00.000Z")},
                {"tags", Value(model::List{Value("b"), Value("a")})},
                {"active", Value(true)},
                {"lifecycle", Value("")}});
    f.want("Application", "app-1", "A", 2,
           {{"cost", Value("12.0")},
            {"live_since", Value("2024-01-05 10:00:00+02:00")},
            {"tags", Value(model::List{Value("a"), Value("b"), Value("a")})},
            {"active", Value("yes")},
            {"lifecycle", Value()}});
    f.existing("Application", "app-2", "B", {},
               {{"cost", Value(12)},
                {"live_since", Value("2024-01-05T08:00:00.000Z")},
                {"tags", Value(model::List{Value("a")})},
                {"active", Value(true)}});
    f.want("Application", "app-2", "B", 3,
           {{"cost", Value(12.25)},
            {"live_since", Value("2024-01-06")},
            {"tags", Value(model::List{Value("a"), Value("c")})},
            {"active", Value("no")}});
    auto p = f.run();
    CHECK(render_entries(p) ==
          "component Application app-1: unchanged none\n"
          "component Application app-2: changed update\n"
          "  cost: 12 → 12.25\n"
          "  live_since: \"2024-01-05T08:00:00.000Z\" → \"2024-01-06T00:00:00.000Z\"\n"
          "  tags: [\"a\"] → [\"a\",\"c\"]\n"
          "  active: true → false\n");
}

TEST_CASE("planner: name identity matches case-insensitively within the type; a case-only "
          "difference is a change") {
    PlanFixture f;
    f.policy.identity.kind = model::IdentityKind::name;
    f.existing("Application", "", "crm");
    f.existing("Server", "", "Billing");
    f.existing("Application", "", "Billing");
    f.want("Application", "CRM", "CRM", 2);
    f.want("Application", "billing", "billing", 3);
    f.want("Application", "New", "New", 4);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application CRM: changed update\n"
                               "  name: \"crm\" → \"CRM\"\n"
                               "component Application billing: changed update\n"
                               "  name: \"Billing\" → \"billing\"\n"
                               "component Application New: absent create\n");
    CHECK(p.components[0].existing == 0);
    CHECK(p.components[1].existing == 2);
}

TEST_CASE("planner: name identity refuses a name that a component of another type has") {
    PlanFixture f;
    f.policy.identity.kind = model::IdentityKind::name;
    f.existing("Server", "", "Payments");
    f.want("Application", "payments", "payments", 2);
    auto p = f.run();
    CHECK(render_entries(p) ==
          "component Application payments: ambiguous conflict\n"
          "  reason: the name \"payments\" is used by Server c00000000000000000000001 \"Payments\" "
          "in Ardoq; an upsert by name would change that component\n"
          "  hint: identify components by a custom field (identity: { field: external_id }), or "
          "rename one of them\n");
}

TEST_CASE("planner: two Ardoq components with one key are ambiguous and never written") {
    PlanFixture f;
    f.existing("Application", "app-1", "CRM");
    f.existing("Application", "app-1", "CRM copy");
    f.existing("Server", "srv-1", "db01");
    f.want("Application", "app-1", "CRM", 2);
    f.want("Application", "srv-1", "db01", 3);
    auto p = f.run();
    CHECK(
        render_entries(p) ==
        "component Application app-1: ambiguous conflict\n"
        "  reason: key \"app-1\" is used by 2 components in Ardoq: Application "
        "c00000000000000000000001 \"CRM\", Application c00000000000000000000002 \"CRM copy\"\n"
        "  hint: make \"external_id\" unique in Ardoq (an upsert that matches several components "
        "fails)\n"
        "component Application srv-1: ambiguous conflict\n"
        "  reason: key \"srv-1\" is used by Server c00000000000000000000003 \"db01\" in Ardoq; an "
        "upsert by this key would change that component\n"
        "  hint: keys are unique across the workspace: give each type its own keys (e.g. prefix "
        "them with the type), or change \"external_id\" in Ardoq\n");
    CHECK(p.has_conflicts());
    CHECK_FALSE(p.has_changes());
}

TEST_CASE("planner: duplicate keys in the source conflict, or keep the first or last by policy") {
    PlanFixture f;
    f.want("Application", "app-1", "One", 2);
    f.want("Application", "app-2", "Two", 3);
    f.want("Application", "app-1", "Uno", 4);
    f.want("Application", "app-1", "Eins", 5);
    SUBCASE("error") {
        CHECK(
            render_entries(f.run()) ==
            "component Application app-1: duplicate conflict\n"
            "  reason: key \"app-1\" comes from 3 records: apps.csv:2, apps.csv:4, apps.csv:5\n"
            "  hint: make the key unique in the source, or set sync.on_duplicate: first | last to "
            "keep one of them\n"
            "component Application app-2: absent create\n"
            "component Application app-1: duplicate conflict\n"
            "  reason: key \"app-1\" comes from 3 records: apps.csv:2, apps.csv:4, apps.csv:5\n"
            "  hint: make the key unique in the source, or set sync.on_duplicate: first | last to "
            "keep one of them\n"
            "component Application app-1: duplicate conflict\n"
            "  reason: key \"app-1\" comes from 3 records: apps.csv:2, apps.csv:4, apps.csv:5\n"
            "  hint: make the key unique in the source, or set sync.on_duplicate: first | last to "
            "keep one of them\n");
    }
    SUBCASE("last") {
        f.policy.on_duplicate = model::OnDuplicate::last;
        auto c = f.want("Application", "app-3", "Child", 6);
        f.desired.components.back().parent = model::ComponentRef{"Application", "app-1"};
        auto p = f.run();
        CHECK(render_entries(p) == "component Application app-1: duplicate skip\n"
                                   "  reason: duplicate of key \"app-1\" from apps.csv:5, which is "
                                   "kept (sync.on_duplicate: last)\n"
                                   "component Application app-2: absent create\n"
                                   "component Application app-1: duplicate skip\n"
                                   "  reason: duplicate of key \"app-1\" from apps.csv:5, which is "
                                   "kept (sync.on_duplicate: last)\n"
                                   "component Application app-1: absent create\n"
                                   "component Application app-3: absent create\n");
        // The child's parent is the kept duplicate.
        CHECK(p.components[4].parent == plan::Link{plan::Link::Kind::entry, 3});
        CHECK(p.components[4].depth == 1);
    }
    SUBCASE("first") {
        f.policy.on_duplicate = model::OnDuplicate::first;
        auto p = f.run();
        CHECK(p.components[0].action == plan::Action::create);
        CHECK(p.components[2].action == plan::Action::skip);
        CHECK(p.components[3].action == plan::Action::skip);
        CHECK(
            p.detail(p.components[3].detail)->reason ==
            "duplicate of key \"app-1\" from apps.csv:2, which is kept (sync.on_duplicate: first)");
    }
}

TEST_CASE("planner: an empty key is an error") {
    PlanFixture f;
    f.want("Application", "", "Nameless", 7);
    CHECK(render_entries(f.run()) ==
          "component Application : unresolved error\n"
          "  reason: its identity key is empty\n"
          "  hint: check the rule's key expression: every component needs a non-empty key\n");
}

TEST_CASE("planner: a numeric identity value in Ardoq joins by its text") {
    PlanFixture f;
    model::SnapshotComponent c;
    c.id = test::oid(99);
    c.type_id = "p2";
    c.name = "Numbered";
    c.version = 4;
    c.custom_fields.push_back({f.snap.intern_field("external_id"), Value(42)});
    f.snap.add_component(c);
    f.want("Application", "42", "Numbered", 2);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application 42: unchanged none\n");
    CHECK(p.existing_key(0) == "42");
}

TEST_CASE("planner: conflicts are diagnostics pointing at the source records") {
    PlanFixture f;
    f.want("Application", "app-1", "A", 2);
    f.want("Application", "app-1", "B", 3);
    auto problems = plan::plan_problems(f.run(), 1);
    CHECK(problems.error_count() == 2);
    CHECK(
        problems.to_string() ==
        "apps.csv:2: error: conflict: Application \"app-1\": key \"app-1\" comes from 2 records: "
        "apps.csv:2, apps.csv:3\n"
        "  hint: make the key unique in the source, or set sync.on_duplicate: first | last to keep "
        "one of them\n"
        "... and 1 more\n");
}

TEST_CASE("planner: an index of the snapshot built ahead gives the same plan") {
    PlanFixture f;
    auto domain = f.existing("Domain", "dom-1", "Sales");
    f.existing("Application", "app-1", "CRM", domain, {{"cost", Value(10)}});
    f.existing("Application", "", "No key");
    model::SnapshotComponent numbered;
    numbered.id = test::oid(99);
    numbered.type_id = "p2";
    numbered.name = "Numbered";
    numbered.custom_fields.push_back({f.snap.intern_field("external_id"), Value(42)});
    f.snap.add_component(numbered);
    f.want("Domain", "dom-1", "Sales", 2);
    f.want("Application", "app-1", "CRM", 3, {{"cost", Value(12)}}).parent =
        model::ComponentRef{"Domain", "dom-1"};
    f.want("Application", "42", "Numbered", 4);
    f.want("Application", "app-9", "New", 5);
    const auto expected = render_entries(f.run());
    REQUIRE(expected == "component Domain dom-1: unchanged none\n"
                        "component Application app-1: changed update\n"
                        "  cost: 10 → 12\n"
                        "component Application 42: unchanged none\n"
                        "component Application app-9: absent create\n"
                        "component Application : missing cache_miss\n");

    auto types = plan::resolve_types(f.desired, f.policy, f.snap.context);
    REQUIRE(types);
    auto desired = std::make_shared<const model::DesiredState>(f.desired);
    auto snap = std::make_shared<const model::Snapshot>(f.snap);
    auto index = plan::index_snapshot(snap, f.policy.identity);
    auto p = plan::make_plan(desired, snap, f.policy, *types, f.options, index);
    CHECK(render_entries(p) == expected);
    CHECK(p.existing_key(3) == "42"); // a non-text identity, whose text the index made
    CHECK(p.existing_key(2).empty());
    // The plan took the index's contents: a second plan given it builds its own.
    auto again = plan::make_plan(desired, snap, f.policy, *types, f.options, index);
    CHECK(render_entries(again) == expected);
    CHECK(again.existing_key(3) == "42");

    // An index of another snapshot, or by another identity, is not used: the plan builds
    // its own (the other snapshot's keys differ; an index by name would miss "42").
    model::Snapshot renamed = f.snap; // "app-1" is "app-9" there
    const auto key = renamed.intern_field("external_id");
    auto& crm = renamed.components()[1].custom_fields;
    REQUIRE(crm.erase(key));
    crm.push_back({key, Value("app-9")});
    crm.sort_by_key();
    renamed.reindex();
    auto other = std::make_shared<const model::Snapshot>(std::move(renamed));
    model::Identity by_name;
    by_name.kind = model::IdentityKind::name;
    for (auto wrong :
         {plan::index_snapshot(other, f.policy.identity), plan::index_snapshot(snap, by_name)}) {
        auto q = plan::make_plan(desired, snap, f.policy, *types, f.options, wrong);
        CHECK(render_entries(q) == expected);
        CHECK(q.existing_key(3) == "42");
    }
}

TEST_CASE("planner: many components join in halves as one pass would") {
    // Components are joined with Ardoq in two halves on two threads; outcomes, their details
    // and the claims on Ardoq components (a claimed one is never a cache miss) must come out
    // as in one pass, in entry order.
    PlanFixture f;
    constexpr unsigned k_components = 101; // odd: the halves differ in size
    std::string expected;
    std::vector<bool> conflict;
    for (unsigned i = 0; i < k_components; ++i) {
        const auto key = "app-" + std::to_string(i);
        const auto name = "App " + std::to_string(i);
        const auto what = "component Application " + key + ": ";
        switch (i % 3) {
        case 0: { // twice in Ardoq
            auto a = f.existing("Application", key, name);
            auto b = f.existing("Application", key, name + " copy");
            expected += what + "ambiguous conflict\n  reason: key \"" + key +
                        "\" is used by 2 components in Ardoq: Application " + a.to_string() +
                        " \"" + name + "\", Application " + b.to_string() + " \"" + name +
                        " copy\"\n  hint: make \"external_id\" unique in Ardoq (an upsert that "
                        "matches several components fails)\n";
            conflict.push_back(true);
            break;
        }
        case 1:
            f.existing("Application", key, name);
            expected += what + "unchanged none\n";
            conflict.push_back(false);
            break;
        default:
            expected += what + "absent create\n";
            conflict.push_back(false);
        }
        f.want("Application", key, name, i + 2);
    }
    auto p = f.run();
    CHECK(render_entries(p) == expected); // no Ardoq component left unclaimed (cache miss)
    std::vector<std::uint32_t> details;
    for (unsigned i = 0; i < k_components; ++i) {
        CAPTURE(i);
        REQUIRE((p.components[i].detail != plan::k_none) == conflict[i]);
        if (conflict[i])
            details.push_back(p.components[i].detail);
    }
    CHECK(std::is_sorted(details.begin(), details.end()));
}
