#pragma once
// Test support: a small JSON Schema validator for the subset of draft 2020-12 that
// mappings/schema/mapping.schema.json uses, and YAML -> JSON with the loader's scalar
// rules, so that the schema and the loader can be compared on the same files.
// A schema keyword this validator does not know is an error (never silently ignored).
// Named apart from the OpenAPI validator of tests/engine/schema_validator.hpp: both are
// header-only classes in one test executable, and one name would break the ODR.

#include "mappings/load/load_context.hpp"

#include <boost/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace ardoq::test {

namespace json = boost::json;

inline json::value yaml_to_json(const YAML::Node& node) {
    if (!node || node.IsNull())
        return nullptr;
    if (node.IsMap()) {
        json::object o;
        for (auto it = node.begin(); it != node.end(); ++it)
            o[it->first.Scalar()] = yaml_to_json(it->second);
        return o;
    }
    if (node.IsSequence()) {
        json::array a;
        for (const auto& item : node)
            a.push_back(yaml_to_json(item));
        return a;
    }
    const model::Value v = mapping::load::scalar_value(node);
    switch (v.kind()) {
    case model::ValueKind::null:
        return nullptr;
    case model::ValueKind::boolean:
        return v.as_bool();
    case model::ValueKind::integer:
        return v.as_int();
    case model::ValueKind::real:
        return v.as_double();
    default:
        return json::string(v.as_string());
    }
}

class DraftSchemaValidator {
public:
    explicit DraftSchemaValidator(json::value schema) : m_root(std::move(schema)) {}

    // Violations as "<path>: <what>"; empty when the instance is valid.
    std::vector<std::string> validate(const json::value& instance) const {
        std::vector<std::string> errors;
        check(m_root, instance, "$", errors);
        return errors;
    }

private:
    static bool is_number(const json::value& v) {
        return v.is_int64() || v.is_uint64() || v.is_double();
    }
    static double number(const json::value& v) {
        return v.is_int64()    ? static_cast<double>(v.as_int64())
               : v.is_uint64() ? static_cast<double>(v.as_uint64())
                               : v.as_double();
    }
    static bool equal(const json::value& a, const json::value& b) {
        if (is_number(a) && is_number(b))
            return number(a) == number(b);
        return a == b;
    }
    static bool has_type(const json::value& v, std::string_view type) {
        if (type == "object")
            return v.is_object();
        if (type == "array")
            return v.is_array();
        if (type == "string")
            return v.is_string();
        if (type == "boolean")
            return v.is_bool();
        if (type == "null")
            return v.is_null();
        if (type == "number")
            return is_number(v);
        if (type == "integer")
            return is_number(v) && std::trunc(number(v)) == number(v);
        throw std::logic_error("schema: unknown type " + std::string(type));
    }
    static std::size_t code_points(std::string_view s) {
        std::size_t n = 0;
        for (char c : s)
            n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return n;
    }

    const json::value& resolve(std::string_view ref) const {
        if (ref.substr(0, 2) != "#/")
            throw std::logic_error("schema: only local $ref is supported: " + std::string(ref));
        const json::value* at = &m_root;
        std::size_t pos = 2;
        while (pos <= ref.size()) {
            const std::size_t slash = ref.find('/', pos);
            const std::string part(
                ref.substr(pos, slash == std::string_view::npos ? slash : slash - pos));
            at = &at->as_object().at(part);
            if (slash == std::string_view::npos)
                break;
            pos = slash + 1;
        }
        return *at;
    }

    bool valid(const json::value& schema, const json::value& v, const std::string& path) const {
        std::vector<std::string> errors;
        check(schema, v, path, errors);
        return errors.empty();
    }

    void check(const json::value& schema_value, const json::value& v, const std::string& path,
               std::vector<std::string>& errors) const {
        if (schema_value.is_bool()) {
            if (!schema_value.as_bool())
                errors.push_back(path + ": not allowed");
            return;
        }
        const json::object& s = schema_value.as_object();
        for (const auto& [key, arg] : s) {
            if (key == "$schema" || key == "$id" || key == "title" || key == "description" ||
                key == "$defs" || key == "then" || key == "else")
                continue;
            if (key == "$ref") {
                check(resolve(arg.as_string()), v, path, errors);
            } else if (key == "type") {
                bool ok = false;
                if (arg.is_string())
                    ok = has_type(v, arg.as_string());
                else
                    for (const auto& t : arg.as_array())
                        ok = ok || has_type(v, t.as_string());
                if (!ok)
                    errors.push_back(path + ": wrong type");
            } else if (key == "enum") {
                bool ok = false;
                for (const auto& e : arg.as_array())
                    ok = ok || equal(e, v);
                if (!ok)
                    errors.push_back(path + ": not one of the allowed values");
            } else if (key == "const") {
                if (!equal(arg, v))
                    errors.push_back(path + ": not the constant");
            } else if (key == "properties") {
                if (!v.is_object())
                    continue;
                for (const auto& [name, sub] : arg.as_object())
                    if (const auto* member = v.as_object().if_contains(name))
                        check(sub, *member, path + "." + std::string(name), errors);
            } else if (key == "required") {
                if (!v.is_object())
                    continue;
                for (const auto& name : arg.as_array())
                    if (!v.as_object().contains(name.as_string()))
                        errors.push_back(path + ": missing " + std::string(name.as_string()));
            } else if (key == "additionalProperties") {
                if (!v.is_object())
                    continue;
                const json::object* props =
                    s.contains("properties") ? &s.at("properties").as_object() : nullptr;
                for (const auto& [name, member] : v.as_object())
                    if (!props || !props->contains(name))
                        check(arg, member, path + "." + std::string(name), errors);
            } else if (key == "propertyNames") {
                if (!v.is_object())
                    continue;
                for (const auto& [name, member] : v.as_object())
                    check(arg, json::string(name), path + "." + std::string(name) + "(name)",
                          errors);
            } else if (key == "minProperties") {
                if (v.is_object() &&
                    v.as_object().size() < static_cast<std::size_t>(arg.as_int64()))
                    errors.push_back(path + ": too few members");
            } else if (key == "items") {
                if (!v.is_array())
                    continue;
                std::size_t i = 0;
                for (const auto& item : v.as_array())
                    check(arg, item, path + "[" + std::to_string(i++) + "]", errors);
            } else if (key == "minItems") {
                if (v.is_array() && v.as_array().size() < static_cast<std::size_t>(arg.as_int64()))
                    errors.push_back(path + ": too few items");
            } else if (key == "minLength") {
                if (v.is_string() &&
                    code_points(v.as_string()) < static_cast<std::size_t>(arg.as_int64()))
                    errors.push_back(path + ": too short");
            } else if (key == "pattern") {
                if (v.is_string() && !std::regex_search(std::string(v.as_string()),
                                                        std::regex(std::string(arg.as_string()))))
                    errors.push_back(path + ": does not match " + std::string(arg.as_string()));
            } else if (key == "minimum") {
                if (is_number(v) && number(v) < number(arg))
                    errors.push_back(path + ": below the minimum");
            } else if (key == "maximum") {
                if (is_number(v) && number(v) > number(arg))
                    errors.push_back(path + ": above the maximum");
            } else if (key == "oneOf" || key == "anyOf") {
                std::size_t passed = 0;
                for (const auto& sub : arg.as_array())
                    passed += valid(sub, v, path) ? 1 : 0;
                if (key == "oneOf" ? passed != 1 : passed == 0)
                    errors.push_back(path + ": " + std::string(key) + " matched " +
                                     std::to_string(passed));
            } else if (key == "allOf") {
                for (const auto& sub : arg.as_array())
                    check(sub, v, path, errors);
            } else if (key == "not") {
                if (valid(arg, v, path))
                    errors.push_back(path + ": matches a schema it must not");
            } else if (key == "if") {
                const bool cond = valid(arg, v, path);
                if (cond && s.contains("then"))
                    check(s.at("then"), v, path, errors);
                if (!cond && s.contains("else"))
                    check(s.at("else"), v, path, errors);
            } else {
                throw std::logic_error("schema: unsupported keyword " + std::string(key));
            }
        }
    }

    json::value m_root;
};

} // namespace ardoq::test
