#include "mappings/validate.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using namespace ardoq::test;

namespace {

model::FieldDef field(std::string key, model::FieldType type,
                      std::vector<std::string> options = {}) {
    model::FieldDef f;
    f.api_key = std::move(key);
    f.label = f.api_key;
    f.type = type;
    f.type_name = std::string(model::field_type_name(type));
    f.options = std::move(options);
    return f;
}

model::WorkspaceContext portfolio_context() {
    using model::FieldType;
    model::WorkspaceContext c;
    c.workspace_id = "0123456789abcdef01234567";
    c.component_types = {
        {"p1",
         "Application",
         "p2",
         {"external_id", "lifecycle", "annual_cost", "active", "go_live", "tags", "owner",
          "score"}},
        {"p2", "Domain", "", {"external_id"}},
        {"p3", "Server", "", {"hostname"}},
    };
    c.reference_types = {{2, "Depends on", {"weight"}}, {3, "Runs on", {}}};
    c.fields = {field("external_id", FieldType::text),
                field("lifecycle", FieldType::list, {"Live", "Planned", "Retired"}),
                field("annual_cost", FieldType::number),
                field("active", FieldType::checkbox),
                field("go_live", FieldType::date_time),
                field("tags", FieldType::select_multiple_list, {"core", "edge"}),
                field("owner", FieldType::email),
                field("score", FieldType::number),
                field("weight", FieldType::number),
                field("hostname", FieldType::text)};
    c.fields[7].calculated = true;
    return c;
}

std::string problems(const std::string& yaml,
                     const model::WorkspaceContext& c = portfolio_context()) {
    return mapping::validate_against(load_text(yaml), c).to_string();
}

} // namespace

TEST_CASE("mapping: a mapping that fits the workspace passes phase b") {
    const std::string yaml = R"(version: 1
workspace: 0123456789abcdef01234567
sources: { apps: { csv: apps.csv } }
components:
  - from: apps
    type: Application
    key: "app-{{ id }}"
    name: "{{ name }}"
    parent: { type: Domain, key: "{{ domain }}" }
    fields:
      lifecycle: "{{ status | map(prod: 'Live', dev: 'Planned', default: 'Retired') }}"
      annual_cost: "{{ cost | number }}"
      active: "{{ flag | bool }}"
      go_live: "{{ since | date('%d.%m.%Y') }}"
      tags: "{{ tags | split(';') }}"
      owner: "{{ owner }}"
references:
  - from: apps
    type: Depends on
    source: { type: Application, key: "app-{{ id }}" }
    target: { type: Application, key: "app-{{ dep }}" }
    fields: { weight: 3 }
)";
    CHECK(problems(yaml) == "");
}

TEST_CASE("mapping: phase b names unknown types and fields with suggestions") {
    const std::string yaml = R"(version: 1
workspace: ffffffffffffffffffffffff
sources: { apps: { csv: apps.csv } }
components:
  - from: apps
    type: Aplication
    key: k
    name: n
  - from: apps
    type: Application
    key: k
    name: n
    parent: { type: Depends on, key: d }
    fields:
      lifecyle: x
      hostname: h
      score: 1
      zzz: 1
  - from: apps
    type: Server
    key: k
    name: n
references:
  - from: apps
    type: Depends upon
    source: { type: Application, key: a }
    target: { type: Domain, key: b }
    fields: { wieght: 1 }
  - from: apps
    type: Domain
    source: { type: Application, key: a }
    target: { type: Application, key: b }
)";
    CHECK(problems(yaml) ==
          "mapping.yaml:2:12: error: the mapping is for workspace ffffffffffffffffffffffff, but "
          "the context describes workspace 0123456789abcdef01234567\n"
          "  hint: check the workspace id, or fetch the context of the right workspace\n"
          "mapping.yaml:6:11: error: unknown component type \"Aplication\"\n"
          "  hint: did you mean \"Application\"?\n"
          "mapping.yaml:13:21: error: unknown component type \"Depends on\"\n"
          "  hint: \"Depends on\" is a reference type; this needs a component type\n"
          "mapping.yaml:15:7: error: component type \"Application\" has no field \"lifecyle\"\n"
          "  hint: did you mean \"lifecycle\"?\n"
          "mapping.yaml:16:7: error: field \"hostname\" exists in the workspace but not on "
          "component type \"Application\"\n"
          "  hint: add it to the type in Ardoq, or map it only on types that have it\n"
          "mapping.yaml:17:7: error: field \"score\" is calculated: Ardoq does not accept values "
          "for it\n"
          "  hint: remove it from fields\n"
          "mapping.yaml:18:7: error: component type \"Application\" has no field \"zzz\"\n"
          "  hint: its fields: \"external_id\", \"lifecycle\", \"annual_cost\", \"active\", "
          "\"go_live\", \"tags\", \"owner\", \"score\"\n"
          "mapping.yaml:20:11: error: component type \"Server\" has no field \"external_id\" "
          "(the identity field)\n"
          "  hint: add a Text field \"external_id\" to the type in Ardoq, or use identity: { by: "
          "name }\n"
          "mapping.yaml:25:11: error: unknown reference type \"Depends upon\"\n"
          "  hint: did you mean \"Depends on\"?\n"
          "mapping.yaml:30:11: error: unknown reference type \"Domain\"\n"
          "  hint: \"Domain\" is a component type; this needs a reference type\n");
}

TEST_CASE("mapping: phase b checks value kinds the field types cannot take") {
    const std::string yaml = R"(version: 1
workspace: Portfolio
sources: { apps: { csv: apps.csv } }
components:
  - from: apps
    type: Application
    key: k
    name: n
    fields:
      annual_cost: "{{ cost }} EUR"
      active: "{{ flag | number }}"
      go_live: 2024
      tags: "{{ tags | bool }}"
      owner: [a, b]
      lifecycle: "{{ status | map(prod: 'Live', dev: 'Plannd', old: 3) }}"
  - from: apps
    type: Application
    key: k
    name: n
    fields:
      annual_cost: "{{ cost | map(a: 1, b: 'two') }}"
      go_live: "2024-13-01"
      tags: [core, egde]
      lifecycle: "{{ s | default('Unknown') }}"
      active: true
)";
    CHECK(problems(yaml) ==
          "mapping.yaml:10:21: error: this value is always a string, which the Number field "
          "\"annual_cost\" cannot take\n"
          "  hint: convert it with | number\n"
          "mapping.yaml:11:26: error: this value is always a number, which the Checkbox field "
          "\"active\" cannot take\n"
          "  hint: convert it with | bool\n"
          "mapping.yaml:12:16: error: this value is always a number, which the DateTime field "
          "\"go_live\" cannot take\n"
          "  hint: convert it with | date, or date('%d.%m.%Y') for other formats\n"
          "mapping.yaml:13:24: error: this value is always true/false, which the "
          "SelectMultipleList field \"tags\" cannot take\n"
          "  hint: give a list of options, e.g. | split(';')\n"
          "mapping.yaml:14:14: error: this value is always a list, which the Email field "
          "\"owner\" cannot take\n"
          "  hint: make it text, e.g. | join(', ') for a list\n"
          "mapping.yaml:15:54: error: \"Plannd\" is not an option of the List field "
          "\"lifecycle\"\n"
          "  hint: did you mean \"Planned\"?\n"
          "mapping.yaml:15:69: error: \"3\" is not an option of the List field \"lifecycle\"\n"
          "  hint: options: \"Live\", \"Planned\", \"Retired\"\n"
          "mapping.yaml:21:44: error: \"two\" cannot go into the Number field \"annual_cost\"\n"
          "  hint: convert it with | number\n"
          "mapping.yaml:22:17: error: \"2024-13-01\" is not an ISO-8601 date for the DateTime "
          "field \"go_live\"\n"
          "  hint: write dates as 2024-03-01 or 2024-03-01T14:30:00Z\n"
          "mapping.yaml:23:20: error: \"egde\" is not an option of the SelectMultipleList field "
          "\"tags\"\n"
          "  hint: did you mean \"edge\"?\n");
}

TEST_CASE("mapping: phase b checks the identity field's type once per component type") {
    auto c = portfolio_context();
    c.fields[0].type = model::FieldType::number;
    c.fields[0].type_name = "Number";
    const std::string yaml = with_rule("    key: k\n    name: n\n") +
                             "  - { from: apps, type: Application, key: k2, name: n2 }\n";
    CHECK(problems(yaml, c) == "mapping.yaml:7:11: error: the identity field \"external_id\" is a "
                               "Number field; keys are text\n"
                               "  hint: use a Text field for the identity\n");
    const std::string by_name = "version: 1\nworkspace: W\nidentity: { by: name }\n"
                                "sources: { a: { csv: a.csv } }\n"
                                "components: [{ from: a, type: Server, name: n }]\n";
    CHECK(problems(by_name) == "");
}
