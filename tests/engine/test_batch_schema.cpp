#include "batch/batch.hpp"

#include "engine/batch_fixture.hpp"
#include "engine/plan_fixture.hpp"
#include "engine/schema_validator.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using ardoq::test::PlanFixture;
using model::List;
using model::Value;

namespace {

// Every kind of operation the emitter knows: creates under new and existing parents,
// updates of fields, names, descriptions and parents, reference creates and updates, and
// deletes by id and by match.
void everything(PlanFixture& f) {
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = 1.0;
    const bool by_name = f.policy.identity.kind == model::IdentityKind::name;
    auto key = [&](std::string k, std::string name) { return by_name ? name : k; };
    auto d1 = f.existing("Domain", by_name ? "" : "dom-1", "Sales");
    auto a1 = f.existing("Application", by_name ? "" : "app-1", "CRM", d1,
                         {{"cost", Value(1)}, {"tags", Value(List{Value("a")})}}, 5);
    auto a2 = f.existing("Application", by_name ? "" : "app-2", "ERP", d1, {}, 2);
    f.existing("Application", by_name ? "" : "app-old", "Old", d1);
    f.existing_ref("Depends on", a1, a2, {{"cost", Value(1)}}, 3);
    f.existing_ref("Depends on", a2, a1);
    f.want("Domain", key("dom-1", "Sales"), "Sales", 2);
    f.want("Domain", key("dom-2", "Finance"), "Finance", 3);
    auto& crm = f.want("Application", key("app-1", "CRM"), "CRM", 4,
                       {{"cost", Value("2.5")},
                        {"tags", Value(List{Value("a"), Value("b")})},
                        {"live_since", Value("2024-03-01")},
                        {"active", Value("yes")}});
    crm.description = "Customer relations";
    crm.parent = model::ComponentRef{"Domain", key("dom-2", "Finance")};
    f.want("Application", key("app-2", "ERP"), "ERP", 5).parent =
        model::ComponentRef{"Domain", key("dom-1", "Sales")};
    for (int i = 3; i < 9; ++i) {
        auto k = "app-" + std::to_string(i);
        f.want("Application", key(k, "App " + std::to_string(i)), "App " + std::to_string(i),
               static_cast<std::uint64_t>(i + 3), {{"cost", Value(i)}})
            .parent = model::ComponentRef{"Domain", key("dom-2", "Finance")};
    }
    f.want_ref("Depends on", {"Application", key("app-1", "CRM")},
               {"Application", key("app-2", "ERP")}, 1, {{"cost", Value(2)}});
    for (int i = 3; i < 8; ++i)
        f.want_ref(
             "Depends on",
             {"Application", key("app-" + std::to_string(i), "App " + std::to_string(i))},
             {"Application", key("app-" + std::to_string(i + 1), "App " + std::to_string(i + 1))},
             static_cast<std::uint64_t>(i))
            .display_text = "calls";
}

void validate_all(const PlanFixture& f) {
    const auto validator = test::SchemaValidator::from_file(
        std::string(ARDOQ_SHARED_DIR) + "/ardoq/openapi.json", true);
    auto p = f.run();
    CHECK_FALSE(p.has_conflicts());
    CHECK_FALSE(p.has_errors());
    // Components: 7 creates (dom-2, app-3..8), 1 update (CRM), 1 delete (app-old);
    // references: 5 creates, 1 update, 1 delete.
    CHECK(p.count(plan::Action::create) == 12);
    CHECK(p.count(plan::Action::update) == 2);
    CHECK(p.count(plan::Action::remove) == 2);
    for (std::size_t size : {1u, 2u, 3u, 7u, 500u}) {
        CAPTURE(size);
        for (bool entities : {false, true}) {
            batch::BatchOptions options;
            options.batch_size = size;
            options.respond_with_entities = entities;
            auto seq = batch::build_sequence(p, options);
            CHECK(seq.operation_count == 16);
            auto rendered = test::render_all(p, seq, options);
            REQUIRE(rendered.bodies.size() == seq.requests.size());
            for (std::size_t i = 0; i < rendered.bodies.size(); ++i) {
                auto problems = validator.validate(rendered.bodies[i], "BatchRequest");
                std::string text;
                for (const auto& e : problems)
                    text += e + "\n";
                CHECK_MESSAGE(problems.empty(), "request ", i + 1, ": ", rendered.texts[i], "\n",
                              text);
            }
        }
    }
}

} // namespace

TEST_CASE("batch: every request emitted validates against BatchRequest in openapi.json (field "
          "identity)") {
    PlanFixture f;
    everything(f);
    validate_all(f);
}

TEST_CASE(
    "batch: every request emitted validates against BatchRequest in openapi.json (name identity)") {
    PlanFixture f;
    f.policy.identity.kind = model::IdentityKind::name;
    everything(f);
    validate_all(f);
}
