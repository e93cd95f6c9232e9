#include "mappings/expr/filters.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using namespace ardoq::test;
using model::List;
using model::Value;

namespace {

// The value of `tmpl` on a record whose field `x` holds `x`.
Value on(const Value& x, const std::string& tmpl) {
    auto r = eval_template(tmpl, row({"x", "y", "z"}, {x, Value("fallback"), Value()}));
    INFO(tmpl << " on " << x.to_json() << " -> " << r.diagnostics);
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.emitted);
    return r.value;
}

// The run-time diagnostic of `tmpl` on x, without the "apps.csv:2: error: field..." prefix
// (tested once in the evaluate tests).
std::string failure(const Value& x, const std::string& tmpl) {
    auto r = eval_template(tmpl, row({"x"}, {x}));
    CHECK_FALSE(r.emitted);
    const std::string prefix =
        "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 (Application): ";
    REQUIRE(r.diagnostics.substr(0, prefix.size()) == prefix);
    return r.diagnostics.substr(prefix.size());
}

std::string load_error(const std::string& tmpl) {
    return load_errors(
        with_rule("    key: k\n    name: n\n    fields:\n      v: " + yaml_quote(tmpl) + "\n"));
}

} // namespace

TEST_CASE("mapping: trim, lower, upper") {
    CHECK(on(Value("  Payroll \t"), "{{ x | trim }}") == Value("Payroll"));
    CHECK(on(Value("Payroll"), "{{ x | trim }}") == Value("Payroll"));
    CHECK(on(Value(), "{{ x | trim }}") == Value());
    CHECK(on(Value(42), "{{ x | trim }}") == Value("42"));
    CHECK(on(Value("MiXed Ä"), "{{ x | lower }}") == Value("mixed Ä"));
    CHECK(on(Value("MiXed ä"), "{{ x | upper }}") == Value("MIXED ä"));
    CHECK(on(Value(), "{{ x | upper }}") == Value());
    CHECK(on(Value(" a "), "{{ x | trim | upper }}") == Value("A"));
    CHECK(load_error("{{ x | trim(1) }}") == "mapping.yaml:11:18: error: filter \"trim\" takes no "
                                             "arguments, got 1\n"
                                             "  hint: example: name | trim\n");
}

TEST_CASE("mapping: replace and regex_replace") {
    CHECK(on(Value("a_b_c"), "{{ x | replace('_', ' ') }}") == Value("a b c"));
    CHECK(on(Value("aaa"), "{{ x | replace('aa', 'b') }}") == Value("ba"));
    CHECK(on(Value("abc"), "{{ x | replace('z', 'y') }}") == Value("abc"));
    CHECK(on(Value("a-b"), "{{ x | replace('-', y) }}") == Value("afallbackb"));
    CHECK(on(Value("a-b"), "{{ x | replace(z, '+') }}") == Value("a-b")); // empty: unchanged
    CHECK(on(Value(), "{{ x | replace('a', 'b') }}") == Value());
    CHECK(on(Value("APP-0042"), "{{ x | regex_replace('^APP-0*', '') }}") == Value("42"));
    CHECK(on(Value("Doe, John"), "{{ x | regex_replace('(\\w+), (\\w+)', '$2 $1') }}") ==
          Value("John Doe"));
    CHECK(on(Value("a1b22"), "{{ x | regex_replace('[0-9]+', '#') }}") == Value("a#b#"));
    CHECK(load_error("{{ x | replace('a') }}") ==
          "mapping.yaml:11:18: error: filter \"replace\" takes 2 arguments (old, new), got 1\n"
          "  hint: example: name | replace('_', ' ')\n");
    CHECK(load_error("{{ x | replace('', 'a') }}") ==
          "mapping.yaml:11:26: error: the text to replace is empty\n"
          "  hint: example: name | replace('_', ' ')\n");
    CHECK(load_error("{{ x | regex_replace('([a-z', '') }}") ==
          "mapping.yaml:11:32: error: invalid regular expression '([a-z': unbalanced [ ]\n"
          "  hint: patterns use ECMAScript syntax, as in JavaScript\n");
    CHECK(load_error("{{ x | regex_replace(y, '') }}") ==
          "mapping.yaml:11:32: error: the pattern of regex_replace must be a 'quoted' string\n"
          "  hint: example: code | regex_replace('^APP-0*', '')\n");
    CHECK(load_error("{{ x | replace(a: 1, b: 2) }}") ==
          "mapping.yaml:11:26: error: filter \"replace\" takes no named arguments\n"
          "  hint: example: name | replace('_', ' ')\n");
}

TEST_CASE("mapping: split and join") {
    CHECK(on(Value("a;b;;c"), "{{ x | split(';') }}") ==
          Value(List{Value("a"), Value("b"), Value(""), Value("c")}));
    CHECK(on(Value("a, b"), "{{ x | split(', ') }}") == Value(List{Value("a"), Value("b")}));
    CHECK(on(Value("abc"), "{{ x | split(';') }}") == Value(List{Value("abc")}));
    CHECK(on(Value(), "{{ x | split(';') }}") == Value());
    CHECK(on(Value(List{Value("p")}), "{{ x | split(';') }}") == Value(List{Value("p")}));
    CHECK(on(Value(List{Value("a"), Value(), Value(3)}), "{{ x | join(', ') }}") == Value("a, 3"));
    CHECK(on(Value("a;b"), "{{ x | split(';') | join('+') }}") == Value("a+b"));
    CHECK(on(Value(7), "{{ x | join(',') }}") == Value("7"));
    CHECK(on(Value(), "{{ x | join(',') }}") == Value());
    CHECK(load_error("{{ x | split('') }}") ==
          "mapping.yaml:11:24: error: the separator of split is "
          "empty\n"
          "  hint: example: tags | split(';')\n");
    CHECK(failure(Value("a"), "{{ x | split(x | replace('a', '')) }}") ==
          "the separator of split is empty (at mapping.yaml:11:18)\n"
          "  hint: example: tags | split(';')\n");
}

TEST_CASE("mapping: default and coalesce") {
    CHECK(on(Value(), "{{ x | default('none') }}") == Value("none"));
    CHECK(on(Value(""), "{{ x | default('none') }}") == Value("none"));
    CHECK(on(Value(0), "{{ x | default('none') }}") == Value(0));
    CHECK(on(Value(false), "{{ x | default(1) }}") == Value(false));
    CHECK(on(Value(), "{{ x | default(y) }}") == Value("fallback"));
    CHECK(on(Value(), "{{ x | default(z) }}") == Value());
    CHECK(on(Value(), "{{ x | coalesce(z, '', y, 'late') }}") == Value("fallback"));
    CHECK(on(Value("first"), "{{ x | coalesce(y) }}") == Value("first"));
    CHECK(on(Value(), "{{ x | coalesce(z) }}") == Value());
    CHECK(on(Value(List{}), "{{ x | default('d') }}") == Value(List{}));
    CHECK(load_error("{{ x | default }}") ==
          "mapping.yaml:11:18: error: filter \"default\" takes 1 argument (value), got 0\n"
          "  hint: example: owner | default('unknown')\n");
    CHECK(load_error("{{ x | coalesce() }}") ==
          "mapping.yaml:11:18: error: filter \"coalesce\" takes at least 1 argument (value, ...), "
          "got 0\n"
          "  hint: example: email | coalesce(login, 'n/a')\n");
}

TEST_CASE("mapping: number and int read text into numbers") {
    CHECK(on(Value("42"), "{{ x | number }}") == Value(42));
    CHECK(on(Value(" -1.5 "), "{{ x | number }}") == Value(-1.5));
    CHECK(on(Value("+7"), "{{ x | number }}") == Value(7));
    CHECK(on(Value("1e3"), "{{ x | number }}") == Value(1000.0));
    CHECK(on(Value("99999999999999999999"), "{{ x | number }}") == Value(1e20));
    CHECK(on(Value(2.5), "{{ x | number }}") == Value(2.5));
    CHECK(on(Value(""), "{{ x | number }}") == Value());
    CHECK(on(Value(), "{{ x | number }}") == Value());
    CHECK(on(Value("12.0"), "{{ x | int }}") == Value(12));
    CHECK(on(Value("12"), "{{ x | int }}") == Value(12));
    CHECK(on(Value(3.0), "{{ x | int }}") == Value(3));
    CHECK(on(Value("12,5"), "{{ x | replace(',', '.') | number }}") == Value(12.5));
    CHECK(failure(Value("12,5"), "{{ x | number }}") ==
          "cannot read \"12,5\" as a number (at mapping.yaml:11:18)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | number\n");
    for (const char* bad : {"NaN", "inf", "0x1A", "1 2", "-", "."})
        CHECK(failure(Value(bad), "{{ x | number }}") ==
              "cannot read \"" + std::string(bad) +
                  "\" as a number (at mapping.yaml:11:18)\n"
                  "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
                  "replace(',', '.') | number\n");
    CHECK(failure(Value(true), "{{ x | number }}") ==
          "cannot read true as a number (at mapping.yaml:11:18)\n"
          "  hint: turn true/false into numbers with | map(true: 1, false: 0)\n");
    CHECK(failure(Value("12.5"), "{{ x | int }}") ==
          "\"12.5\" is not a whole number (at mapping.yaml:11:18)\n"
          "  hint: use | number to keep the fraction\n");
    CHECK(failure(Value("ab"), "{{ x | int }}") ==
          "cannot read \"ab\" as a number (at mapping.yaml:11:18)\n"
          "  hint: numbers look like 1234.5 or -1e3; remove other characters first, e.g. | "
          "replace(',', '.') | int\n");
}

TEST_CASE("mapping: bool reads yes/no, on/off, 1/0") {
    for (const char* yes : {"true", "Yes", "Y", "on", "1", " TRUE "})
        CHECK(on(Value(yes), "{{ x | bool }}") == Value(true));
    for (const char* no : {"false", "NO", "n", "Off", "0"})
        CHECK(on(Value(no), "{{ x | bool }}") == Value(false));
    CHECK(on(Value(1), "{{ x | bool }}") == Value(true));
    CHECK(on(Value(0), "{{ x | bool }}") == Value(false));
    CHECK(on(Value(true), "{{ x | bool }}") == Value(true));
    CHECK(on(Value(""), "{{ x | bool }}") == Value());
    CHECK(on(Value(), "{{ x | bool }}") == Value());
    CHECK(failure(Value("maybe"), "{{ x | bool }}") ==
          "cannot read \"maybe\" as true/false (at mapping.yaml:11:18)\n"
          "  hint: accepted (any case): true/false, yes/no, y/n, on/off, 1/0; map other values "
          "with | map(...)\n");
    CHECK(failure(Value(2), "{{ x | bool }}") ==
          "cannot read 2 as true/false (at mapping.yaml:11:18)\n"
          "  hint: accepted (any case): true/false, yes/no, y/n, on/off, 1/0; map other values "
          "with | map(...)\n");
}

TEST_CASE("mapping: date reads a format, or ISO-8601, into ISO-8601") {
    CHECK(on(Value("01.03.2024"), "{{ x | date('%d.%m.%Y') }}") == Value("2024-03-01"));
    CHECK(on(Value("1/3/24"), "{{ x | date('%d/%m/%y') }}") == Value("2024-03-01"));
    CHECK(on(Value("3/1/69"), "{{ x | date('%m/%d/%y') }}") == Value("1969-03-01"));
    CHECK(on(Value("29 Feb 2024"), "{{ x | date('%d %b %Y') }}") == Value("2024-02-29"));
    CHECK(on(Value("March 1,  2024"), "{{ x | date('%B %d, %Y') }}") == Value("2024-03-01"));
    CHECK(on(Value("2024-03-01 14:30"), "{{ x | date('%Y-%m-%d %H:%M') }}") ==
          Value("2024-03-01T14:30:00Z"));
    CHECK(on(Value("03/01/2024 02:05:09 PM"), "{{ x | date('%m/%d/%Y %I:%M:%S %p') }}") ==
          Value("2024-03-01T14:05:09Z"));
    CHECK(on(Value("12:00 am 2024-01-01"), "{{ x | date('%I:%M %p %Y-%m-%d') }}") ==
          Value("2024-01-01T00:00:00Z"));
    CHECK(on(Value("2024-03-01T00:30:00+02:00"), "{{ x | date('%Y-%m-%dT%H:%M:%S%z') }}") ==
          Value("2024-02-29T22:30:00Z"));
    CHECK(on(Value("2023-12-31 23:30 -0100"), "{{ x | date('%Y-%m-%d %H:%M %z') }}") ==
          Value("2024-01-01T00:30:00Z"));
    CHECK(on(Value("20240301"), "{{ x | date('%Y%m%d') }}") == Value("2024-03-01"));
    CHECK(on(Value(20240301), "{{ x | date('%Y%m%d') }}") == Value("2024-03-01"));
    CHECK(on(Value("2024-03-01"), "{{ x | date }}") == Value("2024-03-01"));
    CHECK(on(Value("2024-03-01T14:30:05Z"), "{{ x | date }}") == Value("2024-03-01T14:30:05Z"));
    CHECK(on(Value("2024-03-01 14:30"), "{{ x | date }}") == Value("2024-03-01T14:30:00Z"));
    CHECK(on(Value("2024-03-01T14:30:05.1234+01:00"), "{{ x | date }}") ==
          Value("2024-03-01T13:30:05.123Z"));
    CHECK(on(Value(""), "{{ x | date }}") == Value());
    CHECK(on(Value(), "{{ x | date('%Y') }}") == Value());
    CHECK(
        failure(Value("2024/03/01"), "{{ x | date('%d.%m.%Y') }}") ==
        "cannot read \"2024/03/01\" as a date in the format \"%d.%m.%Y\" (at mapping.yaml:11:18)\n"
        "  hint: literal characters of the format must match exactly; %d and %m take 1 or 2 "
        "digits, %Y 4, %y 2\n");
    CHECK(failure(Value("01.03.2024"), "{{ x | date }}") ==
          "cannot read \"01.03.2024\" as an ISO-8601 date (at mapping.yaml:11:18)\n"
          "  hint: give the input format, e.g. date('%d.%m.%Y') reads 01.03.2024\n");
    CHECK(
        failure(Value("30.02.2024"), "{{ x | date('%d.%m.%Y') }}") ==
        "\"30.02.2024\" is not a valid date: February 2024 has 29 days (at mapping.yaml:11:18)\n");
    CHECK(
        failure(Value("2023-02-29"), "{{ x | date }}") ==
        "\"2023-02-29\" is not a valid date: February 2023 has 28 days (at mapping.yaml:11:18)\n");
    CHECK(failure(Value("2024-13-01"), "{{ x | date }}") ==
          "\"2024-13-01\" is not a valid date: month 13 does not exist (at mapping.yaml:11:18)\n");
    CHECK(failure(Value("2024-01-01 24:00"), "{{ x | date }}") ==
          "\"2024-01-01 24:00\" is not a valid date: hour 24 is out of range (0-23) (at "
          "mapping.yaml:11:18)\n");
    CHECK(failure(Value("13:00 PM 2024-01-01"), "{{ x | date('%I:%M %p %Y-%m-%d') }}") ==
          "\"13:00 PM 2024-01-01\" is not a valid date: hour 13 is out of range for AM/PM "
          "(1-12) (at mapping.yaml:11:18)\n");
    CHECK(load_error("{{ x | date('%Q-%m') }}") ==
          "mapping.yaml:11:23: error: unknown date directive \"%Q\"\n"
          "  hint: directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%\n");
    CHECK(load_error("{{ x | date('%H:%M') }}") ==
          "mapping.yaml:11:23: error: the date format has no year or day (%Y, %y, %d)\n"
          "  hint: directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%\n");
    CHECK(load_error("{{ x | date('%Y%') }}") ==
          "mapping.yaml:11:23: error: the date format ends with a lone \"%\"\n"
          "  hint: directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%\n");
    CHECK(load_error("{{ x | date(y) }}") ==
          "mapping.yaml:11:23: error: the format of date must be a 'quoted' string\n"
          "  hint: example: since | date('%d.%m.%Y')\n");
}

TEST_CASE("mapping: truncate counts characters, not bytes") {
    CHECK(on(Value("abcdef"), "{{ x | truncate(4) }}") == Value("abcd"));
    CHECK(on(Value("abcdef"), "{{ x | truncate(6) }}") == Value("abcdef"));
    CHECK(on(Value("abcdef"), "{{ x | truncate(5, '...') }}") == Value("ab..."));
    CHECK(on(Value("äöüß"), "{{ x | truncate(2) }}") == Value("äö"));
    CHECK(on(Value("äöüß"), "{{ x | truncate(3, '…') }}") == Value("äö…"));
    CHECK(on(Value(123456), "{{ x | truncate(3) }}") == Value("123"));
    CHECK(on(Value(12), "{{ x | truncate(3) }}") == Value("12"));
    CHECK(on(Value("abc"), "{{ x | truncate(0) }}") == Value(""));
    CHECK(on(Value("abcdef"), "{{ x | truncate(2, '...') }}") == Value("ab"));
    CHECK(on(Value(), "{{ x | truncate(2) }}") == Value());
    CHECK(load_error("{{ x | truncate(-1) }}") ==
          "mapping.yaml:11:27: error: the length of truncate must be a whole number >= 0\n"
          "  hint: example: summary | truncate(200, '...')\n");
    CHECK(load_error("{{ x | truncate(y) }}") ==
          "mapping.yaml:11:27: error: the length of truncate must be a whole number >= 0\n"
          "  hint: example: summary | truncate(200, '...')\n");
    CHECK(load_error("{{ x | truncate(3, 4) }}") ==
          "mapping.yaml:11:30: error: the end marker of truncate must be a 'quoted' string\n"
          "  hint: example: summary | truncate(200, '...')\n");
}

TEST_CASE("mapping: map translates values, with a default or an error") {
    const std::string m =
        "{{ x | map(prod: 'Live', dev: 'Planned', 'in test': 'Testing', 1: 'One', "
        "true: 'Yes', 'default': 'word', default: y) }}";
    CHECK(on(Value("prod"), m) == Value("Live"));
    CHECK(on(Value("dev"), m) == Value("Planned"));
    CHECK(on(Value("in test"), m) == Value("Testing"));
    CHECK(on(Value(1), m) == Value("One"));
    CHECK(on(Value("1"), m) == Value("One"));
    CHECK(on(Value(true), m) == Value("Yes"));
    CHECK(on(Value("default"), m) == Value("word"));
    CHECK(on(Value("other"), m) == Value("fallback"));
    CHECK(on(Value(), m) == Value());
    CHECK(on(Value("a"), "{{ x | map(a: 1, b: 2.5) }}") == Value(1));
    CHECK(on(Value("b"), "{{ x | map(a: [1], b: y | upper) }}") == Value("FALLBACK"));
    CHECK(failure(Value("staging"), "{{ x | map(prod: 'Live') }}") ==
          "map has no entry for \"staging\" (at mapping.yaml:11:18)\n"
          "  hint: add it, e.g. map(staging: '...', ...), or a default: '...'\n");
    CHECK(load_error("{{ x | map(a: 1, a: 2) }}") == "mapping.yaml:11:28: error: map key \"a\" "
                                                     "appears twice\n"
                                                     "  hint: give each key one value\n");
    CHECK(load_error("{{ x | map(default: 1, default: 2) }}") ==
          "mapping.yaml:11:34: error: map has two defaults\n"
          "  hint: keep one default: ...\n");
    CHECK(load_error("{{ x | map() }}") ==
          "mapping.yaml:11:18: error: filter \"map\" takes at least 1 argument (key: value, ..., "
          "default: value), got 0\n"
          "  hint: example: status | map(prod: 'Live', dev: 'Planned', default: 'Unknown')\n");
    CHECK(load_error("{{ x | map('Live') }}") ==
          "mapping.yaml:11:30: error: expected \":\" after the map key, found \")\"\n"
          "  hint: example: status | map(prod: 'Live', dev: 'Planned', default: 'Unknown')\n");
    CHECK(load_error("{{ x | map([1]: 2) }}") ==
          "mapping.yaml:11:22: error: expected a map key, found \"[\"\n"
          "  hint: map keys are names, 'strings' or numbers; example: status | map(prod: "
          "'Live', dev: 'Planned', default: 'Unknown')\n");
    CHECK(load_error("{{ x | map }}") ==
          "mapping.yaml:11:22: error: expected \"(\" after map, found \"}}\"\n"
          "  hint: example: status | map(prod: 'Live', dev: 'Planned', default: 'Unknown')\n");
}

TEST_CASE("mapping: filter names and arities are the documented ones") {
    CHECK(mapping::expr::filter_names() ==
          std::vector<std::string_view>{"trim", "lower", "upper", "replace", "regex_replace",
                                        "split", "join", "default", "coalesce", "number", "int",
                                        "bool", "date", "truncate", "map", "lookup"});
    CHECK(mapping::expr::find_filter("nope") == nullptr);
    CHECK(mapping::expr::find_filter("date")->max_args == 1);
}
