// Conformance: the single-entity v2 writes — POST, PATCH ?ifVersionMatch= and DELETE on
// /components and /references — which follow the batch rules and name the REST call.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

TEST_CASE("emulator: POST /components creates and answers 201 with the component") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/components", R"({"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "typeId": "p1000000000002", "name": "Payroll", "parent": "cccccccccccccccccccccc01",
        "customFields": {"annual_cost": 10}})");
    REQUIRE(r.status == 201);
    auto c = r.json();
    CHECK(c.at("name") == "Payroll");
    CHECK(c.at("type") == "Application");
    CHECK(c.at("componentKey") == "APP-5");
    CHECK(emu.get("/api/v2/components/" + str(c.at("_id"))).json() == c);
    CHECK(error_of(emu.post("/api/v2/components",
                            R"({"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "X"})")) ==
          "400 invalid_request: POST /api/v2/components: body.typeId is required | hint: a "
          "component needs name, rootWorkspace and typeId");
    CHECK(error_of(emu.post("/api/v2/components", R"({"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "typeId": "p1000000000002", "name": "X", "parent": "nope"})")) ==
          "422 unknown_component: POST /api/v2/components: body.parent \"nope\" is neither the "
          "batchId of a component created or upserted in this request, nor an alias, nor an "
          "existing component | hint: use a batchId from this request, an alias defined under "
          "aliases.components, or the OID of an existing component");
}

TEST_CASE("emulator: PATCH /components/{id} needs ifVersionMatch") {
    Emulator emu(portfolio());
    std::string url = std::string("/api/v2/components/") + k_crm;
    CHECK(error_of(emu.request("PATCH", url, R"({"name": "x"})")) ==
          "400 invalid_request: PATCH /api/v2/components/cccccccccccccccccccccc02: the query "
          "parameter ifVersionMatch is required | hint: add ?ifVersionMatch=<current _version> or "
          "?ifVersionMatch=latest");
    auto ok = emu.request("PATCH", url + "?ifVersionMatch=1",
                          R"({"name": "CRM 2", "customFields": {"lifecycle": "Retired"}})");
    REQUIRE(ok.status == 200);
    CHECK(ok.json().at("_version") == 2);
    CHECK(ok.json().at("customFields").at("lifecycle") == "Retired");
    CHECK(ok.json().at("customFields").at("external_id") == "app-1");
    CHECK(emu.request("PATCH", url + "?ifVersionMatch=1", "{}").status == 409);
    CHECK(emu.request("PATCH", url + "?ifVersionMatch=latest", "{}").status == 200);
    CHECK(emu.request("PATCH", url + "?ifVersionMatch=x", "{}").json().at("code") ==
          "invalid_request");
    CHECK(error_of(emu.request(
              "PATCH", "/api/v2/components/ffffffffffffffffffffffff?ifVersionMatch=1", "{}")) ==
          "404 not_found: PATCH /api/v2/components/ffffffffffffffffffffffff: component "
          "\"ffffffffffffffffffffffff\" does not exist");
    CHECK(error_of(emu.request("PATCH", url + "?ifVersionMatch=latest",
                               R"({"typeId": "p1000000000001"})")) ==
          "400 invalid_request: PATCH /api/v2/components/cccccccccccccccccccccc02: body.typeId "
          "cannot be changed by an update | hint: leave typeId out; to change it, delete the "
          "component and create it again");
}

TEST_CASE("emulator: DELETE /components/{id} answers 204 and follows the children rule") {
    Emulator emu(portfolio());
    auto r = emu.request("DELETE", std::string("/api/v2/components/") + k_billing);
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    CHECK(emu.get(std::string("/api/v2/components/") + k_billing).status == 404);
    CHECK(emu.request("DELETE", std::string("/api/v2/components/") + k_sales).json().at("code") ==
          "has_children");
    CHECK(emu.request("DELETE", std::string("/api/v2/components/") + k_billing).status == 404);
}

TEST_CASE("emulator: POST, PATCH and DELETE /references") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/references", R"({"source": "cccccccccccccccccccccc04",
        "target": "cccccccccccccccccccccc05", "type": 3, "displayText": "runs on"})");
    REQUIRE(r.status == 201);
    auto ref = r.json();
    CHECK(ref.at("rootWorkspace") == k_portfolio);
    CHECK(ref.at("targetWorkspace") == k_infrastructure);
    std::string url = "/api/v2/references/" + str(ref.at("_id"));
    auto patched = emu.request("PATCH", url + "?ifVersionMatch=1",
                               R"({"target": "cccccccccccccccccccccc02"})");
    REQUIRE(patched.status == 200);
    CHECK(patched.json().at("targetWorkspace") == k_portfolio);
    CHECK(patched.json().at("_version") == 2);
    CHECK(error_of(emu.request("PATCH", url + "?ifVersionMatch=latest", R"({"type": 2})")) ==
          "400 invalid_request: PATCH " + url +
              ": body.type cannot be changed by an update | "
              "hint: leave type out; to change it, delete the reference and create it again");
    CHECK(emu.request("DELETE", url).status == 204);
    CHECK(emu.get(url).status == 404);
    CHECK(error_of(emu.post("/api/v2/references", R"({"source": "cccccccccccccccccccccc04",
        "target": "cccccccccccccccccccccc05", "type": 9})")) ==
          "422 unknown_reference_type: POST /api/v2/references: body.type 9 is not a reference "
          "type of workspace \"Application Portfolio\" (the source's workspace) | hint: reference "
          "types of this workspace: 2 (Depends on), 3 (Runs on)");
}

TEST_CASE("emulator: names and values with quotes, control characters and UTF-8 round-trip") {
    Emulator emu(portfolio());
    std::string name = "Quote \" back\\slash\nline\u0001\u00e9\u2603";
    json::object body{{"rootWorkspace", k_portfolio},
                      {"typeId", k_application_type},
                      {"name", name},
                      {"description", "tab\there"}};
    auto r = emu.post("/api/v2/components", json::serialize(body));
    REQUIRE(r.status == 201);
    std::string id = str(r.json().at("_id"));
    auto got = emu.get("/api/v2/components/" + id);
    CHECK(str(got.json().at("name")) == name);
    CHECK(got.json().at("description") == "tab\there");
    CHECK(got.body.find(R"(\u0001)") != std::string::npos);
    auto listed = emu.get(std::string("/api/v2/components?rootWorkspace=") + k_portfolio).json();
    CHECK(listed.at("values").at(4) == got.json());
    auto state = json::parse(emu.state());
    CHECK(state.at("components").at(5) == got.json());
}
