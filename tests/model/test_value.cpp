#include "model/value.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace ardoq::model;

TEST_CASE("value: kinds and accessors") {
    CHECK(Value().is_null());
    CHECK(Value(true).as_bool());
    CHECK(Value(std::int64_t{9007199254740993}).as_int() == 9007199254740993);
    CHECK(Value(2.5).as_double() == 2.5);
    CHECK(Value(3).as_double() == 3.0);
    CHECK(Value("x").as_string() == "x");
    CHECK(kind_name(Value(List{}).kind()) == "list");
    CHECK(kind_name(Value(Object{}).kind()) == "object");
}

TEST_CASE("value: int and double are different values") {
    CHECK_FALSE(Value(1) == Value(1.0));
    CHECK(Value(1) == Value(std::int64_t{1}));
}

TEST_CASE("value: text rendering used by templates") {
    CHECK(Value().to_text() == "");
    CHECK(Value(false).to_text() == "false");
    CHECK(Value(-42).to_text() == "-42");
    CHECK(Value(0.1).to_text() == "0.1");
    CHECK(Value(1e300).to_text() == "1e+300");
    CHECK(Value(std::numeric_limits<std::int64_t>::min()).to_text() == "-9223372036854775808");
    CHECK(Value(List{Value(1), Value("a\"b")}).to_text() == R"([1,"a\"b"])");
}

TEST_CASE("value: JSON rendering escapes control characters") {
    CHECK(Value("tab\there\n\x01").to_json() == R"("tab\there\n\u0001")");
    Object o{{"k", Value(List{Value(), Value(true)})}};
    CHECK(Value(o).to_json() == R"({"k":[null,true]})");
}

TEST_CASE("value: object lookup and in-place string assignment") {
    Value v(Object{{"email", Value("a@b.c")}, {"n", Value(1)}});
    REQUIRE(v.find("email") != nullptr);
    CHECK(v.find("email")->as_string() == "a@b.c");
    CHECK(v.find("missing") == nullptr);
    CHECK(Value(1).find("email") == nullptr);

    Value s("a fairly long string that does not fit in SSO");
    const char* buffer = s.as_string().data();
    s.assign_string("short");
    CHECK(s.as_string() == "short");
    CHECK(s.as_string().data() == buffer);
    Value n;
    n.assign_string("now a string");
    CHECK(n.as_string() == "now a string");
}
