#include "mappings/evaluate.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using namespace ardoq::test;
using model::Value;

namespace {

const char* const k_portfolio = R"(version: 1
workspace: Portfolio
sources:
  apps: { csv: apps.csv }
  deps: { json: deps.json }
components:
  - from: apps
    type: Application
    key: "app-{{ id }}"
    name: "{{ name | trim }}"
    description: "{{ summary }}"
    parent: { type: Domain, key: "dom-{{ domain | lower }}" }
    fields:
      lifecycle: "{{ status | map(prod: 'Live', dev: 'Planned') }}"
      annual_cost: "{{ cost | number }}"
    when: "status != 'retired'"
  - from: apps
    type: Domain
    key: "dom-{{ domain | lower }}"
    name: "{{ domain }}"
references:
  - from: deps
    type: Depends on
    source: { type: Application, key: "app-{{ from }}" }
    target: { type: Application, key: "app-{{ to }}" }
    display_text: "{{ kind }}"
)";

Table apps_table() {
    Table t;
    t.columns = {"id", "name", "summary", "domain", "status", "cost"};
    t.rows = {
        {Value("1"), Value(" Payroll "), Value("Pays"), Value("HR"), Value("prod"),
         Value("1200.5")},
        {Value("2"), Value("Ledger"), Value(), Value("Finance"), Value("dev"), Value("")},
        {Value("3"), Value("Old"), Value("x"), Value("hr"), Value("retired"), Value("1")},
        {Value("4"), Value("Hiring"), Value("Hires"), Value("HR"), Value("prod"), Value("7")},
    };
    return t;
}

Table deps_table() {
    Table t;
    t.columns = {"from", "to", "kind"};
    t.rows = {{Value(1), Value(2), Value("calls")},
              {Value(4), Value(1), Value("reads")},
              {Value(1), Value(2), Value("calls")}};
    return t;
}

} // namespace

TEST_CASE("mapping: evaluate turns records into components and references") {
    auto m = load_text(k_portfolio);
    MemorySources sources;
    sources.add("apps", apps_table()).add("deps", deps_table());
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(diags.to_string() == "");
    CHECK(sources.opens("apps") == 1); // one source, two rules: read once
    CHECK(sources.opens("deps") == 1);

    REQUIRE(state.components.size() == 6);
    const auto& payroll = state.components[0];
    CHECK(payroll.type == "Application");
    CHECK(payroll.key == "app-1");
    CHECK(payroll.name == "Payroll");
    CHECK(payroll.description == std::optional<std::string>("Pays"));
    CHECK(payroll.parent == std::optional<model::ComponentRef>({"Domain", "dom-hr"}));
    CHECK(payroll.fields ==
          model::Object{{"lifecycle", Value("Live")}, {"annual_cost", Value(1200.5)}});
    CHECK(payroll.origin.to_string() == "apps.csv:2");
    CHECK(payroll.origin.source == "apps");
    CHECK(payroll.rule == 0);

    const auto& ledger = state.components[1];
    CHECK(ledger.key == "app-2");
    CHECK(ledger.description == std::optional<std::string>(""));
    CHECK(ledger.fields ==
          model::Object{{"lifecycle", Value("Planned")}, {"annual_cost", Value()}});
    CHECK(state.components[2].key == "app-4"); // app-3 is retired

    // Derived components: one Domain per distinct key; "HR" and "hr" give the same key but
    // different names, so both are kept for the planner's on_duplicate.
    CHECK(state.components[3].type == "Domain");
    CHECK(state.components[3].key == "dom-hr");
    CHECK(state.components[3].name == "HR");
    CHECK(state.components[3].origin.to_string() == "apps.csv:2");
    CHECK(state.components[3].rule == 1);
    CHECK(state.components[4].key == "dom-finance");
    CHECK(state.components[4].name == "Finance");
    CHECK(state.components[5].key == "dom-hr");
    CHECK(state.components[5].name == "hr");
    CHECK(state.components[5].origin.to_string() == "apps.csv:4");

    REQUIRE(state.references.size() == 2); // the repeated 1 -> 2 "calls" is one reference
    CHECK(state.references[0].type == "Depends on");
    CHECK(state.references[0].source == model::ComponentRef{"Application", "app-1"});
    CHECK(state.references[0].target == model::ComponentRef{"Application", "app-2"});
    CHECK(state.references[0].display_text == std::optional<std::string>("calls"));
    CHECK_FALSE(state.references[0].description);
    CHECK(state.references[0].origin.to_string() == "deps.json:2");
    CHECK(state.references[1].source.key == "app-4");
}

TEST_CASE("mapping: same key with different content is kept; identical content is emitted once") {
    Table t;
    t.columns = {"domain", "label"};
    t.rows = {{Value("hr"), Value("HR")},
              {Value("hr"), Value("HR")},
              {Value("hr"), Value("Human Resources")},
              {Value("hr"), Value("HR")},
              {Value("it"), Value("IT")}};
    MemorySources sources;
    sources.add("apps", t);
    auto m = load_text(with_rule("    key: \"{{ domain }}\"\n    name: \"{{ label }}\"\n"));
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    REQUIRE(state.components.size() == 3);
    CHECK(state.components[0].name == "HR");
    CHECK(state.components[0].origin.row == 1);
    CHECK(state.components[1].name == "Human Resources");
    CHECK(state.components[1].origin.row == 3);
    CHECK(state.components[2].key == "it");
}

TEST_CASE("mapping: a stop flag that is set ends reading before the first record") {
    MemorySources sources;
    sources.add("apps", apps_table());
    sources.add("deps", deps_table());
    auto m = load_text(k_portfolio);
    model::Diagnostics diags;
    std::atomic<bool> stop{true};
    auto stopped = mapping::evaluate(m, sources.opener(), diags, &stop);
    CHECK(stopped.components.empty());
    CHECK(stopped.references.empty());
    stop = false;
    auto read = mapping::evaluate(m, sources.opener(), diags, &stop);
    CHECK(read.components.size() == 6);
    CHECK(read.references.size() == 2);
}

TEST_CASE("mapping: several rules may produce one type; dedupe works across rules") {
    Table t;
    t.columns = {"id", "team"};
    t.rows = {{Value("1"), Value("core")}, {Value("2"), Value("core")}};
    MemorySources sources;
    sources.add("apps", t).add("more", t);
    auto m = load_text(
        "version: 1\nworkspace: W\nsources:\n  apps: { csv: apps.csv }\n  more: { csv: more.csv }\n"
        "components:\n"
        "  - { from: apps, type: Team, key: \"{{ team }}\", name: \"{{ team }}\" }\n"
        "  - { from: more, type: Team, key: \"{{ team }}\", name: \"{{ team }}\" }\n"
        "  - { from: more, type: App, key: \"{{ id }}\", name: \"{{ id }}\" }\n");
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    REQUIRE(state.components.size() == 3);
    CHECK(state.components[0].type == "Team");
    CHECK(state.components[0].origin.source == "apps");
    CHECK(state.components[1].type == "App");
    CHECK(state.components[2].type == "App");
    CHECK(sources.opens("more") == 1);
}

TEST_CASE("mapping: lookup joins another source, indexed once") {
    Table people;
    people.columns = {"id", "email", "name"};
    people.rows = {{Value(7), Value("ann@example.com"), Value("Ann")},
                   {Value(8), Value("bob@example.com"), Value("Bob")},
                   {Value(7), Value("dup@example.com"), Value("Dup")},
                   {Value(), Value("nokey@example.com"), Value("None")}};
    Table apps;
    apps.columns = {"id", "owner"};
    apps.rows = {{Value("a"), Value("7")},
                 {Value("b"), Value(8)},
                 {Value("c"), Value(9)},
                 {Value("d"), Value()}};
    MemorySources sources;
    sources.add("apps", apps).add("people", people);
    auto m = load_text(
        "version: 1\nworkspace: W\nsources:\n  apps: { csv: apps.csv }\n"
        "  people: { csv: people.csv }\n"
        "components:\n"
        "  - from: apps\n"
        "    type: App\n"
        "    key: \"{{ id }}\"\n"
        "    name: \"{{ id }}\"\n"
        "    fields:\n"
        "      owner: \"{{ owner | lookup(people, id, email) }}\"\n"
        "      owner_name: \"{{ owner | lookup(people, id, name | upper) | default('?') }}\"\n");
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(sources.opens("people") == 1);
    CHECK(sources.opens("apps") == 1);
    REQUIRE(state.components.size() == 4);
    CHECK(state.components[0].fields ==
          model::Object{{"owner", Value("ann@example.com")}, {"owner_name", Value("ANN")}});
    CHECK(state.components[1].fields ==
          model::Object{{"owner", Value("bob@example.com")}, {"owner_name", Value("BOB")}});
    CHECK(state.components[2].fields ==
          model::Object{{"owner", Value()}, {"owner_name", Value("?")}});
    CHECK(state.components[3].fields ==
          model::Object{{"owner", Value()}, {"owner_name", Value("?")}});
    CHECK(diags.to_string() ==
          "people.csv:4: warning: lookup key \"7\" appears again in source \"people\"; the first "
          "record with it is used\n"
          "  hint: lookup(people, id, email) at mapping.yaml:12:26 joins on a key that should be "
          "unique\n"
          "people.csv:4: warning: lookup key \"7\" appears again in source \"people\"; the first "
          "record with it is used\n"
          "  hint: lookup(people, id, name | upper) at mapping.yaml:13:31 joins on a key that "
          "should be unique\n");
}

TEST_CASE("mapping: a source both joined and mapped is read once and mapped after indexing") {
    Table t;
    t.columns = {"id", "name", "parent"};
    t.rows = {{Value("2"), Value("Child"), Value("1")}, {Value("1"), Value("Root"), Value()}};
    MemorySources sources;
    sources.add("apps", t);
    auto m = load_text(with_rule("    key: \"{{ id }}\"\n    name: \"{{ name }}\"\n"
                                 "    fields:\n"
                                 "      parent_name: \"{{ parent | lookup(apps, id, name) }}\"\n"));
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(diags.to_string() == "");
    CHECK(sources.opens("apps") == 1);
    REQUIRE(state.components.size() == 2);
    // The parent comes later in the file, and is still found.
    CHECK(state.components[0].fields == model::Object{{"parent_name", Value("Root")}});
    CHECK(state.components[1].fields == model::Object{{"parent_name", Value()}});
}

TEST_CASE("mapping: a failing record is skipped and named with the rule and origin") {
    Table t;
    t.columns = {"id", "name", "cost"};
    t.rows = {{Value("1"), Value("a"), Value("12,5")},
              {Value(), Value("b"), Value("1")},
              {Value("3"), Value(), Value("1")},
              {Value("4"), Value("d"), Value("2")}};
    MemorySources sources;
    sources.add("apps", t);
    auto m = load_text(with_rule("    key: \"app-{{ id }}\"\n    name: \"{{ name }}\"\n"
                                 "    fields: { cost: \"{{ cost | number }}\" }\n"));
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    REQUIRE(state.components.size() == 1);
    CHECK(state.components[0].key == "app-4");
    CHECK(diags.error_count() == 3);
    CHECK(diags.to_string() ==
          "apps.csv:2: error: field \"cost\" of component rule mapping.yaml:6 (Application): "
          "cannot read \"12,5\" as a number (at mapping.yaml:10:32)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | number\n"
          "apps.csv:3: error: key of component rule mapping.yaml:6 (Application): the key is "
          "empty (at mapping.yaml:8:11)\n"
          "  hint: it is made from id, which is empty here; skip such records with when: \"id "
          "is not empty\"\n"
          "apps.csv:4: error: name of component rule mapping.yaml:6 (Application): the name is "
          "empty (at mapping.yaml:9:15)\n"
          "  hint: it is made from name, which is empty here; skip such records with when: "
          "\"name is not empty\"\n");
}

TEST_CASE("mapping: row-based origins, empty parent keys and references with empty endpoints") {
    Table t;
    t.line_based = false;
    t.columns = {"id", "dom", "to"};
    t.rows = {{Value("1"), Value(), Value("2")}, {Value("2"), Value("x"), Value()}};
    MemorySources sources;
    sources.add("apps", t);
    auto m =
        load_text("version: 1\nworkspace: W\nsources: { apps: { sqlite: cmdb.db, query: q } }\n"
                  "components:\n"
                  "  - from: apps\n"
                  "    type: App\n"
                  "    key: \"{{ id }}\"\n"
                  "    name: \"{{ id }}\"\n"
                  "    parent: { type: Domain, key: \"d-{{ dom }}\" }\n"
                  "references:\n"
                  "  - from: apps\n"
                  "    type: Uses\n"
                  "    source: { type: App, key: \"{{ id }}\" }\n"
                  "    target: { type: App, key: \"{{ to }} \" }\n");
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    REQUIRE(state.components.size() == 2);
    CHECK_FALSE(state.components[0].parent); // no domain: no parent is set
    CHECK(state.components[1].parent == std::optional<model::ComponentRef>({"Domain", "d-x"}));
    CHECK(state.components[0].origin.to_string() == "cmdb.db row 1");
    REQUIRE(state.references.size() == 1);
    CHECK(state.references[0].target.key == "2 ");
    CHECK(diags.to_string() ==
          "cmdb.db row 2: error: target key of reference rule mapping.yaml:11 (Uses): the target "
          "key is empty (at mapping.yaml:14:32)\n"
          "  hint: it is made from to, which is empty here; skip such records with when: \"to is "
          "not empty\"\n");
}

TEST_CASE("mapping: identity by name uses the name as the key") {
    Table t;
    t.columns = {"n"};
    t.rows = {{Value("Payroll")}};
    MemorySources sources;
    sources.add("apps", t);
    auto m = load_text(
        "version: 1\nworkspace: W\nidentity: { by: name }\nsources: { apps: { csv: a.csv } }\n"
        "components: [{ from: apps, type: App, name: \"{{ n }}\" }]\n");
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    REQUIRE(state.components.size() == 1);
    CHECK(state.components[0].key == "Payroll");
    CHECK(state.components[0].name == "Payroll");
}

TEST_CASE("mapping: a field no record has is an error for CSV and a warning for JSON") {
    Table t;
    t.columns = {"id", "name", "domain"};
    t.rows = {{Value("1"), Value("a"), Value("d")}};
    MemorySources sources;
    sources.add("apps", t).add("docs", t).add("empty", Table{{"id"}, {}, true, 0});
    auto m = load_text(
        "version: 1\nworkspace: W\nsources:\n  apps: { csv: apps.csv }\n"
        "  docs: { jsonl: docs.jsonl }\n  empty: { csv: empty.csv }\n"
        "components:\n"
        "  - { from: apps, type: A, key: \"{{ id }}\", name: \"{{ nmae }}{{ dommain.x }}\" }\n"
        "  - { from: docs, type: B, key: \"{{ id }}\", name: \"{{ id }}{{ comment }}\" }\n"
        "  - { from: empty, type: C, key: \"{{ id }}\", name: \"{{ anything }}\" }\n");
    model::Diagnostics diags;
    mapping::evaluate(m, sources.opener(), diags);
    CHECK(diags.to_string() ==
          "apps.csv:2: error: name of component rule mapping.yaml:8 (A): the name is empty (at "
          "mapping.yaml:8:52)\n"
          "  hint: it is made from nmae, dommain.x, which are empty here; skip such records "
          "with when: \"nmae is not empty\"\n"
          "mapping.yaml:8:55: error: source \"apps\" has no field \"nmae\"\n"
          "  hint: did you mean \"name\"?\n"
          "mapping.yaml:8:65: error: source \"apps\" has no field \"dommain\"\n"
          "  hint: did you mean \"domain\"?\n"
          "mapping.yaml:9:63: warning: source \"docs\" has no field \"comment\" in any record\n"
          "  hint: fields of docs.jsonl: \"id\", \"name\", \"domain\"\n");
    CHECK(diags.error_count() == 3);
}

TEST_CASE("mapping: a source that fails is reported and the others still run") {
    Table broken = apps_table();
    broken.fail_at_row = 2;
    MemorySources sources;
    sources.add("apps", broken); // deps is missing: its opener throws
    auto m = load_text(k_portfolio);
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(diags.to_string() == "apps.csv:3:3: error: broken row\n"
                               "  hint: fix the file\n"
                               "deps.json: error: cannot open\n");
    CHECK(state.components.size() == 2); // the Application and the Domain of row 1
    CHECK(state.references.empty());
}

TEST_CASE("mapping: origins point into the mapping, not into the connector") {
    Table t;
    t.columns = {"id"};
    t.rows = {{Value("1")}};
    auto m = load_text(with_rule("    key: \"{{ id }}\"\n    name: x\n"));
    model::DesiredState state;
    {
        MemorySources sources;
        sources.add("apps", t);
        model::Diagnostics diags;
        state = mapping::evaluate(m, sources.opener(), diags);
    } // the source and its spec copy are gone
    REQUIRE(state.components.size() == 1);
    CHECK(state.components[0].origin.source.data() == m.sources[0].name.data());
    CHECK(state.components[0].origin.file.data() == m.sources[0].file.data());
}

TEST_CASE("mapping: sources read at once report their failures in source order, capped") {
    // Two sources of 3000 records each, every third record of each failing: they are read
    // on separate threads where there are two cores, and the diagnostics still come out as
    // if read one after the other: the first source's first failures, then the count.
    Table apps;
    apps.columns = {"id", "cost"};
    Table deps;
    deps.columns = {"from", "to"};
    for (int i = 1; i <= 3000; ++i) {
        apps.rows.push_back({Value(std::to_string(i)), Value(i % 3 == 0 ? "x" : "1")});
        deps.rows.push_back({Value(std::to_string(i)), Value(i % 3 == 0 ? "" : "2")});
    }
    MemorySources sources;
    sources.add("apps", apps).add("deps", deps);
    auto m = load_text(R"(version: 1
workspace: Portfolio
sources:
  apps: { csv: apps.csv }
  deps: { json: deps.json }
components:
  - from: apps
    type: Application
    key: "app-{{ id }}"
    name: "{{ id }}"
    fields: { cost: "{{ cost | number }}" }
references:
  - from: deps
    type: Depends on
    source: { type: Application, key: "app-{{ from }}" }
    target: { type: Application, key: "app-{{ to }}" }
)");
    model::Diagnostics diags(3);
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(state.components.size() == 2000);
    CHECK(state.references.size() == 2000);
    CHECK(state.components[1].key == "app-2");
    CHECK(state.components[2].key == "app-4");
    CHECK(state.references[2].source.key == "app-4");
    CHECK(diags.error_count() == 2000);
    CHECK(diags.dropped() == 1997);
    CHECK(diags.to_string() ==
          "apps.csv:4: error: field \"cost\" of component rule mapping.yaml:7 (Application): "
          "cannot read \"x\" as a number (at mapping.yaml:11:32)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | number\n"
          "apps.csv:7: error: field \"cost\" of component rule mapping.yaml:7 (Application): "
          "cannot read \"x\" as a number (at mapping.yaml:11:32)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | number\n"
          "apps.csv:10: error: field \"cost\" of component rule mapping.yaml:7 (Application): "
          "cannot read \"x\" as a number (at mapping.yaml:11:32)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | number\n"
          "... and 1997 more\n");
}

TEST_CASE("mapping: a large source evaluated in batches on all cores keeps record order") {
    // 20,000 records, so batches of records are evaluated at once on different threads
    // (where there are two cores); every 7th record fails and the read of record 15,000
    // fails. The first records are slow to evaluate (a backtracking regex), so that later
    // batches finish first. Entities come out per rule in record order, the diagnostics in
    // record order with the read error last, as when read one record after the other.
    Table apps;
    apps.columns = {"id", "level", "cost", "notes"};
    for (int i = 1; i <= 20000; ++i)
        apps.rows.push_back({Value(std::to_string(i)), Value(std::to_string(i % 3)),
                             Value(i % 7 == 0 ? "x" : std::to_string(i)),
                             Value(i <= 3000 ? std::string(60, 'a') : std::string())});
    apps.fail_at_row = 15000;
    MemorySources sources;
    sources.add("apps", apps);
    std::string rules;
    for (int level = 0; level < 3; ++level)
        rules += "  - from: apps\n    type: T" + std::to_string(level) +
                 "\n    key: \"c-{{ id }}\"\n    name: \"{{ id }}\"\n"
                 "    fields: { cost: \"{{ cost | number }}\", slow: \"{{ notes | "
                 "regex_replace('a+b', 'c') }}\" }\n    when: \"level == " +
                 std::to_string(level) + "\"\n";
    auto m = load_text("version: 1\nworkspace: Portfolio\nsources:\n  apps: { csv: apps.csv }\n"
                       "components:\n" +
                       rules);
    model::Diagnostics diags(100000);
    auto state = mapping::evaluate(m, sources.opener(), diags);

    std::vector<std::string> want_keys;
    std::vector<std::uint64_t> want_lines;
    for (int level = 0; level < 3; ++level)
        for (int i = 1; i < 15000; ++i)
            if (i % 3 == level && i % 7 != 0)
                want_keys.push_back("c-" + std::to_string(i));
    for (int i = 1; i < 15000; ++i)
        if (i % 7 == 0)
            want_lines.push_back(static_cast<std::uint64_t>(i) + 1);
    want_lines.push_back(15001); // the read error: "broken row"

    REQUIRE(state.components.size() == want_keys.size());
    std::size_t mismatched = 0;
    for (std::size_t k = 0; k < want_keys.size(); ++k) {
        const auto& c = state.components[k];
        if (c.key != want_keys[k] || c.origin.line != std::stoull(want_keys[k].substr(2)) + 1 ||
            c.fields.find("cost")->as_double() != std::stod(want_keys[k].substr(2)))
            ++mismatched;
    }
    CHECK(mismatched == 0);
    CHECK(state.components.front().type == "T0");
    CHECK(state.components.back().type == "T2");

    REQUIRE(diags.items().size() == want_lines.size());
    std::vector<std::uint64_t> lines;
    for (const auto& d : diags.items())
        lines.push_back(d.where.line);
    CHECK(lines == want_lines);
    CHECK(diags.items().back().message == "broken row");
    CHECK(diags.dropped() == 0);
}

TEST_CASE("mapping: a reader failure that is not an input error ends the evaluation with it") {
    // Thrown by the reader of a large source in its sixth batch, whichever thread reads it:
    // evaluate() rethrows it (nothing is terminated, no thread is left running).
    Table apps;
    apps.columns = {"id"};
    for (int i = 1; i <= 20000; ++i)
        apps.rows.push_back({Value(std::to_string(i))});
    apps.crash_at_row = 11000;
    MemorySources sources;
    sources.add("apps", apps);
    auto m = load_text(with_rule("    key: \"app-{{ id }}\"\n    name: \"{{ id }}\"\n"));
    model::Diagnostics diags;
    std::string what;
    try {
        mapping::evaluate(m, sources.opener(), diags);
    } catch (const std::runtime_error& e) {
        what = e.what();
    }
    CHECK(what == "disk went away at row 11000");
}

TEST_CASE("mapping: hints name the fields of the last record's Schema, whichever thread read it") {
    // 10,000 JSON records in batches on all cores; the last 1,000 carry "name" instead of
    // "label". The unknown field's hint is made from the Schema of the last record.
    Table docs;
    docs.columns = {"id", "label"};
    docs.later_columns = {"id", "name"};
    docs.later_columns_from = 9001;
    for (int i = 1; i <= 10000; ++i)
        docs.rows.push_back({Value(std::to_string(i)), Value("x")});
    MemorySources sources;
    sources.add("docs", docs);
    auto m = load_text(R"(version: 1
workspace: Portfolio
sources:
  docs: { jsonl: docs.jsonl }
components:
  - from: docs
    type: Application
    key: "app-{{ id }}"
    name: "{{ id }}"
    fields: { note: "{{ nmae }}" }
)");
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(state.components.size() == 10000);
    CHECK(diags.to_string() ==
          "mapping.yaml:10:25: warning: source \"docs\" has no field \"nmae\" in any record\n"
          "  hint: did you mean \"name\"?\n");
}
