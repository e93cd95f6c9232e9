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

struct BatchFixture {
    Snapshot snap = parse_snapshot_json(sample_workspace_json(), "ws.json");
    OidGenerator oids{7, 0x65000000};
    BatchClock clock{oids, "2025-05-05T05:05:05.000Z"};

    Expected<json::object, BatchError> apply(std::string_view request) {
        return apply_batch(snap, json::parse(request).as_object(), clock);
    }
    json::object ok(std::string_view request) {
        auto r = apply(request);
        if (!r)
            FAIL("batch failed: " << r.error().status << " " << r.error().message);
        return *r;
    }
    std::string error(std::string_view request) {
        auto r = apply(request);
        if (r)
            return "(applied)";
        return std::to_string(r.error().status) + " " + r.error().message;
    }
    const SnapshotComponent& component(std::string_view id) {
        return snap.components()[*snap.component_by_id(*Oid::parse(id))];
    }
    std::optional<ValueView> field(const SnapshotComponent& c, std::string_view key) {
        return Snapshot::field_value(c.custom_fields, *snap.find_field(key));
    }
};

std::string id_at(const json::object& response, std::string_view kind, std::string_view what,
                  std::size_t i) {
    return std::string(response.at(kind).at(what).at(i).at("id").as_string());
}

} // namespace

TEST_CASE("client: file batch creates components with new OIDs, keys and a batchId parent") {
    BatchFixture f;
    auto response = f.ok(R"({"components": {"create": [
        {"batchId": "child", "body": {"name": "Payroll", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2",
                                      "parent": "dom", "customFields": {"external_id": "app-3"}}},
        {"batchId": "dom", "body": {"name": "HR", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p1"}}]}})");
    const auto& created = response.at("components").at("created").as_array();
    REQUIRE(created.size() == 2);
    CHECK(created[0].at("batchId").as_string() == "child");
    CHECK(created[1].at("batchId").as_string() == "dom");
    CHECK(created[0].as_object().if_contains("body") == nullptr); // only with respondWithEntities
    auto child_id = id_at(response, "components", "created", 0);
    auto dom_id = id_at(response, "components", "created", 1);
    CHECK(Oid::parse(child_id).has_value());
    CHECK(child_id.substr(0, 8) == "65000000");
    const auto& child = f.component(child_id);
    CHECK(child.name == "Payroll");
    CHECK(child.parent == Oid::parse(dom_id));
    CHECK(child.version == 1);
    CHECK(child.component_key == "APP-8"); // after the highest existing APP-7
    CHECK(f.component(dom_id).component_key == "APP-9");
    CHECK(child.last_updated == "2025-05-05T05:05:05.000Z");
    CHECK(f.field(child, "external_id")->as_string() == "app-3");
    CHECK(f.snap.components().size() == 5);
    CHECK(response.at("references").at("created").as_array().empty());
}

TEST_CASE(
    "client: file batch upserts by custom field: 0 matches create, 1 updates and bumps _version") {
    BatchFixture f;
    auto response = f.ok(R"({"options": {"respondWithEntities": true}, "components": {"upsert": [
        {"batchId": "b1", "uniqueBy": ["rootWorkspace", "customFields.external_id"],
         "body": {"name": "Billing 2", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2",
                  "customFields": {"external_id": "app-1", "lifecycle": null, "cost": 13}}},
        {"batchId": "b2", "uniqueBy": ["customFields.external_id", "rootWorkspace"],
         "body": {"name": "New", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2",
                  "customFields": {"external_id": "app-9"}}}]}})");
    const auto& updated = response.at("components").at("updated").as_array();
    REQUIRE(updated.size() == 1);
    CHECK(updated[0].at("id").as_string() == k_app1_id);
    CHECK(updated[0].at("batchId").as_string() == "b1");
    CHECK(updated[0].at("body").at("_version").as_int64() == 5);
    CHECK(updated[0].at("body").at("name").as_string() == "Billing 2");
    CHECK(response.at("components").at("created").as_array().size() == 1);
    const auto& billing = f.component(k_app1_id);
    CHECK(billing.version == 5);
    CHECK(billing.description ==
          std::optional<std::string_view>("Bills — ünïcode")); // not in the body: kept
    CHECK(f.field(billing, "lifecycle")->is_null());
    CHECK(f.field(billing, "cost")->as_int() == 13);
    CHECK(f.field(billing, "tags")->to_json() == R"(["a","b"])");
}

TEST_CASE(
    "client: file batch upsert refusals: ambiguous match, type change, bad uniqueBy, mixing") {
    BatchFixture f;
    f.ok(
        R"({"components": {"update": [{"id": "a00000000000000000000002", "ifVersionMatch": "latest",
            "body": {"customFields": {"external_id": "app-1"}}}]}})");
    CHECK(
        f.error(
            R"({"components": {"upsert": [{"uniqueBy": ["customFields.external_id", "rootWorkspace"],
            "body": {"name": "X", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2", "customFields": {"external_id": "app-1"}}}]}})") ==
        "422 components.upsert[0].uniqueBy: matches 2 components (a00000000000000000000001, "
        "a00000000000000000000002)");
    CHECK(f.error(R"({"components": {"upsert": [{"uniqueBy": ["name", "rootWorkspace"],
            "body": {"name": "Finance", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}}]}})") ==
          "422 components.upsert[0].body.typeId: the matched component "
          "\"d00000000000000000000001\" has type \"p1\"; "
          "a component's type cannot be changed");
    CHECK(f.error(R"({"components": {"upsert": [{"uniqueBy": ["name"],
            "body": {"name": "Finance", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p1"}}]}})") ==
          "400 components.upsert[0].uniqueBy: expected [\"customFields.<field>\", "
          "\"rootWorkspace\"] or [\"name\", "
          "\"rootWorkspace\"] (in any order)");
    CHECK(
        f.error(R"({"components": {"upsert": [{"uniqueBy": ["name", "rootWorkspace"], "body": {}}],
            "delete": [{"id": "a00000000000000000000002"}]}})") ==
        "400 components: upsert operations may not be mixed with create, update or delete "
        "operations on components "
        "in one request");
}

TEST_CASE("client: file batch update checks ifVersionMatch and what may not change") {
    BatchFixture f;
    CHECK(
        f.error(
            R"({"components": {"update": [{"id": "a00000000000000000000001", "ifVersionMatch": 3, "body": {"name": "x"}}]}})") ==
        "409 components.update[0].ifVersionMatch: version 3 does not match the current version 4");
    CHECK(
        f.error(
            R"({"components": {"update": [{"id": "a00000000000000000000001", "body": {"name": "x"}}]}})") ==
        "400 components.update[0]: \"ifVersionMatch\" is required (an integer version or "
        "\"latest\")");
    CHECK(
        f.error(
            R"({"components": {"update": [{"id": "a00000000000000000000001", "ifVersionMatch": 4, "body": {"typeId": "p1"}}]}})") ==
        "422 components.update[0].body.typeId: a component's type cannot be changed (it is "
        "\"p2\")");
    CHECK(
        f.error(
            R"({"components": {"update": [{"id": "a0000000000000000000000f", "ifVersionMatch": "latest", "body": {}}]}})") ==
        "404 components.update[0].id: component \"a0000000000000000000000f\" not found");
    CHECK(
        f.error(
            R"({"components": {"update": [{"id": "d00000000000000000000001", "ifVersionMatch": 1, "body": {"parent": "a00000000000000000000001"}}]}})") ==
        "422 components: making \"d00000000000000000000001\" a descendant of itself (a parent "
        "cycle)");
    CHECK(
        f.error(
            R"({"components": {"create": [{"body": {"name": "x", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p9"}}]}})") ==
        "422 components.create[0].body.typeId: unknown component type \"p9\" in workspace "
        "\"aaaaaaaaaaaaaaaaaaaaaaaa\"");
    CHECK(
        f.error(
            R"({"components": {"create": [{"body": {"name": "x", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2", "customFields": {"colour": "red"}}}]}})") ==
        "422 components.create[0].body.customFields.colour: unknown custom field in workspace "
        "\"aaaaaaaaaaaaaaaaaaaaaaaa\"");
    CHECK(f.error(R"({"aliases": {"components": {"A": {"componentKey": "APP-1"}}}})") ==
          "400 aliases: not supported by the file: target; name entities by id or batchId");

    auto response =
        f.ok(R"({"components": {"update": [{"id": "a00000000000000000000001", "ifVersionMatch": 4,
            "body": {"description": null, "parent": null, "customFields": {"cost": 1}}}]}})");
    CHECK(id_at(response, "components", "updated", 0) == k_app1_id);
    const auto& billing = f.component(k_app1_id);
    CHECK(billing.version == 5);
    CHECK_FALSE(billing.description.has_value());
    CHECK_FALSE(billing.parent.has_value());
    CHECK(f.field(billing, "cost")->as_int() == 1);
    CHECK(f.field(billing, "external_id")->as_string() == "app-1");
}

TEST_CASE("client: file batch references: create with batchIds, upsert, update, refusals") {
    BatchFixture f;
    auto response = f.ok(R"({
      "components": {"create": [{"batchId": "new", "body": {"name": "Tax", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}}]},
      "references": {"create": [{"batchId": "r", "body": {"source": "new", "target": "a00000000000000000000001", "type": 2, "displayText": "feeds"}}]}})");
    auto new_id = id_at(response, "components", "created", 0);
    auto ref_id = id_at(response, "references", "created", 0);
    const auto& ref = f.snap.references()[*f.snap.reference_by_id(*Oid::parse(ref_id))];
    CHECK(ref.source == *Oid::parse(new_id));
    CHECK(ref.target == *Oid::parse(k_app1_id));
    CHECK(ref.display_text == std::optional<std::string_view>("feeds"));
    CHECK(ref.version == 1);

    response = f.ok(
        R"({"references": {"upsert": [{"uniqueBy": ["source.rootWorkspace", "customFields.ref_key"],
        "body": {"source": "a00000000000000000000001", "target": "a00000000000000000000002", "type": 2, "customFields": {"ref_key": "r-1"}, "description": "d"}}]}})");
    CHECK(id_at(response, "references", "updated", 0) == k_ref_id);
    CHECK(f.snap.references()[*f.snap.reference_by_id(*Oid::parse(k_ref_id))].version == 3);

    CHECK(
        f.error(
            R"({"references": {"update": [{"id": "f00000000000000000000001", "ifVersionMatch": 3, "body": {"type": 5}}]}})") ==
        "422 references.update[0].body.type: unknown reference type 5 in workspace "
        "\"aaaaaaaaaaaaaaaaaaaaaaaa\"");
    CHECK(
        f.error(
            R"({"references": {"create": [{"body": {"source": "nope", "target": "a00000000000000000000001", "type": 2}}]}})") ==
        "422 references.create[0].body.source: \"nope\" is neither a batchId of this request nor a "
        "component id");
}

TEST_CASE(
    "client: file batch delete by match spares dependencies; deleting takes references along") {
    BatchFixture f;
    // The match hits every Application, but Billing is updated in the same request: kept.
    auto response = f.ok(R"({"components": {
        "update": [{"id": "a00000000000000000000001", "ifVersionMatch": "latest", "body": {"name": "Billing!"}}],
        "delete": [{"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}}]}})");
    const auto& deleted = response.at("components").at("deleted").as_array();
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0].at("id").as_string() == k_app2_id);
    CHECK(f.snap.components().size() == 2);
    CHECK(f.snap.references().empty()); // the reference to Ledger went with it

    BatchFixture g;
    CHECK(g.error(R"({"components": {"delete": [{"id": "d00000000000000000000001"}]}})") ==
          "422 components.delete: component \"d00000000000000000000001\" still has the child "
          "\"a00000000000000000000001\" (\"Billing\"); delete its children in the same request");
    CHECK(g.error(R"({"components": {"delete": [{"id": "a0000000000000000000000f"}]}})") ==
          "404 components.delete[0].id: component \"a0000000000000000000000f\" not found");
    auto none = g.ok(
        R"({"components": {"delete": [{"match": {"customFields": {"external_id": "no-such"}}}]}})");
    CHECK(none.at("components").at("deleted").as_array().empty());
    auto by_field =
        g.ok(R"({"components": {"delete": [{"match": {"customFields.external_id": "app-2"}}]},
                             "references": {"delete": [{"id": "f00000000000000000000001"}]}})");
    CHECK(id_at(by_field, "components", "deleted", 0) == k_app2_id);
    CHECK(id_at(by_field, "references", "deleted", 0) == k_ref_id);
    CHECK(g.snap.components().size() == 2);
}

TEST_CASE(
    "client: a failed file batch reports the first bad operation and the snapshot is discarded") {
    BatchFixture f;
    auto before = snapshot_to_json_text(f.snap);
    CHECK(
        f.error(
            R"({"components": {"create": [{"body": {"name": "ok", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}},
                                                 {"body": {"name": "", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}}]}})") ==
        "422 components.create[1].body.name: must not be empty");
    CHECK(
        f.error(
            R"({"components": {"create": [{"body": {"rootWorkspace": "bbbbbbbbbbbbbbbbbbbbbbbb", "typeId": "p2", "name": "x"}}]}})") ==
        "422 components.create[0].body.rootWorkspace: \"bbbbbbbbbbbbbbbbbbbbbbbb\" is not the "
        "workspace of this target "
        "(\"aaaaaaaaaaaaaaaaaaaaaaaa\")");
    CHECK(f.error(R"({"widgets": {}})") == "400 request: unknown key \"widgets\"");
}

TEST_CASE("client: a batch response with entities updates a snapshot like a refetch would") {
    BatchFixture f;
    Snapshot cached = f.snap; // what the cache held before the apply
    auto response = f.ok(R"({"options": {"respondWithEntities": true},
        "components": {"create": [{"batchId": "n", "body": {"name": "Tax", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2"}}],
                       "update": [{"id": "a00000000000000000000001", "ifVersionMatch": 4, "body": {"name": "Billing 2"}}],
                       "delete": [{"id": "a00000000000000000000002"}]}})");
    REQUIRE(apply_batch_response(cached, response));
    CHECK(cached.components().size() == 3);
    CHECK(cached.references().empty());
    const auto& billing = cached.components()[*cached.component_by_id(*Oid::parse(k_app1_id))];
    CHECK(billing.name == "Billing 2");
    CHECK(billing.version == 5);
    CHECK(cached.component_by_id(*Oid::parse(id_at(response, "components", "created", 0)))
              .has_value());

    auto without_bodies = f.ok(
        R"({"components": {"update": [{"id": "a00000000000000000000001", "ifVersionMatch": 5, "body": {"name": "B3"}}]}})");
    auto copy = cached;
    CHECK_FALSE(apply_batch_response(cached, without_bodies));
    CHECK(snapshot_to_json_text(cached) == snapshot_to_json_text(copy));
}
