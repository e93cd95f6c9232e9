#include "mappings/load.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include "support/process.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using namespace ardoq::test;

namespace {

const char* const k_full = R"(version: 1
workspace: ${WS}
identity: { field: ext_id }
sources:
  apps: { csv: "${DATA}/apps.csv", delimiter: ";", empty: empty_string, ragged: pad, encoding: latin1 }
  plain: { csv: /abs/plain.csv, header: false, columns: [id, name], delimiter: tab }
  deps: { json: deps.json, records: /items }
  events: { jsonl: events.jsonl }
  servers: { sqlite: cmdb.db, query: "SELECT * FROM server" }
  owners: { sql_dump: cmdb.sql, table: owner }
components:
  - from: apps
    type: Application
    key: "app-{{ id }}"
    name: "{{ name | trim }}"
    description: "{{ summary }}"
    parent: { type: Domain, key: "dom-{{ domain | lower }}" }
    fields:
      cost: "{{ cost | number }}"
      tier: 2
      active: true
      note: ~
      tags: [a, "{{ tag }}"]
    when: "status != 'retired'"
  - from: plain
    type: Domain
    key: "dom-{{ id }}"
    name: "{{ name }}"
references:
  - from: deps
    type: Depends on
    source: { type: Application, key: "app-{{ from }}" }
    target: { type: Application, key: "app-{{ to | lookup(events, id, app) }}" }
    display_text: "{{ kind }}"
    description: "since {{ since }}"
    fields: { weight: "{{ w | int }}" }
  - from: servers
    type: Runs on
    source: { type: Application, key: "{{ app }}" }
    target: { type: Server, key: "{{ host | lookup(owners, host, owner) }}" }
sync:
  deletes: mirror
  scope: [Application, { type: Depends on, filter: "weight > 1" }]
  max_delete_ratio: 0.25
  max_deletes: 40
  batch_size: 200
  on_unresolved: skip
  on_duplicate: last
)";

} // namespace

TEST_CASE("mapping: a complete mapping loads into sources, rules and policy") {
    auto m = load_text(k_full, {{"WS", "Portfolio"}, {"DATA", "/srv/data"}});
    CHECK(m.workspace == "Portfolio");
    CHECK(m.workspace_where.to_string() == "mapping.yaml:2:12");
    CHECK(m.policy.identity.kind == model::IdentityKind::field);
    CHECK(m.policy.identity.field == "ext_id");
    REQUIRE(m.sources.size() == 6);

    const auto& apps = m.sources[0];
    CHECK(apps.name == "apps");
    CHECK(apps.format == model::SourceFormat::csv);
    CHECK(apps.file == "${DATA}/apps.csv");
    CHECK(apps.path == std::filesystem::path("/srv/data/apps.csv"));
    CHECK(apps.csv.delimiter == ';');
    CHECK(apps.csv.header);
    CHECK(apps.csv.empty == model::EmptyField::empty_string);
    CHECK(apps.csv.ragged == model::Ragged::pad);
    CHECK(apps.csv.encoding == model::Encoding::latin1);
    CHECK(apps.where.to_string() == "mapping.yaml:5:3");

    const auto& plain = m.sources[1];
    CHECK(plain.path == std::filesystem::path("/abs/plain.csv"));
    CHECK_FALSE(plain.csv.header);
    CHECK(plain.csv.columns == std::vector<std::string>{"id", "name"});
    CHECK(plain.csv.delimiter == '\t');

    CHECK(m.sources[2].format == model::SourceFormat::json);
    CHECK(m.sources[2].path == std::filesystem::path("/data/deps.json"));
    CHECK(m.sources[2].records_pointer == "/items");
    CHECK(m.sources[3].format == model::SourceFormat::jsonl);
    CHECK(m.sources[4].format == model::SourceFormat::sqlite);
    CHECK(m.sources[4].query == "SELECT * FROM server");
    CHECK(m.sources[5].format == model::SourceFormat::sql_dump);
    CHECK(m.sources[5].table == "owner");

    REQUIRE(m.components.size() == 2);
    const auto& app = m.components[0];
    CHECK(app.index == 0);
    CHECK(app.where.to_string() == "mapping.yaml:12:5");
    CHECK(app.from == 0);
    CHECK(app.type == "Application");
    CHECK(app.type_where.to_string() == "mapping.yaml:13:11");
    REQUIRE(app.key);
    CHECK(app.key->kind == mapping::expr::NodeKind::concat);
    REQUIRE(app.parent);
    CHECK(app.parent->type == "Domain");
    REQUIRE(app.fields.size() == 5);
    CHECK(app.fields[0].api_key == "cost");
    CHECK(app.fields[0].where.to_string() == "mapping.yaml:19:7");
    CHECK(app.fields[1].value->value == model::Value(2));
    CHECK(app.fields[2].value->value == model::Value(true));
    CHECK(app.fields[3].value->value.is_null());
    CHECK(app.fields[4].value->kind == mapping::expr::NodeKind::list);
    REQUIRE(app.when);
    // Every field path the rule reads, once each.
    std::vector<std::string> paths;
    for (const auto& p : app.paths->paths())
        paths.push_back(p.text);
    CHECK(paths ==
          std::vector<std::string>{"id", "name", "summary", "domain", "cost", "tag", "status"});
    CHECK(m.components[1].index == 1);

    REQUIRE(m.references.size() == 2);
    const auto& dep = m.references[0];
    CHECK(dep.type == "Depends on");
    CHECK(dep.source.type == "Application");
    CHECK(dep.target.type == "Application");
    CHECK(dep.display_text);
    CHECK(dep.description);
    REQUIRE(dep.fields.size() == 1);
    CHECK(dep.fields[0].api_key == "weight");

    REQUIRE(m.lookups.size() == 2);
    CHECK(m.lookups[0].source == 3);
    CHECK(m.lookups[0].text == "lookup(events, id, app)");
    CHECK(m.lookups[0].where.to_string() == "mapping.yaml:33:52");
    CHECK(m.lookups[1].source == 5);

    CHECK(m.policy.deletes == model::DeleteMode::mirror);
    REQUIRE(m.policy.scope.size() == 2);
    CHECK(m.policy.scope[0].type == "Application");
    CHECK_FALSE(m.policy.scope[0].reference_type);
    CHECK_FALSE(m.policy.scope[0].filter);
    CHECK(m.policy.scope[1].type == "Depends on");
    CHECK(m.policy.scope[1].reference_type);
    CHECK(m.policy.scope[1].filter_text == "weight > 1");
    CHECK(m.policy.max_delete_ratio == 0.25);
    CHECK(m.policy.max_deletes == 40u);
    CHECK(m.policy.batch_size == 200u);
    CHECK(m.policy.on_unresolved == model::OnUnresolved::skip);
    CHECK(m.policy.on_duplicate == model::OnDuplicate::last);
    CHECK(m.warnings.empty());
    CHECK(m.component_types() == std::vector<std::string>{"Application", "Domain"});
    CHECK(m.reference_types() == std::vector<std::string>{"Depends on", "Runs on"});
}

TEST_CASE("mapping: defaults when identity and sync are left out") {
    auto m = load_text(with_rule("    key: \"{{ id }}\"\n    name: \"{{ name }}\"\n"));
    CHECK(m.target.empty());
    CHECK(m.policy.identity.kind == model::IdentityKind::field);
    CHECK(m.policy.identity.field == "external_id");
    CHECK(m.policy.deletes == model::DeleteMode::report);
    CHECK(m.policy.scope.empty());
    CHECK(m.policy.max_delete_ratio == 0.10);
    CHECK_FALSE(m.policy.max_deletes);
    CHECK(m.policy.batch_size == 500u);
    CHECK(m.policy.on_unresolved == model::OnUnresolved::error);
    CHECK(m.policy.on_duplicate == model::OnDuplicate::error);
    CHECK(m.sources[0].path == std::filesystem::path("/data/apps.csv"));
}

TEST_CASE("mapping: the scope filter is compiled to a function on an Ardoq entity record") {
    auto m = load_text(k_full, {{"WS", "W"}, {"DATA", "/d"}});
    const auto& filter = m.policy.scope[1].filter;
    REQUIRE(filter);
    auto schema = std::make_shared<model::Schema>(std::vector<std::string>{"name", "weight"});
    model::Record r{schema, {"x", 3}, {}};
    CHECK(filter(r));
    r.values[1] = model::Value(1);
    CHECK_FALSE(filter(r));
    // Another schema (another entity shape): resolved again, not by the old index.
    auto other = std::make_shared<model::Schema>(std::vector<std::string>{"weight"});
    model::Record r2{other, {5}, {}};
    CHECK(filter(r2));
    model::Record r3{other, {"heavy"}, {"", "", 0, 0}};
    try {
        filter(r3);
        FAIL("expected InputError");
    } catch (const model::InputError& e) {
        CHECK(std::string(e.what()) ==
              "error: scope filter mapping.yaml:43:53: cannot compare \"heavy\" with a number\n"
              "  hint: compare with a 'string', or convert the value with | number");
    }
}

TEST_CASE("mapping: environment variables in paths, queries and the workspace") {
    const std::string yaml = "version: 1\n"
                             "workspace: \"${ORG} Portfolio\"\n"
                             "target: \"file:${DIR}/ws.json\"\n"
                             "sources:\n"
                             "  apps: { csv: \"${DIR}/a$$b.csv\" }\n"
                             "  db: { sqlite: x.db, query: \"SELECT * FROM ${TABLE}\" }\n"
                             "components:\n"
                             "  - { from: apps, type: A, key: k, name: n }\n"
                             "  - { from: db, type: B, key: k, name: n }\n";
    auto m = load_text(yaml, {{"ORG", "Acme"}, {"DIR", "in"}, {"TABLE", "server"}});
    CHECK(m.workspace == "Acme Portfolio");
    CHECK(m.target == "file:in/ws.json");
    CHECK(m.sources[0].file == "${DIR}/a$$b.csv");
    CHECK(m.sources[0].path == std::filesystem::path("/data/in/a$b.csv"));
    CHECK(m.sources[1].query == "SELECT * FROM server");

    CHECK(load_errors(yaml, {{"ORG", "Acme"}, {"TABLE", "t"}}) ==
          "mapping.yaml:3:15: error: environment variable \"DIR\" is not set\n"
          "  hint: set it before running (export DIR=...), or write the value without ${...}\n"
          "mapping.yaml:5:17: error: environment variable \"DIR\" is not set\n"
          "  hint: set it before running (export DIR=...), or write the value without ${...}\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n"), {}) == "");
    const std::string bad = "version: 1\n"
                            "workspace: W\n"
                            "sources:\n"
                            "  a: { csv: \"x/${DIR\" }\n"
                            "  b: { csv: \"x/${1X}/y\" }\n"
                            "components:\n"
                            "  - { from: a, type: A, key: k, name: n }\n"
                            "  - { from: b, type: A, key: k, name: n }\n";
    CHECK(load_errors(bad) ==
          "mapping.yaml:4:16: error: \"${\" is not closed\n"
          "  hint: write ${NAME} for an environment variable, or $$ for a literal $\n"
          "mapping.yaml:5:16: error: \"1X\" is not an environment variable name\n"
          "  hint: names are letters, digits and _, not starting with a digit\n");
}

TEST_CASE("mapping: YAML syntax errors point at the line") {
    CHECK(
        load_errors("version: 1\nworkspace: W\nsources:\n  apps: { csv: a.csv\ncomponents: []\n") ==
        "mapping.yaml:5:11: error: invalid YAML: end of map flow not found\n"
        "  hint: check the indentation and the quotes on this line and the one before\n");
    CHECK(load_errors("") == "mapping.yaml:1:1: error: the mapping file is empty\n"
                             "  hint: start with version: 1, workspace, sources and components\n");
    CHECK(load_errors("# nothing\n") ==
          "mapping.yaml:1:1: error: the mapping file is empty\n"
          "  hint: start with version: 1, workspace, sources and components\n");
    CHECK(load_errors("- a\n- b\n") ==
          "mapping.yaml:1:1: error: a mapping file is a map of sections (version, workspace, "
          "sources, ...), not a list\n");
}

TEST_CASE("mapping: missing sections and unknown or repeated top-level keys") {
    CHECK(load_errors("workspce: W\n") ==
          "mapping.yaml:1:1: error: unknown key \"workspce\" at the top level\n"
          "  hint: did you mean \"workspace\"?\n"
          "mapping.yaml:1:1: error: missing \"version\"\n"
          "  hint: add version: 1 at the top of the file\n"
          "mapping.yaml:1:1: error: missing \"workspace\"\n"
          "  hint: add workspace: <workspace name or id>\n"
          "mapping.yaml:1:1: error: missing \"sources\"\n"
          "  hint: add sources: with one entry per input, e.g. apps: { csv: apps.csv }\n"
          "mapping.yaml:1:1: error: the mapping has no rules\n"
          "  hint: add components: (or references:) with at least one rule\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n", "colour: red\nversion: 1\n")) ==
          "mapping.yaml:10:1: error: unknown key \"colour\" at the top level\n"
          "  hint: valid keys here: \"version\", \"workspace\", \"target\", \"identity\", "
          "\"sources\", \"components\", \"references\", \"sync\"\n"
          "mapping.yaml:11:1: error: key \"version\" appears twice at the top level\n"
          "  hint: the first is at line 1; keep one\n");
    CHECK(load_errors("version: 2\nworkspace: W\nsources: { a: { csv: a.csv } }\n"
                      "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:1:10: error: unsupported mapping version 2\n"
          "  hint: this ardoq-sync reads version: 1\n");
    CHECK(load_errors("version: one\nworkspace: \"\"\nsources: { a: { csv: a.csv } }\n"
                      "components: []\nreferences: {}\n") ==
          "mapping.yaml:1:10: error: \"version\" must be 1, not \"one\"\n"
          "mapping.yaml:2:12: error: \"workspace\" is empty\n"
          "  hint: write a workspace name or id\n"
          "mapping.yaml:5:13: error: \"references\" must be a list of reference rules "
          "(- from: ...), not a map\n");
    CHECK(
        load_errors("version: 1\nworkspace: W\nsources: { a: { csv: a.csv } }\ncomponents: []\n") ==
        "mapping.yaml:1:1: error: the mapping has no rules\n"
        "  hint: add components: (or references:) with at least one rule\n");
}

TEST_CASE("mapping: every source problem is reported at its key") {
    const std::string yaml = "version: 1\n"
                             "workspace: W\n"
                             "sources:\n"
                             "  my-apps: { csv: a.csv, query: \"x\" }\n"
                             "  b: { json: b.json, records: items }\n"
                             "  c: { sqlite: c.db }\n"
                             "  d: { sql_dump: d.sql }\n"
                             "  f: { csv: f.csv, header: false }\n"
                             "  g: { csv: g.csv, json: g.json }\n"
                             "  h: {}\n"
                             "  i: i.csv\n"
                             "  j: { csv: j.csv, delimiter: \";;\", empty: nul, encodng: utf-8 }\n"
                             "  j: { csv: j2.csv }\n"
                             "components:\n"
                             "  - { from: b, type: A, key: k, name: n }\n";
    CHECK(load_errors(yaml) ==
          "mapping.yaml:4:3: error: source name \"my-apps\" cannot be used in expressions\n"
          "  hint: use letters, digits and _, e.g. my_apps\n"
          "mapping.yaml:4:26: error: \"query\" does not apply to csv sources\n"
          "  hint: \"query\" is an option of sqlite sources\n"
          "mapping.yaml:5:31: error: \"records\" must be a JSON pointer such as /items, not "
          "\"items\"\n"
          "mapping.yaml:6:3: error: sqlite source \"c\" needs \"query\"\n"
          "  hint: e.g. query: \"SELECT * FROM server\"\n"
          "mapping.yaml:7:3: error: sql_dump source \"d\" needs \"table\"\n"
          "  hint: name the table whose INSERT or COPY rows to read: table: owner\n"
          "mapping.yaml:8:20: error: csv source \"f\" has header: false but no \"columns\"\n"
          "  hint: name the columns: columns: [id, name, ...]\n"
          "mapping.yaml:9:20: error: source \"g\" has two formats, \"csv\" and \"json\"\n"
          "  hint: each source reads one file; declare another source for the other\n"
          "mapping.yaml:10:3: error: source \"h\" needs a format: csv, json, jsonl, sqlite or "
          "sql_dump\n"
          "  hint: e.g. h: { csv: h.csv }\n"
          "mapping.yaml:11:6: error: source \"i\" must be a map such as { csv: apps.csv }, not a "
          "string\n"
          "mapping.yaml:12:31: error: \"delimiter\" must be one character, such as ';' or "
          "\"\\t\", not \";;\"\n"
          "mapping.yaml:12:44: error: \"empty\" must be one of \"null\", \"empty_string\", not "
          "\"nul\"\n"
          "  hint: did you mean \"null\"?\n"
          "mapping.yaml:12:49: error: unknown key \"encodng\" in source \"j\"\n"
          "  hint: did you mean \"encoding\"?\n"
          "mapping.yaml:13:3: error: source \"j\" is declared twice\n"
          "  hint: give each source its own name\n");
    CHECK(load_errors("version: 1\nworkspace: W\nsources: {}\ncomponents: []\n") ==
          "mapping.yaml:1:1: error: the mapping has no rules\n"
          "  hint: add components: (or references:) with at least one rule\n"
          "mapping.yaml:3:1: error: \"sources\" is empty\n"
          "  hint: add one entry per input, e.g. apps: { csv: apps.csv }\n");
}

TEST_CASE("mapping: rule problems name the key and suggest the fix") {
    const std::string yaml = "version: 1\n"
                             "workspace: W\n"
                             "sources: { apps: { csv: apps.csv } }\n"
                             "components:\n"
                             "  - from: ap\n"
                             "    type: Application\n"
                             "    kye: \"x\"\n"
                             "    key: \"app-{{ id }}\"\n"
                             "    name: {{ name }}\n"
                             "  - from: apps\n"
                             "    type: A\n"
                             "    name: true\n"
                             "    when: 42\n"
                             "    parent: { type: B }\n"
                             "    fields:\n"
                             "      external_id: \"x\"\n"
                             "      cost: \"1\"\n"
                             "      cost: \"2\"\n"
                             "      nested: { a: 1 }\n"
                             "  - just text\n"
                             "references:\n"
                             "  - from: apps\n"
                             "    type: \"\"\n"
                             "    source: { type: A, key: \"a\" }\n";
    CHECK(load_errors(yaml) ==
          "mapping.yaml:5:11: error: unknown source \"ap\"\n"
          "  hint: sources: \"apps\"\n"
          "mapping.yaml:7:5: error: unknown key \"kye\" in a component rule\n"
          "  hint: did you mean \"key\"?\n"
          "mapping.yaml:9:11: error: \"name\" must be a template such as \"{{ name }}\", not a "
          "map\n"
          "  hint: YAML reads an unquoted {{ ... }} as a map: put the template in quotes, "
          "name: \"{{ ... }}\"\n"
          "mapping.yaml:10:5: error: component rule is missing \"key\"\n"
          "  hint: every component rule needs from, type, key and name; the key identifies the "
          "component, e.g. key: \"app-{{ id }}\"\n"
          "mapping.yaml:12:11: error: \"name\" must be a template such as \"{{ name }}\", not "
          "true\n"
          "mapping.yaml:13:11: error: \"when\" must be an expression such as \"status != "
          "'retired'\", not 42\n"
          "mapping.yaml:14:13: error: \"parent\" is missing \"key\"\n"
          "  hint: write parent: { type: Domain, key: \"dom-{{ domain }}\" }\n"
          "mapping.yaml:16:7: error: \"external_id\" is the identity field: the sync writes the "
          "key into it\n"
          "  hint: remove it from fields; the key (key:) is its value\n"
          "mapping.yaml:18:7: error: field \"cost\" is mapped twice\n"
          "  hint: the first is at line 17; keep one\n"
          "mapping.yaml:19:15: error: \"nested\" must be a template such as \"{{ name }}\", not "
          "a map\n"
          "mapping.yaml:20:5: error: a component rule must be a map with from, type, key and "
          "name, not a string\n"
          "mapping.yaml:22:5: error: reference rule is missing \"target\"\n"
          "  hint: every reference rule needs from, type, source and target\n"
          "mapping.yaml:23:11: error: \"type\" must be a reference type name, not \"\"\n");
}

TEST_CASE("mapping: identity by name takes no key; identity needs field or by") {
    const std::string base = "version: 1\nworkspace: W\nsources: { a: { csv: a.csv } }\n";
    auto m = load_text(base + "identity: { by: name }\n"
                              "components: [{ from: a, type: A, name: \"{{ n }}\" }]\n");
    CHECK(m.policy.identity.kind == model::IdentityKind::name);
    CHECK(m.policy.identity.field.empty());
    CHECK_FALSE(m.components[0].key);

    CHECK(load_errors(base + "identity: { by: name }\n"
                             "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:5:34: error: \"key\" is not used when identity is by name\n"
          "  hint: the name is the key: remove \"key\", or use identity: { field: ... }\n");
    CHECK(load_errors(base + "identity: { by: id }\n"
                             "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:17: error: \"by\" must be one of \"name\", not \"id\"\n");
    CHECK(load_errors(base + "identity: { field: x, by: name }\n"
                             "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:23: error: identity takes \"field\" or \"by\", not both\n"
          "  hint: identity: { field: external_id } keeps the key in a custom field; identity: "
          "{ by: name } matches by name\n");
    CHECK(load_errors(base + "identity: {}\n"
                             "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:1: error: identity needs \"field\" or \"by\"\n"
          "  hint: identity: { field: external_id } or identity: { by: name }\n");
    CHECK(load_errors(base + "identity: external_id\n"
                             "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:11: error: \"identity\" must be { field: <custom field apiKey> } or "
          "{ by: name }, not \"external_id\"\n");
}

TEST_CASE("mapping: sync settings are checked with their valid values") {
    const std::string yaml = with_rule("    key: k\n    name: n\n",
                                       "sync:\n"
                                       "  deletes: mirorr\n"
                                       "  batch_size: 0\n"
                                       "  max_delete_ratio: 2\n"
                                       "  max_deletes: -1\n"
                                       "  on_unresolved: ignore\n"
                                       "  on_duplicate: latest\n"
                                       "  scope: [Aplication, Application, { type: Application, "
                                       "filter: \"x | lookup(apps, a, b)\" }, { filter: y }, [x]]\n"
                                       "  dletes: none\n");
    CHECK(load_errors(yaml) ==
          "mapping.yaml:11:12: error: \"deletes\" must be one of \"none\", \"report\", \"mirror\", "
          "not \"mirorr\"\n"
          "  hint: did you mean \"mirror\"?\n"
          "mapping.yaml:12:15: error: \"batch_size\" must be a whole number >= 1, not 0\n"
          "mapping.yaml:13:21: error: \"max_delete_ratio\" must be a number from 0 to 1, e.g. 0.1 "
          "for 10 %, not 2\n"
          "mapping.yaml:14:16: error: \"max_deletes\" must be a whole number >= 0, not -1\n"
          "mapping.yaml:15:18: error: \"on_unresolved\" must be one of \"error\", \"skip\", not "
          "\"ignore\"\n"
          "mapping.yaml:16:17: error: \"on_duplicate\" must be one of \"error\", \"first\", "
          "\"last\", not \"latest\"\n"
          "  hint: did you mean \"last\"?\n"
          "mapping.yaml:17:11: error: scope names \"Aplication\", which no rule produces\n"
          "  hint: did you mean \"Application\"?\n"
          "mapping.yaml:17:44: error: \"Application\" appears twice in scope\n"
          "  hint: the first is at line 17; combine the filters with and / or\n"
          "mapping.yaml:17:93: error: scope entry is missing \"type\"\n"
          "  hint: write - { type: Application, filter: \"lifecycle != 'Retired'\" }\n"
          "mapping.yaml:17:108: error: a scope entry must be a type name or { type, filter }, "
          "not a list\n"
          "mapping.yaml:18:3: error: unknown key \"dletes\" in sync\n"
          "  hint: did you mean \"deletes\"?\n");
    CHECK(load_errors(with_rule(
              "    key: k\n    name: n\n",
              "sync:\n  scope: [{ type: Application, filter: \"x | lookup(apps, a, b)\" }]\n")) ==
          "mapping.yaml:11:45: error: lookup() is not available in scope filters: they run on "
          "Ardoq entities, not on source records\n");
}

TEST_CASE("mapping: a source nothing reads is a warning, not an error") {
    auto m = load_text(
        "version: 1\nworkspace: W\nsources:\n  a: { csv: a.csv }\n  spare: { csv: s.csv }\n"
        "components: [{ from: a, type: A, key: k, name: n }]\n");
    REQUIRE(m.warnings.size() == 1);
    CHECK(m.warnings[0].to_string() ==
          "mapping.yaml:5:3: warning: source \"spare\" is not used by any rule or lookup\n"
          "  hint: remove it, or add a rule with from: spare");
}

TEST_CASE("mapping: problems are collected up to the cap, then counted") {
    std::string yaml = "version: 1\nworkspace: W\nsources: { a: { csv: a.csv } }\ncomponents:\n";
    for (int i = 0; i < 60; ++i)
        yaml += "  - { from: b, type: A, key: k, name: n }\n";
    const std::string errors = load_errors(yaml);
    CHECK(errors.rfind("mapping.yaml:5:13: error: unknown source \"b\"\n  hint: sources: \"a\"\n",
                       0) == 0);
    CHECK(std::count(errors.begin(), errors.end(), '\n') == 101);
    CHECK(errors.substr(errors.size() - 16) == "... and 10 more\n");
}

TEST_CASE("mapping: load_mapping reads a file and resolves paths against its folder") {
    const std::string dir = make_temp_dir("mapping-load");
    write_file(dir + "/mapping.yaml",
               "version: 1\nworkspace: W\nsources: { a: { csv: in/a.csv } }\n"
               "components: [{ from: a, type: A, key: k, name: n }]\n");
    auto m = mapping::load_mapping(dir + "/mapping.yaml");
    CHECK(m.file == std::filesystem::path(dir + "/mapping.yaml"));
    CHECK(m.sources[0].path == std::filesystem::path(dir + "/in/a.csv"));
    CHECK(m.sources[0].where.file == dir + "/mapping.yaml");

    write_file(dir + "/bad.yaml", "version: 1\nworkspace: W\n");
    try {
        mapping::load_mapping(dir + "/bad.yaml");
        FAIL("expected InputError");
    } catch (const model::InputError& e) {
        CHECK(e.diagnostics().front().to_string() ==
              dir + "/bad.yaml:1:1: error: missing \"sources\"\n"
                    "  hint: add sources: with one entry per input, e.g. apps: { csv: apps.csv }");
    }
    try {
        mapping::load_mapping(dir + "/none.yaml");
        FAIL("expected InputError");
    } catch (const model::InputError& e) {
        CHECK(std::string(e.what()) ==
              dir + "/none.yaml: error: cannot open the mapping file\n"
                    "  hint: check the path; it is taken relative to the current directory");
    }
}
