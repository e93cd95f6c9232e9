// The Batch API answer is written as text straight from the store: it must be exactly the
// JSON Boost.JSON would serialize, with the same members in the same order, and each
// entity body equal to what a GET returns.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

std::string mixed_batch(bool entities) {
    return std::string(R"({"options": {"respondWithEntities": )") + (entities ? "true" : "false") +
           R"(},
        "components": {"create": [
            {"batchId": "pay", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
              "typeId": "p1000000000002", "name": "Payroll \"new\"\n",
              "customFields": {"external_id": "app-9"}}},
            {"body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002",
              "name": "Ledger"}}],
          "update": [{"id": "cccccccccccccccccccccc03", "ifVersionMatch": "latest",
                      "body": {"description": "Shop"}}]},
        "references": {"create": [{"batchId": "r", "body": {"source": "pay",
              "target": "cccccccccccccccccccccc02", "type": 2}}],
          "delete": [{"id": "dddddddddddddddddddddd01"}]}})";
}

std::string id_at(const json::value& answer, const char* kind, const char* what, std::size_t i) {
    return str(answer.at(kind).at(what).at(i).at("id"));
}

} // namespace

TEST_CASE("emulator: batch answer text — ids only, members in Boost.JSON's order") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", mixed_batch(false));
    REQUIRE(r.status == 200);
    const json::value answer = r.json();
    const std::string payroll = id_at(answer, "components", "created", 0);
    const std::string ledger = id_at(answer, "components", "created", 1);
    const std::string ref = id_at(answer, "references", "created", 0);
    CHECK(r.body ==
          R"({"components":{"created":[{"id":")" + payroll + R"(","batchId":"pay"},{"id":")" +
              ledger +
              R"("}],"updated":[{"id":"cccccccccccccccccccccc03"}],"deleted":[]},)"
              R"("references":{"created":[{"id":")" +
              ref +
              R"(","batchId":"r"}],"updated":[],"deleted":[{"id":"dddddddddddddddddddddd01"}]}})");
}

TEST_CASE("emulator: batch answer text — entity bodies equal GET, the text equal serialize") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", mixed_batch(true));
    REQUIRE(r.status == 200);
    const json::value answer = r.json();
    CHECK(json::serialize(answer) == r.body);
    const auto& created = answer.at("components").at("created").as_array();
    REQUIRE(created.size() == 2);
    for (const auto& c : created)
        CHECK(c.at("body") == emu.get("/api/v2/components/" + str(c.at("id"))).json());
    CHECK(created.at(0).at("body").at("name") == "Payroll \"new\"\n");
    const auto& updated = answer.at("components").at("updated").at(0);
    CHECK(updated.at("body") == emu.get(std::string("/api/v2/components/") + k_webshop).json());
    const auto& ref = answer.at("references").at("created").at(0);
    CHECK(ref.at("body") == emu.get("/api/v2/references/" + str(ref.at("id"))).json());
    CHECK(ref.at("body").at("source") == created.at(0).at("id"));
    CHECK(json::serialize(answer.at("references").at("deleted")) ==
          R"([{"id":"dddddddddddddddddddddd01"}])");
}
