// End to end: the real ardoq-sync binary against the real emulator — creating, updating,
// deleting, doing nothing the second time, matching names whatever their case, and never
// sending a conflict.

#include "e2e/e2e_support.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq::test;
using namespace ardoq::test::e2e;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

using Components = std::map<std::string, int>;

const Components k_portfolio = {{"app-1: CRM", 1},     {"app-2: Webshop", 1},
                                {"app-3: Payroll", 1}, {"app-4: Recruiting", 1},
                                {"app-5: Ledger", 1},  {"dom-finance: Finance", 1},
                                {"dom-hr: HR", 1},     {"dom-sales: Sales", 1}};

// Every write the emulator was asked for (anything but GET).
std::uint64_t writes(const Emulator& emu) {
    const auto stats = emu.get("/_emulator/stats").json();
    std::uint64_t n = 0;
    for (const auto& route : stats.at("routes").as_object())
        if (!route.key().starts_with("GET "))
            for (const auto& kv : route.value().as_object())
                n += static_cast<std::uint64_t>(kv.value().as_int64());
    return n;
}

json::value only_journal(const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir + "/.ardoq-sync/runs"))
        files.push_back(e.path());
    REQUIRE(files.size() == 1);
    return json::parse(read_file(files[0].string()));
}

} // namespace

TEST_CASE("e2e: create from empty, then a second run plans nothing and sends no write") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    const std::string dir = sample_dir("portfolio");
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    // One request: the upserts, and the references between new components by batchId.
    CHECK(r.out.find("Applied 11 operations in 1 request: 11 created, 0 updated, 0 deleted.") !=
          std::string::npos);
    CHECK(components(emu) == k_portfolio);
    CHECK(reference_count(emu) == 3);
    CHECK(batch_posts(emu) == 1);
    CHECK(writes(emu) == 1);

    const auto journal = only_journal(dir);
    CHECK(journal.at("result").at("status") == "complete");
    CHECK(journal.at("result").at("requests") == 1);
    CHECK(journal.at("events").as_array().size() == 1);
    CHECK(journal.at("plan").at("summary").at("create") == 11);

    // Right after: nothing to do, and nothing sent.
    r = sync(emu, dir, {"plan", "mapping.yaml", "--detailed-exitcode"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(writes(emu) == 1);
    CHECK(components(emu) == k_portfolio);
    // The cache was brought up to date from the batch results: offline agrees.
    r = sync(emu, dir, {"plan", "mapping.yaml", "--offline", "--detailed-exitcode"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    fs::remove_all(dir);
}

TEST_CASE("e2e: changed source values become updates of exactly the changed fields") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    put_sample_snapshot(emu, "portfolio");
    const std::string dir = sample_dir("portfolio");
    auto summary = plan_summary(emu, dir);
    CHECK(summary.at("create") == 7);
    CHECK(summary.at("update") == 1); // Webshop: name and cost
    CHECK(summary.at("cache_miss") == 1);
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);

    auto state = json::parse(emu.state());
    const json::object* webshop = nullptr;
    for (const auto& c : state.at("components").as_array())
        if (c.at("_id") == "cccccccccccccccccccccc03")
            webshop = &c.as_object();
    REQUIRE(webshop != nullptr);
    CHECK(webshop->at("name") == "Webshop");
    CHECK(webshop->at("customFields").at("annual_cost") == 31500.5);
    CHECK(webshop->at("customFields").at("owner_email") == "ben@example.com");
    // The cache miss (app-9, not in the source) is reported, not deleted.
    CHECK(components(emu).count("app-9: Fax Gateway") == 1);

    // An edit in the source: one request, upserting only the changed component.
    std::string apps = read_file(dir + "/apps.csv");
    apps.replace(apps.find("1,CRM,Sales,prod,12000"), 22, "1,CRM,Sales,prod,12500");
    write_file(dir + "/apps.csv", apps);
    const auto before = batch_posts(emu);
    r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(batch_posts(emu) == before + 1);
    std::vector<fs::path> journals;
    for (const auto& e : fs::directory_iterator(dir + "/.ardoq-sync/runs"))
        journals.push_back(e.path());
    std::sort(journals.begin(), journals.end());
    const auto last = json::parse(read_file(journals.back().string()));
    const auto& upserts = last.at("events").at(0).at("request").at("components").at("upsert");
    REQUIRE(upserts.as_array().size() == 1);
    CHECK(upserts.at(0).at("body").at("customFields").at("external_id") == "app-1");
    CHECK(upserts.at(0).at("body").at("customFields").at("annual_cost") == 12500);
    fs::remove_all(dir);
}

TEST_CASE("e2e: mirror deletes: refused by the guard (exit 3, nothing deleted), then allowed") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    put_sample_snapshot(emu, "mirror");
    const std::string dir = sample_dir("mirror");
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("Delete guard: refused every delete\n"
                     "  2 of 11 Application components would be deleted (18.2%), above "
                     "sync.max_delete_ratio (10.0%)\n"
                     "  1 of 3 Depends on references would be deleted (33.3%), above "
                     "sync.max_delete_ratio (10.0%)\n"
                     "  hint: nothing will be deleted; if the source is complete and these "
                     "deletes are intended, run again with --allow-deletes") != std::string::npos);
    CHECK(components(emu).size() == 11);
    CHECK(reference_count(emu) == 4);
    CHECK(batch_posts(emu) == 0); // nothing else to do: no request at all

    r = sync(emu, dir, {"apply", "mapping.yaml", "--allow-deletes"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    const auto left = components(emu);
    CHECK(left.size() == 9);
    CHECK(left.count("app-10: Legacy Billing") == 0);
    CHECK(left.count("app-11: Fax Gateway") == 0);
    // The "Runs on" reference is not of an owned type: kept. 10 → 5 is gone.
    CHECK(reference_count(emu) == 3);
    auto summary = plan_summary(emu, dir);
    CHECK(summary.at("delete") == 0);
    CHECK(summary.at("unchanged") == 11);
    fs::remove_all(dir);
}

TEST_CASE("e2e: name identity matches names whatever their case; a case change is an update") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    put_entities(emu, R"([
      {"_id": "cccccccccccccccccccccc01", "name": "crm", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01",
       "typeId": "p1000000000002", "customFields": {"lifecycle": "Live"}}])");
    const std::string dir = make_temp_dir("ardoq-e2e-names");
    write_file(dir + "/apps.csv", "name,status\nCRM,prod\nWebshop,dev\n");
    write_file(dir + "/mapping.yaml", R"(version: 1
workspace: Application Portfolio
identity: { by: name }
sources:
  apps: { csv: apps.csv }
components:
  - from: apps
    type: Application
    name: "{{ name }}"
    fields:
      lifecycle: "{{ status | map(prod: 'Live', dev: 'Planned') }}"
)");
    auto summary = plan_summary(emu, dir);
    CHECK(summary.at("create") == 1);
    CHECK(summary.at("update") == 1);
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(components(emu) == Components{{"-: CRM", 1}, {"-: Webshop", 1}});
    const auto state = json::parse(emu.state());
    CHECK(state.at("components").at(0).at("_id") == "cccccccccccccccccccccc01");
    summary = plan_summary(emu, dir);
    CHECK(summary.at("create") == 0);
    CHECK(summary.at("update") == 0);
    CHECK(summary.at("unchanged") == 2);
    fs::remove_all(dir);
}

TEST_CASE("e2e: conflicts are never sent; the rest is applied and the run exits 4") {
    Emulator emu({.seed_file = fixture("portfolio-empty.json")});
    put_sample_snapshot(emu, "conflict-ambiguous");
    const std::string before = emu.state();
    const std::string dir = sample_dir("conflict-ambiguous");
    auto r = sync(emu, dir, {"apply", "mapping.yaml"});
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("app-1") != std::string::npos);
    CHECK(components(emu) == Components{{"app-1: CRM", 1},
                                        {"app-1: CRM (copy)", 1},
                                        {"app-2: Webshop", 1},
                                        {"app-3: Payroll", 1}});
    // Both twins of app-1 are as they were: same version, same content.
    const auto old_state = json::parse(before);
    const auto new_state = json::parse(emu.state());
    for (std::size_t i = 0; i < 2; ++i)
        CHECK(json::serialize(new_state.at("components").at(i)) ==
              json::serialize(old_state.at("components").at(i)));
    // No request named app-1.
    const auto journal = only_journal(dir);
    CHECK(json::serialize(journal.at("events")).find("app-1") == std::string::npos);
    CHECK(json::serialize(journal.at("events")).find("app-3") != std::string::npos);
    fs::remove_all(dir);
}
