#include "model/diagnostic.hpp"

#include "model/errors.hpp"
#include "model/expected.hpp"

#include <doctest/doctest.h>

using namespace ardoq::model;

TEST_CASE("diagnostic: file:line:col, message and hint") {
    auto d =
        make_error({"mapping.yaml", 17, 9}, "unknown key \"emial\"", "did you mean \"email\"?");
    CHECK(d.to_string() ==
          "mapping.yaml:17:9: error: unknown key \"emial\"\n  hint: did you mean \"email\"?");
    CHECK(make_error({"apps.csv", 42, 0}, "bad").to_string() == "apps.csv:42: error: bad");
    CHECK(make_error({}, "no place").to_string() == "error: no place");
}

TEST_CASE("diagnostics: collects up to the cap and counts the rest") {
    Diagnostics ds(2);
    ds.error({"m.yaml", 1, 1}, "one");
    ds.warning({"m.yaml", 2, 1}, "two");
    ds.error({"m.yaml", 3, 1}, "three");
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 2);
    CHECK(ds.items().size() == 2);
    CHECK(ds.dropped() == 1);
    CHECK(ds.to_string() == "m.yaml:1:1: error: one\nm.yaml:2:1: warning: two\n... and 1 more\n");
    InputError e(ds);
    CHECK(e.diagnostics().size() == 2);
}

TEST_CASE("expected: value or error") {
    Expected<int> ok(5);
    REQUIRE(ok);
    CHECK(*ok == 5);
    Expected<int> bad = unexpected(make_error({"f", 1, 0}, "nope"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "nope");
}

TEST_CASE("diagnostics: append keeps what adding one by one would keep") {
    Diagnostics first(3);
    first.warning({"a.csv", 1, 0}, "a1");
    Diagnostics later(3);
    later.error({"b.csv", 1, 0}, "b1");
    later.error({"b.csv", 2, 0}, "b2");
    later.warning({"b.csv", 3, 0}, "b3");
    later.error({"b.csv", 4, 0}, "b4"); // beyond later's cap: counted there
    first.append(std::move(later));
    CHECK(first.error_count() == 3);
    CHECK(first.dropped() == 2); // b3 (over first's cap) and b4
    CHECK(first.to_string() ==
          "a.csv:1: warning: a1\nb.csv:1: error: b1\nb.csv:2: error: b2\n... and 2 more\n");
    CHECK(later.items().empty());
    CHECK(later.error_count() == 0);
    CHECK(first.cap() == 3);
}
