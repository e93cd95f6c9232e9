// The rest of ardoqpy's ArdoqClient, command by command against the emulator: find, the
// aggregated workspace, folders and move, tags, fields, models and types, component references,
// deletes and the version guard.
#include "parity/parity_support.hpp"

using namespace ardoq::test;
using namespace ardoq::test::parity;

namespace {

const std::string k_ws = "aaaaaaaaaaaaaaaaaaaaaa10";
const std::string k_billing = "cccccccccccccccccccccc10";
const std::string k_billing_api = "cccccccccccccccccccccc11";
const std::string k_soknad = "cccccccccccccccccccccc12";
const std::string k_ref = "eeeeeeeeeeeeeeeeeeeeee10";

Emulator start_world() {
    EmulatorOptions options;
    options.seed_file = world_fixture();
    return Emulator(options);
}

std::vector<std::string> names(const json::value& list) {
    std::vector<std::string> out;
    for (const auto& item : list.as_array())
        out.push_back(str(item, "name"));
    return out;
}

// The _meta of every entity of the fixture: its times, and the emulator's user as author.
const std::string k_seed_meta = R"({"created": "2024-01-02T03:04:05.000Z",
    "createdBy": "5f0c1e0de0b1a2c3d4e5f699", "createdByEmail": "parity@example.com",
    "createdByName": "Parity User", "lastUpdated": "2024-01-02T03:04:05.000Z",
    "lastModifiedBy": "5f0c1e0de0b1a2c3d4e5f699", "lastModifiedByEmail": "parity@example.com",
    "lastModifiedByName": "Parity User"})";

// The fixture's components and reference in their v2 shape.
const char* k_billing_json = R"({"_id": "cccccccccccccccccccccc10", "_version": 1,
    "_meta": ${meta},
    "name": "Billing", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa10", "typeId": "p3100000000001",
    "type": "Service", "parent": null, "componentKey": "RUN-1", "description": null,
    "customFields": {"tier": 1}, "color": null, "shape": null, "icon": null, "image": null})";
const char* k_billing_api_json = R"({"_id": "cccccccccccccccccccccc11", "_version": 1,
    "_meta": ${meta},
    "name": "Billing API", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa10", "typeId": "p3100000000002",
    "type": "Endpoint", "parent": "cccccccccccccccccccccc10", "componentKey": "RUN-2",
    "description": null, "customFields": {"public": true}, "color": null, "shape": null,
    "icon": null, "image": null})";
const char* k_soknad_json = R"({"_id": "cccccccccccccccccccccc12", "_version": 1,
    "_meta": ${meta},
    "name": "Søknad", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa10", "typeId": "p3100000000001",
    "type": "Service", "parent": null, "componentKey": "RUN-3",
    "description": "Applications for leave", "customFields": {"tier": 2}, "color": null,
    "shape": null, "icon": null, "image": null})";
const char* k_ref_json = R"({"_id": "eeeeeeeeeeeeeeeeeeeeee10", "_version": 1,
    "_meta": ${meta},
    "source": "cccccccccccccccccccccc12", "target": "cccccccccccccccccccccc11", "type": 4,
    "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa10", "targetWorkspace": "aaaaaaaaaaaaaaaaaaaaaa10",
    "displayText": "invoices", "description": null, "customFields": {}})";

// A fixture entity's JSON, with its _meta.
json::value entity(const char* text) {
    return expected(text, {{"meta", k_seed_meta}});
}

json::value array_of(std::initializer_list<const char*> items) {
    json::array out;
    for (const char* item : items)
        out.push_back(entity(item));
    return out;
}

} // namespace

TEST_CASE("parity: component find by name part, exact name, case, type and typed field") {
    Emulator emu = start_world();
    auto find = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"component", "find", "-w", "Running Services"});
        return cli_json(emu, args);
    };
    CHECK(find({"bill"}) == array_of({k_billing_json, k_billing_api_json}));
    CHECK(names(find({"billing", "--exact"})) == std::vector<std::string>{"Billing"});
    CHECK(names(find({"bill", "--case-sensitive"})).empty());
    CHECK(names(find({"Billing", "--exact", "--case-sensitive"})) ==
          std::vector<std::string>{"Billing"});
    CHECK(find({"SØK"}) == array_of({k_soknad_json}));
    CHECK(names(find({"i", "--type", "Endpoint"})) == std::vector<std::string>{"Billing API"});
    // Typed: a Number field matches 1.0 with 1, a Checkbox matches yes with true.
    CHECK(names(find({"--field", "tier=1.0"})) == std::vector<std::string>{"Billing"});
    CHECK(names(find({"--field", "public=yes"})) == std::vector<std::string>{"Billing API"});
    CHECK(names(find({"--field", "tier="})) == std::vector<std::string>{"Billing API"});
    CHECK(names(find({"--field", "componentKey=RUN-3"})) == std::vector<std::string>{"Søknad"});
    CHECK(names(find({"bill", "--field", "tier=2"})).empty());
    CHECK(cli_text(emu, {"component", "find", "bill", "-w", k_ws, "--output", "table"}) ==
          "ID                        NAME         TYPE      KEY    PARENT\n"
          "cccccccccccccccccccccc10  Billing      Service   RUN-1\n"
          "cccccccccccccccccccccc11  Billing API  Endpoint  RUN-2  cccccccccccccccccccccc10\n");

    auto r = run_cli(emu, {"component", "find", "-w", k_ws, "--field", "owner=x"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--field: error: workspace " + k_ws +
                       " has no custom field \"owner\"\n"
                       "  hint: fields there: \"tier\", \"public\"\n");
    r = run_cli(emu, {"component", "find", "-w", k_ws, "--field", "tier=high"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--field: error: tier: \"high\" is not a number\n"
                   "  hint: write a number such as 12000 or 0.5 (a dot for decimals)\n");
    r = run_cli(emu, {"component", "find", "x", "-w", k_ws, "--type", "Endpoints"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--type: error: workspace " + k_ws +
                       " has no component type \"Endpoints\"\n"
                       "  hint: did you mean \"Endpoint\"?\n");
    r = run_cli(emu, {"component", "find", "x", "-w", "Runing Services"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: workspace \"Runing Services\" not found at " + emu.base_url() +
                       "\n  hint: workspaces there: \"Running Services\"\n");
}

TEST_CASE("parity: component list and get, with references, as JSON and tables") {
    Emulator emu = start_world();
    CHECK(cli_json(emu, {"component", "list", "-w", k_ws}) ==
          array_of({k_billing_json, k_billing_api_json, k_soknad_json}));
    CHECK(cli_json(emu, {"component", "get", k_soknad}) == entity(k_soknad_json));

    json::value with_refs = entity(k_billing_api_json);
    with_refs.as_object()["outgoingReferences"] = json::array{};
    with_refs.as_object()["incomingReferences"] = array_of({k_ref_json});
    CHECK(cli_json(emu, {"component", "get", k_billing_api, "--references"}) == with_refs);

    CHECK(cli_text(emu, {"component", "get", k_soknad, "--references", "-o", "table"}) ==
          "FIELD                      VALUE\n"
          "_id                        cccccccccccccccccccccc12\n"
          "_version                   1\n"
          "_meta.created              2024-01-02T03:04:05.000Z\n"
          "_meta.createdBy            5f0c1e0de0b1a2c3d4e5f699\n"
          "_meta.createdByEmail       parity@example.com\n"
          "_meta.createdByName        Parity User\n"
          "_meta.lastUpdated          2024-01-02T03:04:05.000Z\n"
          "_meta.lastModifiedBy       5f0c1e0de0b1a2c3d4e5f699\n"
          "_meta.lastModifiedByEmail  parity@example.com\n"
          "_meta.lastModifiedByName   Parity User\n"
          "name                       Søknad\n"
          "rootWorkspace              aaaaaaaaaaaaaaaaaaaaaa10\n"
          "typeId                     p3100000000001\n"
          "type                       Service\n"
          "parent\n"
          "componentKey               RUN-3\n"
          "description                Applications for leave\n"
          "customFields.tier          2\n"
          "color\n"
          "shape\n"
          "icon\n"
          "image\n"
          "\n"
          "outgoing references:\n"
          "ID                        SOURCE                    TARGET                    TYPE  "
          "DISPLAY TEXT\n"
          "eeeeeeeeeeeeeeeeeeeeee10  cccccccccccccccccccccc12  cccccccccccccccccccccc11     4  "
          "invoices\n"
          "\n"
          "incoming references:\n"
          "ID  SOURCE  TARGET  TYPE  DISPLAY TEXT\n"
          "(none)\n");
    CHECK(cli_json(emu, {"reference", "list", "-w", "Running Services"}) == array_of({k_ref_json}));
}

TEST_CASE("parity: workspace aggregated holds the workspace, every component and reference") {
    Emulator emu = start_world();
    json::value expected_ws = expected(R"({"_id": "aaaaaaaaaaaaaaaaaaaaaa10", "_version": 1,
        "_meta": ${meta},
        "name": "Running Services", "description": "Services in production",
        "componentModel": "bbbbbbbbbbbbbbbbbbbbbb11", "workspaceKey": "RUN"})",
                                       {{"meta", k_seed_meta}});
    expected_ws.as_object()["components"] =
        array_of({k_billing_json, k_billing_api_json, k_soknad_json});
    expected_ws.as_object()["references"] = array_of({k_ref_json});
    CHECK(cli_json(emu, {"workspace", "aggregated", "Running Services"}) == expected_ws);
    CHECK(cli_text(emu, {"workspace", "aggregated", k_ws, "-o", "table"}) ==
          "FIELD                      VALUE\n"
          "_id                        aaaaaaaaaaaaaaaaaaaaaa10\n"
          "_version                   1\n"
          "_meta.created              2024-01-02T03:04:05.000Z\n"
          "_meta.createdBy            5f0c1e0de0b1a2c3d4e5f699\n"
          "_meta.createdByEmail       parity@example.com\n"
          "_meta.createdByName        Parity User\n"
          "_meta.lastUpdated          2024-01-02T03:04:05.000Z\n"
          "_meta.lastModifiedBy       5f0c1e0de0b1a2c3d4e5f699\n"
          "_meta.lastModifiedByEmail  parity@example.com\n"
          "_meta.lastModifiedByName   Parity User\n"
          "name                       Running Services\n"
          "description                Services in production\n"
          "componentModel             bbbbbbbbbbbbbbbbbbbbbb11\n"
          "workspaceKey               RUN\n"
          "\n"
          "3 components:\n"
          "ID                        NAME         TYPE      PARENT\n"
          "cccccccccccccccccccccc10  Billing      Service\n"
          "cccccccccccccccccccccc11  Billing API  Endpoint  cccccccccccccccccccccc10\n"
          "cccccccccccccccccccccc12  Søknad       Service\n"
          "\n"
          "1 reference:\n"
          "ID                        SOURCE                    TARGET                    TYPE  "
          "DISPLAY TEXT\n"
          "eeeeeeeeeeeeeeeeeeeeee10  cccccccccccccccccccccc12  cccccccccccccccccccccc11     4  "
          "invoices\n");
    CHECK(cli_text(emu, {"workspace", "list", "-o", "table"}) ==
          "ID                        NAME              KEY\n"
          "aaaaaaaaaaaaaaaaaaaaaa10  Running Services  RUN\n");
}

TEST_CASE("parity: folders list and get, and workspace move puts workspaces in a folder") {
    Emulator emu = start_world();
    CHECK(cli_json(emu, {"folder", "list"}) == json::array{});
    const std::string archive = str(cli_json(emu, {"folder", "create", "Archive"}), "_id");
    const std::string live = str(cli_json(emu, {"folder", "create", "Live"}), "_id");
    json::value moved = cli_json(emu, {"workspace", "move", "Running Services", "--folder", live});
    CHECK(str(moved, "_id") == live);
    CHECK(moved.at("_version") == 2);
    CHECK(moved.at("workspaces") == json::array{k_ws});
    // Moving it on takes it out of the first folder.
    cli_json(emu, {"workspace", "move", k_ws, "--folder", "Archive"});
    CHECK(cli_json(emu, {"folder", "get", "Live"}).at("workspaces") == json::array{});
    CHECK(cli_text(emu, {"folder", "list", "-o", "table"}) ==
          "ID                        NAME     WORKSPACES\n" + archive + "  Archive           1\n" +
              live + "  Live              0\n");
    CHECK(cli_json(emu, {"workspace", "list", "--summary"}).at(0).at("folder") ==
          json::value(archive));

    auto r = run_cli(emu, {"workspace", "move", k_ws, "--folder", "Archiv"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: workspace folder \"Archiv\" not found at " + emu.base_url() +
                       "\n  hint: workspace folders there: \"Archive\", \"Live\"\n");
}

TEST_CASE("parity: tags list, create on components and references, get") {
    Emulator emu = start_world();
    CHECK(cli_json(emu, {"tag", "list", "-w", k_ws}) == json::array{});
    json::value tag = cli_json(emu, {"tag", "create", "billing", "-w", "Running Services",
                                     "--description", "money", "--component", k_billing,
                                     "--component", k_billing_api, "--reference", k_ref});
    const std::string tag_id = str(tag, "_id");
    CHECK(is_oid(tag_id));
    const auto tag_expected = expected(
        R"({"_id": "${tag}", "_version": 1, "name": "billing",
        "description": "money", "rootWorkspace": "${ws}", "components": ["${c1}", "${c2}"],
        "references": ["${r}"], "created": "<time>", "created-by": "5f0c1e0de0b1a2c3d4e5f699",
        "last-updated": "<time>", "last-modified-by": "5f0c1e0de0b1a2c3d4e5f699"})",
        {{"tag", tag_id}, {"ws", k_ws}, {"c1", k_billing}, {"c2", k_billing_api}, {"r", k_ref}});
    CHECK(without_times(tag) == tag_expected);
    CHECK(cli_json(emu, {"tag", "get", tag_id}) == tag);
    CHECK(cli_json(emu, {"tag", "list", "-w", k_ws}) == json::array{tag});
    CHECK(cli_text(emu, {"tag", "list", "-w", k_ws, "-o", "table"}) ==
          "ID                        NAME     COMPONENTS  REFERENCES\n" + tag_id +
              "  billing           2           1\n");

    auto r = run_cli(emu, {"tag", "create", "x", "-w", k_ws, "--component", "Billing"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--component: error: \"Billing\" is not a component id\n"
                   "  hint: Ardoq ids are 24 hexadecimal characters, e.g. "
                   "c253c98231776d0c8a54879e; list the entities to find one\n");
}

TEST_CASE("parity: fields list and create; a new field is typed when values are set") {
    Emulator emu = start_world();
    CHECK(names(cli_json(emu, {"field", "list", "-w", k_ws})) ==
          std::vector<std::string>{"tier", "public"});
    CHECK(names(cli_json(emu, {"field", "list"})) ==
          std::vector<std::string>{"lifecycle", "annual_cost", "tier", "public"});
    json::value field =
        cli_json(emu, {"field", "create", "go_live", "-w", "Running Services", "--type", "DateTime",
                       "--label", "Go-live", "--component-type", "Service", "--reference-type",
                       "Calls", "--description", "first day in production"});
    const std::string field_id = str(field, "_id");
    CHECK(without_times(field) ==
          expected(R"({"_id": "${id}", "_version": 1, "name": "go_live", "label": "Go-live",
              "type": "DateTime", "model": "bbbbbbbbbbbbbbbbbbbbbb11",
              "componentType": ["p3100000000001"], "referenceType": [4],
              "description": "first day in production", "defaultValue": null,
              "readOnly": false, "calculated": false, "options": [], "global": false,
              "created": "<time>", "created-by": "5f0c1e0de0b1a2c3d4e5f699",
              "last-updated": "<time>", "last-modified-by": "5f0c1e0de0b1a2c3d4e5f699"})",
                   {{"id", field_id}}));
    CHECK(cli_text(emu, {"field", "list", "-w", k_ws, "-o", "table"}) ==
          "ID                        NAME     LABEL    TYPE      MODEL\n"
          "dddddddddddddddddddddd12  tier     Tier     Number    bbbbbbbbbbbbbbbbbbbbbb11\n"
          "dddddddddddddddddddddd13  public   Public   Checkbox  bbbbbbbbbbbbbbbbbbbbbb11\n" +
              field_id + "  go_live  Go-live  DateTime  bbbbbbbbbbbbbbbbbbbbbb11\n");

    // The new field types the values written to it.
    json::value updated = cli_json(emu, {"component", "update", k_billing, "--set",
                                         "go_live=2024-03-01 10:00+01:00", "--set", "tier=3"});
    CHECK(updated.at("customFields") ==
          json::object{{"tier", 3}, {"go_live", "2024-03-01T09:00:00.000Z"}});
    CHECK(updated.at("_version") == 2);

    auto r = run_cli(emu, {"field", "create", "x", "-w", k_ws, "--type", "Integer"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "--type: error: unknown field type \"Integer\"\n"
                   "  hint: use one of Text, TextArea, Email, Url, Number, Checkbox, DateTime, "
                   "List, SelectMultipleList, User\n");
}

TEST_CASE("parity: models and templates, model tree, and type lookups by name") {
    Emulator emu = start_world();
    CHECK(cli_text(emu, {"metamodel", "list", "-o", "table"}) ==
          "ID                        NAME                 TEMPLATE\n"
          "bbbbbbbbbbbbbbbbbbbbbb10  Application Service  true\n"
          "bbbbbbbbbbbbbbbbbbbbbb11  Running Services     false\n");
    CHECK(cli_text(emu, {"metamodel", "get", "Application Service", "-o", "table"}) ==
          "model bbbbbbbbbbbbbbbbbbbbbb10 \"Application Service\"\n"
          "\n"
          "COMPONENT TYPE        TYPE ID\n"
          "Business Capability   p3000000000001\n"
          "Application           p3000000000002\n"
          "  Application Module  p3000000000003\n"
          "\n"
          "REFERENCE TYPE  TYPE\n"
          "Implicit           1\n"
          "Depends on         2\n");
    CHECK(cli_json(emu, {"metamodel", "get", "--workspace", k_ws}) ==
          cli_json(emu, {"metamodel", "get", "bbbbbbbbbbbbbbbbbbbbbb11"}));
    CHECK(cli_json(emu, {"metamodel", "component-type", "Endpoint", "-w", k_ws}) ==
          expected(R"({"typeId": "p3100000000002", "name": "Endpoint",
                       "parent": "p3100000000001", "path": ["Service", "Endpoint"],
                       "customFields": ["public"]})"));
    CHECK(cli_json(emu, {"metamodel", "reference-type", "Calls", "-w", k_ws}) ==
          expected(R"({"type": 4, "name": "Calls", "customFields": []})"));
    CHECK(cli_text(emu, {"metamodel", "reference-type", "Calls", "-w", k_ws, "-o", "table"}) ==
          "FIELD         VALUE\ntype          4\nname          Calls\ncustomFields\n");

    auto r = run_cli(emu, {"metamodel", "reference-type", "calls", "-w", k_ws});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "metamodel reference-type: error: workspace " + k_ws +
                       " has no reference type \"calls\"\n  hint: did you mean \"Calls\"?\n");
    r = run_cli(emu, {"workspace", "create", "x", "--template", "Application"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: model \"Application\" not found at " + emu.base_url() +
                       "\n  hint: models there: \"Application Service\", \"Running Services\"\n");
}

TEST_CASE("parity: updates are guarded by --if-version; deletes remove entities") {
    Emulator emu = start_world();
    auto r = run_cli(
        emu, {"component", "update", k_billing, "--name", "Billing 2", "--if-version", "3"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    // The first line and the hint are ours; the response line quotes the emulator's body.
    CHECK(r.err.starts_with("error: update component: PATCH /api/v2/components/" + k_billing +
                            "?ifVersionMatch=3: HTTP 409 Conflict\n  response: {"));
    CHECK(r.err.find("ifVersionMatch 3 does not match _version 1") != std::string::npos);
    CHECK(r.err.ends_with("}\n  hint: the component's _version is no longer 3: `ardoq-sync "
                          "component get " +
                          k_billing +
                          "` shows the current one; give that to --if-version, or leave "
                          "--if-version out to update whatever version is stored\n"));
    CHECK(cli_json(emu, {"component", "get", k_billing}) == entity(k_billing_json));

    json::value renamed = cli_json(
        emu, {"component", "update", k_billing, "--name", "Billing 2", "--if-version", "1"});
    CHECK(str(renamed, "name") == "Billing 2");
    CHECK(renamed.at("_version") == 2);
    // Without --if-version the latest version is updated.
    json::value moved = cli_json(emu, {"component", "update", k_soknad, "--parent", k_billing});
    CHECK(str(moved, "parent") == k_billing);
    CHECK(cli_json(emu, {"component", "update", k_soknad, "--no-parent"}).at("parent") == nullptr);

    r = run_cli(emu,
                {"reference", "update", k_ref, "--display-text", "bills", "--if-version", "2"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err.starts_with("error: update reference: PATCH /api/v2/references/" + k_ref +
                            "?ifVersionMatch=2: HTTP 409 Conflict\n  response: {"));
    CHECK(r.err.ends_with("}\n  hint: the reference's _version is no longer 2: `ardoq-sync "
                          "reference get " +
                          k_ref +
                          "` shows the current one; give that to --if-version, or leave "
                          "--if-version out to update whatever version is stored\n"));
    json::value ref =
        cli_json(emu, {"reference", "update", k_ref, "--display-text", "bills", "--to", k_billing});
    CHECK(str(ref, "displayText") == "bills");
    CHECK(str(ref, "target") == k_billing);

    CHECK(cli_json(emu, {"reference", "delete", k_ref}) ==
          expected(R"({"_id": "${id}", "deleted": true})", {{"id", k_ref}}));
    CHECK(cli_json(emu, {"reference", "list", "-w", k_ws}) == json::array{});
    CHECK(cli_text(emu, {"component", "delete", k_billing_api, "-o", "table"}) ==
          "deleted component " + k_billing_api + "\n");
    CHECK(names(cli_json(emu, {"component", "list", "-w", k_ws})) ==
          std::vector<std::string>{"Billing 2", "Søknad"});
}
