#include "mappings/expr/compile.hpp"

#include "tests/mappings/mapping_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using namespace ardoq::test;
using model::Value;

namespace {

// The value of a field template on one record with columns a, b, s, n, list, obj.
Value eval_on_sample(const std::string& tmpl) {
    model::List list{Value("x"), Value("y"), Value(3)};
    model::Object obj{{"email", Value("ann@example.com")}, {"tags", Value(list)}};
    auto r = eval_template(
        tmpl, row({"a", "b", "s", "n", "list", "obj", "owner.email", "Annual Cost", "empty"},
                  {Value(5), Value(2.5), Value("text"), Value(), Value(list), Value(obj),
                   Value("dotted@example.com"), Value(1200), Value("")}));
    INFO(tmpl << " -> " << r.diagnostics);
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.emitted);
    return r.value;
}

// The first diagnostic the loader reports for a field template.
std::string template_error(const std::string& tmpl) {
    return load_errors(
        with_rule("    key: k\n    name: n\n    fields:\n      v: " + yaml_quote(tmpl) + "\n"));
}

} // namespace

TEST_CASE("mapping: a template that is one expression keeps its type") {
    CHECK(eval_on_sample("{{ a }}") == Value(5));
    CHECK(eval_on_sample("{{ b }}") == Value(2.5));
    CHECK(eval_on_sample("{{ n }}") == Value());
    CHECK(eval_on_sample("{{ list }}").is_list());
    CHECK(eval_on_sample("{{ a > 1 }}") == Value(true));
    CHECK(eval_on_sample("  {{ a }}") == Value("  5"));
    CHECK(eval_on_sample("{{ a }}{{ b }}") == Value("52.5"));
    CHECK(eval_on_sample("n={{ n }};") == Value("n=;"));
    CHECK(eval_on_sample("plain text") == Value("plain text"));
    CHECK(eval_on_sample("{{ '{{' }} literal") == Value("{{ literal"));
    CHECK(eval_on_sample("} and }} stay") == Value("} and }} stay"));
    CHECK(eval_on_sample("{{ list }}!") == Value("[\"x\",\"y\",3]!"));
}

TEST_CASE("mapping: literals, lists and field paths") {
    CHECK(eval_on_sample("{{ \"it's\" }}") == Value("it's"));
    CHECK(eval_on_sample("{{ \"dq\" }}") == Value("dq"));
    CHECK(eval_on_sample("{{ 'a\\'b\\\\c\\n' }}") == Value("a'b\\c\n"));
    CHECK(eval_on_sample("{{ '\\d+' }}") == Value("\\d+"));
    CHECK(eval_on_sample("{{ -12 }}") == Value(-12));
    CHECK(eval_on_sample("{{ 1.5e3 }}") == Value(1500.0));
    CHECK(eval_on_sample("{{ 99999999999999999999 }}") == Value(1e20));
    CHECK(eval_on_sample("{{ true }}") == Value(true));
    CHECK(eval_on_sample("{{ null }}") == Value());
    CHECK(eval_on_sample("{{ [1, 'two', a] }}") ==
          Value(model::List{Value(1), Value("two"), Value(5)}));
    CHECK(eval_on_sample("{{ [] }}") == Value(model::List{}));
    CHECK(eval_on_sample("{{ obj.email }}") == Value("ann@example.com"));
    CHECK(eval_on_sample("{{ obj['email'] }}") == Value("ann@example.com"));
    CHECK(eval_on_sample("{{ obj.missing }}") == Value());
    CHECK(eval_on_sample("{{ obj.tags[1] }}") == Value("y"));
    CHECK(eval_on_sample("{{ list[0] }}") == Value("x"));
    CHECK(eval_on_sample("{{ list[-1] }}") == Value(3));
    CHECK(eval_on_sample("{{ list[7] }}") == Value());
    CHECK(eval_on_sample("{{ n.deep[0] }}") == Value());
    CHECK(eval_on_sample("{{ owner.email }}") == Value("dotted@example.com")); // a column named so
    CHECK(eval_on_sample("{{ `Annual Cost` }}") == Value(1200));
    CHECK(eval_on_sample("{{ (a) }}") == Value(5));
}

TEST_CASE("mapping: comparisons across kinds, and/or/not, in, is empty") {
    CHECK(eval_on_sample("{{ a == 5 }}") == Value(true));
    CHECK(eval_on_sample("{{ a == 5.0 }}") == Value(true));
    CHECK(eval_on_sample("{{ a == '5' }}") == Value(true)); // CSV cells are text
    CHECK(eval_on_sample("{{ a == '05.0' }}") == Value(true));
    CHECK(eval_on_sample("{{ a == 'five' }}") == Value(false));
    CHECK(eval_on_sample("{{ a != 4 }}") == Value(true));
    CHECK(eval_on_sample("{{ s == 'text' }}") == Value(true));
    CHECK(eval_on_sample("{{ s == 'Text' }}") == Value(false));
    CHECK(eval_on_sample("{{ true == 'TRUE' }}") == Value(true));
    CHECK(eval_on_sample("{{ n == null }}") == Value(true));
    CHECK(eval_on_sample("{{ n == '' }}") == Value(false));
    CHECK(eval_on_sample("{{ n != 'x' }}") == Value(true));
    CHECK(eval_on_sample("{{ a > 4 }}") == Value(true));
    CHECK(eval_on_sample("{{ a >= 5 }}") == Value(true));
    CHECK(eval_on_sample("{{ a < 5 }}") == Value(false));
    CHECK(eval_on_sample("{{ b <= 2.5 }}") == Value(true));
    CHECK(eval_on_sample("{{ a > '10' }}") == Value(false)); // numeric, not text order
    CHECK(eval_on_sample("{{ s < 'tz' }}") == Value(true));
    CHECK(eval_on_sample("{{ '2024-03-01' < '2024-11-01' }}") == Value(true));
    CHECK(eval_on_sample("{{ n < 1 }}") == Value(false));
    CHECK(eval_on_sample("{{ n > 1 }}") == Value(false));
    CHECK(eval_on_sample("{{ a > 1 and s == 'text' }}") == Value(true));
    CHECK(eval_on_sample("{{ a > 9 or s == 'text' }}") == Value(true));
    CHECK(eval_on_sample("{{ a > 9 or s == 'x' or n is empty }}") == Value(true));
    CHECK(eval_on_sample("{{ not a > 9 }}") == Value(true));
    CHECK(eval_on_sample("{{ not (a > 1 and b > 1) }}") == Value(false));
    CHECK(eval_on_sample("{{ 'y' in list }}") == Value(true));
    CHECK(eval_on_sample("{{ 3 in list }}") == Value(true));
    CHECK(eval_on_sample("{{ '3' in list }}") == Value(true));
    CHECK(eval_on_sample("{{ 'z' not in list }}") == Value(true));
    CHECK(eval_on_sample("{{ s in ['a', 'text'] }}") == Value(true));
    CHECK(eval_on_sample("{{ 'ex' in s }}") == Value(true));
    CHECK(eval_on_sample("{{ 'email' in obj }}") == Value(true));
    CHECK(eval_on_sample("{{ 'x' in n }}") == Value(false));
    CHECK(eval_on_sample("{{ n in list }}") == Value(false));
    CHECK(eval_on_sample("{{ n is empty }}") == Value(true));
    CHECK(eval_on_sample("{{ `empty` is empty }}") == Value(true));
    CHECK(eval_on_sample("{{ [] is empty }}") == Value(true));
    CHECK(eval_on_sample("{{ s is not empty }}") == Value(true));
    CHECK(eval_on_sample("{{ a is empty }}") == Value(false));
    // Short-circuit: the right side is not evaluated, so it cannot fail.
    CHECK(eval_on_sample("{{ a > 9 and s > 1 }}") == Value(false));
    CHECK(eval_on_sample("{{ a > 1 or s > 1 }}") == Value(true));
}

TEST_CASE("mapping: expression syntax errors point at the token") {
    CHECK(template_error("{{ a == }}") ==
          "mapping.yaml:11:19: error: expected a value, found \"}}\"\n"
          "  hint: a value is a field name, a 'string', a number, true, false, null or a [list]\n");
    CHECK(template_error("{{ a = 1 }}") == "mapping.yaml:11:16: error: unexpected \"=\"\n"
                                           "  hint: compare with ==\n");
    CHECK(template_error("{{ 'abc }}") == "mapping.yaml:11:14: error: the string is not closed\n"
                                          "  hint: end the string with the quote it starts with\n");
    CHECK(template_error("x {{ a") == "mapping.yaml:11:13: error: \"{{\" is not closed\n"
                                      "  hint: end the expression with }}\n");
    CHECK(template_error("{{ id }") == "mapping.yaml:11:17: error: unexpected \"}\"\n"
                                       "  hint: end the expression with }}\n");
    CHECK(template_error("a {{ }} b") ==
          "mapping.yaml:11:13: error: \"{{ }}\" is empty\n"
          "  hint: put an expression between {{ and }}, e.g. {{ name }}\n");
    CHECK(template_error("{{ a b }}") ==
          "mapping.yaml:11:16: error: expected \"}}\", found \"b\"\n"
          "  hint: combine values with a filter (|) or an operator (==, and, ...)\n");
    CHECK(template_error("{{ not in }}") ==
          "mapping.yaml:11:18: error: expected a value, found \"in\"\n"
          "  hint: a field named like a keyword is written in backquotes: `in`\n");
    CHECK(template_error("{{ a < b < c }}") ==
          "mapping.yaml:11:20: error: comparisons cannot be chained\n"
          "  hint: combine them with and: a < b and b < c\n");
    CHECK(template_error("{{ a is full }}") ==
          "mapping.yaml:11:19: error: expected \"empty\", found \"full\"\n"
          "  hint: write `x is empty` or `x is not empty`\n");
    CHECK(template_error("{{ a. }}") ==
          "mapping.yaml:11:17: error: expected a field name after \".\", found \"}}\"\n"
          "  hint: a path reads members of objects: owner.email\n");
    CHECK(template_error("{{ a[x] }}") ==
          "mapping.yaml:11:16: error: expected an index or a 'name' in [ ], found \"x\"\n"
          "  hint: tags[0] reads the first item of a list, tags[-1] the last\n");
    CHECK(template_error("{{ [1 2] }}") ==
          "mapping.yaml:11:17: error: expected \",\" or \"]\", found \"2\"\n"
          "  hint: separate list items with commas: ['a', 'b']\n");
    CHECK(template_error("{{ (a }}") ==
          "mapping.yaml:11:17: error: expected \")\", found \"}}\"\n");
    CHECK(template_error("{{ a # }}") ==
          "mapping.yaml:11:16: error: unexpected \"#\"\n"
          "  hint: expressions are made of field names, 'strings', numbers, comparisons (== != < "
          "<= > >= in) and filters (| name)\n");
    CHECK(template_error("{{ `a }}") ==
          "mapping.yaml:11:14: error: the quoted field name is not closed\n"
          "  hint: end the field name with a backquote: `Annual Cost`\n");
    CHECK(template_error("{{ a | }}") ==
          "mapping.yaml:11:18: error: expected a filter name after \"|\", found \"}}\"\n"
          "  hint: filters: \"trim\", \"lower\", \"upper\", \"replace\", \"regex_replace\", "
          "\"split\", \"join\", \"default\", \"coalesce\", \"number\", \"int\", \"bool\", "
          "\"date\", \"truncate\", \"map\", \"lookup\"\n");
    CHECK(template_error("{{ a | lowr }}") == "mapping.yaml:11:18: error: unknown filter \"lowr\"\n"
                                              "  hint: did you mean \"lower\"?\n");
    CHECK(template_error("{{ a | frobnicate }}") ==
          "mapping.yaml:11:18: error: unknown filter \"frobnicate\"\n"
          "  hint: filters: \"trim\", \"lower\", \"upper\", \"replace\", \"regex_replace\", "
          "\"split\", \"join\", \"default\", \"coalesce\", \"number\", \"int\", \"bool\", ...\n");
    // Errors in several expressions of one rule are all reported.
    CHECK(load_errors(with_rule("    key: \"{{ a = }}\"\n    name: \"{{ b | nope }}\"\n"
                                "    when: \"{{ c }}\"\n")) ==
          "mapping.yaml:8:16: error: unexpected \"=\"\n"
          "  hint: compare with ==\n"
          "mapping.yaml:9:19: error: unknown filter \"nope\"\n"
          "  hint: filters: \"trim\", \"lower\", \"upper\", \"replace\", \"regex_replace\", "
          "\"split\", \"join\", \"default\", \"coalesce\", \"number\", \"int\", \"bool\", ...\n"
          "mapping.yaml:10:12: error: an expression is written without {{ }}\n"
          "  hint: write the expression itself, e.g. status != 'retired'\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n    when: \"\"\n")) ==
          "mapping.yaml:10:12: error: the expression is empty\n"
          "  hint: e.g. status != 'retired'\n");
    CHECK(load_errors(with_rule("    key: k\n    name: n\n    when: \"a == 1 b\"\n")) ==
          "mapping.yaml:10:19: error: unexpected \"b\" after the expression\n"
          "  hint: combine conditions with and / or\n");
}

TEST_CASE("mapping: positions inside block and double-quoted scalars") {
    // Literal block: the expression is on the line after the indicator.
    CHECK(load_errors(
              with_rule("    key: k\n    name: |\n      first line\n      {{ x | nope }}\n")) ==
          "mapping.yaml:11:14: error: unknown filter \"nope\"\n"
          "  hint: filters: \"trim\", \"lower\", \"upper\", \"replace\", \"regex_replace\", "
          "\"split\", \"join\", \"default\", \"coalesce\", \"number\", \"int\", \"bool\", ...\n");
    // Escapes before the error shift the raw column, not the decoded one.
    CHECK(load_errors(with_rule("    key: k\n    name: \"\\t{{ x | nope }}\"\n")) ==
          "mapping.yaml:9:21: error: unknown filter \"nope\"\n"
          "  hint: filters: \"trim\", \"lower\", \"upper\", \"replace\", \"regex_replace\", "
          "\"split\", \"join\", \"default\", \"coalesce\", \"number\", \"int\", \"bool\", ...\n");
}

TEST_CASE("mapping: when filters records and must be true or false") {
    Table t;
    t.columns = {"id", "status", "flag"};
    t.rows = {{Value("1"), Value("live"), Value("yes")},
              {Value("2"), Value("retired"), Value("TRUE")},
              {Value("3"), Value(), Value("false")}};
    MemorySources sources;
    sources.add("apps", t);
    auto m = load_text(
        with_rule("    key: \"{{ id }}\"\n    name: n\n    when: \"status != 'retired'\"\n"));
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    CHECK(diags.to_string() == "");
    REQUIRE(state.components.size() == 2);
    CHECK(state.components[0].key == "1");
    CHECK(state.components[1].key == "3");

    auto flag = load_text(with_rule("    key: \"{{ id }}\"\n    name: n\n    when: flag\n"));
    model::Diagnostics flag_diags;
    state = mapping::evaluate(flag, sources.opener(), flag_diags);
    REQUIRE(state.components.size() == 1);
    CHECK(state.components[0].key == "2");
    CHECK(flag_diags.to_string() ==
          "apps.csv:2: error: when of component rule mapping.yaml:6 (Application): expected "
          "true or false, got the string \"yes\" (at mapping.yaml:10:11)\n"
          "  hint: compare the value (flag == 'yes') or convert it (flag | bool)\n");

    auto literal = load_text(with_rule("    key: \"{{ id }}\"\n    name: n\n    when: false\n"));
    model::Diagnostics none;
    CHECK(mapping::evaluate(literal, sources.opener(), none).components.empty());
}

TEST_CASE("mapping: run-time type errors in expressions") {
    auto r = eval_template("{{ s > 1 }}", row({"s"}, {Value("abc")}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): cannot compare \"abc\" with a number (at "
                           "mapping.yaml:11:14)\n"
                           "  hint: compare with a 'string', or convert the value with | number\n");
    CHECK_FALSE(r.emitted);
    r = eval_template("{{ s.email }}", row({"s"}, {Value("abc")}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): cannot read \"email\" of the string \"abc\" (at "
                           "mapping.yaml:11:14)\n"
                           "  hint: a.b reads member b of an object; check the path s.email\n");
    r = eval_template("{{ s[0] }}", row({"s"}, {Value(4)}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): cannot take item [0] of the number 4 (at "
                           "mapping.yaml:11:14)\n"
                           "  hint: [n] reads an item of a list; check the path s[0]\n");
    r = eval_template("{{ 'a' in s }}", row({"s"}, {Value(4)}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): cannot look for a value in the number 4 (at "
                           "mapping.yaml:11:14)\n"
                           "  hint: the right side of in is a list (['a', 'b']), a string or an "
                           "object\n");
    r = eval_template("{{ s < [1] }}", row({"s"}, {Value(4)}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): cannot order a list (at mapping.yaml:11:14)\n"
                           "  hint: <, <=, > and >= compare numbers or strings\n");
    r = eval_template("{{ s and true }}", row({"s"}, {Value(1)}));
    CHECK(r.diagnostics == "apps.csv:2: error: field \"v\" of component rule mapping.yaml:6 "
                           "(Application): expected true or false, got the number 1 (at "
                           "mapping.yaml:11:14)\n"
                           "  hint: compare the value (s == 'yes') or convert it (s | bool)\n");
}
