#include "model/type_name.hpp"

#include <doctest/doctest.h>

#include <string>

using ardoq::model::TypeName;

TEST_CASE("type name: interned, compared by text, read like a string") {
    const std::string name = "Application";
    TypeName a = name;
    TypeName b = std::string_view("Application");
    TypeName c = "Domain";
    CHECK(a == b);
    CHECK(&a.str() == &b.str()); // one interned copy
    CHECK_FALSE(a == c);
    CHECK(a == "Application");
    CHECK(a == std::string_view("Application"));
    CHECK(a < c); // by text: "Application" before "Domain"
    CHECK(TypeName().empty());
    CHECK(TypeName() == TypeName(""));
    CHECK(a.size() == 11);
    CHECK("unknown type \"" + a + "\"" == "unknown type \"Application\"");
    CHECK(a + " " + c.str() == "Application Domain");
    const std::string& as_string = a;
    CHECK(as_string == "Application");
    std::string_view view = c;
    CHECK(view == "Domain");
}
