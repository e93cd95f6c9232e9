// Conformance: API v2 reads — workspaces, context, components and references with every
// documented filter, pagination through _links.next.href, and 404s.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

using Ids = std::vector<std::string>;

TEST_CASE("emulator: lists workspaces, filtered by name and componentModel") {
    Emulator emu(portfolio());
    auto all = emu.get("/api/v2/workspaces").json();
    CHECK(ids(all.at("values")) == Ids{k_portfolio, k_infrastructure});
    CHECK(all.at("_links") == json::object{});
    auto named = emu.get("/api/v2/workspaces?name=Infrastructure").json();
    CHECK(ids(named.at("values")) == Ids{k_infrastructure});
    auto by_model = emu.get("/api/v2/workspaces?componentModel=bbbbbbbbbbbbbbbbbbbbbb01").json();
    CHECK(ids(by_model.at("values")) == Ids{k_portfolio});
    CHECK(emu.get("/api/v2/workspaces?name=Nope").json().at("values").as_array().empty());
}

TEST_CASE("emulator: a workspace and its context have the documented shapes") {
    Emulator emu(portfolio());
    auto ws = emu.get(std::string("/api/v2/workspaces/") + k_portfolio).json().as_object();
    std::vector<std::string> keys;
    for (const auto& [k, v] : ws)
        keys.emplace_back(k);
    CHECK(keys ==
          Ids{"_id", "_version", "_meta", "name", "description", "componentModel", "workspaceKey"});
    CHECK(ws.at("name") == "Application Portfolio");
    CHECK(ws.at("_version") == 1);

    auto ctx = emu.get(std::string("/api/v2/workspaces/") + k_portfolio + "/context").json();
    CHECK(ctx.at("rootWorkspace") == k_portfolio);
    const auto& app = ctx.at("componentTypes").at(1);
    CHECK(json::serialize(app) ==
          R"({"typeId":"p1000000000002","name":"Application","parent":{"name":"Domain",)"
          R"("typeId":"p1000000000001"},"color":null,"shape":null,"icon":null,"image":null,)"
          R"("customFields":["external_id","lifecycle","annual_cost","critical","go_live",)"
          R"("labels","owner_email"]})");
    CHECK(json::serialize(ctx.at("referenceTypes")) ==
          R"([{"type":2,"name":"Depends on","customFields":["ref_key"]},)"
          R"({"type":3,"name":"Runs on","customFields":[]}])");
    CHECK(json::serialize(ctx.at("customFields").at(1)) ==
          R"({"apiKey":"lifecycle","label":"Lifecycle","type":"List","readOnly":false,)"
          R"("calculated":false,"defaultValue":null,"description":null,)"
          R"("options":["Planned","Live","Retired"]})");
    CHECK(ctx.at("tags") == json::array{});
}

TEST_CASE("emulator: a component has every documented v2 field") {
    Emulator emu(portfolio());
    auto c = emu.get(std::string("/api/v2/components/") + k_crm).json().as_object();
    std::vector<std::string> keys;
    for (const auto& [k, v] : c)
        keys.emplace_back(k);
    CHECK(keys == Ids{"_id", "_version", "_meta", "name", "rootWorkspace", "typeId", "type",
                      "parent", "componentKey", "description", "customFields", "color", "shape",
                      "icon", "image"});
    CHECK(c.at("type") == "Application");
    CHECK(c.at("parent") == k_sales);
    CHECK(c.at("componentKey") == "APP-2");
    CHECK(json::serialize(c.at("customFields")) ==
          R"({"external_id":"app-1","lifecycle":"Live","annual_cost":12000,"critical":true})");
    const auto& meta = c.at("_meta").as_object();
    for (const char* k : {"created", "createdBy", "createdByEmail", "createdByName", "lastUpdated",
                          "lastModifiedBy", "lastModifiedByEmail", "lastModifiedByName"})
        CHECK_MESSAGE(meta.contains(k), k);
    CHECK(meta.at("createdByEmail") == "sync@example.com");

    auto r = emu.get(std::string("/api/v2/references/") + k_webshop_crm).json().as_object();
    keys.clear();
    for (const auto& [k, v] : r)
        keys.emplace_back(k);
    CHECK(keys == Ids{"_id", "_version", "_meta", "source", "target", "type", "rootWorkspace",
                      "targetWorkspace", "displayText", "description", "customFields"});
    auto cross = emu.get(std::string("/api/v2/references/") + k_crm_server).json();
    CHECK(cross.at("rootWorkspace") == k_portfolio);
    CHECK(cross.at("targetWorkspace") == k_infrastructure);
}

TEST_CASE("emulator: component filters are AND-ed and typed by the custom field") {
    Emulator emu(portfolio());
    auto q = [&](const std::string& query) {
        return ids(emu.get("/api/v2/components?" + query).json().at("values"));
    };
    CHECK(q(std::string("rootWorkspace=") + k_portfolio) ==
          Ids{k_sales, k_crm, k_webshop, k_billing});
    CHECK(q(std::string("rootWorkspace=") + k_portfolio + "&typeId=" + k_application_type) ==
          Ids{k_crm, k_webshop, k_billing});
    CHECK(q("name=CRM") == Ids{k_crm});
    CHECK(q("name=crm").empty());
    CHECK(q(std::string("parent=") + k_sales) == Ids{k_crm, k_webshop});
    CHECK(q("componentKey=APP-3") == Ids{k_webshop});
    CHECK(q("customFields.external_id=app-2") == Ids{k_webshop});
    // Numbers compare as numbers, booleans as booleans.
    CHECK(q(std::string("rootWorkspace=") + k_portfolio + "&customFields.annual_cost=12000.0") ==
          Ids{k_crm});
    CHECK(q("customFields.annual_cost=500.5") == Ids{k_billing});
    CHECK(q("customFields.critical=true") == Ids{k_crm});
    CHECK(q(std::string("typeId=") + k_application_type +
            "&customFields.lifecycle=Live&name=CRM") == Ids{k_crm});
    CHECK(
        q(std::string("typeId=") + k_application_type + "&customFields.lifecycle=Live&name=Webshop")
            .empty());
    CHECK(q("name=Webshop&customFields.labels=%5B%22web%22%5D") == Ids{k_webshop});
    CHECK(q("name=Customer%20records").empty());
}

TEST_CASE("emulator: reference filters are AND-ed") {
    Emulator emu(portfolio());
    auto q = [&](const std::string& query) {
        return ids(emu.get("/api/v2/references?" + query).json().at("values"));
    };
    CHECK(q("") == Ids{k_webshop_crm, k_crm_server});
    CHECK(q(std::string("rootWorkspace=") + k_portfolio) == Ids{k_webshop_crm, k_crm_server});
    CHECK(q(std::string("targetWorkspace=") + k_infrastructure) == Ids{k_crm_server});
    CHECK(q(std::string("source=") + k_crm) == Ids{k_crm_server});
    CHECK(q(std::string("target=") + k_crm) == Ids{k_webshop_crm});
    CHECK(q("type=2") == Ids{k_webshop_crm});
    CHECK(q(std::string("source=") + k_crm + "&type=2").empty());
    CHECK(q("displayText=reads%20customers") == Ids{k_webshop_crm});
    CHECK(q(std::string("rootWorkspace=") + k_portfolio + "&customFields.ref_key=webshop-%3Ecrm") ==
          Ids{k_webshop_crm});
}

TEST_CASE("emulator: pagination follows _links.next.href until it is absent") {
    Emulator emu(portfolio({"--page-size", "3"}));
    std::string target = "/api/v2/components";
    Ids seen;
    std::vector<std::size_t> sizes;
    std::string prefix = "http://127.0.0.1:" + std::to_string(emu.port());
    while (true) {
        auto page = emu.get(target).json();
        CHECK(page.at("_meta").at("pageSize") == 3);
        auto got = ids(page.at("values"));
        sizes.push_back(got.size());
        CHECK(page.at("_meta").at("count") == got.size());
        seen.insert(seen.end(), got.begin(), got.end());
        auto* next = page.at("_links").as_object().if_contains("next");
        if (next == nullptr)
            break;
        std::string href = str(next->at("href"));
        REQUIRE(href.rfind(prefix, 0) == 0); // absolute, on the host the client used
        target = href.substr(prefix.size());
    }
    CHECK(sizes == std::vector<std::size_t>{3, 2});
    CHECK(seen == Ids{k_sales, k_crm, k_webshop, k_billing, k_server});
}

TEST_CASE("emulator: next links keep the filters and may be relative") {
    Emulator emu(portfolio({"--page-size", "1", "--next-links", "relative"}));
    auto page = emu.get(std::string("/api/v2/components?rootWorkspace=") + k_portfolio +
                        "&typeId=" + k_application_type)
                    .json();
    CHECK(ids(page.at("values")) == Ids{k_crm});
    std::string href = str(page.at("_links").at("next").at("href"));
    std::string filters = std::string("/api/v2/components?rootWorkspace=") + k_portfolio +
                          "&typeId=" + k_application_type + "&cursor=";
    CHECK(href.substr(0, filters.size()) == filters);
    auto second = emu.get(href).json();
    CHECK(ids(second.at("values")) == Ids{k_webshop});
    // A component deleted between pages does not shift the next page.
    REQUIRE(emu.request("DELETE", std::string("/api/v2/components/") + k_webshop).status == 204);
    auto third = emu.get(str(second.at("_links").at("next").at("href"))).json();
    CHECK(ids(third.at("values")) == Ids{k_billing});
    CHECK(third.at("_links") == json::object{});
}

TEST_CASE("emulator: unknown filters, bad cursors and unknown ids are errors") {
    Emulator emu(portfolio());
    CHECK(error_of(emu.get("/api/v2/components?workspace=x")) ==
          "400 unknown_filter: GET /api/v2/components: unknown query parameter \"workspace\" | "
          "hint: filters here: componentKey, name, parent, rootWorkspace, typeId, "
          "customFields.<apiKey>");
    CHECK(error_of(emu.get("/api/v2/references?cursor=abc")) ==
          "400 invalid_cursor: GET /api/v2/references: cursor \"abc\" is not valid | hint: "
          "follow _links.next.href exactly as returned");
    CHECK(error_of(emu.get("/api/v2/components/ffffffffffffffffffffffff")) ==
          "404 not_found: GET /api/v2/components/ffffffffffffffffffffffff: component "
          "\"ffffffffffffffffffffffff\" does not exist");
    CHECK(error_of(emu.get("/api/v2/workspaces/nope/context")) ==
          "404 not_found: GET /api/v2/workspaces/nope/context: workspace \"nope\" does not exist "
          "| hint: ids are 24 lowercase hex characters (OIDs)");
    CHECK(error_of(emu.request("PUT", "/api/v2/me")) ==
          "405 method_not_allowed: PUT /api/v2/me: method PUT is not allowed here | hint: "
          "allowed: GET");
    CHECK(emu.get("/api/v2/nothing").status == 404);
}
