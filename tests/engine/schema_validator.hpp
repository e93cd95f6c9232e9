#pragma once
// Test support: validates JSON against a schema of an OpenAPI 3 document, for the subset
// of OpenAPI / JSON Schema that openapi.json uses: $ref (local), type, nullable,
// properties, required, additionalProperties, items, anyOf, allOf, enum, minimum.
// Unknown keywords (title, description, example, format, x-*) are annotations.
//
// Strict mode also rejects properties a schema with `properties` does not list (when it has
// no additionalProperties): OpenAPI allows them, but a property Ardoq does not know is a
// typo in a request we build.

#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::test {

class SchemaValidator {
public:
    SchemaValidator(boost::json::value document, bool strict)
        : m_doc(std::move(document)), m_strict(strict) {}

    static SchemaValidator from_file(const std::string& path, bool strict) {
        std::ifstream in(path);
        if (!in)
            throw std::runtime_error("cannot open " + path);
        std::stringstream text;
        text << in.rdbuf();
        return SchemaValidator(boost::json::parse(text.str()), strict);
    }

    // Problems of `instance` against components.schemas.<schema>: "path: message", empty
    // when valid.
    std::vector<std::string> validate(const boost::json::value& instance,
                                      std::string_view schema) const {
        std::vector<std::string> errors;
        check(resolve("#/components/schemas/" + std::string(schema)), instance, "$", errors);
        return errors;
    }

private:
    const boost::json::value& resolve(const std::string& ref) const {
        if (ref.rfind("#/", 0) != 0)
            throw std::runtime_error("only local $ref are supported: " + ref);
        std::error_code ec;
        const boost::json::value* v = m_doc.find_pointer(ref.substr(1), ec);
        if (v == nullptr)
            throw std::runtime_error("unresolvable $ref " + ref);
        return *v;
    }

    static std::string type_of(const boost::json::value& v) {
        switch (v.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
            return "integer";
        case boost::json::kind::double_:
            return "number";
        case boost::json::kind::string:
            return "string";
        case boost::json::kind::array:
            return "array";
        case boost::json::kind::object:
            return "object";
        }
        return "?";
    }

    static bool has_type(const boost::json::value& v, std::string_view type) {
        auto actual = type_of(v);
        return actual == type || (type == "number" && actual == "integer");
    }

    void check(const boost::json::value& schema_value, const boost::json::value& v,
               const std::string& path, std::vector<std::string>& errors) const {
        if (!schema_value.is_object())
            return; // `true`-like schemas (e.g. {}) accept everything
        const auto& schema = schema_value.as_object();
        if (const auto* ref = schema.if_contains("$ref")) {
            check(resolve(std::string(ref->as_string())), v, path, errors);
            return;
        }
        if (v.is_null()) {
            const auto* nullable = schema.if_contains("nullable");
            const auto* type = schema.if_contains("type");
            if ((nullable && nullable->as_bool()) || type == nullptr)
                return;
            errors.push_back(path + ": null is not allowed (type " +
                             std::string(type->as_string()) + ")");
            return;
        }
        if (const auto* type = schema.if_contains("type");
            type && !has_type(v, type->as_string())) {
            errors.push_back(path + ": expected " + std::string(type->as_string()) + ", got " +
                             type_of(v));
            return;
        }
        if (const auto* e = schema.if_contains("enum")) {
            bool found = false;
            for (const auto& option : e->as_array())
                found = found || option == v;
            if (!found)
                errors.push_back(path + ": " + boost::json::serialize(v) + " is not one of " +
                                 boost::json::serialize(*e));
        }
        if (const auto* min = schema.if_contains("minimum");
            min && v.is_number() && v.to_number<double>() < min->to_number<double>())
            errors.push_back(path + ": " + boost::json::serialize(v) + " is below the minimum " +
                             boost::json::serialize(*min));
        if (const auto* any = schema.if_contains("anyOf")) {
            bool ok = false;
            for (const auto& option : any->as_array()) {
                std::vector<std::string> sub;
                check(option, v, path, sub);
                ok = ok || sub.empty();
            }
            if (!ok)
                errors.push_back(path + ": matches none of anyOf");
        }
        if (const auto* all = schema.if_contains("allOf"))
            for (const auto& option : all->as_array())
                check(option, v, path, errors);
        if (v.is_array())
            if (const auto* items = schema.if_contains("items")) {
                std::size_t i = 0;
                for (const auto& item : v.as_array())
                    check(*items, item, path + "[" + std::to_string(i++) + "]", errors);
            }
        if (v.is_object())
            check_object(schema, v.as_object(), path, errors);
    }

    void check_object(const boost::json::object& schema, const boost::json::object& v,
                      const std::string& path, std::vector<std::string>& errors) const {
        if (const auto* required = schema.if_contains("required"))
            for (const auto& name : required->as_array())
                if (!v.contains(name.as_string()))
                    errors.push_back(path + ": missing required property \"" +
                                     std::string(name.as_string()) + "\"");
        const auto* properties = schema.if_contains("properties");
        const auto* additional = schema.if_contains("additionalProperties");
        for (const auto& [key, value] : v) {
            const std::string at = path + "." + std::string(key);
            if (properties)
                if (const auto* p = properties->as_object().if_contains(key)) {
                    check(*p, value, at, errors);
                    continue;
                }
            if (additional) {
                if (additional->is_bool() && !additional->as_bool())
                    errors.push_back(at + ": property not allowed");
                else
                    check(*additional, value, at, errors);
            } else if (m_strict && properties) {
                errors.push_back(at + ": unknown property");
            }
        }
    }

    boost::json::value m_doc;
    bool m_strict;
};

} // namespace ardoq::test
