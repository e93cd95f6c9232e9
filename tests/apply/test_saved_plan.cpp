#include "apply/saved_plan.hpp"

#include "engine/plan_fixture.hpp"
#include "model/errors.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq;
using model::Value;
using test::PlanFixture;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

void wants(PlanFixture& f) {
    f.want("Domain", "dom-sales", "Sales", 2);
    auto& crm = f.want("Application", "app-1", "CRM", 3,
                       {{"cost", Value(2.5)}, {"tags", Value(model::List{Value("a")})}});
    crm.parent = model::ComponentRef{"Domain", "dom-sales"};
    crm.description = "Customer relations";
    f.want("Application", "app-3", "Payroll", 4,
           {{"active", Value(true)}, {"live_since", Value()}});
    f.want_ref("Depends on", {"Application", "app-3"}, {"Application", "app-1"}, 1).display_text =
        "pays";
}

void portfolio(PlanFixture& f) {
    auto sales = f.existing("Domain", "dom-sales", "Sales");
    f.existing("Application", "app-1", "CRM", sales, {{"cost", Value(1)}}, 4);
    f.existing("Application", "app-2", "ERP", sales, {}, 2);
    wants(f);
}

} // namespace

TEST_CASE("saved plan: the desired state survives the round trip through JSON") {
    PlanFixture f;
    portfolio(f);
    const json::object doc = apply::desired_to_json(f.desired);
    auto back = apply::desired_from_json(json::parse(json::serialize(doc)));
    REQUIRE(back);
    const auto& d = *back->state;
    REQUIRE(d.components.size() == 3);
    REQUIRE(d.references.size() == 1);
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        const auto& a = f.desired.components[i];
        const auto& b = d.components[i];
        CHECK(a.type == b.type);
        CHECK(a.key == b.key);
        CHECK(a.name == b.name);
        CHECK(a.description == b.description);
        CHECK(a.parent == b.parent);
        CHECK(a.fields == b.fields);
        CHECK(a.origin.to_string() == b.origin.to_string());
        CHECK(a.origin.source == b.origin.source);
        CHECK(a.rule == b.rule);
    }
    CHECK((*d.components[1].fields.begin()).value.is_double());
    CHECK(d.references[0].source == model::ComponentRef{"Application", "app-3"});
    CHECK(d.references[0].display_text == std::optional<std::string>("pays"));
    CHECK(d.references[0].description == std::nullopt);
    CHECK(d.references[0].origin.to_string() == "deps.json:1");
    // The same text again: nothing was lost or added.
    CHECK(json::serialize(apply::desired_to_json(d)) == json::serialize(doc));
}

TEST_CASE("saved plan: a damaged desired state is refused naming the JSON path") {
    auto r = apply::desired_from_json(json::parse(
        R"({"components":[{"type":"Domain","key":"d","name":"D","origin":{}}],"references":[]})"));
    REQUIRE_FALSE(r);
    CHECK(r.error() == "desired.components[0].origin: source is missing");
    r = apply::desired_from_json(json::parse(R"({"components":[],"references":[{"type":"X"}]})"));
    REQUIRE_FALSE(r);
    CHECK(r.error() == "desired.references[0]: source is missing");
    r = apply::desired_from_json(json::parse(R"({"components":{}})"));
    REQUIRE_FALSE(r);
    CHECK(r.error() == "desired: components and references must be lists");
}

TEST_CASE("saved plan: written, recognised and read back with what it touches and does") {
    PlanFixture f;
    portfolio(f);
    const auto p = f.run();
    const fs::path dir = test::make_temp_dir("ardoq-saved-plan");
    const fs::path file = dir / "plan.json";
    apply::write_saved_plan(
        file, apply::saved_plan_json(p, "mapping.yaml", "version: 1\n", "file:snapshot.json",
                                     plan::GuardMode::enforce, {{"apps", 3}, {"deps", 1}}));
    CHECK(apply::is_saved_plan(file));
    test::write_file((dir / "mapping.yaml").string(), "version: 1\n");
    CHECK_FALSE(apply::is_saved_plan(dir / "mapping.yaml"));

    const auto saved = apply::read_saved_plan(file);
    CHECK(saved.target == "file:snapshot.json");
    CHECK(saved.workspace == test::k_workspace);
    CHECK(saved.mapping_text == "version: 1\n");
    CHECK(saved.mapping_file == fs::absolute("mapping.yaml"));
    CHECK(saved.guard == plan::GuardMode::enforce);
    REQUIRE(saved.sources.size() == 2);
    CHECK(saved.sources[1].source == "deps");
    CHECK(saved.sources[1].records == 1);
    REQUIRE(saved.touched.size() == 1);
    CHECK(saved.touched[0].describe == "Application \"app-1\"");
    CHECK(saved.touched[0].version == 4);
    CHECK(saved.touched[0].id == test::oid(2).to_string());
    std::vector<std::string> actions;
    for (const auto& a : saved.actions)
        actions.push_back(a.describe + ": " + a.action);
    CHECK(actions == std::vector<std::string>{"Application \"app-1\": update",
                                              "Application \"app-3\": create",
                                              "Application \"app-2\": cache_miss",
                                              "Depends on \"app-3 → app-1\": create"});
    // Applying it against the same workspace: nothing is stale.
    CHECK(apply::stale_reasons(saved, f.run()).empty());
    // The JSON report is kept for review.
    const auto doc = json::parse(test::read_file(file.string()));
    CHECK(doc.at("report").at("format_version") == 1);
    CHECK(doc.at("report").at("summary").at("create") == 2);
    fs::remove_all(dir);
}

TEST_CASE("saved plan: stale when a touched entity changed or is gone, or the actions differ") {
    PlanFixture f;
    portfolio(f);
    const fs::path dir = test::make_temp_dir("ardoq-saved-plan");
    const fs::path file = dir / "plan.json";
    apply::write_saved_plan(file, apply::saved_plan_json(f.run(), "m.yaml", "", "file:x",
                                                         plan::GuardMode::enforce, {}));
    const auto saved = apply::read_saved_plan(file);

    // Someone edited CRM in Ardoq since (version 4 → 5), and created app-3 by hand.
    PlanFixture now;
    portfolio(now);
    now.snap.components()[1].version = 5;
    now.existing("Application", "app-3", "Payroll", {}, {{"active", Value(true)}});
    now.snap.reindex();
    CHECK(apply::stale_reasons(saved, now.run()) ==
          std::vector<std::string>{
              "Application \"app-1\" (" + test::oid(2).to_string() +
                  ") changed since the plan was made (version 4, now 5)",
              "Application \"app-3\": the plan says create, now it would be nothing to do"});

    // CRM deleted since: the plan would now create it.
    PlanFixture gone;
    gone.existing("Domain", "dom-sales", "Sales");
    gone.next_oid = 3;
    gone.existing("Application", "app-2", "ERP", test::oid(1), {}, 2);
    wants(gone);
    CHECK(apply::stale_reasons(saved, gone.run()) ==
          std::vector<std::string>{
              "Application \"app-1\" (" + test::oid(2).to_string() +
                  ") was deleted since the plan was made",
              "Application \"app-1\": the plan says update, now it would be create"});
    fs::remove_all(dir);
}

TEST_CASE("saved plan: a file that is not a plan is refused with a hint") {
    const fs::path dir = test::make_temp_dir("ardoq-saved-plan");
    const fs::path file = dir / "plan.json";
    test::write_file(file.string(), R"({"format":"ardoq-sync-plan","format_version":7})");
    std::string message;
    try {
        apply::read_saved_plan(file);
    } catch (const model::InputError& e) {
        message = e.diagnostics().front().to_string();
    }
    CHECK(message == file.string() +
                         ": error: plan format version 7 is not 1\n  hint: write the plan again "
                         "with `ardoq-sync plan MAPPING --out " +
                         file.string() + "`");
    fs::remove_all(dir);
}
