// Conformance: every v2 answer of the emulator validates against its response schema in
// shared/ardoq/openapi.json (required members, types, nullability, and no member the schema
// does not list).
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"
#include "engine/schema_validator.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

const SchemaValidator& openapi() {
    static const SchemaValidator validator =
        SchemaValidator::from_file(std::string(ARDOQ_SHARED_DIR) + "/ardoq/openapi.json", true);
    return validator;
}

// The problems of an answer against `schema`, after checking its status; one string so that a
// failing check shows them all. A workspace's "componentModel" is the one member served beyond
// the schema: GET /workspaces filters by it, so Ardoq's workspaces carry it (docs/emulator.md).
std::string problems(const HttpResult& r, int status, const char* schema) {
    if (r.status != status)
        return "status " + std::to_string(r.status) + ": " + r.body;
    std::string out;
    for (const auto& p : openapi().validate(r.json(), schema))
        if (!p.ends_with("componentModel: unknown property") ||
            (std::string_view(schema) != "Workspace" &&
             std::string_view(schema) != "PaginatedWorkspaceResponse"))
            out += p + "\n";
    return out;
}

} // namespace

TEST_CASE("emulator: /me, workspaces and the context validate against openapi.json") {
    Emulator emu(portfolio({"--page-size", "1"}));
    CHECK(problems(emu.get("/api/v2/me"), 200, "UserInfo") == "");
    auto first = emu.get("/api/v2/workspaces");
    CHECK(problems(first, 200, "PaginatedWorkspaceResponse") == "");
    REQUIRE(first.json().at("_links").as_object().contains("next"));
    CHECK(problems(emu.get(std::string("/api/v2/workspaces/") + k_portfolio), 200, "Workspace") ==
          "");
    CHECK(problems(emu.get(std::string("/api/v2/workspaces/") + k_portfolio + "/context"), 200,
                   "WorkspaceContext") == "");
    CHECK(problems(emu.get(std::string("/api/v2/workspaces/") + k_infrastructure + "/context"), 200,
                   "WorkspaceContext") == "");
}

TEST_CASE("emulator: component and reference answers validate against openapi.json") {
    Emulator emu(portfolio({"--page-size", "2"}));
    auto page = emu.get("/api/v2/components");
    CHECK(problems(page, 200, "PaginatedComponentResponse") == "");
    CHECK(page.json().at("values").as_array().size() == 2);
    CHECK(problems(emu.get(std::string("/api/v2/components/") + k_crm), 200, "Component") == "");
    CHECK(problems(emu.get("/api/v2/references"), 200, "PaginatedReferenceResponse") == "");
    CHECK(problems(emu.get(std::string("/api/v2/references/") + k_webshop_crm), 200, "Reference") ==
          "");

    auto created = emu.post("/api/v2/components",
                            R"({"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId":
                                "p1000000000002", "name": "Payroll", "parent":
                                "cccccccccccccccccccccc01", "customFields": {"annual_cost": 3}})");
    CHECK(problems(created, 201, "Component") == "");
    auto patched =
        emu.request("PATCH", std::string("/api/v2/components/") + k_crm + "?ifVersionMatch=latest",
                    R"({"description": null, "customFields": {"critical": false}})");
    CHECK(problems(patched, 200, "Component") == "");
    auto reference = emu.post("/api/v2/references", std::string(R"({"source": ")") + k_billing +
                                                        R"(", "target": ")" + k_crm +
                                                        R"(", "type": 2, "displayText": "bills"})");
    CHECK(problems(reference, 201, "Reference") == "");
    auto patched_reference = emu.request(
        "PATCH", std::string("/api/v2/references/") + k_crm_server + "?ifVersionMatch=1",
        R"({"description": "hosted"})");
    CHECK(problems(patched_reference, 200, "Reference") == "");
}

TEST_CASE("emulator: batch answers validate against BatchResponse, expand against BatchRequest") {
    Emulator emu(portfolio());
    const std::string request = R"({
      "options": {"respondWithEntities": true},
      "components": {
        "create": [{"batchId": "hr", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
                    "typeId": "p1000000000001", "name": "HR"}}],
        "update": [{"id": "cccccccccccccccccccccc02", "ifVersionMatch": 1,
                    "body": {"parent": "hr"}}],
        "delete": [{"id": "cccccccccccccccccccccc04"}]},
      "references": {
        "create": [{"batchId": "r1", "body": {"source": "cccccccccccccccccccccc03",
                    "target": "hr", "type": 2}}],
        "update": [{"id": "dddddddddddddddddddddd02", "ifVersionMatch": "latest",
                    "body": {"displayText": "hosted on"}}],
        "delete": [{"id": "dddddddddddddddddddddd01"}]}})";
    auto expanded = emu.post("/api/v2/batch/expand", request);
    CHECK(problems(expanded, 200, "BatchRequest") == "");
    auto r = emu.post("/api/v2/batch", request);
    CHECK(problems(r, 200, "BatchResponse") == "");
    auto j = r.json();
    CHECK(j.at("components").at("created").as_array().size() == 1);
    CHECK(j.at("components").at("updated").as_array().size() == 1);
    CHECK(j.at("components").at("deleted").as_array().size() == 1);
    CHECK(j.at("references").at("created").as_array().size() == 1);
    CHECK(j.at("references").at("updated").as_array().size() == 1);
    CHECK(j.at("references").at("deleted").as_array().size() == 1);
    // Without respondWithEntities the answer still validates (no body members).
    auto plain = emu.post("/api/v2/batch", R"({"components": {"upsert": [{"uniqueBy":
        ["customFields.external_id", "rootWorkspace"], "body": {"rootWorkspace":
        "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Ledger",
        "customFields": {"external_id": "app-9"}}}]}})");
    CHECK(problems(plain, 200, "BatchResponse") == "");
}

TEST_CASE("emulator: a workspace served from an ardoq-sync snapshot file validates too") {
    EmulatorOptions o;
    o.seed_file = emulator_fixture("snapshot-export.json");
    Emulator emu(o);
    auto list = emu.get("/api/v2/components?rootWorkspace=aaaaaaaaaaaaaaaaaaaaaa01");
    CHECK(problems(list, 200, "PaginatedComponentResponse") == "");
    CHECK(ids(list.json().at("values")) ==
          std::vector<std::string>{"c00000000000000000000001", "c00000000000000000000002"});
    CHECK(problems(emu.get("/api/v2/workspaces/aaaaaaaaaaaaaaaaaaaaaa01/context"), 200,
                   "WorkspaceContext") == "");
    CHECK(problems(emu.get("/api/v2/references"), 200, "PaginatedReferenceResponse") == "");
}
