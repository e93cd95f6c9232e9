#include "model/value.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace ardoq::model {

std::string_view kind_name(ValueKind kind) noexcept {
    switch (kind) {
    case ValueKind::null:
        return "null";
    case ValueKind::boolean:
        return "bool";
    case ValueKind::integer:
        return "int";
    case ValueKind::real:
        return "double";
    case ValueKind::string:
        return "string";
    case ValueKind::list:
        return "list";
    case ValueKind::object:
        return "object";
    }
    return "?";
}

Value::Value(List l) noexcept : m_v(std::move(l)) {}
Value::Value(Object o) noexcept : m_v(std::move(o)) {}

bool Value::as_bool() const {
    assert(is_bool());
    return std::get<bool>(m_v);
}
std::int64_t Value::as_int() const {
    assert(is_int());
    return std::get<std::int64_t>(m_v);
}
double Value::as_double() const {
    assert(is_number());
    if (is_int())
        return static_cast<double>(std::get<std::int64_t>(m_v));
    return std::get<double>(m_v);
}
const std::string& Value::as_string() const {
    assert(is_string());
    return std::get<std::string>(m_v);
}
std::string& Value::as_string() {
    assert(is_string());
    return std::get<std::string>(m_v);
}
const List& Value::as_list() const {
    assert(is_list());
    return std::get<List>(m_v);
}
List& Value::as_list() {
    assert(is_list());
    return std::get<List>(m_v);
}
const Object& Value::as_object() const {
    assert(is_object());
    return std::get<Object>(m_v);
}
Object& Value::as_object() {
    assert(is_object());
    return std::get<Object>(m_v);
}

const Value* Value::find(std::string_view key) const noexcept {
    if (!is_object())
        return nullptr;
    for (const auto& f : std::get<Object>(m_v))
        if (f.key == key)
            return &f.value;
    return nullptr;
}

void Value::assign_string(std::string_view s) {
    if (auto* str = std::get_if<std::string>(&m_v))
        str->assign(s.data(), s.size());
    else
        m_v.emplace<std::string>(s);
}

std::string format_double(double d) {
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d < 0 ? "-Infinity" : "Infinity";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, res.ptr);
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", u);
                out += esc;
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

void append_json(std::string& out, const Value& v) {
    switch (v.kind()) {
    case ValueKind::null:
        out += "null";
        break;
    case ValueKind::boolean:
        out += v.as_bool() ? "true" : "false";
        break;
    case ValueKind::integer:
        out += std::to_string(v.as_int());
        break;
    case ValueKind::real: {
        double d = v.as_double();
        out += std::isfinite(d) ? format_double(d) : "null";
        break;
    }
    case ValueKind::string:
        append_json_string(out, v.as_string());
        break;
    case ValueKind::list: {
        out.push_back('[');
        bool first = true;
        for (const auto& item : v.as_list()) {
            if (!first)
                out.push_back(',');
            first = false;
            append_json(out, item);
        }
        out.push_back(']');
        break;
    }
    case ValueKind::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& f : v.as_object()) {
            if (!first)
                out.push_back(',');
            first = false;
            append_json_string(out, f.key);
            out.push_back(':');
            append_json(out, f.value);
        }
        out.push_back('}');
        break;
    }
    }
}

} // namespace

std::string Value::to_text() const {
    switch (kind()) {
    case ValueKind::null:
        return {};
    case ValueKind::boolean:
        return as_bool() ? "true" : "false";
    case ValueKind::integer:
        return std::to_string(as_int());
    case ValueKind::real:
        return format_double(as_double());
    case ValueKind::string:
        return as_string();
    case ValueKind::list:
    case ValueKind::object:
        return to_json();
    }
    return {};
}

std::string Value::to_json() const {
    std::string out;
    append_json(out, *this);
    return out;
}

bool operator==(const Value& a, const Value& b) noexcept {
    return a.m_v == b.m_v;
}

} // namespace ardoq::model
