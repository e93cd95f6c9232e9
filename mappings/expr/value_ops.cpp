#include "mappings/expr/value_ops.hpp"

#include <charconv>
#include <cstdint>

namespace ardoq::mapping::expr {

using model::Value;

std::string_view trim_view(std::string_view s) noexcept {
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::optional<Value> parse_number(std::string_view text) {
    text = trim_view(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    const std::size_t digit_at = text.front() == '-' ? 1 : 0;
    if (digit_at >= text.size() ||
        !((text[digit_at] >= '0' && text[digit_at] <= '9') || text[digit_at] == '.'))
        return std::nullopt; // rejects "inf", "nan", "-"
    const char* first = text.data();
    const char* last = text.data() + text.size();
    std::int64_t i = 0;
    auto ri = std::from_chars(first, last, i);
    if (ri.ec == std::errc() && ri.ptr == last)
        return Value(i);
    double d = 0;
    auto rd = std::from_chars(first, last, d);
    if (rd.ec == std::errc() && rd.ptr == last)
        return Value(d);
    return std::nullopt;
}

namespace {
bool numbers_equal(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int())
        return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
}
bool text_is_bool(std::string_view s, bool b) {
    const std::string_view want = b ? "true" : "false";
    if (s.size() != want.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != want[i])
            return false;
    }
    return true;
}
} // namespace

bool values_equal(const Value& a, const Value& b) {
    if (a.is_null() || b.is_null())
        return a.is_null() && b.is_null();
    if (a.is_number() && b.is_number())
        return numbers_equal(a, b);
    if (a.is_number() && b.is_string()) {
        auto n = parse_number(b.as_string());
        return n && numbers_equal(a, *n);
    }
    if (a.is_string() && b.is_number())
        return values_equal(b, a);
    if (a.is_bool() && b.is_string())
        return text_is_bool(b.as_string(), a.as_bool());
    if (a.is_string() && b.is_bool())
        return text_is_bool(a.as_string(), b.as_bool());
    return a == b;
}

bool is_blank(const Value& v) noexcept {
    switch (v.kind()) {
    case model::ValueKind::null:
        return true;
    case model::ValueKind::string:
        return v.as_string().empty();
    case model::ValueKind::list:
        return v.as_list().empty();
    case model::ValueKind::object:
        return v.as_object().empty();
    default:
        return false;
    }
}

void append_value_text(const Value& v, std::string& out) {
    switch (v.kind()) {
    case model::ValueKind::null:
        return;
    case model::ValueKind::string:
        out += v.as_string();
        return;
    case model::ValueKind::integer: {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v.as_int());
        out.append(buf, r.ptr);
        return;
    }
    case model::ValueKind::boolean:
        out += v.as_bool() ? "true" : "false";
        return;
    default:
        out += v.to_text();
        return;
    }
}

std::string_view text_of(const Value& v, std::string& buffer) {
    if (v.is_string())
        return v.as_string();
    buffer.clear();
    append_value_text(v, buffer);
    return buffer;
}

std::string show_value(const Value& v) {
    if (v.is_bool())
        return v.as_bool() ? "true" : "false";
    return v.to_json();
}

} // namespace ardoq::mapping::expr
