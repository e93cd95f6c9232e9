// The responses of a whole apply folded into a snapshot in one pass.
#include "connectors/file/batch_applier.hpp"

#include "client/sample_workspace.hpp"
#include "connectors/cache/batch_results.hpp"
#include "connectors/cache/snapshot_json.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace ardoq::connectors;
using namespace ardoq::model;
using namespace ardoq::test;
namespace json = boost::json;

namespace {

// Three batches as an apply sends them, answered by the file target's batch logic (the
// emulator's rules): a create, then an update of what it created plus a delete (which
// takes a reference along), then a reference to the new component and a second update.
std::vector<json::object> three_responses(const Snapshot& start) {
    Snapshot live = start;
    OidGenerator oids{7, 0x65000000};
    BatchClock clock{oids, "2025-05-05T05:05:05.000Z"};
    auto run = [&](const std::string& request) {
        auto r = apply_batch(live, json::parse(request).as_object(), clock);
        REQUIRE(r.has_value());
        return *r;
    };
    std::vector<json::object> out;
    out.push_back(run(R"({"options": {"respondWithEntities": true},
        "components": {"create": [{"batchId": "n", "body": {"name": "Tax", "rootWorkspace": ")" +
                      k_ws_id +
                      R"(", "typeId": "p2", "customFields": {"external_id": "app-9"}}}]}})"));
    const std::string tax(out[0].at("components").at("created").at(0).at("id").as_string());
    out.push_back(run(R"({"options": {"respondWithEntities": true},
        "components": {"update": [{"id": ")" +
                      tax + R"(", "ifVersionMatch": "latest", "body": {"name": "Tax 2"}}],
                       "delete": [{"id": ")" +
                      k_app2_id + R"("}]}})"));
    out.push_back(run(R"({"options": {"respondWithEntities": true},
        "components": {"update": [{"id": ")" +
                      tax + R"(", "ifVersionMatch": "latest", "body": {"name": "Tax 3"}}]},
        "references": {"create": [{"batchId": "r", "body": {"source": ")" +
                      tax + R"(", "target": ")" + k_app1_id + R"(", "type": 2}}]}})"));
    return out;
}

} // namespace

TEST_CASE("client: an apply's batch responses in one pass leave the snapshot as one by one") {
    const Snapshot start = parse_snapshot_json(sample_workspace_json(), "ws.json");
    const auto responses = three_responses(start);

    Snapshot one_by_one = start;
    for (const auto& r : responses)
        REQUIRE(apply_batch_response(one_by_one, r));
    Snapshot together = start;
    REQUIRE(apply_batch_responses(together, responses));
    CHECK(snapshot_to_json_text(together) == snapshot_to_json_text(one_by_one));

    // What both hold: the component written three times once, by its last state; the
    // deleted one gone with its reference; the new reference there.
    REQUIRE(together.components().size() == 3);
    const auto& tax = together.components().back();
    CHECK(tax.name == "Tax 3");
    CHECK(tax.version == 3);
    CHECK_FALSE(together.component_by_id(*Oid::parse(k_app2_id)).has_value());
    CHECK_FALSE(together.reference_by_id(*Oid::parse(k_ref_id)).has_value());
    REQUIRE(together.references().size() == 1);
    CHECK(together.references()[0].source == tax.id);
}

TEST_CASE("client: one batch response without bodies leaves the snapshot of a whole apply alone") {
    const Snapshot start = parse_snapshot_json(sample_workspace_json(), "ws.json");
    auto responses = three_responses(start);
    responses[1]["components"].as_object()["updated"].as_array()[0].as_object().erase("body");
    Snapshot s = start;
    CHECK_FALSE(apply_batch_responses(s, responses));
    CHECK(snapshot_to_json_text(s) == snapshot_to_json_text(start));
    CHECK(apply_batch_responses(s, {}));
    CHECK(snapshot_to_json_text(s) == snapshot_to_json_text(start));
}

TEST_CASE("client: a batch fold fed answer by answer gives what one pass gives; an unusable "
          "answer spoils it") {
    const Snapshot start = parse_snapshot_json(sample_workspace_json(), "ws.json");
    const auto responses = three_responses(start);
    Snapshot together = start;
    REQUIRE(apply_batch_responses(together, responses));

    BatchFold fold;
    for (const auto& r : responses)
        CHECK(fold.add(r));
    REQUIRE(fold.usable());
    Snapshot folded = start;
    fold.apply_to(folded);
    CHECK(snapshot_to_json_text(folded) == snapshot_to_json_text(together));
    CHECK(folded.field_keys() == together.field_keys());

    auto spoiled = responses;
    spoiled[1]["components"].as_object()["updated"].as_array()[0].as_object().erase("body");
    BatchFold bad;
    CHECK(bad.add(spoiled[0]));
    CHECK_FALSE(bad.add(spoiled[1]));
    CHECK_FALSE(bad.usable());
    CHECK_FALSE(bad.add(spoiled[2])); // refused from then on
    CHECK_FALSE(bad.usable());
}
