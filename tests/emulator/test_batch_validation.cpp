// Conformance: what a batch checks before anything is applied — required members, unknown
// workspaces, types, reference types and parents, ifVersionMatch, members an update may not
// change, the parent hierarchy and custom-field values against the workspace context.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

std::string create_app(const std::string& body_members) {
    return R"({"components": {"create": [{"body": {)" + body_members + "}}]}}";
}

std::string update_crm(const std::string& version, const std::string& body) {
    return R"({"components": {"update": [{"id": "cccccccccccccccccccccc02", "ifVersionMatch": )" +
           version + R"(, "body": )" + body + "}]}}";
}

const std::string k_app =
    R"("rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002")";

} // namespace

TEST_CASE("emulator: a create without name, rootWorkspace or typeId is 400") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.post("/api/v2/batch", create_app(k_app))) ==
          "400 invalid_request: components.create[0]: body.name is required | hint: a component "
          "needs name, rootWorkspace and typeId");
    CHECK(error_of(emu.post("/api/v2/batch",
                            create_app(R"("name": "X", "typeId": "p1000000000002")"))) ==
          "400 invalid_request: components.create[0]: body.rootWorkspace is required | hint: a "
          "component needs name, rootWorkspace and typeId");
    CHECK(error_of(emu.post("/api/v2/batch", create_app(k_app + R"(, "name": 5)"))) ==
          "400 invalid_request: components.create[0]: body.name must be a string, not a number");
    CHECK(error_of(
              emu.post("/api/v2/batch", create_app(k_app + R"(, "name": "X", "colour": "red")"))) ==
          "400 invalid_request: components.create[0]: unknown member \"body.colour\" | hint: "
          "allowed here: color, customFields, description, icon, image, name, parent, "
          "rootWorkspace, shape, typeId");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"references": {"create": [{"body": {
        "source": "cccccccccccccccccccccc03", "target": "cccccccccccccccccccccc02"}}]}})")) ==
          "400 invalid_request: references.create[0]: body.type is required | hint: a reference "
          "needs source, target and type");
    CHECK(
        error_of(emu.post("/api/v2/batch", R"({"components": {"create": [{"batchId": "x"}]}})")) ==
        "400 invalid_request: components.create[0]: body is required");
}

TEST_CASE("emulator: unknown workspace, type, reference type and parent are 422") {
    Emulator emu(portfolio());
    std::string before = emu.state();
    CHECK(
        error_of(emu.post(
            "/api/v2/batch",
            create_app(
                R"("rootWorkspace": "ffffffffffffffffffffffff", "typeId": "p1", "name": "X")"))) ==
        "422 unknown_workspace: components.create[0]: body.rootWorkspace "
        "\"ffffffffffffffffffffffff\" is not an existing workspace | hint: list the workspaces "
        "with GET /api/v2/workspaces");
    CHECK(
        error_of(emu.post(
            "/api/v2/batch",
            create_app(
                R"("rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p2000000000001", "name": "X")"))) ==
        "422 unknown_type_id: components.create[0]: body.typeId \"p2000000000001\" is not a "
        "component type of workspace \"Application Portfolio\" | hint: component types of this "
        "workspace: p1000000000001 (Domain), p1000000000002 (Application)");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"references": {"create": [{"body": {
        "source": "cccccccccccccccccccccc05", "target": "cccccccccccccccccccccc02", "type": 2}}]}})")) ==
          "422 unknown_reference_type: references.create[0]: body.type 2 is not a reference type "
          "of workspace \"Infrastructure\" (the source's workspace) | hint: reference types of "
          "this workspace: 7 (Connects to)");
    CHECK(error_of(emu.post(
              "/api/v2/batch",
              create_app(k_app + R"(, "name": "X", "parent": "cccccccccccccccccccccc05")"))) ==
          "422 parent_workspace: components.create[0]: body.parent \"cccccccccccccccccccccc05\" is "
          "in workspace aaaaaaaaaaaaaaaaaaaaaa02, not in the component's workspace "
          "aaaaaaaaaaaaaaaaaaaaaa01 | hint: a parent must belong to the same workspace");
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: ifVersionMatch accepts the current version or latest, else 409 or 400") {
    Emulator emu(portfolio());
    CHECK(emu.post("/api/v2/batch", update_crm("1", R"({"name": "v2"})")).status == 200);
    CHECK(error_of(emu.post("/api/v2/batch", update_crm("1", R"({"name": "v3"})"))) ==
          "409 version_conflict: components.update[0]: ifVersionMatch 1 does not match _version 2 "
          "of component cccccccccccccccccccccc02 | hint: fetch the component again and retry "
          "with its current _version, or use \"latest\"");
    CHECK(emu.post("/api/v2/batch", update_crm("\"latest\"", R"({"name": "v3"})")).status == 200);
    CHECK(emu.get(std::string("/api/v2/components/") + k_crm).json().at("_version") == 3);
    for (const char* bad : {"0", "\"3\"", "2.5", "null"})
        CHECK_MESSAGE(emu.post("/api/v2/batch", update_crm(bad, "{}")).json().at("code") ==
                          "invalid_request",
                      bad);
    CHECK(error_of(emu.post("/api/v2/batch", update_crm("0", "{}"))) ==
          "400 invalid_request: components.update[0]: ifVersionMatch must be an integer >= 1 or "
          "\"latest\", not 0");
    CHECK(error_of(emu.post("/api/v2/batch",
                            R"({"references": {"update": [{"id": "dddddddddddddddddddddd01",
        "ifVersionMatch": 9, "body": {}}]}})")) ==
          "409 version_conflict: references.update[0]: ifVersionMatch 9 does not match _version 1 "
          "of reference dddddddddddddddddddddd01 | hint: fetch the reference again and retry with "
          "its current _version, or use \"latest\"");
}

TEST_CASE("emulator: an update cannot change typeId, rootWorkspace or a reference's type") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.post("/api/v2/batch", update_crm("1", R"({"typeId": "p1000000000001"})"))) ==
          "400 invalid_request: components.update[0]: body.typeId cannot be changed by an update | "
          "hint: leave typeId out; to change it, delete the component and create it again");
    CHECK(emu.post("/api/v2/batch",
                   update_crm("1", R"({"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa02"})"))
              .status == 400);
    CHECK(error_of(emu.post("/api/v2/batch",
                            R"({"references": {"update": [{"id": "dddddddddddddddddddddd01",
        "ifVersionMatch": 1, "body": {"type": 3}}]}})")) ==
          "400 invalid_request: references.update[0]: body.type cannot be changed by an update | "
          "hint: leave type out; to change it, delete the reference and create it again");
    CHECK(error_of(emu.post(
              "/api/v2/batch",
              R"({"components": {"update": [{"id": "cccccccccccccccccccccc02", "body": {}}]}})")) ==
          "400 invalid_request: components.update[0]: ifVersionMatch is required | hint: give the "
          "entity's current _version, or \"latest\"");
    CHECK(error_of(emu.post(
              "/api/v2/batch",
              R"({"components": {"update": [{"id": "CRM", "ifVersionMatch": 1, "body": {}}]}})")) ==
          "422 unknown_component: components.update[0]: id \"CRM\" is neither an OID nor an alias "
          "defined under aliases.components | hint: define the alias under aliases.components, or "
          "use the component's OID");
}

TEST_CASE("emulator: parents move within a workspace, never below themselves") {
    Emulator emu(portfolio());
    CHECK(emu.post("/api/v2/batch", update_crm("1", R"({"parent": null})")).status == 200);
    CHECK(emu.get(std::string("/api/v2/components/") + k_crm).json().at("parent").is_null());
    CHECK(emu.post("/api/v2/batch", update_crm("2", R"({"parent": "cccccccccccccccccccccc04"})"))
              .status == 200);
    CHECK(emu.get(std::string("/api/v2/components/") + k_crm).json().at("parent") == k_billing);
    CHECK(error_of(emu.post("/api/v2/batch",
                            R"({"components": {"update": [{"id": "cccccccccccccccccccccc04",
        "ifVersionMatch": "latest", "body": {"parent": "cccccccccccccccccccccc02"}}]}})")) ==
          "422 parent_cycle: components.update[0]: setting the parent of component "
          "cccccccccccccccccccccc04 makes it its own ancestor | hint: a component cannot be below "
          "itself in the hierarchy");
    CHECK(error_of(emu.post("/api/v2/batch",
                            update_crm("\"latest\"", R"({"parent": "cccccccccccccccccccccc02"})")))
              .find("422 parent_cycle: components.update[0]: body.parent names the component "
                    "itself") == 0);
}

TEST_CASE("emulator: custom fields are checked against the workspace context") {
    Emulator emu(portfolio());
    auto with_fields = [&](const std::string& fields) {
        return emu.post("/api/v2/batch",
                        create_app(k_app + R"(, "name": "X", "customFields": )" + fields));
    };
    auto ok = with_fields(R"({"external_id": "app-8", "lifecycle": "Retired", "annual_cost": 1.5,
        "critical": false, "go_live": "2024-05-01T00:00:00Z", "labels": ["web", "batch"],
        "owner_email": "a@example.com"})");
    CHECK(ok.status == 200);
    CHECK(error_of(with_fields(R"({"colour": "red"})")) ==
          "422 unknown_field: components.create[0]: body.customFields.colour: type "
          "\"Application\" has no custom field \"colour\" in workspace \"Application Portfolio\" | "
          "hint: fields of this type: external_id, lifecycle, annual_cost, critical, go_live, "
          "labels, owner_email");
    CHECK(error_of(with_fields(R"({"annual_cost": "12"})")) ==
          "422 invalid_field_value: components.create[0]: body.customFields.annual_cost: the "
          "Number field expects a number, not a string");
    CHECK(error_of(with_fields(R"({"critical": "yes"})")) ==
          "422 invalid_field_value: components.create[0]: body.customFields.critical: the "
          "Checkbox field expects a boolean, not a string");
    CHECK(error_of(with_fields(R"({"lifecycle": "Dead"})")) ==
          "422 invalid_field_value: components.create[0]: body.customFields.lifecycle: the List "
          "field \"Dead\" is not one of its options (\"Planned\", \"Live\", \"Retired\")");
    CHECK(error_of(with_fields(R"({"labels": "web"})")) ==
          "422 invalid_field_value: components.create[0]: body.customFields.labels: the "
          "SelectMultipleList field expects an array of strings, not a string");
    CHECK(error_of(with_fields(R"({"go_live": "soon"})")) ==
          "422 invalid_field_value: components.create[0]: body.customFields.go_live: the "
          "DateTime field expects an ISO-8601 date, not \"soon\"");
    CHECK(error_of(with_fields(R"({"score": 3})")) ==
          "422 unknown_field: components.create[0]: body.customFields.score: type "
          "\"Application\" has no custom field \"score\" in workspace \"Application Portfolio\" | "
          "hint: fields of this type: external_id, lifecycle, annual_cost, critical, go_live, "
          "labels, owner_email");
    // A field of another type is unknown for this one.
    CHECK(
        emu.post(
               "/api/v2/batch",
               R"({"components": {"create": [{"body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "typeId": "p1000000000001", "name": "D", "customFields": {"lifecycle": "Live"}}}]}})")
            .json()
            .at("code") == "unknown_field");
    // null removes a value.
    CHECK(emu.post("/api/v2/batch", update_crm("1", R"({"customFields": {"critical": null}})"))
              .status == 200);
    CHECK(json::serialize(
              emu.get(std::string("/api/v2/components/") + k_crm).json().at("customFields")) ==
          R"({"external_id":"app-1","lifecycle":"Live","annual_cost":12000})");
    // References are checked against their reference type.
    CHECK(error_of(
              emu.post("/api/v2/batch",
                       R"({"references": {"create": [{"body": {"source": "cccccccccccccccccccccc04",
        "target": "cccccccccccccccccccccc02", "type": 3, "customFields": {"ref_key": "x"}}}]}})")) ==
          "422 unknown_field: references.create[0]: body.customFields.ref_key: reference type "
          "\"Runs on\" has no custom field \"ref_key\" in workspace \"Application Portfolio\" | "
          "hint: this type has no custom fields; custom fields are created in the Ardoq app (or "
          "in the emulator's seed)");
}

TEST_CASE("emulator: calculated fields are read-only and --custom-fields lenient skips checks") {
    Emulator emu(portfolio());
    // "score" is calculated; attach it nowhere: a strict emulator calls it unknown for the
    // type, a lenient one stores anything.
    Emulator lenient(portfolio({"--custom-fields", "lenient"}));
    auto r = lenient.post(
        "/api/v2/batch",
        create_app(k_app +
                   R"(, "name": "X", "customFields": {"colour": "red", "annual_cost": "12"})"));
    REQUIRE(r.status == 200);
    auto id = str(r.json().at("components").at("created").at(0).at("id"));
    CHECK(json::serialize(lenient.get("/api/v2/components/" + id).json().at("customFields")) ==
          R"({"colour":"red","annual_cost":"12"})");
    auto put = emu.request("PUT", "/_emulator/state",
                           R"({"workspaces": [{"_id": "aaaaaaaaaaaaaaaaaaaaaa01",
        "name": "W", "context": {"componentTypes": [{"typeId": "p1", "name": "T", "customFields": ["score"]}],
        "customFields": [{"apiKey": "score", "type": "Number", "calculated": true}]}}]})");
    REQUIRE(put.status == 200);
    CHECK(error_of(
              emu.post("/api/v2/batch", create_app(R"("rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "typeId": "p1", "name": "X", "customFields": {"score": 1})"))) ==
          "422 read_only_field: components.create[0]: body.customFields.score: the field is "
          "calculated and cannot be written | hint: leave it out of the body");
}
