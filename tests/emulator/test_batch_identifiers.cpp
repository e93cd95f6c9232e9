// Conformance: how a batch names entities — batchIds (forward references included), each
// documented alias form, and the failures: unknown or duplicate batchIds, aliases that match
// zero or several entities, unsupported alias shapes.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

TEST_CASE("emulator: batchIds name parents and reference endpoints created in the request") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", R"({
      "components": {"create": [
        {"batchId": "app", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Cart", "parent": "dom"}},
        {"batchId": "dom", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "Retail"}},
        {"batchId": "srv", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa02", "typeId": "p2000000000001", "name": "srv-02"}}]},
      "references": {"create": [
        {"batchId": "r1", "body": {"source": "app", "target": "srv", "type": 3}},
        {"body": {"source": "app", "target": "cccccccccccccccccccccc02", "type": 2, "displayText": "uses"}}]}})");
    REQUIRE(r.status == 200);
    auto j = r.json();
    auto created = ids(j.at("components").at("created"), "id");
    auto cart = emu.get("/api/v2/components/" + created[0]).json();
    CHECK(str(cart.at("parent")) == created[1]);
    auto refs = j.at("references").at("created");
    CHECK(refs.at(0).at("batchId") == "r1");
    CHECK(!refs.at(1).as_object().contains("batchId"));
    auto ref = emu.get("/api/v2/references/" + str(refs.at(0).at("id"))).json();
    CHECK(str(ref.at("source")) == created[0]);
    CHECK(str(ref.at("target")) == created[2]);
    CHECK(ref.at("rootWorkspace") == k_portfolio);
    CHECK(ref.at("targetWorkspace") == k_infrastructure);
}

TEST_CASE("emulator: unknown and duplicate batchIds fail the request") {
    Emulator emu(portfolio());
    std::string before = emu.state();
    CHECK(
        error_of(emu.post("/api/v2/batch", R"({"components": {"create": [
        {"body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Cart", "parent": "nope"}}]}})")) ==
        "422 unknown_component: components.create[0]: body.parent \"nope\" is neither the batchId "
        "of a component created or upserted in this request, nor an alias, nor an existing "
        "component | hint: use a batchId from this request, an alias defined under "
        "aliases.components, or the OID of an existing component");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"components": {"create": [
        {"batchId": "x", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "A"}},
        {"batchId": "x", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "B"}}]}})")) ==
          "400 duplicate_batch_id: components.create[1]: batchId \"x\" is already used by "
          "components.create[0] | hint: give every created or upserted entity its own batchId");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"references": {"create": [
        {"body": {"source": "ghost", "target": "cccccccccccccccccccccc02", "type": 2}}]}})")) ==
          "422 unknown_component: references.create[0]: body.source \"ghost\" is neither the "
          "batchId of a component created or upserted in this request, nor an alias, nor an "
          "existing component | hint: use a batchId from this request, an alias defined under "
          "aliases.components, or the OID of an existing component");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"components": {
        "create": [{"batchId": "n", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "A"}}],
        "update": [{"id": "n", "ifVersionMatch": "latest", "body": {"name": "B"}}]}})")) ==
          "422 unknown_component: components.update[0]: id \"n\" is a batchId; update and delete "
          "name existing components | hint: use the component's OID or an alias");
    CHECK(error_of(emu.post("/api/v2/batch",
                            R"({"aliases": {"components": {"n": {"componentKey": "APP-1"}}},
        "components": {"create": [{"batchId": "n", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "A"}}]}})")) ==
          "400 ambiguous_identifier: components.create[0]: batchId \"n\" is also the name of an "
          "alias | hint: rename the batchId or the alias");
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: every documented alias form names one existing entity") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", R"({
      "aliases": {
        "components": {
          "by_name": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "Billing"},
          "by_field": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "customFields": {"external_id": "dom-sales"}},
          "by_number": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "customFields": {"annual_cost": "12000"}},
          "by_key": {"componentKey": "INF-1"}},
        "references": {
          "by_endpoints": {"source": "cccccccccccccccccccccc03", "target": "by_number", "type": 2},
          "by_source": {"source": "by_number", "type": 3},
          "by_ref_field": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "customFields": {"ref_key": "webshop->crm"}}}},
      "components": {"update": [
        {"id": "by_name", "ifVersionMatch": 1, "body": {"parent": "by_field"}},
        {"id": "by_key", "ifVersionMatch": "latest", "body": {"description": "found by key"}}]},
      "references": {"update": [
        {"id": "by_endpoints", "ifVersionMatch": 1, "body": {"description": "by endpoints"}},
        {"id": "by_source", "ifVersionMatch": 1, "body": {"displayText": "runs on"}}]}})");
    REQUIRE(r.status == 200);
    CHECK(ids(r.json().at("components").at("updated"), "id") ==
          std::vector<std::string>{k_billing, k_server});
    CHECK(ids(r.json().at("references").at("updated"), "id") ==
          std::vector<std::string>{k_webshop_crm, k_crm_server});
    CHECK(emu.get(std::string("/api/v2/components/") + k_billing).json().at("parent") == k_sales);
    CHECK(emu.get(std::string("/api/v2/references/") + k_crm_server).json().at("displayText") ==
          "runs on");
    auto del = emu.post("/api/v2/batch", R"({
      "aliases": {"references": {"r": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "customFields": {"ref_key": "webshop->crm"}}}},
      "references": {"delete": [{"id": "r"}]}})");
    CHECK(json::serialize(del.json().at("references").at("deleted")) ==
          R"([{"id":"dddddddddddddddddddddd01"}])");
}

TEST_CASE("emulator: an alias matching zero or several entities fails the request") {
    Emulator emu(portfolio());
    REQUIRE(emu.post("/api/v2/batch", R"({"components": {"create": [{"body": {
        "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "CRM"}}]}})")
                .status == 200);
    std::string before = emu.state();
    auto twice = emu.post("/api/v2/batch", R"({"aliases": {"components": {
        "crm": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "CRM"}}}})");
    CHECK(twice.status == 422);
    CHECK(twice.json().at("code") == "alias_ambiguous");
    CHECK(str(twice.json().at("message"))
              .rfind("aliases.components.crm: the alias matches 2 "
                     "components (cccccccccccccccccccccc02, ",
                     0) == 0);
    CHECK(error_of(emu.post("/api/v2/batch", R"({"aliases": {"components": {
        "none": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "Nothing"}}}})")) ==
          "422 alias_not_found: aliases.components.none: the alias matches no component | hint: "
          "an alias must name exactly one existing component");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"aliases": {"references": {
        "none": {"source": "cccccccccccccccccccccc02", "type": 2}}}})")) ==
          "422 alias_not_found: aliases.references.none: the alias matches no reference | hint: "
          "an alias must name exactly one existing reference");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"aliases": {"components": {
        "odd": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002"}}}})")) ==
          "400 invalid_request: aliases.components.odd: unknown member \"typeId\" | hint: allowed "
          "here: componentKey, customFields, name, rootWorkspace");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"aliases": {"components": {
        "odd": {"name": "CRM"}}}})")) ==
          "400 invalid_request: aliases.components.odd: unsupported combination of alias fields | "
          "hint: a component alias is {rootWorkspace, name}, {rootWorkspace, customFields: {<one "
          "field>}} or {componentKey}");
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: --name-match ignore-case makes names match without case") {
    std::string request = R"({"aliases": {"components": {
        "crm": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "crm"}}},
        "components": {"update": [{"id": "crm", "ifVersionMatch": "latest", "body": {"description": "x"}}]}})";
    Emulator exact(portfolio());
    CHECK(exact.post("/api/v2/batch", request).json().at("code") == "alias_not_found");
    Emulator folded(portfolio({"--name-match", "ignore-case"}));
    auto r = folded.post("/api/v2/batch", request);
    CHECK(ids(r.json().at("components").at("updated"), "id") == std::vector<std::string>{k_crm});
}
