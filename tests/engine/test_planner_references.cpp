#include "plan/planner.hpp"

#include "engine/plan_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace ardoq;
using ardoq::test::PlanFixture;
using ardoq::test::render_entries;
using model::ComponentRef;
using model::Value;
using plan::Link;

TEST_CASE("planner: reference endpoints resolve to created and to existing components") {
    PlanFixture f;
    auto crm = f.existing("Application", "app-1", "CRM");
    auto erp = f.existing("Application", "app-2", "ERP");
    f.existing_ref("Depends on", crm, erp);
    f.want("Application", "app-1", "CRM", 2);
    f.want("Application", "app-3", "New", 3);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 1);
    f.want_ref("Depends on", {"Application", "app-3"}, {"Application", "app-1"}, 2);
    f.want_ref("Runs on", {"Application", "app-1"}, {"Application", "app-2"}, 3);
    auto p = f.run();
    CHECK(render_entries(p) == "component Application app-1: unchanged none\n"
                               "component Application app-3: absent create\n"
                               "component Application app-2: missing cache_miss\n"
                               "reference Depends on app-1 → app-2: unchanged none\n"
                               "reference Depends on app-3 → app-1: absent create\n"
                               "reference Runs on app-1 → app-2: absent create\n");
    CHECK(p.references[0].source == Link{Link::Kind::entry, 0});
    CHECK(p.references[0].target == Link{Link::Kind::existing, 1});
    CHECK(p.references[1].source == Link{Link::Kind::entry, 1});
}

TEST_CASE("planner: an endpoint that exists nowhere is reported with the reference's origin") {
    PlanFixture f;
    f.want("Application", "app-1", "CRM", 2);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-9"}, 7);
    SUBCASE("error") {
        auto p = f.run();
        CHECK(
            render_entries(p) ==
            "component Application app-1: absent create\n"
            "reference Depends on app-1 → app-9: unresolved error\n"
            "  reason: its target Application \"app-9\" exists neither in the source nor in Ardoq\n"
            "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
            "to leave such entities out\n");
        CHECK(plan::plan_problems(p).items().at(0).to_string() ==
              "deps.json:7: error: Depends on \"app-1 → app-9\": its target Application \"app-9\" "
              "exists neither in the source nor in Ardoq\n"
              "  hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: skip "
              "to leave such entities out");
    }
    SUBCASE("skip") {
        f.policy.on_unresolved = model::OnUnresolved::skip;
        auto p = f.run();
        CHECK(p.references[0].action == plan::Action::skip);
        CHECK(p.references[0].situation == plan::Situation::unresolved);
    }
}

TEST_CASE("planner: a reference to a component in conflict is not written") {
    PlanFixture f;
    f.want("Application", "app-1", "A", 2);
    f.want("Application", "app-1", "B", 3);
    f.want("Application", "app-2", "C", 4);
    f.want_ref("Depends on", {"Application", "app-2"}, {"Application", "app-1"}, 1);
    auto p = f.run();
    CHECK(p.references[0].action == plan::Action::error);
    CHECK(p.detail(p.references[0].detail)->reason ==
          "its target Application \"app-1\" (apps.csv:2) will not be written (conflict)");
}

TEST_CASE("planner: reference fields compare; duplicates by endpoints conflict") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing_ref("Depends on", a, b, {{"cost", Value(5)}});
    auto& r = f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 1,
                         {{"cost", Value(6)}});
    r.display_text = "uses";
    f.want_ref("Depends on", {"Application", "app-2"}, {"Application", "app-1"}, 2);
    f.want_ref("Depends on", {"Application", "app-2"}, {"Application", "app-1"}, 3);
    auto p = f.run();
    CHECK(render_entries(p) ==
          "reference Depends on app-1 → app-2: changed update\n"
          "  displayText: null → \"uses\"\n"
          "  cost: 5 → 6\n"
          "reference Depends on app-2 → app-1: duplicate conflict\n"
          "  reason: Depends on \"app-2 → app-1\" comes from 2 records: deps.json:2, deps.json:3\n"
          "  hint: make the reference unique in the source, or set sync.on_duplicate: first | last "
          "to keep one of them\n"
          "reference Depends on app-2 → app-1: duplicate conflict\n"
          "  reason: Depends on \"app-2 → app-1\" comes from 2 records: deps.json:2, deps.json:3\n"
          "  hint: make the reference unique in the source, or set sync.on_duplicate: first | last "
          "to keep one of them\n");
}

TEST_CASE("planner: two Ardoq references between the same components are ambiguous") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing_ref("Depends on", a, b);
    f.existing_ref("Depends on", a, b);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 1);
    auto p = f.run();
    CHECK(render_entries(p) ==
          "reference Depends on app-1 → app-2: ambiguous conflict\n"
          "  reason: 2 references in Ardoq match: c00000000000000000010003, "
          "c00000000000000000010004\n"
          "  hint: delete the extra references in Ardoq, or identify references by the identity "
          "custom field\n");
}

TEST_CASE("planner: a reference with the identity field joins by it and may change endpoints") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    f.existing("Application", "app-3", "C");
    f.existing_ref("Depends on", a, b, {{"external_id", Value("dep-1")}});
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-3"}, 1,
               {{"external_id", Value("dep-1")}});
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 2,
               {{"external_id", Value("dep-2")}});
    auto p = f.run();
    CHECK(render_entries(p) == "reference Depends on dep-1: changed update\n"
                               "  target: \"app-2\" → \"app-3\"\n"
                               "reference Depends on dep-2: absent create\n");
    CHECK(p.references[0].keyed);
    CHECK(p.references[0].existing == 0);
}

TEST_CASE("planner: name identity resolves endpoints by name") {
    PlanFixture f;
    f.policy.identity.kind = model::IdentityKind::name;
    auto a = f.existing("Application", "", "CRM");
    auto b = f.existing("Application", "", "ERP");
    f.existing_ref("Depends on", a, b);
    f.want_ref("Depends on", {"Application", "crm"}, {"Application", "ERP"}, 1);
    auto p = f.run();
    CHECK(render_entries(p) == "reference Depends on crm → ERP: unchanged none\n");
}

TEST_CASE("planner: many references resolve and join in halves as one pass would") {
    // The references are resolved and joined in two halves on two threads; outcomes, their
    // details and claims on Ardoq references must come out as in one pass, in entry order.
    PlanFixture f;
    constexpr unsigned k_apps = 20;
    std::vector<model::Oid> apps;
    for (unsigned i = 0; i < k_apps; ++i) {
        const auto key = "app-" + std::to_string(i);
        apps.push_back(f.existing("Application", key, "App " + std::to_string(i)));
        f.want("Application", key, "App " + std::to_string(i), i + 2);
    }
    constexpr unsigned k_refs = 203; // odd: the halves differ in size
    std::string expected;
    for (unsigned i = 0; i < k_apps; ++i)
        expected += "component Application app-" + std::to_string(i) + ": unchanged none\n";
    std::vector<bool> has_detail;
    for (unsigned j = 0; j < k_refs; ++j) {
        const unsigned s = j % k_apps;
        const unsigned t = (j / k_apps + s + 1) % k_apps;
        const auto src = "app-" + std::to_string(s);
        auto tgt = "app-" + std::to_string(t);
        const auto what = "reference Depends on " + src + " → ";
        switch (j % 4) {
        case 0: // an endpoint that exists nowhere
            tgt = "gone-" + std::to_string(j);
            f.want_ref("Depends on", {"Application", src}, {"Application", tgt}, j + 1);
            expected += what + tgt + ": unresolved error\n  reason: its target Application \"" +
                        tgt +
                        "\" exists neither in the source nor in Ardoq\n  hint: add it to the "
                        "source or create it in Ardoq, or set sync.on_unresolved: skip to leave "
                        "such entities out\n";
            has_detail.push_back(true);
            break;
        case 1: // in Ardoq already
            f.existing_ref("Depends on", apps[s], apps[t]);
            f.want_ref("Depends on", {"Application", src}, {"Application", tgt}, j + 1);
            expected += what + tgt + ": unchanged none\n";
            has_detail.push_back(false);
            break;
        case 2: { // twice in Ardoq: ambiguous
            auto a = f.existing_ref("Depends on", apps[s], apps[t]);
            auto b = f.existing_ref("Depends on", apps[s], apps[t]);
            f.want_ref("Runs on", {"Application", src}, {"Application", tgt}, j + 1);
            f.desired.references.back().type = "Depends on";
            expected += what + tgt + ": ambiguous conflict\n  reason: 2 references in Ardoq " +
                        "match: " + a.to_string() + ", " + b.to_string() +
                        "\n  hint: delete the extra references in Ardoq, or identify references "
                        "by the identity custom field\n";
            has_detail.push_back(true);
            break;
        }
        default: // new
            f.want_ref("Runs on", {"Application", src}, {"Application", tgt}, j + 1);
            expected += "reference Runs on " + src + " → " + tgt + ": absent create\n";
            has_detail.push_back(false);
        }
    }
    auto p = f.run();
    CHECK(render_entries(p) == expected);
    // Details were made pass by pass (unresolved endpoints, then conflicts with Ardoq), each
    // in entry order, as one thread makes them.
    std::vector<std::uint32_t> unresolved, ambiguous;
    for (unsigned j = 0; j < k_refs; ++j) {
        CAPTURE(j);
        REQUIRE((p.references[j].detail != plan::k_none) == has_detail[j]);
        if (has_detail[j])
            (j % 4 == 0 ? unresolved : ambiguous).push_back(p.references[j].detail);
    }
    REQUIRE(!unresolved.empty());
    REQUIRE(!ambiguous.empty());
    CHECK(std::is_sorted(unresolved.begin(), unresolved.end()));
    CHECK(std::is_sorted(ambiguous.begin(), ambiguous.end()));
    CHECK(unresolved.back() < ambiguous.front());
}
