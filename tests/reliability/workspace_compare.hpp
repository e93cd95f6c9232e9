#pragma once
// Test support for the reliability tests: the workspace in the emulator, entity by entity,
// as one line per entity ("component app-3 Application \"App 3\" parent=dom-3
// annual_cost=30 lifecycle=Live", "reference app-3 -> app-22 Depends on") with its count,
// and the comparison of two such sets: missing, duplicated, extra.

#include <boost/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace ardoq::test::reliability {

inline constexpr const char* k_workspace = "aaaaaaaaaaaaaaaaaaaaaa01";

using EntityCounts = std::map<std::string, int>;

namespace detail {

inline std::string component_line(const std::string& key, const std::string& type,
                                  const std::string& name, const std::string& parent,
                                  const std::string& fields) {
    return "component " + key + " " + type + " \"" + name + "\" parent=" + parent + fields;
}

inline std::string number_text(const boost::json::value& v) {
    if (v.is_int64())
        return std::to_string(v.as_int64());
    if (v.is_uint64())
        return std::to_string(v.as_uint64());
    if (v.is_double()) {
        const double d = v.as_double();
        if (std::floor(d) == d && std::fabs(d) < 1e15)
            return std::to_string(static_cast<long long>(d));
    }
    return boost::json::serialize(v);
}

} // namespace detail

// The entities of the workspace in the emulator's state (GET /_emulator/state), parents
// and reference endpoints named by their external_id.
inline EntityCounts actual_entities(const std::string& state_json) {
    const boost::json::value state = boost::json::parse(state_json);
    const std::map<std::string, std::string> types{{"p1000000000001", "Domain"},
                                                   {"p1000000000002", "Application"}};
    const std::map<std::int64_t, std::string> reference_types{{2, "Depends on"}, {3, "Runs on"}};
    // id -> external_id, so that parents and endpoints read as keys.
    std::map<std::string, std::string> key_of;
    auto field = [](const boost::json::object& o, const char* name) -> const boost::json::value* {
        const auto* fields = o.if_contains("customFields");
        if (fields == nullptr || !fields->is_object())
            return nullptr;
        const auto* v = fields->as_object().if_contains(name);
        return v != nullptr && !v->is_null() ? v : nullptr;
    };
    for (const auto& c : state.at("components").as_array()) {
        const auto& o = c.as_object();
        const auto* key = field(o, "external_id");
        key_of[std::string(o.at("_id").as_string())] =
            key != nullptr ? std::string(key->as_string()) : "(no key)";
    }
    auto key = [&](const boost::json::value& id) {
        if (!id.is_string())
            return std::string("-");
        auto it = key_of.find(std::string(id.as_string()));
        return it == key_of.end() ? "(unknown " + std::string(id.as_string()) + ")" : it->second;
    };
    EntityCounts out;
    for (const auto& c : state.at("components").as_array()) {
        const auto& o = c.as_object();
        if (o.at("rootWorkspace") != k_workspace)
            continue;
        const std::string type_id(o.at("typeId").as_string());
        const auto type = types.find(type_id);
        std::string fields;
        if (const auto* cost = field(o, "annual_cost"))
            fields += " annual_cost=" + detail::number_text(*cost);
        if (const auto* lifecycle = field(o, "lifecycle"))
            fields += " lifecycle=" + std::string(lifecycle->as_string());
        const auto* parent = o.if_contains("parent");
        ++out[detail::component_line(key(o.at("_id")), type == types.end() ? type_id : type->second,
                                     std::string(o.at("name").as_string()),
                                     parent != nullptr ? key(*parent) : "-", fields)];
    }
    for (const auto& r : state.at("references").as_array()) {
        const auto& o = r.as_object();
        if (const auto* ws = o.if_contains("rootWorkspace"); ws != nullptr && *ws != k_workspace)
            continue;
        const auto type = reference_types.find(o.at("type").to_number<std::int64_t>());
        ++out["reference " + key(o.at("source")) + " -> " + key(o.at("target")) + " " +
              (type == reference_types.end() ? boost::json::serialize(o.at("type"))
                                             : type->second)];
    }
    return out;
}

// Desired entities absent, present more than once, and present but not desired (a changed
// entity counts as one missing and one extra); `sample` shows the first few.
struct Comparison {
    std::size_t missing = 0;
    std::size_t duplicated = 0;
    std::size_t extra = 0;
    std::size_t matched = 0;
    std::string sample;
};

inline Comparison compare(const EntityCounts& desired, const EntityCounts& actual) {
    Comparison c;
    auto note = [&c](const std::string& what, const std::string& line) {
        if (c.missing + c.duplicated + c.extra <= 5)
            c.sample += what + ": " + line + "\n";
    };
    for (const auto& [line, n] : desired) {
        const auto it = actual.find(line);
        if (it == actual.end()) {
            ++c.missing;
            note("missing", line);
        } else if (it->second > n) {
            ++c.duplicated;
            note("duplicated x" + std::to_string(it->second), line);
        } else {
            ++c.matched;
        }
    }
    for (const auto& [line, n] : actual)
        if (desired.find(line) == desired.end()) {
            ++c.extra;
            note("extra", line);
        }
    return c;
}

} // namespace ardoq::test::reliability
