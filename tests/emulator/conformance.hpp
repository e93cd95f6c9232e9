#pragma once
// Helpers shared by the emulator's conformance tests (tests/emulator/test_*.cpp).

#include "support/emulator.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace ardoq::test::conformance {

namespace json = boost::json;

inline constexpr const char* k_portfolio = "aaaaaaaaaaaaaaaaaaaaaa01";
inline constexpr const char* k_infrastructure = "aaaaaaaaaaaaaaaaaaaaaa02";
inline constexpr const char* k_domain_type = "p1000000000001";
inline constexpr const char* k_application_type = "p1000000000002";
inline constexpr const char* k_server_type = "p2000000000001";
inline constexpr const char* k_sales = "cccccccccccccccccccccc01";
inline constexpr const char* k_crm = "cccccccccccccccccccccc02";
inline constexpr const char* k_webshop = "cccccccccccccccccccccc03";
inline constexpr const char* k_billing = "cccccccccccccccccccccc04";
inline constexpr const char* k_server = "cccccccccccccccccccccc05";
inline constexpr const char* k_webshop_crm = "dddddddddddddddddddddd01";
inline constexpr const char* k_crm_server = "dddddddddddddddddddddd02";

// An emulator seeded with tests/emulator/fixtures/portfolio.json.
inline EmulatorOptions portfolio(std::vector<std::string> extra = {}) {
    EmulatorOptions o;
    o.seed_file = emulator_fixture("portfolio.json");
    o.extra_args = std::move(extra);
    return o;
}

// The "_id" (or "id") of every object in an array, in order.
inline std::vector<std::string> ids(const json::value& array, const char* key = "_id") {
    std::vector<std::string> out;
    for (const auto& v : array.as_array())
        out.emplace_back(v.at(key).as_string());
    return out;
}

// "<status> <code>: <message>" of an error answer, for one exact comparison.
inline std::string error_of(const HttpResult& r) {
    auto j = r.json();
    std::string out = std::to_string(r.status) + " " + std::string(j.at("code").as_string()) +
                      ": " + std::string(j.at("message").as_string());
    if (auto* hint = j.as_object().if_contains("hint"))
        out += " | hint: " + std::string(hint->as_string());
    return out;
}

inline std::string str(const json::value& v) {
    return std::string(v.as_string());
}

} // namespace ardoq::test::conformance
