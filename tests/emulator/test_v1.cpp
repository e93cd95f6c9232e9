// Conformance: API v1 as ardoqpy uses it (API.md §6) — workspaces, folders, models,
// components, references, tags, fields and the current user, on the same store as v2.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

using Ids = std::vector<std::string>;

namespace {

std::vector<std::string> keys_of(const json::value& v) {
    std::vector<std::string> out;
    for (const auto& [k, x] : v.as_object())
        out.emplace_back(k);
    return out;
}

} // namespace

TEST_CASE("emulator: v1 workspace list, summary, get and aggregated") {
    Emulator emu(portfolio());
    auto list = emu.get("/api/workspace").json();
    CHECK(ids(list) == Ids{k_portfolio, k_infrastructure});
    const auto& ws = list.at(0);
    CHECK(keys_of(ws) == Ids{"_id", "_version", "name", "description", "componentModel",
                             "workspaceKey", "folder", "created", "created-by", "last-updated",
                             "last-modified-by", "components", "references", "tags"});
    CHECK(json::serialize(ws.at("components")) ==
          R"(["cccccccccccccccccccccc01","cccccccccccccccccccccc02",)"
          R"("cccccccccccccccccccccc03","cccccccccccccccccccccc04"])");
    auto summary = emu.get("/api/workspace/summary").json();
    CHECK(summary.at(0).at("componentCount") == 4);
    CHECK(summary.at(0).at("referenceCount") == 2);
    CHECK(summary.at(1).at("componentCount") == 1);
    CHECK(emu.get(std::string("/api/workspace/") + k_infrastructure).json().at("name") ==
          "Infrastructure");
    auto aggregated = emu.get(std::string("/api/workspace/") + k_portfolio + "/aggregated").json();
    CHECK(ids(aggregated.at("components")) == Ids{k_sales, k_crm, k_webshop, k_billing});
    CHECK(ids(aggregated.at("references")) == Ids{k_webshop_crm, k_crm_server});
    const auto& crm = aggregated.at("components").at(1);
    // Custom fields travel flat on a v1 component.
    CHECK(crm.at("external_id") == "app-1");
    CHECK(crm.at("annual_cost") == 12000);
    CHECK(crm.at("component-key") == "APP-2");
    CHECK(crm.at("type") == "Application");
    CHECK(crm.at("model") == "bbbbbbbbbbbbbbbbbbbbbb01");
    CHECK(!crm.as_object().contains("customFields"));
    CHECK(aggregated.at("references").at(0).at("ref_key") == "webshop->crm");
    CHECK(error_of(emu.get("/api/workspace/ffffffffffffffffffffffff")) ==
          "404 not_found: GET /api/workspace/ffffffffffffffffffffffff: workspace "
          "\"ffffffffffffffffffffffff\" does not exist");
}

TEST_CASE("emulator: v1 models show the type hierarchy and reference types") {
    Emulator emu(portfolio());
    CHECK(ids(emu.get("/api/model").json()) ==
          Ids{"bbbbbbbbbbbbbbbbbbbbbb01", "bbbbbbbbbbbbbbbbbbbbbb02"});
    auto model = emu.get("/api/model/bbbbbbbbbbbbbbbbbbbbbb01").json();
    CHECK(json::serialize(model.at("root")) ==
          R"({"p1000000000001":{"id":"p1000000000001","name":"Domain","index":0,"level":1,)"
          R"("children":{"p1000000000002":{"id":"p1000000000002","name":"Application","index":1,)"
          R"("level":2,"children":{}}}}})");
    CHECK(json::serialize(model.at("referenceTypes")) ==
          R"({"2":{"id":2,"name":"Depends on"},"3":{"id":3,"name":"Runs on"}})");
}

TEST_CASE("emulator: v1 creates a workspace from a template and files it in a folder") {
    Emulator emu(portfolio());
    auto folder = emu.post("/api/workspacefolder", R"({"name": "Imports"})");
    REQUIRE(folder.status == 201);
    std::string folder_id = str(folder.json().at("_id"));
    auto created = emu.post("/api/workspace", R"({"name": "Copy", "description": "from template",
        "componentTemplate": "bbbbbbbbbbbbbbbbbbbbbb01", "folder": ")" +
                                                  folder_id + R"("})");
    REQUIRE(created.status == 201);
    auto ws = created.json();
    std::string ws_id = str(ws.at("_id"));
    std::string model_id = str(ws.at("componentModel"));
    CHECK(model_id != "bbbbbbbbbbbbbbbbbbbbbb01"); // the template is copied
    CHECK(str(ws.at("folder")) == folder_id);
    CHECK(ws.at("workspaceKey") == "COP");
    auto ctx = emu.get("/api/v2/workspaces/" + ws_id + "/context").json();
    CHECK(ctx.at("componentTypes").as_array().size() == 2);
    CHECK(ctx.at("customFields").as_array().size() == 9);
    CHECK(json::serialize(emu.get("/api/workspacefolder/" + folder_id).json().at("workspaces")) ==
          "[\"" + ws_id + "\"]");
    auto moved = emu.request("PUT", "/api/workspacefolder/" + folder_id + "/add",
                             std::string(R"({"workspaces": [")") + k_infrastructure + "\"]}");
    CHECK(moved.status == 200);
    CHECK(moved.json().at("workspaces").as_array().size() == 2);
    CHECK(str(emu.get(std::string("/api/workspace/") + k_infrastructure).json().at("folder")) ==
          folder_id);
    CHECK(ids(emu.get("/api/workspacefolder").json()) == Ids{folder_id});
    CHECK(error_of(emu.post("/api/workspace", R"({"name": "X"})")) ==
          "400 invalid_request: POST /api/workspace: body.componentTemplate is required | hint: "
          "give the id of the model to copy; list the models with GET /api/model");
}

TEST_CASE("emulator: v1 updates and deletes a workspace with everything in it") {
    Emulator emu(portfolio());
    std::string url = std::string("/api/workspace/") + k_portfolio;
    auto ws = emu.get(url).json().as_object();
    ws["name"] = "Renamed";
    auto put = emu.request("PUT", url, json::serialize(ws));
    CHECK(put.status == 200);
    CHECK(put.json().at("_version") == 2);
    CHECK(emu.request("PUT", url, json::serialize(ws)).status == 409);
    CHECK(emu.request("DELETE", url).status == 204);
    CHECK(emu.get(url).status == 404);
    CHECK(emu.get(std::string("/api/v2/references/") + k_crm_server).status == 404);
    CHECK(emu.get(std::string("/api/v2/components/") + k_server).status == 200);
}

TEST_CASE("emulator: v1 component create, get, PUT with _version, search and delete") {
    Emulator emu(portfolio());
    auto created = emu.post("/api/component",
                            R"({"name": "Payroll", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "typeId": "p1000000000002", "parent": "cccccccccccccccccccccc01", "description": "pays",
        "external_id": "app-20", "annual_cost": 7})");
    REQUIRE(created.status == 201);
    auto c = created.json().as_object();
    std::string url = "/api/component/" + str(c.at("_id"));
    CHECK(c.at("external_id") == "app-20");
    CHECK(c.at("_version") == 1);
    // v2 sees the same component with the fields under customFields.
    CHECK(json::serialize(
              emu.get("/api/v2/components/" + str(c.at("_id"))).json().at("customFields")) ==
          R"({"external_id":"app-20","annual_cost":7})");
    // ardoqpy's update: GET, change, PUT the whole object back.
    auto fetched = emu.get(url).json().as_object();
    fetched["name"] = "Payroll 2";
    fetched["annual_cost"] = 8;
    auto put = emu.request("PUT", url, json::serialize(fetched));
    REQUIRE(put.status == 200);
    CHECK(put.json().at("_version") == 2);
    CHECK(put.json().at("annual_cost") == 8);
    CHECK(error_of(emu.request("PUT", url, json::serialize(fetched))) ==
          "409 version_conflict: PUT " + url +
              ": _version 1 does not match _version 2 of "
              "component " +
              str(c.at("_id")) +
              " | hint: fetch the component again and apply the "
              "change to it");
    fetched["_version"] = 2;
    fetched["typeId"] = "p1000000000001";
    CHECK(emu.request("PUT", url, json::serialize(fetched)).json().at("code") ==
          "immutable_member");
    fetched["typeId"] = "p1000000000002";
    fetched["bogus"] = 1;
    CHECK(emu.request("PUT", url, json::serialize(fetched)).json().at("code") == "unknown_field");

    auto found =
        emu.get(std::string("/api/component/search?workspace=") + k_portfolio + "&name=Payroll%202")
            .json();
    CHECK(ids(found) == Ids{str(c.at("_id"))});
    auto by_field = emu.get(std::string("/api/component/fieldsearch?workspace=") + k_portfolio +
                            "&lifecycle=Live&annual_cost=12000")
                        .json();
    CHECK(ids(by_field) == Ids{k_crm});
    CHECK(emu.request("DELETE", url).status == 204);
    CHECK(emu.get(url).status == 404);
    CHECK(error_of(emu.post("/api/component",
                            R"({"name": "X", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01"})")) ==
          "400 invalid_request: POST /api/component: body.typeId is required | hint: a component "
          "needs name, rootWorkspace and typeId");
}

TEST_CASE("emulator: v1 reference create, list, get, PUT and delete") {
    Emulator emu(portfolio());
    auto created = emu.post("/api/reference", R"({"source": "cccccccccccccccccccccc04",
        "target": "cccccccccccccccccccccc02", "type": 2, "displayText": "bills", "ref_key": "b->c"})");
    REQUIRE(created.status == 201);
    auto r = created.json().as_object();
    CHECK(r.at("ref_key") == "b->c");
    CHECK(r.at("rootWorkspace") == k_portfolio);
    std::string url = "/api/reference/" + str(r.at("_id"));
    CHECK(ids(emu.get(std::string("/api/reference?workspace=") + k_portfolio).json()) ==
          Ids{k_webshop_crm, k_crm_server, str(r.at("_id"))});
    r["displayText"] = "invoices";
    auto put = emu.request("PUT", url, json::serialize(r));
    REQUIRE(put.status == 200);
    CHECK(put.json().at("displayText") == "invoices");
    CHECK(put.json().at("_version") == 2);
    r["_version"] = 2;
    r["type"] = 3;
    CHECK(error_of(emu.request("PUT", url, json::serialize(r))) ==
          "422 immutable_member: PUT " + url +
              ": body.type cannot be changed from 2 | hint: "
              "delete the reference and create it again");
    CHECK(emu.request("DELETE", url).status == 204);
    CHECK(emu.get(url).status == 404);
}

TEST_CASE("emulator: v1 tags") {
    Emulator emu(portfolio());
    auto created =
        emu.post("/api/tag", R"({"name": "core", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "components": ["cccccccccccccccccccccc02"], "references": []})");
    REQUIRE(created.status == 201);
    auto tag = created.json().as_object();
    std::string url = "/api/tag/" + str(tag.at("_id"));
    CHECK(json::serialize(tag.at("components")) == R"(["cccccccccccccccccccccc02"])");
    CHECK(ids(emu.get(std::string("/api/tag/workspace/") + k_portfolio).json()) ==
          Ids{str(tag.at("_id"))});
    CHECK(
        emu.get(std::string("/api/v2/workspaces/") + k_portfolio + "/context").json().at("tags") ==
        json::parse(R"([{"name":"core"}])"));
    tag["components"] = json::array{k_crm, k_billing};
    auto put = emu.request("PUT", url, json::serialize(tag));
    CHECK(put.json().at("components").as_array().size() == 2);
    CHECK(
        error_of(emu.post("/api/tag", R"({"name": "x", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
        "components": ["nope"]})")) == "422 unknown_component: POST /api/tag: body.components: "
                                       "\"nope\" is not an existing component");
    CHECK(emu.request("DELETE", url).status == 204);
    CHECK(emu.get(url).status == 404);
}

TEST_CASE("emulator: v1 fields: list, create, get, update, delete") {
    Emulator emu(portfolio());
    CHECK(emu.get("/api/field").json().as_array().size() == 10);
    auto created = emu.post("/api/field", R"({"name": "tier", "label": "Tier", "type": "Number",
        "model": "bbbbbbbbbbbbbbbbbbbbbb01", "componentType": ["p1000000000002"]})");
    REQUIRE(created.status == 201);
    auto field = created.json().as_object();
    std::string url = "/api/field/" + str(field.at("_id"));
    CHECK(emu.post("/api/v2/batch", R"({"components": {"update": [{"id": "cccccccccccccccccccccc02",
        "ifVersionMatch": "latest", "body": {"customFields": {"tier": 1}}}]}})")
              .status == 200);
    field["label"] = "Service tier";
    auto put = emu.request("PUT", url, json::serialize(field));
    CHECK(put.json().at("label") == "Service tier");
    CHECK(error_of(emu.post(
              "/api/field",
              R"({"name": "tier", "type": "Text", "model": "bbbbbbbbbbbbbbbbbbbbbb01"})")) ==
          "409 field_exists: POST /api/field: model \"Application Portfolio\" already has a field "
          "\"tier\" | hint: update that field with PUT /api/field/<id> instead");
    CHECK(emu.request("DELETE", url).status == 204);
    // The field's values go with it.
    CHECK(!emu.get(std::string("/api/v2/components/") + k_crm)
               .json()
               .at("customFields")
               .as_object()
               .contains("tier"));
}

TEST_CASE("emulator: v1 current user") {
    Emulator emu(portfolio());
    CHECK(emu.get("/api/user/current_user").body ==
          R"({"_id":"5f0c1e0de0b1a2c3d4e5f601","email":"sync@example.com","name":"Sync User",)"
          R"("username":"sync@example.com","org":{"label":"example","name":"Example Org"}})");
}
