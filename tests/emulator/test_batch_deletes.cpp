// Conformance: deletes — by id, by alias and by match (zero or more), the dependency rule of
// delete-by-match, a deleted component taking its references along, and children.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

using Ids = std::vector<std::string>;

namespace {

Ids deleted(const HttpResult& r, const char* kind = "components") {
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return ids(r.json().at(kind).at("deleted"), "id");
}

bool exists(const Emulator& emu, const std::string& kind, const std::string& id) {
    return emu.get("/api/v2/" + kind + "/" + id).status == 200;
}

} // namespace

TEST_CASE("emulator: deleting a component deletes its references") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch",
                      R"({"components": {"delete": [{"id": "cccccccccccccccccccccc02"}]}})");
    CHECK(deleted(r) == Ids{k_crm});
    CHECK(deleted(r, "references").empty()); // not listed by default
    CHECK(!exists(emu, "references", k_webshop_crm));
    CHECK(!exists(emu, "references", k_crm_server));
    CHECK(exists(emu, "components", k_webshop));

    Emulator listing(portfolio({"--list-cascaded-deletes"}));
    auto l = listing.post("/api/v2/batch",
                          R"({"components": {"delete": [{"id": "cccccccccccccccccccccc02"}]}})");
    CHECK(deleted(l, "references") == Ids{k_crm_server, k_webshop_crm});
}

TEST_CASE("emulator: delete by id or alias needs an existing entity") {
    Emulator emu(portfolio());
    CHECK(
        error_of(emu.post("/api/v2/batch",
                          R"({"references": {"delete": [{"id": "dddddddddddddddddddddd09"}]}})")) ==
        "404 not_found: references.delete[0]: reference dddddddddddddddddddddd09 does not exist | "
        "hint: fetch the current references, or use an alias");
    CHECK(error_of(emu.post(
              "/api/v2/batch",
              R"({"components": {"delete": [{"id": "x", "match": {"rootWorkspace": "y"}}]}})")) ==
          "400 invalid_request: components.delete[0]: a delete needs exactly one of id and match");
    auto by_alias =
        emu.post("/api/v2/batch", R"({"aliases": {"components": {"srv": {"componentKey": "INF-1"}}},
        "components": {"delete": [{"id": "srv"}]}})");
    CHECK(deleted(by_alias) == Ids{k_server});
    auto ref = emu.post("/api/v2/batch",
                        R"({"references": {"delete": [{"id": "dddddddddddddddddddddd01"}]}})");
    CHECK(deleted(ref, "references") == Ids{k_webshop_crm});
}

TEST_CASE("emulator: delete by match hits zero or more components in each documented form") {
    Emulator emu(portfolio());
    CHECK(deleted(emu.post("/api/v2/batch", R"({"components": {"delete": [
        {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "name": "Nothing"}}]}})"))
              .empty());
    CHECK(deleted(emu.post("/api/v2/batch", R"({"components": {"delete": [
        {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "customFields": {"external_id": "app-3"}}},
        {"match": {"componentKey": "INF-1"}}]}})")) == Ids{k_billing, k_server});
    CHECK(deleted(emu.post("/api/v2/batch", R"({"components": {"delete": [
        {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002"}}]}})")) ==
          Ids{k_crm, k_webshop});
    CHECK(deleted(emu.post("/api/v2/batch", R"({"components": {"delete": [
        {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01"}}]}})")) == Ids{k_sales});
    CHECK(error_of(emu.post("/api/v2/batch", R"({"components": {"delete": [
        {"match": {"typeId": "p1000000000002"}}]}})")) ==
          "400 invalid_request: components.delete[0]: unsupported combination of match fields | "
          "hint: a component match is {rootWorkspace}, {componentKey}, {rootWorkspace, typeId}, "
          "{rootWorkspace, name} or {rootWorkspace, customFields: {<one field>}}");
}

TEST_CASE("emulator: delete by match spares the request's dependencies") {
    Emulator emu(portfolio());
    // Updated: CRM; created: Cart under Webshop (so Webshop and Sales are ancestors);
    // a reference created from Billing to srv-01 makes both endpoints dependencies.
    auto r = emu.post("/api/v2/batch", R"({
      "components": {
        "create": [{"batchId": "cart", "body": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
                    "typeId": "p1000000000002", "name": "Cart", "parent": "cccccccccccccccccccccc03"}}],
        "update": [{"id": "cccccccccccccccccccccc02", "ifVersionMatch": "latest", "body": {"description": "kept"}}],
        "delete": [{"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01"}},
                   {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa02"}}]},
      "references": {"create": [{"body": {"source": "cccccccccccccccccccccc04",
                                          "target": "cccccccccccccccccccccc05", "type": 3}}]}})");
    CHECK(deleted(r).empty());
    for (const char* id : {k_sales, k_crm, k_webshop, k_billing, k_server})
        CHECK_MESSAGE(exists(emu, "components", id), id);

    // In the next request only Billing is a dependency: the same kind of match deletes the
    // other applications (Cart with its parent Webshop) and spares Billing.
    std::string cart = str(r.json().at("components").at("created").at(0).at("id"));
    auto r2 = emu.post("/api/v2/batch", R"({"components": {
        "update": [{"id": "cccccccccccccccccccccc04", "ifVersionMatch": "latest", "body": {}}],
        "delete": [{"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002"}}]}})");
    CHECK(deleted(r2) == Ids{k_crm, k_webshop, cart});
    CHECK(exists(emu, "components", k_billing));
}

TEST_CASE("emulator: deleting a dependency by id fails the request") {
    Emulator emu(portfolio());
    std::string before = emu.state();
    CHECK(error_of(emu.post("/api/v2/batch", R"({"components": {
        "update": [{"id": "cccccccccccccccccccccc02", "ifVersionMatch": "latest", "body": {}}],
        "delete": [{"id": "cccccccccccccccccccccc01"}]}})")) ==
          "422 dependency: components.delete[0]: component cccccccccccccccccccccc01 is needed by "
          "this request (written by it, an ancestor of a component it writes, or an endpoint of a "
          "reference it writes) and cannot be deleted by it | hint: delete it in a request of its "
          "own");
    CHECK(error_of(emu.post("/api/v2/batch", R"({"references": {
        "update": [{"id": "dddddddddddddddddddddd01", "ifVersionMatch": "latest", "body": {}}],
        "delete": [{"id": "dddddddddddddddddddddd01"}]}})")) ==
          "422 dependency: references.delete[0]: reference dddddddddddddddddddddd01 is written by "
          "references.update[0] in this request and cannot be deleted by it | hint: do not write "
          "and delete the same reference in one request");
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: reference matches spare references written in the request") {
    Emulator emu(portfolio());
    auto r = emu.post("/api/v2/batch", R"({"references": {
        "create": [{"body": {"source": "cccccccccccccccccccccc02", "target": "cccccccccccccccccccccc04", "type": 2}}],
        "delete": [{"match": {"source": "cccccccccccccccccccccc02"}}]}})");
    CHECK(deleted(r, "references") == Ids{k_crm_server});
    auto created = str(r.json().at("references").at("created").at(0).at("id"));
    CHECK(exists(emu, "references", created));
    CHECK(deleted(emu.post("/api/v2/batch", R"({"references": {"delete": [
        {"match": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "type": 2}}]}})"),
                  "references") == Ids{k_webshop_crm, created});
}

TEST_CASE("emulator: a component keeping children cannot be deleted unless they go too") {
    Emulator emu(portfolio());
    std::string before = emu.state();
    CHECK(
        error_of(emu.post("/api/v2/batch",
                          R"({"components": {"delete": [{"id": "cccccccccccccccccccccc01"}]}})")) ==
        "422 has_children: components.delete[0]: component cccccccccccccccccccccc01 (\"Sales\") "
        "has child cccccccccccccccccccccc02 (\"CRM\") that this request does not delete | hint: "
        "delete the children in the same request (or start the emulator with --delete-children "
        "cascade)");
    CHECK(emu.state() == before);
    auto all =
        emu.post("/api/v2/batch", R"({"components": {"delete": [{"id": "cccccccccccccccccccccc01"},
        {"id": "cccccccccccccccccccccc02"}, {"id": "cccccccccccccccccccccc03"}]}})");
    CHECK(deleted(all) == Ids{k_sales, k_crm, k_webshop});

    Emulator cascade(portfolio({"--delete-children", "cascade"}));
    auto c = cascade.post("/api/v2/batch",
                          R"({"components": {"delete": [{"id": "cccccccccccccccccccccc01"}]}})");
    CHECK(deleted(c) == Ids{k_sales, k_crm, k_webshop});
    CHECK(!exists(cascade, "references", k_webshop_crm));
}
