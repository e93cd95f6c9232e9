// Reading ids, KEY=VALUE pairs, versions, types and field values for the ardoqpy-style
// commands, and the messages a wrong argument gets.
#include "cli/client_args.hpp"

#include "cli/client_confirm.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/name_match.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <sstream>

namespace json = boost::json;
using namespace ardoq;
using namespace ardoq::cli;

namespace {

template <typename F> std::string error_of(F&& f) {
    try {
        f();
    } catch (const model::InputError& e) {
        std::string out;
        for (const auto& d : e.diagnostics())
            out += d.to_string() + "\n";
        return out;
    }
    return "no error";
}

model::WorkspaceContext sample_context() {
    model::WorkspaceContext c;
    c.workspace_id = "aaaaaaaaaaaaaaaaaaaaaa01";
    c.component_types = {{"p1", "Domain", "", {}},
                         {"p2", "Application", "p1", {"lifecycle"}},
                         {"p3", "Server", "", {}},
                         {"p4", "Module", "p2", {}},
                         {"p5", "Application", "p3", {}}};
    c.reference_types = {{2, "Depends on", {}}, {3, "Runs on", {}}};
    auto field = [](std::string key, model::FieldType type, std::vector<std::string> options = {}) {
        model::FieldDef f;
        f.api_key = std::move(key);
        f.type = type;
        f.type_name = std::string(model::field_type_name(type));
        f.options = std::move(options);
        return f;
    };
    c.fields = {field("lifecycle", model::FieldType::list, {"Planned", "Live", "Retired"}),
                field("annual_cost", model::FieldType::number),
                field("critical", model::FieldType::checkbox),
                field("go_live", model::FieldType::date_time),
                field("labels", model::FieldType::select_multiple_list, {"web", "batch"}),
                field("notes", model::FieldType::text)};
    model::FieldDef score = field("score", model::FieldType::number);
    score.calculated = true;
    c.fields.push_back(score);
    return c;
}

} // namespace

TEST_CASE("parity: KEY=VALUE splits at the first '=' and needs a key") {
    auto a = parse_assignment("formula=a=b", "--set");
    CHECK(a.key == "formula");
    CHECK(a.value == "a=b");
    CHECK(parse_assignment("notes=", "--set").value == "");
    CHECK(error_of([] { parse_assignment("lifecycle", "--set"); }) ==
          "--set: error: expected KEY=VALUE, not \"lifecycle\"\n"
          "  hint: write the field's API key, '=' and the value, e.g. --set lifecycle=Live\n");
    CHECK(error_of([] { parse_assignment("=Live", "--field"); }) ==
          "--field: error: expected KEY=VALUE, not \"=Live\"\n"
          "  hint: write the field's API key, '=' and the value, e.g. --field lifecycle=Live\n");
}

TEST_CASE("parity: ids must be Ardoq OIDs and come back in lower case") {
    CHECK(require_oid("C253C98231776D0C8A54879E", "component get", "component id") ==
          "c253c98231776d0c8a54879e");
    CHECK(error_of([] { require_oid("CRM", "component get", "component id"); }) ==
          "component get: error: \"CRM\" is not a component id\n"
          "  hint: Ardoq ids are 24 hexadecimal characters, e.g. c253c98231776d0c8a54879e; list "
          "the entities to find one\n");
}

TEST_CASE("parity: --if-version takes latest or a version from 1") {
    CHECK(!parse_if_version("latest").has_value());
    CHECK(parse_if_version("7") == 7);
    for (const char* bad : {"0", "-1", "v2", "", "3.0", "99999999999999999999"})
        CHECK_MESSAGE(error_of([&] { parse_if_version(bad); }) ==
                          "--if-version: error: expected a version number (1 or more) or "
                          "\"latest\", not \"" +
                              std::string(bad) +
                              "\"\n  hint: give the _version the entity had when you read it, "
                              "e.g. --if-version 3\n",
                      bad);
}

TEST_CASE("parity: field values are typed by the field, and wrong ones say what is valid") {
    const auto c = sample_context();
    auto value = [&](const char* key, const char* text) {
        return field_value(require_field(c, key, "--set"), text, "--set");
    };
    CHECK(value("annual_cost", "12000") == model::Value(std::int64_t{12000}));
    CHECK(value("annual_cost", " 0.5") == model::Value(0.5));
    CHECK(value("critical", "yes") == model::Value(true));
    CHECK(value("critical", "FALSE") == model::Value(false));
    CHECK(value("go_live", "2024-01-05") == model::Value("2024-01-05T00:00:00.000Z"));
    CHECK(value("labels", "web, batch,web") == model::Value(model::List{"web", "batch"}));
    CHECK(value("lifecycle", "Live") == model::Value("Live"));
    CHECK(value("notes", "12") == model::Value("12"));
    CHECK(value("notes", "").is_null());

    CHECK(error_of([&] { value("annual_cost", "12,5"); }) ==
          "--set: error: annual_cost: \"12,5\" is not a number\n"
          "  hint: write a number such as 12000 or 0.5 (a dot for decimals)\n");
    CHECK(error_of([&] { value("critical", "maybe"); }) ==
          "--set: error: critical: \"maybe\" is not a Checkbox value\n"
          "  hint: write true or false (or yes / no)\n");
    CHECK(error_of([&] { value("go_live", "05/01/2024"); }) ==
          "--set: error: go_live: \"05/01/2024\" is not a date\n"
          "  hint: write an ISO-8601 date or time, e.g. 2024-01-05 or 2024-01-05T10:00:00Z\n");
    CHECK(error_of([&] { value("lifecycle", "Lve"); }) ==
          "--set: error: lifecycle: \"Lve\" is not an option of this List field\n"
          "  hint: options: Planned, Live, Retired\n");
    CHECK(error_of([&] { value("labels", "web,cloud"); }) ==
          "--set: error: labels: \"cloud\" is not an option of this SelectMultipleList field\n"
          "  hint: options: web, batch\n");
}

TEST_CASE("parity: --set builds customFields, refusing unknown and calculated fields") {
    const auto c = sample_context();
    CHECK(custom_fields({"annual_cost=12", "notes=", "critical=1"}, c, "--set") ==
          json::object{{"annual_cost", 12}, {"notes", nullptr}, {"critical", true}});
    CHECK(error_of([&] { custom_fields({"Lifecycle=Live"}, c, "--set"); }) ==
          "--set: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no custom field \"Lifecycle\"\n"
          "  hint: did you mean \"lifecycle\"?\n");
    CHECK(error_of([&] { custom_fields({"owner=x"}, c, "--set"); }) ==
          "--set: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no custom field \"owner\"\n"
          "  hint: fields there: \"lifecycle\", \"annual_cost\", \"critical\", \"go_live\", "
          "\"labels\", \"notes\", \"score\"\n");
    CHECK(error_of([&] { custom_fields({"score=3"}, c, "--set"); }) ==
          "--set: error: score is a calculated field; Ardoq sets its value\n"
          "  hint: leave it out\n");
}

TEST_CASE("parity: component types are found depth-first through the whole hierarchy") {
    const auto c = sample_context();
    // Two types are named "Application": the one under Domain comes first depth-first.
    const auto* app = connectors::api::find_component_type(c, "Application");
    REQUIRE(app != nullptr);
    CHECK(app->type_id == "p2");
    const auto* module = connectors::api::find_component_type(c, "Module");
    REQUIRE(module != nullptr);
    CHECK(connectors::api::component_type_path(c, *module) ==
          std::vector<std::string>{"Domain", "Application", "Module"});
    CHECK(connectors::api::find_component_type(c, "module") == nullptr);
    CHECK(require_component_type(c, "p5", "--type").name == "Application");
    CHECK(error_of([&] { require_component_type(c, "Aplication", "--type"); }) ==
          "--type: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no component type "
          "\"Aplication\"\n"
          "  hint: component types there: \"Domain\", \"Application\", \"Server\", \"Module\", "
          "\"Application\"\n");
    CHECK(error_of([&] { require_component_type(c, "server", "--type"); }) ==
          "--type: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no component type \"server\"\n"
          "  hint: did you mean \"Server\"?\n");
}

TEST_CASE("parity: reference types are found by name or number") {
    const auto c = sample_context();
    CHECK(require_reference_type(c, "Runs on", "--type").type == 3);
    CHECK(require_reference_type(c, "2", "--type").name == "Depends on");
    CHECK(error_of([&] { require_reference_type(c, "depends", "--type"); }) ==
          "--type: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no reference type \"depends\"\n"
          "  hint: did you mean \"Depends on\"?\n");
    CHECK(error_of([&] { require_reference_type(c, "9", "--type"); }) ==
          "--type: error: workspace aaaaaaaaaaaaaaaaaaaaaa01 has no reference type \"9\"\n"
          "  hint: reference types there: \"Depends on\", \"Runs on\"\n");
}

TEST_CASE("parity: names match as substrings, case-insensitively beyond ASCII") {
    using connectors::CaseMatch;
    using connectors::NameMatch;
    CHECK(connectors::fold_case("ÆØÅ Straße ĞÜŞ İ Ωμέγα ЖУК") == "æøå straße ğüş İ ωμέγα жук");
    CHECK(connectors::name_matches("Søknad", "SØK", NameMatch::substring, CaseMatch::insensitive));
    CHECK(!connectors::name_matches("Søknad", "SØK", NameMatch::substring, CaseMatch::sensitive));
    CHECK(connectors::name_matches("Billing", "billing", NameMatch::exact, CaseMatch::insensitive));
    CHECK(!connectors::name_matches("Billing API", "billing", NameMatch::exact,
                                    CaseMatch::insensitive));
    CHECK(!connectors::name_matches("Billing", "billing", NameMatch::exact, CaseMatch::sensitive));
    CHECK(connectors::name_matches("abc", "", NameMatch::substring, CaseMatch::insensitive));
}

TEST_CASE("parity: suggestions name the closest candidate, else list them") {
    const std::vector<std::string> types{"Service", "Endpoint", "Service Endpoint"};
    CHECK(suggest("endpoint", types, "types", "none") == "did you mean \"Endpoint\"?");
    CHECK(suggest("Serv", types, "types", "none") == "did you mean \"Service\"?");
    CHECK(suggest("Endpoints", types, "types", "none") == "did you mean \"Endpoint\"?");
    CHECK(suggest("Service Endpoints", types, "types", "none") ==
          "did you mean \"Service Endpoint\"?");
    CHECK(suggest("Server", types, "types", "none") ==
          "types there: \"Service\", \"Endpoint\", \"Service Endpoint\"");
    CHECK(suggest("Server", {}, "types", "the workspace has no types") ==
          "the workspace has no types");
}

TEST_CASE("parity: a confirmation is yes only for y or yes") {
    auto answer = [](const std::string& typed) {
        std::istringstream in(typed);
        std::ostringstream prompt;
        bool yes = ask_yes_no(in, prompt, "Delete workspace \"X\"?");
        CHECK(prompt.str() == "Delete workspace \"X\"? [y/N] ");
        return yes;
    };
    CHECK(answer("y\n"));
    CHECK(answer(" YES \n"));
    CHECK(answer("y")); // no newline before the end of input
    CHECK(!answer("\n"));
    CHECK(!answer("n\n"));
    CHECK(!answer("yess\n"));
    CHECK(!answer(""));
}
