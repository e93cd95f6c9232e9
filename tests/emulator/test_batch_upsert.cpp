// Conformance: upsert — each uniqueBy form (0 matches → create, 1 → update, more → failure),
// reference upserts, the mixing rule and writing one entity twice in a request.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

std::string upsert_app(const std::string& unique_by, const std::string& name,
                       const std::string& external_id, const std::string& extra = "") {
    return R"({"components": {"upsert": [{"batchId": "u", "uniqueBy": )" + unique_by +
           R"(, "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002",
              "name": ")" +
           name + R"(", "customFields": {"external_id": ")" + external_id + "\"" + extra + "}}}]}}";
}

const std::string k_by_field = R"(["customFields.external_id", "rootWorkspace"])";
const std::string k_by_name = R"(["rootWorkspace", "name"])";

} // namespace

TEST_CASE("emulator: upsert by custom field creates, then updates the one match") {
    Emulator emu(portfolio());
    auto create = emu.post("/api/v2/batch", upsert_app(k_by_field, "Payroll", "app-9")).json();
    auto created = create.at("components").at("created");
    REQUIRE(created.as_array().size() == 1);
    CHECK(created.at(0).at("batchId") == "u");
    auto update = emu.post("/api/v2/batch", upsert_app(k_by_field, "CRM renamed", "app-1")).json();
    CHECK(update.at("components").at("created").as_array().empty());
    CHECK(json::serialize(update.at("components").at("updated")) ==
          R"([{"id":"cccccccccccccccccccccc02"}])");
    auto crm = emu.get(std::string("/api/v2/components/") + k_crm).json();
    CHECK(crm.at("name") == "CRM renamed");
    CHECK(crm.at("_version") == 2);
    // Members left out of the body keep their values; customFields merge per field.
    CHECK(crm.at("description") == "Customer records");
    CHECK(crm.at("parent") == k_sales);
    CHECK(json::serialize(crm.at("customFields")) ==
          R"({"external_id":"app-1","lifecycle":"Live","annual_cost":12000,"critical":true})");
}

TEST_CASE("emulator: upsert by name, in any order of uniqueBy") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", upsert_app(k_by_name, "Webshop", "app-2b")).json();
    CHECK(ids(r.at("components").at("updated"), "id") == std::vector<std::string>{k_webshop});
    auto r2 =
        emu.post("/api/v2/batch", upsert_app(R"(["name", "rootWorkspace"])", "Checkout", "app-10"))
            .json();
    CHECK(r2.at("components").at("created").as_array().size() == 1);
}

TEST_CASE("emulator: upsert matching several components fails") {
    Emulator emu(portfolio());
    REQUIRE(emu.post("/api/v2/batch", R"({"components": {"create": [{"body": {
        "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Dup",
        "customFields": {"external_id": "app-1"}}}]}})")
                .status == 200);
    std::string before = emu.state();
    auto r = emu.post("/api/v2/batch", upsert_app(k_by_field, "CRM", "app-1"));
    CHECK(r.status == 422);
    CHECK(r.json().at("code") == "upsert_ambiguous");
    CHECK(str(r.json().at("message"))
              .rfind("components.upsert[0]: uniqueBy matches 2 components with "
                     "customFields.external_id = \"app-1\" in workspace \"Application Portfolio\" "
                     "(cccccccccccccccccccccc02, ",
                     0) == 0);
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: unsupported uniqueBy forms are 400") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.post("/api/v2/batch", upsert_app(R"(["componentKey"])", "X", "x"))) ==
          "400 invalid_request: components.upsert[0]: uniqueBy [\"componentKey\"] is not supported "
          "| hint: use [\"customFields.<field>\", \"rootWorkspace\"] or [\"name\", "
          "\"rootWorkspace\"] (in any order)");
    CHECK(error_of(
              emu.post("/api/v2/batch",
                       upsert_app(R"(["customFields.lifecycle", "rootWorkspace"])", "X", "x"))) ==
          "400 invalid_request: components.upsert[0]: uniqueBy names customFields.lifecycle but "
          "body.customFields.lifecycle has no value | hint: give the identifying value in "
          "body.customFields");
    CHECK(
        error_of(emu.post("/api/v2/batch", R"({"components": {"upsert": [{"body": {
        "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "X"}}]}})")) ==
        "400 invalid_request: components.upsert[0]: uniqueBy is required (an array of strings) | "
        "hint: use [\"customFields.<field>\", \"rootWorkspace\"] or [\"name\", \"rootWorkspace\"]");
}

TEST_CASE("emulator: an upsert cannot change the matched component's type") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.post("/api/v2/batch",
                            R"({"components": {"upsert": [{"uniqueBy": ["name", "rootWorkspace"],
        "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Sales"}}]}})")) ==
          "422 type_mismatch: components.upsert[0]: uniqueBy matches component "
          "cccccccccccccccccccccc01 of typeId p1000000000001; an upsert cannot change its typeId "
          "to p1000000000002 | hint: send the component's current typeId, or delete it and create "
          "it again");
}

TEST_CASE("emulator: reference upsert by custom field and source.rootWorkspace") {
    Emulator emu(portfolio());
    auto request = [](const std::string& key, const std::string& text) {
        return R"({"references": {"upsert": [{"uniqueBy": ["customFields.ref_key", "source.rootWorkspace"],
            "body": {"source": "cccccccccccccccccccccc04", "target": "cccccccccccccccccccccc02", "type": 2,
                     "displayText": ")" +
               text + R"(", "customFields": {"ref_key": ")" + key + R"("}}}]}})";
    };
    auto created = emu.post("/api/v2/batch", request("billing->crm", "bills")).json();
    CHECK(created.at("references").at("created").as_array().size() == 1);
    auto updated = emu.post("/api/v2/batch", request("webshop->crm", "moved")).json();
    CHECK(ids(updated.at("references").at("updated"), "id") ==
          std::vector<std::string>{k_webshop_crm});
    auto ref = emu.get(std::string("/api/v2/references/") + k_webshop_crm).json();
    CHECK(ref.at("source") == k_billing); // the endpoints of the body are applied
    CHECK(ref.at("displayText") == "moved");
    CHECK(ref.at("_version") == 2);
    CHECK(error_of(emu.post(
              "/api/v2/batch",
              R"({"references": {"upsert": [{"uniqueBy": ["customFields.ref_key", "rootWorkspace"],
        "body": {"source": "cccccccccccccccccccccc04", "target": "cccccccccccccccccccccc02", "type": 2,
                 "customFields": {"ref_key": "k"}}}]}})")) ==
          "400 invalid_request: references.upsert[0]: uniqueBy [\"customFields.ref_key\","
          "\"rootWorkspace\"] is not supported | hint: use [\"customFields.<field>\", "
          "\"source.rootWorkspace\"] (note source.rootWorkspace, not rootWorkspace)");
}

TEST_CASE("emulator: reference upsert by endpoints needs its switch") {
    std::string request = R"({"references": {"upsert": [{"uniqueBy": ["source", "target", "type"],
        "body": {"source": "cccccccccccccccccccccc03", "target": "cccccccccccccccccccccc02", "type": 2,
                 "description": "again"}}]}})";
    Emulator strict(portfolio());
    CHECK(error_of(strict.post("/api/v2/batch", request)) ==
          "400 invalid_request: references.upsert[0]: uniqueBy [\"source\", \"target\", \"type\"] "
          "is not documented for references | hint: use [\"customFields.<field>\", "
          "\"source.rootWorkspace\"], or start the emulator with "
          "--allow-reference-upsert-by-endpoints");
    Emulator lenient(portfolio({"--allow-reference-upsert-by-endpoints"}));
    auto r = lenient.post("/api/v2/batch", request).json();
    CHECK(ids(r.at("references").at("updated"), "id") == std::vector<std::string>{k_webshop_crm});
}

TEST_CASE("emulator: upsert may not be mixed with other component operations") {
    std::string mixed = R"({"components": {
        "upsert": [{"uniqueBy": ["name", "rootWorkspace"], "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
                    "typeId": "p1000000000002", "name": "Cart"}}],
        "create": [{"body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Till"}}]}})";
    Emulator strict(portfolio());
    CHECK(error_of(strict.post("/api/v2/batch", mixed)) ==
          "400 mixed_upsert: components: upsert may not be mixed with create, update or delete of "
          "components in one request | hint: send the upserts in a request of their own (or start "
          "the emulator with --allow-mixed-upsert)");
    CHECK(strict
              .post("/api/v2/batch",
                    R"({"references": {"upsert": [{"uniqueBy": ["customFields.ref_key",
        "source.rootWorkspace"], "body": {"source": "cccccccccccccccccccccc04", "target": "cccccccccccccccccccccc02",
        "type": 2, "customFields": {"ref_key": "k"}}}], "delete": [{"id": "dddddddddddddddddddddd02"}]}})")
              .json()
              .at("code") == "mixed_upsert");
    // Component upserts with reference creates are not mixing.
    CHECK(
        strict
            .post(
                "/api/v2/batch",
                R"({"components": {"upsert": [{"batchId": "c", "uniqueBy": ["name", "rootWorkspace"],
        "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Cart"}}]},
        "references": {"create": [{"body": {"source": "c", "target": "cccccccccccccccccccccc02", "type": 2}}]}})")
            .status == 200);
    Emulator allowed(portfolio({"--allow-mixed-upsert"}));
    auto r = allowed.post("/api/v2/batch", mixed).json();
    CHECK(r.at("components").at("created").as_array().size() == 2);
}

TEST_CASE("emulator: one entity written twice in a request is refused unless allowed") {
    std::string twice = R"({"components": {"upsert": [
        {"uniqueBy": ["name", "rootWorkspace"], "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Cart"}},
        {"uniqueBy": ["name", "rootWorkspace"], "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "name": "Cart",
         "description": "second"}}]}})";
    Emulator strict(portfolio());
    auto r = strict.post("/api/v2/batch", twice);
    CHECK(r.status == 422);
    CHECK(r.json().at("code") == "repeated_write");
    CHECK(str(r.json().at("message"))
              .find("is already written by components.upsert[0] in this request") !=
          std::string::npos);
    Emulator allowed(portfolio({"--repeated-writes", "allow"}));
    auto ok = allowed.post("/api/v2/batch", twice).json();
    CHECK(ok.at("components").at("created").as_array().size() == 1);
    CHECK(ok.at("components").at("updated").as_array().size() == 1);
    auto id = str(ok.at("components").at("created").at(0).at("id"));
    CHECK(allowed.get("/api/v2/components/" + id).json().at("description") == "second");
}
