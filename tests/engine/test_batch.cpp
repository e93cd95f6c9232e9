#include "batch/batch.hpp"

#include "engine/batch_fixture.hpp"
#include "engine/plan_fixture.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace ardoq;
using ardoq::test::PlanFixture;
using model::Value;
namespace json = boost::json;

namespace {

// dom-b is new; app-1 exists (under dom-a) and moves under dom-b with a new cost; app-2 is
// new under the existing dom-a; a new reference app-2 → app-1.
void hierarchy_scenario(PlanFixture& f) {
    auto dom = f.existing("Domain", "dom-a", "A");
    f.existing("Application", "app-1", "CRM", dom, {{"cost", Value(1)}}, 7);
    f.want("Domain", "dom-b", "B", 2);
    f.want("Application", "app-1", "CRM", 3, {{"cost", Value("2")}}).parent =
        model::ComponentRef{"Domain", "dom-b"};
    f.want("Application", "app-2", "ERP", 4).parent = model::ComponentRef{"Domain", "dom-a"};
    f.want_ref("Depends on", {"Application", "app-2"}, {"Application", "app-1"}, 1);
}

const std::string k_upsert_dom_b =
    R"({"uniqueBy":["customFields.external_id","rootWorkspace"],"batchId":"c0","body":{"rootWorkspace":"a00000000000000000000001","typeId":"p1","name":"B","customFields":{"external_id":"dom-b"}}})";
const std::string k_upsert_app_2 =
    R"({"uniqueBy":["customFields.external_id","rootWorkspace"],"batchId":"c2","body":{"rootWorkspace":"a00000000000000000000001","typeId":"p2","name":"ERP","parent":"c00000000000000000000001","customFields":{"external_id":"app-2"}}})";

} // namespace

TEST_CASE(
    "batch: component upserts by the identity field, parents first, then references; one request") {
    PlanFixture f;
    hierarchy_scenario(f);
    auto p = f.run();
    batch::BatchOptions options;
    auto seq = batch::build_sequence(p, options);
    REQUIRE(seq.requests.size() == 1);
    CHECK(seq.operation_count == 4);
    auto r = test::render_all(p, seq, options);
    CHECK(
        r.texts[0] ==
        R"({"components":{"upsert":[)" + k_upsert_dom_b + "," + k_upsert_app_2 +
            R"(,{"uniqueBy":["customFields.external_id","rootWorkspace"],"body":{"rootWorkspace":"a00000000000000000000001","typeId":"p2","name":"CRM","parent":"c0","customFields":{"external_id":"app-1","cost":2}}}]},)"
            R"("references":{"create":[{"batchId":"r0","body":{"source":"c2","target":"c00000000000000000000002","type":2}}]}})");
}

TEST_CASE("batch: a parent created in an earlier request is referred to by the OID that request "
          "returned") {
    PlanFixture f;
    hierarchy_scenario(f);
    auto p = f.run();
    batch::BatchOptions options;
    options.batch_size = 2;
    auto seq = batch::build_sequence(p, options);
    REQUIRE(seq.requests.size() == 2);
    auto r = test::render_all(p, seq, options);
    CHECK(r.texts[0] ==
          R"({"components":{"upsert":[)" + k_upsert_dom_b + "," + k_upsert_app_2 + "]}}");
    // The fake response gave c0 → d…01 and c2 → d…02.
    CHECK(
        r.texts[1] ==
        R"({"components":{"upsert":[{"uniqueBy":["customFields.external_id","rootWorkspace"],"body":{"rootWorkspace":"a00000000000000000000001","typeId":"p2","name":"CRM","parent":"d00000000000000000000001","customFields":{"external_id":"app-1","cost":2}}}]},)"
        R"("references":{"create":[{"batchId":"r0","body":{"source":"d00000000000000000000002","target":"c00000000000000000000002","type":2}}]}})");

    // Without the first response's ids, the second request cannot be completed.
    batch::CreatedIds none;
    auto second = batch::render_request(p, seq, 1, none, options);
    REQUIRE_FALSE(second);
    CHECK(
        second.error().to_string() ==
        "error: request 2 of 2: Application \"app-1\" needs the id of its parent Domain \"dom-b\", "
        "created by request 1, but that request's response did not report it\n"
        "  hint: refresh the snapshot and plan again; the next run converges");
}

TEST_CASE("batch: name identity upserts new components by name and updates changed ones by id, "
          "never in one request") {
    PlanFixture f;
    f.policy.identity.kind = model::IdentityKind::name;
    f.existing("Application", "", "crm", {}, {{"cost", Value(1)}, {"lifecycle", Value("Live")}}, 3);
    f.want("Application", "CRM", "CRM", 2, {{"cost", Value(2)}, {"lifecycle", Value("Live")}});
    f.want("Application", "ERP", "ERP", 3, {{"cost", Value(5)}});
    auto p = f.run();
    batch::BatchOptions options;
    auto seq = batch::build_sequence(p, options);
    REQUIRE(seq.requests.size() == 2);
    auto r = test::render_all(p, seq, options);
    CHECK(
        r.texts[0] ==
        R"({"components":{"upsert":[{"uniqueBy":["rootWorkspace","name"],"batchId":"c1","body":{"rootWorkspace":"a00000000000000000000001","typeId":"p2","name":"ERP","customFields":{"cost":5}}}]}})");
    CHECK(
        r.texts[1] ==
        R"({"components":{"update":[{"id":"c00000000000000000000001","ifVersionMatch":3,"body":{"name":"CRM","customFields":{"cost":2}}}]}})");
}

TEST_CASE("batch: references are created with endpoints, and updated by id with ifVersionMatch") {
    PlanFixture f;
    auto a = f.existing("Application", "app-1", "A");
    auto b = f.existing("Application", "app-2", "B");
    auto c = f.existing("Application", "app-3", "C");
    f.existing_ref("Depends on", a, b, {{"external_id", Value("dep-1")}, {"cost", Value(1)}}, 4);
    f.want("Application", "app-1", "A", 2);
    f.want("Application", "app-2", "B", 3);
    f.want("Application", "app-3", "C", 4);
    auto& dep = f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-3"}, 1,
                           {{"external_id", Value("dep-1")}, {"cost", Value(3)}});
    dep.description = "via API";
    auto& runs = f.want_ref("Runs on", {"Application", "app-2"}, {"Application", "app-3"}, 2);
    runs.display_text = "hosted on";
    (void)c;
    auto p = f.run();
    batch::BatchOptions options;
    options.respond_with_entities = true;
    auto seq = batch::build_sequence(p, options);
    REQUIRE(seq.requests.size() == 1);
    auto r = test::render_all(p, seq, options);
    CHECK(
        r.texts[0] ==
        R"({"options":{"respondWithEntities":true},"references":{"create":[{"batchId":"r1","body":{"source":"c00000000000000000000002","target":"c00000000000000000000003","type":3,"displayText":"hosted on"}}],)"
        R"("update":[{"id":"c00000000000000000010004","ifVersionMatch":4,"body":{"description":"via API","target":"c00000000000000000000003","customFields":{"cost":3}}}]}})");
}

TEST_CASE("batch: deletes go references first, then components deepest first, by match on the "
          "identity field") {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = 1.0;
    auto d = f.existing("Domain", "dom-1", "D");
    auto a = f.existing("Application", "app-1", "A", d);
    f.existing("Application", "", "No key", d); // no identity value: by id
    f.existing("Application", "app-9", "Kept");
    f.existing("Server", "app-9", "Shares the key"); // app-9 is not unique: by id
    f.existing_ref("Depends on", a, a);
    f.want("Application", "app-9", "Kept", 2);
    f.options.rule_component_types = {"Domain", "Application"};
    f.options.rule_reference_types = {"Depends on"};
    auto p = f.run();
    CHECK(test::render_entries(p) ==
          "component Application app-9: ambiguous conflict\n"
          "  reason: key \"app-9\" is used by 2 components in Ardoq: Application "
          "c00000000000000000000004 \"Kept\", Server c00000000000000000000005 \"Shares the key\"\n"
          "  hint: make \"external_id\" unique in Ardoq (an upsert that matches several components "
          "fails)\n"
          "component Domain dom-1: missing delete\n"
          "component Application app-1: missing delete\n"
          "component Application : missing delete\n"
          "reference Depends on app-1 → app-1: missing delete\n");
    batch::BatchOptions options;
    auto seq = batch::build_sequence(p, options);
    REQUIRE(seq.requests.size() == 1);
    auto r = test::render_all(p, seq, options);
    CHECK(
        r.texts[0] ==
        R"({"components":{"delete":[{"match":{"rootWorkspace":"a00000000000000000000001","customFields":{"external_id":"app-1"}}},{"id":"c00000000000000000000003"},)"
        R"({"match":{"rootWorkspace":"a00000000000000000000001","customFields":{"external_id":"dom-1"}}}]},)"
        R"("references":{"delete":[{"id":"c00000000000000000010006"}]}})");
    // Within the request, the reference delete is listed first in the sequence.
    CHECK(seq.requests[0].operations[0].entity == plan::EntityKind::reference);
}

TEST_CASE("batch: deletes never share a request with component upserts") {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = 1.0;
    f.existing("Application", "app-1", "Old");
    f.want("Application", "app-2", "New", 2);
    auto p = f.run();
    auto seq = batch::build_sequence(p, {});
    REQUIRE(seq.requests.size() == 2);
    CHECK(seq.requests[0].operations.at(0).op == batch::OpKind::upsert);
    CHECK(seq.requests[1].operations.at(0).op == batch::OpKind::remove);
}

TEST_CASE("batch: requests are chunked to batch_size: ceil(operations / batch_size) requests") {
    PlanFixture f;
    for (int i = 0; i < 23; ++i)
        f.want("Application", "app-" + std::to_string(i), "A", static_cast<std::uint64_t>(i + 2));
    for (int i = 0; i + 1 < 23; ++i)
        f.want_ref("Depends on", {"Application", "app-" + std::to_string(i)},
                   {"Application", "app-" + std::to_string(i + 1)},
                   static_cast<std::uint64_t>(i + 1));
    auto p = f.run();
    for (std::size_t size : {1u, 5u, 10u, 45u, 500u}) {
        CAPTURE(size);
        batch::BatchOptions options;
        options.batch_size = size;
        auto seq = batch::build_sequence(p, options);
        CHECK(seq.operation_count == 45);
        CHECK(seq.requests.size() == (45 + size - 1) / size);
        for (const auto& r : seq.requests)
            CHECK(r.operations.size() <= size);
        test::render_all(p, seq, options); // every reference finds its endpoints' ids
    }
}

TEST_CASE("batch: conflicts, errors, skips and unchanged entities are never sent") {
    PlanFixture f;
    f.existing("Application", "app-1", "Same");
    f.want("Application", "app-1", "Same", 2);
    f.want("Application", "app-2", "Dup", 3);
    f.want("Application", "app-2", "Dup", 4);
    f.want("Application", "app-3", "Orphan", 5).parent = model::ComponentRef{"Domain", "nowhere"};
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-3"}, 1);
    auto p = f.run();
    auto seq = batch::build_sequence(p, {});
    CHECK(seq.requests.empty());
    CHECK(seq.operation_count == 0);
}

TEST_CASE("batch: batchIds name plan entries") {
    CHECK(batch::batch_id(plan::EntityKind::component, 12) == "c12");
    CHECK(batch::batch_id(plan::EntityKind::reference, 0) == "r0");
    CHECK(batch::parse_batch_id("c12") == std::pair{plan::EntityKind::component, 12u});
    CHECK(batch::parse_batch_id("r7") == std::pair{plan::EntityKind::reference, 7u});
    CHECK_FALSE(batch::parse_batch_id("x1"));
    CHECK_FALSE(batch::parse_batch_id("c"));
    CHECK_FALSE(batch::parse_batch_id("c1x"));
}

TEST_CASE("batch: a malformed response is reported, not guessed at") {
    batch::Request request;
    request.operations.push_back({plan::EntityKind::component, batch::OpKind::upsert, false, 3});
    batch::CreatedIds ids;
    auto check = [&](std::string_view response, const std::string& message) {
        auto r = ids.record(request, json::parse(response));
        REQUIRE_FALSE(r);
        CHECK(r.error().message == message);
        CHECK(r.error().hint == "the target answered in an unexpected shape; refresh the snapshot "
                                "and plan again before retrying");
    };
    check("[]", "batch response: not a JSON object");
    check(R"({"components": {"created": {}}})", "batch response: components.created is not a list");
    check(R"({"components": {"created": [{"id": "nope", "batchId": "c3"}]}})",
          "batch response: components.created[0].id is not an object id");
    check(R"({"components": {"created": [{"id": "d00000000000000000000001", "batchId": "c4"}]}})",
          "batch response: components.created[0].batchId \"c4\" is not one this request sent");
    check(R"({"references": {"created": [{"id": "d00000000000000000000001", "batchId": "c3"}]}})",
          "batch response: references.created[0].batchId \"c3\" is not one this request sent");
    auto ok = ids.record(
        request,
        json::parse(
            R"({"components": {"created": [{"id": "D00000000000000000000009", "batchId": "c3"}]}})"));
    REQUIRE(ok);
    CHECK(*ok == 1);
    CHECK(ids.find(plan::EntityKind::component, 3)->to_string() == "d00000000000000000000009");
}
