// The whole flow of ardoqpy's example test client (examples/testclient.py), step by step with
// ardoq-sync commands against the emulator, each answer compared in full.
#include "parity/parity_support.hpp"

using namespace ardoq::test;
using namespace ardoq::test::parity;

namespace {

constexpr const char* k_user = "5f0c1e0de0b1a2c3d4e5f699";

Emulator start_world() {
    EmulatorOptions options;
    options.seed_file = world_fixture();
    return Emulator(options);
}

} // namespace

TEST_CASE("parity: the ardoqpy example client's flow, command by command") {
    Emulator emu = start_world();

    // --- getting workspaces (get_workspaces(summary=True)) ---
    CHECK(cli_json(emu, {"workspace", "list", "--summary"}) == expected(R"([{
        "_id": "aaaaaaaaaaaaaaaaaaaaaa10", "_version": 1, "name": "Running Services",
        "description": "Services in production", "componentModel": "bbbbbbbbbbbbbbbbbbbbbb11",
        "folder": null, "created": "2024-01-02T03:04:05.000Z", "created-by": "${user}",
        "last-updated": "2024-01-02T03:04:05.000Z", "last-modified-by": "${user}",
        "componentCount": 3, "referenceCount": 1}])",
                                                                        {{"user", k_user}}));
    CHECK(cli_text(emu, {"workspace", "list", "--summary", "--output", "table"}) ==
          "ID                        NAME              COMPONENTS  REFERENCES\n"
          "aaaaaaaaaaaaaaaaaaaaaa10  Running Services           3           1\n");

    // --- creating folder for test client (create_folder) ---
    json::value folder = cli_json(emu, {"folder", "create", "ardoqpyTest", "--description",
                                        "folder for ardoqpy test client"});
    const std::string folder_id = str(folder, "_id");
    CHECK(is_oid(folder_id));
    const std::map<std::string, std::string> f_vars{{"folder", folder_id}, {"user", k_user}};
    CHECK(without_times(folder) == expected(R"({
        "_id": "${folder}", "_version": 1, "name": "ardoqpyTest",
        "description": "folder for ardoqpy test client", "workspaces": [],
        "created": "<time>", "created-by": "${user}", "last-updated": "<time>",
        "last-modified-by": "${user}"})",
                                            f_vars));

    // --- create a workspace of type Application Service in it (create_workspace) ---
    const std::vector<std::string> create_ws{"workspace",
                                             "create",
                                             "ardoqpyAppServices",
                                             "--template",
                                             "Application Service",
                                             "--folder",
                                             "ardoqpyTest",
                                             "--description",
                                             "workspace for ardoqpy test client"};
    json::value ws = cli_json(emu, create_ws);
    const std::string ws_id = str(ws, "_id");
    const std::string model_id = str(ws, "componentModel");
    CHECK(is_oid(ws_id));
    CHECK(is_oid(model_id));
    CHECK(model_id != "bbbbbbbbbbbbbbbbbbbbbb10"); // a copy of the template, not the template
    const std::string ws_v1 = R"({
        "_id": "${ws}", "_version": 1, "name": "ardoqpyAppServices",
        "description": "workspace for ardoqpy test client", "componentModel": "${model}",
        "workspaceKey": "ARD", "folder": "${folder}", "created": "<time>",
        "created-by": "${user}", "last-updated": "<time>", "last-modified-by": "${user}",
        "components": [], "references": [], "tags": []})";
    CHECK(without_times(ws) ==
          expected(ws_v1,
                   {{"ws", ws_id}, {"model", model_id}, {"folder", folder_id}, {"user", k_user}}));

    // --- getting workspace by ID (get_workspace), and by name ---
    const std::string ws_v2 = R"({
        "_id": "${ws}", "_version": 1,
        "_meta": {"created": "<time>", "createdBy": "${user}",
                  "createdByEmail": "parity@example.com", "createdByName": "Parity User",
                  "lastUpdated": "<time>", "lastModifiedBy": "${user}",
                  "lastModifiedByEmail": "parity@example.com",
                  "lastModifiedByName": "Parity User"},
        "name": "ardoqpyAppServices", "description": "workspace for ardoqpy test client",
        "componentModel": "${model}", "workspaceKey": "ARD"})";
    const auto ws_v2_expected =
        expected(ws_v2, {{"ws", ws_id}, {"model", model_id}, {"user", k_user}});
    CHECK(without_times(cli_json(emu, {"workspace", "get", ws_id})) == ws_v2_expected);
    CHECK(without_times(cli_json(emu, {"workspace", "get", "ardoqpyAppServices"})) ==
          ws_v2_expected);

    // --- delete the new workspace (del_workspace) ---
    CHECK(cli_json(emu, {"workspace", "delete", ws_id, "--yes"}) ==
          expected(R"({"_id": "${ws}", "name": "ardoqpyAppServices", "deleted": true})",
                   {{"ws", ws_id}}));
    auto gone = run_cli(emu, {"workspace", "get", ws_id});
    CHECK(gone.exit_code == 1);
    CHECK(gone.out == "");
    CHECK(gone.err == "error: workspace \"" + ws_id + "\" not found at " + emu.base_url() +
                          "\n  hint: workspaces there: \"Running Services\"\n");
    CHECK(cli_json(emu, {"folder", "get", "ardoqpyTest"}).at("workspaces") == json::array{});

    // --- create another workspace of type Application Service in the same folder ---
    ws = cli_json(emu, create_ws);
    const std::string ws2_id = str(ws, "_id");
    const std::string model2_id = str(ws, "componentModel");
    CHECK(ws2_id != ws_id);
    CHECK(
        without_times(ws) ==
        expected(ws_v1,
                 {{"ws", ws2_id}, {"model", model2_id}, {"folder", folder_id}, {"user", k_user}}));
    CHECK(cli_json(emu, {"folder", "get", folder_id}).at("workspaces") == json::array{ws2_id});

    // --- get the model for the new workspace and pick the type id of 'Application' ---
    json::value model = cli_json(emu, {"metamodel", "get", "--workspace", "ardoqpyAppServices"});
    CHECK(without_times(model) == expected(R"({
        "_id": "${model}", "_version": 1, "name": "ardoqpyAppServices", "useAsTemplate": false,
        "root": {
          "p3000000000001": {"id": "p3000000000001", "name": "Business Capability", "index": 0,
                             "level": 1, "children": {}},
          "p3000000000002": {"id": "p3000000000002", "name": "Application", "index": 1,
                             "level": 1, "children": {
            "p3000000000003": {"id": "p3000000000003", "name": "Application Module",
                               "index": 2, "level": 2, "children": {}}}}},
        "referenceTypes": {"1": {"id": 1, "name": "Implicit"},
                           "2": {"id": 2, "name": "Depends on"}},
        "created": "<time>", "created-by": "${user}", "last-updated": "<time>",
        "last-modified-by": "${user}"})",
                                           {{"model", model2_id}, {"user", k_user}}));
    std::string type_id;
    for (const auto& [key, node] : model.at("root").get_object())
        if (node.at("name") == "Application")
            type_id = std::string(key);
    CHECK(type_id == "p3000000000002");
    CHECK(cli_json(emu, {"metamodel", "component-type", "Application", "-w", ws2_id}) ==
          expected(R"({"typeId": "p3000000000002", "name": "Application", "parent": null,
                       "path": ["Application"], "customFields": ["lifecycle", "annual_cost"]})"));

    // --- adding a component to the workspace (create_component) ---
    json::value comp =
        cli_json(emu, {"component", "create", "new component", "-w", ws2_id, "--type", type_id,
                       "--description", "some descript", "--set", "annual_cost=1200.50"});
    const std::string comp_id = str(comp, "_id");
    CHECK(is_oid(comp_id));
    const std::string comp_v2 = R"({
        "_id": "${id}", "_version": ${version},
        "_meta": {"created": "<time>", "createdBy": "${user}",
                  "createdByEmail": "parity@example.com", "createdByName": "Parity User",
                  "lastUpdated": "<time>", "lastModifiedBy": "${user}",
                  "lastModifiedByEmail": "parity@example.com",
                  "lastModifiedByName": "Parity User"},
        "name": "${name}", "rootWorkspace": "${ws}", "typeId": "p3000000000002",
        "type": "Application", "parent": null, "componentKey": "${key}",
        "description": "${description}", "customFields": ${fields},
        "color": null, "shape": null, "icon": null, "image": null})";
    std::map<std::string, std::string> c_vars{{"id", comp_id},
                                              {"version", "1"},
                                              {"user", k_user},
                                              {"name", "new component"},
                                              {"ws", ws2_id},
                                              {"key", "ARD-1"},
                                              {"description", "some descript"},
                                              {"fields", R"({"annual_cost": 1200.5})"}};
    CHECK(without_times(comp) == expected(comp_v2, c_vars));

    // --- get the newly created component (get_component) ---
    CHECK(cli_json(emu, {"component", "get", comp_id}) == comp);

    // --- update the newly created component (update_component) ---
    json::value updated =
        cli_json(emu, {"component", "update", comp_id, "--name", "renamed component",
                       "--description", "a totally new description", "--if-version", "1"});
    c_vars["version"] = "2";
    c_vars["name"] = "renamed component";
    c_vars["description"] = "a totally new description";
    CHECK(without_times(updated) == expected(comp_v2, c_vars));
    CHECK(updated.at("_meta").at("created") == comp.at("_meta").at("created"));

    // --- adding another component to the workspace ---
    json::value target =
        cli_json(emu, {"component", "create", "target comp", "-w", "ardoqpyAppServices", "--type",
                       "Application", "--description", "target component"});
    const std::string target_id = str(target, "_id");
    CHECK(without_times(target) == expected(comp_v2, {{"id", target_id},
                                                      {"version", "1"},
                                                      {"user", k_user},
                                                      {"name", "target comp"},
                                                      {"ws", ws2_id},
                                                      {"key", "ARD-2"},
                                                      {"description", "target component"},
                                                      {"fields", "{}"}}));

    // --- adding a reference between the components (create_reference) ---
    json::value ref = cli_json(emu, {"reference", "create", "--from", comp_id, "--to", target_id,
                                     "--type", "Depends on", "--description", "new reference"});
    const std::string ref_id = str(ref, "_id");
    const std::string ref_v2 = R"({
        "_id": "${id}", "_version": ${version},
        "_meta": {"created": "<time>", "createdBy": "${user}",
                  "createdByEmail": "parity@example.com", "createdByName": "Parity User",
                  "lastUpdated": "<time>", "lastModifiedBy": "${user}",
                  "lastModifiedByEmail": "parity@example.com",
                  "lastModifiedByName": "Parity User"},
        "source": "${source}", "target": "${target}", "type": 2,
        "rootWorkspace": "${ws}", "targetWorkspace": "${ws}", "displayText": null,
        "description": "${description}", "customFields": {}})";
    std::map<std::string, std::string> r_vars{{"id", ref_id},
                                              {"version", "1"},
                                              {"user", k_user},
                                              {"source", comp_id},
                                              {"target", target_id},
                                              {"ws", ws2_id},
                                              {"description", "new reference"}};
    CHECK(is_oid(ref_id));
    CHECK(without_times(ref) == expected(ref_v2, r_vars));

    // --- update the reference (update_reference) ---
    json::value ref2 = cli_json(emu, {"reference", "update", ref_id, "--description",
                                      "updated description", "--if-version", "1"});
    r_vars["version"] = "2";
    r_vars["description"] = "updated description";
    CHECK(without_times(ref2) == expected(ref_v2, r_vars));
    CHECK(cli_json(emu, {"reference", "get", ref_id}) == ref2);
}
