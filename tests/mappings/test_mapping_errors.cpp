// The loader's messages for the less common mistakes: keys that are not names, list items
// and rules of the wrong shape, lookup() misuse, filter arguments, regular expressions and
// date formats. Each with its exact text and position.

#include "mappings/load.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ardoq;
using namespace ardoq::test;

namespace {

std::string field_error(const std::string& tmpl) {
    return load_errors(
        with_rule("    key: k\n    name: n\n    fields:\n      v: " + yaml_quote(tmpl) + "\n"));
}

const char* const k_two_sources = "version: 1\n"
                                  "workspace: W\n"
                                  "sources:\n"
                                  "  apps: { csv: apps.csv }\n"
                                  "  people: { csv: people.csv }\n";

} // namespace

TEST_CASE("mapping: keys that are not plain names") {
    CHECK(load_errors("version: 1\nworkspace: W\nsources:\n  [a]: { csv: a.csv }\n"
                      "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:3: error: a source name must be a plain name, not a list\n"
          "  hint: name each source with letters, digits and _, e.g. apps: { csv: apps.csv }\n"
          "mapping.yaml:5:22: error: unknown source \"a\"\n"
          "  hint: declare it under sources:, e.g. a: { csv: a.csv }\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n    [x]: 1\n")) ==
          "mapping.yaml:10:5: error: a key must be a plain name, not a list\n"
          "  hint: keys are words such as from, type or fields; [ ] and { } belong in values\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n    fields: { [a]: 1, \"\": 2 }\n")) ==
          "mapping.yaml:10:15: error: a field apiKey must be a plain name, not a list\n"
          "  hint: write the custom field's apiKey, e.g. lifecycle: \"{{ status }}\"\n"
          "mapping.yaml:10:23: error: a field apiKey is empty\n"
          "  hint: write the custom field's apiKey, e.g. lifecycle: \"{{ status }}\"\n");
}

TEST_CASE("mapping: list items and rules of the wrong shape") {
    CHECK(load_errors("version: 1\nworkspace: W\nsources:\n"
                      "  a: { csv: a.csv, header: false, columns: [id, [x], \"\"] }\n"
                      "components: [{ from: a, type: A, key: k, name: n }]\n") ==
          "mapping.yaml:4:49: error: a column name must be a name, not a list\n"
          "  hint: columns: names the fields in file order, e.g. columns: [id, name]\n"
          "mapping.yaml:4:54: error: a column name is empty\n"
          "  hint: columns: names the fields in file order, e.g. columns: [id, name]\n");
    CHECK(
        load_errors(with_rule("    key: k\n    name: n\n    fields: { tags: [a, { b: 1 }] }\n")) ==
        "mapping.yaml:10:25: error: a list item under fields must be a value or a template, not "
        "a map\n"
        "  hint: a list gives a SelectMultipleList field its options, e.g. tags: [core, \"{{ "
        "tier }}\"]; quote a template that holds { }\n");
    CHECK(load_errors(std::string(k_two_sources) + "references:\n  - just text\n") ==
          "mapping.yaml:7:5: error: a reference rule must be a map with from, type, source and "
          "target, not a string\n"
          "  hint: write - { from: deps, type: Depends on, source: { type: Application, key: \"{{ "
          "from }}\" }, target: { type: Application, key: \"{{ to }}\" } }\n");
    CHECK(
        load_errors(with_rule("    key: k\n    name: n\n", "sync:\n  scope: [{ type: [A] }]\n")) ==
        "mapping.yaml:11:19: error: the scope type must be a type name, not a list\n"
        "  hint: write one type per entry: - Application, or - { type: Application, filter: "
        "\"...\" }\n");
}

TEST_CASE("mapping: lookup() misuse is reported at the lookup") {
    const std::string rule = "components:\n"
                             "  - from: apps\n"
                             "    type: A\n"
                             "    key: k\n"
                             "    name: n\n"
                             "    fields:\n"
                             "      v: ";
    CHECK(load_errors(k_two_sources + rule + "\"{{ x | lookup(1, id, name) }}\"\n") ==
          "mapping.yaml:12:25: error: expected a source name as the first argument of lookup, "
          "found \"1\"\n"
          "  hint: example: owner_id | lookup(people, id, email)\n");
    CHECK(load_errors(k_two_sources + rule + "\"{{ x | lookup(people, id) }}\"\n") ==
          "mapping.yaml:12:35: error: expected \",\", found \")\"\n"
          "  hint: example: owner_id | lookup(people, id, email)\n");
    CHECK(load_errors(k_two_sources + rule + "\"{{ x | lookup(peple, id, name) }}\"\n") ==
          "mapping.yaml:12:25: error: unknown source \"peple\" in lookup\n"
          "  hint: did you mean \"people\"?\n");
    CHECK(load_errors(k_two_sources + rule +
                      "\"{{ x | lookup(people, id, y | lookup(apps, id, name)) }}\"\n") ==
          "mapping.yaml:12:41: error: lookup() cannot be used inside the arguments of another "
          "lookup()\n"
          "  hint: join the sources one at a time\n");
}

TEST_CASE("mapping: filter arguments, patterns and date formats are checked when loading") {
    CHECK(field_error("{{ x | trim(1) }}") ==
          "mapping.yaml:11:18: error: filter \"trim\" takes no arguments, got 1\n"
          "  hint: example: name | trim\n");
    CHECK(field_error("{{ x | replace('a') }}") ==
          "mapping.yaml:11:18: error: filter \"replace\" takes 2 arguments (old, new), got 1\n"
          "  hint: example: name | replace('_', ' ')\n");
    CHECK(field_error("{{ x | truncate('ten') }}") ==
          "mapping.yaml:11:27: error: the length of truncate must be a whole number >= 0\n"
          "  hint: example: summary | truncate(200, '...')\n");
    CHECK(field_error("{{ x | regex_replace('(', '') }}") ==
          "mapping.yaml:11:32: error: invalid regular expression '(': unbalanced ( )\n"
          "  hint: patterns use ECMAScript syntax, as in JavaScript\n");
    CHECK(field_error("{{ x | regex_replace('a{2,1}', '') }}") ==
          "mapping.yaml:11:32: error: invalid regular expression 'a{2,1}': invalid repetition "
          "count in { }\n"
          "  hint: patterns use ECMAScript syntax, as in JavaScript\n");
    CHECK(field_error("{{ x | regex_replace(p, '') }}") ==
          "mapping.yaml:11:32: error: the pattern of regex_replace must be a 'quoted' string\n"
          "  hint: example: code | regex_replace('^APP-0*', '')\n");
    CHECK(field_error("{{ x | date('') }}") ==
          "mapping.yaml:11:23: error: the date format is empty\n"
          "  hint: directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%\n");
    CHECK(field_error("{{ x | date('%Q') }}") ==
          "mapping.yaml:11:23: error: unknown date directive \"%Q\"\n"
          "  hint: directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%\n");
    CHECK(field_error("{{ x | map(a: 1, a: 2) }}") ==
          "mapping.yaml:11:28: error: map key \"a\" appears twice\n"
          "  hint: give each key one value\n");
}
