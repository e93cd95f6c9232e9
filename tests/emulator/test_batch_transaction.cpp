// Conformance: the Batch API as one transaction — all or nothing (byte-identical state after
// a failure), the response shape, OIDs, _version/_meta, --shuffle-results and /batch/expand.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

// Components, references and deletes that all succeed on the portfolio fixture...
const std::string k_good_parts = R"(
  "components": {
    "create": [
      {"batchId": "child", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002",
        "name": "Payroll", "parent": "dom", "customFields": {"external_id": "app-7"}}},
      {"batchId": "dom", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001",
        "name": "HR"}}
    ],
    "update": [{"id": "cccccccccccccccccccccc02", "ifVersionMatch": 1, "body": {"name": "CRM 2"}}],
    "delete": [{"id": "cccccccccccccccccccccc04"})";

// ... and the same request ending with a failing operation (processed last).
std::string failing(const std::string& last_delete) {
    return "{" + k_good_parts + ", " + last_delete + R"(]},
  "references": {"create": [{"batchId": "r", "body": {"source": "child", "target": "cccccccccccccccccccccc02", "type": 2}}]}})";
}

std::string good() {
    return "{" + k_good_parts + R"(]},
  "references": {"create": [{"batchId": "r", "body": {"source": "child", "target": "cccccccccccccccccccccc02", "type": 2}}]}})";
}

} // namespace

TEST_CASE("emulator: batch — a failure in the last operation leaves the state byte-identical") {
    Emulator emu(portfolio({"--id-seed", "7"}));
    std::string before = emu.state();
    auto r = emu.post("/api/v2/batch", failing(R"({"id": "ffffffffffffffffffffffff"})"));
    CHECK(error_of(r) == "404 not_found: components.delete[1]: component ffffffffffffffffffffffff "
                         "does not exist | hint: fetch the current components, or use an alias");
    CHECK(emu.state() == before);
    auto by_match_then_id = emu.post(
        "/api/v2/batch", failing(R"({"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa02"}},
                                    {"id": "cccccccccccccccccccccc01"})"));
    CHECK(by_match_then_id.json().at("code") == "dependency"); // Sales is an ancestor of CRM
    CHECK(emu.state() == before);

    // The rolled-back request handed out no ids or component keys: the valid request now gets
    // exactly what a fresh server gives it.
    auto applied = emu.post("/api/v2/batch", good());
    REQUIRE(applied.status == 200);
    Emulator fresh(portfolio({"--id-seed", "7"}));
    auto reference = fresh.post("/api/v2/batch", good());
    CHECK(applied.body == reference.body);
    auto payroll = emu.get("/api/v2/components/" +
                           str(applied.json().at("components").at("created").at(0).at("id")));
    CHECK(payroll.json().at("componentKey") == "APP-5");
}

TEST_CASE("emulator: batch — the response lists created (with batchId), updated and deleted") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", good());
    REQUIRE(r.status == 200);
    auto j = r.json();
    const auto& created = j.at("components").at("created").as_array();
    REQUIRE(created.size() == 2);
    CHECK(created[0].at("batchId") == "child");
    CHECK(created[1].at("batchId") == "dom");
    for (const auto& c : created)
        CHECK(c.as_object().size() == 2); // id and batchId; no body unless asked for
    CHECK(json::serialize(j.at("components").at("updated")) ==
          R"([{"id":"cccccccccccccccccccccc02"}])");
    CHECK(json::serialize(j.at("components").at("deleted")) ==
          R"([{"id":"cccccccccccccccccccccc04"}])");
    CHECK(j.at("references").at("created").at(0).at("batchId") == "r");
    CHECK(j.at("references").at("updated").as_array().empty());
    CHECK(j.at("references").at("deleted").as_array().empty());
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.as_object())
        keys.emplace_back(k);
    CHECK(keys == std::vector<std::string>{"components", "references"});
    // The child points at the parent created by the later operation.
    auto child = emu.get("/api/v2/components/" + str(created[0].at("id"))).json();
    CHECK(child.at("parent") == created[1].at("id"));
}

TEST_CASE("emulator: batch — respondWithEntities adds each entity's final body") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", R"({"options": {"respondWithEntities": true},
        "components": {"create": [{"batchId": "n", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
            "typeId": "p1000000000002", "name": "Payroll"}}],
          "update": [{"id": "cccccccccccccccccccccc03", "ifVersionMatch": "latest", "body": {"description": "Shop"}}]}})");
    REQUIRE(r.status == 200);
    auto j = r.json();
    const auto& created = j.at("components").at("created").at(0);
    auto stored = emu.get("/api/v2/components/" + str(created.at("id"))).json();
    CHECK(created.at("body") == stored);
    const auto& updated = j.at("components").at("updated").at(0);
    CHECK(updated.at("body") == emu.get(std::string("/api/v2/components/") + k_webshop).json());
    CHECK(updated.at("body").at("description") == "Shop");
}

TEST_CASE("emulator: batch — new entities get 24-hex OIDs, version 1 and metadata") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", good()).json();
    std::vector<std::string> all = ids(r.at("components").at("created"), "id");
    all.push_back(str(r.at("references").at("created").at(0).at("id")));
    for (const auto& id : all) {
        CHECK(id.size() == 24);
        CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
    std::sort(all.begin(), all.end());
    CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
    auto ref = emu.get("/api/v2/references/" + all.back()); // any of them
    auto c = emu.get("/api/v2/components/" + str(r.at("components").at("created").at(0).at("id")))
                 .json();
    CHECK(c.at("_version") == 1);
    CHECK(c.at("_meta").at("created") == c.at("_meta").at("lastUpdated"));
    CHECK(c.at("_meta").at("createdByEmail") == "sync@example.com");
    CHECK(str(c.at("_meta").at("created")).size() == 24); // 2026-07-13T08:13:30.378Z
    (void)ref;
}

TEST_CASE("emulator: batch — every update raises _version and lastUpdated") {
    Emulator emu(portfolio());
    auto before = emu.get(std::string("/api/v2/components/") + k_crm).json();
    auto update = R"({"components": {"update": [{"id": "cccccccccccccccccccccc02",
                       "ifVersionMatch": "latest", "body": {"name": "CRM"}}]}})";
    REQUIRE(emu.post("/api/v2/batch", update).status == 200);
    auto after = emu.get(std::string("/api/v2/components/") + k_crm).json();
    CHECK(after.at("_version") == 2);
    CHECK(after.at("_meta").at("created") == before.at("_meta").at("created"));
    CHECK(after.at("_meta").at("lastUpdated") != before.at("_meta").at("lastUpdated"));

    Emulator on_change(portfolio({"--version-bump", "on-change"}));
    REQUIRE(on_change.post("/api/v2/batch", update).status == 200);
    CHECK(on_change.get(std::string("/api/v2/components/") + k_crm).json().at("_version") == 1);
    REQUIRE(
        on_change
            .post("/api/v2/batch", R"({"components": {"update": [{"id": "cccccccccccccccccccccc02",
                       "ifVersionMatch": 1, "body": {"name": "CRM!"}}]}})")
            .status == 200);
    CHECK(on_change.get(std::string("/api/v2/components/") + k_crm).json().at("_version") == 2);
}

TEST_CASE("emulator: batch — malformed requests are 400 naming the member") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.post("/api/v2/batch", "[]")) ==
          "400 invalid_request: request: the request body must be an object, not an array");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"component": {}})")) ==
          "400 invalid_request: request: unknown member \"component\" | hint: allowed here: "
          "aliases, components, options, references");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"components": {"create": {}}})")) ==
          "400 invalid_request: components.create: components.create must be an array, not an "
          "object");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"options": {"respondWithEntities": "yes"}})")) ==
          "400 invalid_request: options: options.respondWithEntities must be a boolean, not a "
          "string");
    CHECK(
        error_of(emu.post("/api/v2/batch", "")) ==
        "400 invalid_json: POST /api/v2/batch: the request body is not valid JSON: line 1, "
        "column 1: incomplete JSON | hint: send a JSON object with Content-Type: application/json");
    auto empty = emu.post("/api/v2/batch", "{}");
    CHECK(empty.body == R"({"components":{"created":[],"updated":[],"deleted":[]},)"
                        R"("references":{"created":[],"updated":[],"deleted":[]}})");
    CHECK(emu.get("/api/v2/batch").status == 405);
}

TEST_CASE("emulator: batch — --shuffle-results reorders results, the same way every run") {
    std::string request = R"({"components": {"create": [)";
    for (int i = 0; i < 12; ++i)
        request +=
            std::string(i ? "," : "") + R"({"batchId": "b)" + std::to_string(i) +
            R"(", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000001", "name": "D)" +
            std::to_string(i) + R"("}})";
    request += "]}}";
    auto batch_ids = [&](const Emulator& emu) {
        return ids(emu.post("/api/v2/batch", request).json().at("components").at("created"),
                   "batchId");
    };
    Emulator plain(portfolio());
    auto in_order = batch_ids(plain);
    Emulator one(portfolio({"--shuffle-results", "--fault-seed", "3"}));
    Emulator two(portfolio({"--shuffle-results", "--fault-seed", "3"}));
    auto first = batch_ids(one);
    CHECK(first == batch_ids(two));
    CHECK(first != in_order);
    std::sort(first.begin(), first.end());
    auto sorted = in_order;
    std::sort(sorted.begin(), sorted.end());
    CHECK(first == sorted);
}

TEST_CASE("emulator: batch/expand resolves aliases and matches and applies nothing") {
    Emulator emu(portfolio());
    std::string before = emu.state();
    auto r = emu.post("/api/v2/batch/expand", R"({
      "aliases": {"components": {"shop": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "Webshop"},
                                 "bill": {"componentKey": "APP-4"}}},
      "components": {
        "create": [{"batchId": "n", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
                     "typeId": "p1000000000002", "name": "Cart", "parent": "shop"}}],
        "update": [{"id": "bill", "ifVersionMatch": "latest", "body": {"parent": "n"}}],
        "delete": [{"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa02"}}]}})");
    REQUIRE(r.status == 200);
    auto j = r.json();
    CHECK(json::serialize(j.at("components").at("create")) ==
          R"([{"batchId":"n","body":{"rootWorkspace":"aaaaaaaaaaaaaaaaaaaaaa01",)"
          R"("typeId":"p1000000000002","name":"Cart","parent":"cccccccccccccccccccccc03"}}])");
    CHECK(json::serialize(j.at("components").at("update")) ==
          R"([{"id":"cccccccccccccccccccccc04","ifVersionMatch":"latest","body":{"parent":"n"}}])");
    CHECK(json::serialize(j.at("components").at("delete")) ==
          R"([{"id":"cccccccccccccccccccccc05"}])");
    CHECK(!j.as_object().contains("aliases"));
    CHECK(emu.state() == before);
    // Expand validates like the batch itself.
    auto bad = emu.post("/api/v2/batch/expand", R"({"components": {"update": [
        {"id": "nope", "ifVersionMatch": "latest", "body": {}}]}})");
    CHECK(bad.status == 422);
    CHECK(emu.state() == before);
}
