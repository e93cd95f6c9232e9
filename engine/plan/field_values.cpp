#include "plan/field_values.hpp"

#include "model/snapshot.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

namespace ardoq::plan {

namespace {

using model::FieldType;
using model::List;
using model::Value;

bool is_text_type(FieldType t) {
    switch (t) {
    case FieldType::text:
    case FieldType::text_area:
    case FieldType::email:
    case FieldType::url:
    case FieldType::list:
        return true;
    default:
        return false;
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A number from a value: numbers as they are, numeric text parsed (whole numbers as int).
std::optional<Value> as_number(const Value& v) {
    if (v.is_number())
        return v;
    if (!v.is_string())
        return std::nullopt;
    std::string_view s = trim(v.as_string());
    if (s.empty())
        return std::nullopt;
    std::int64_t i = 0;
    auto [ip, iec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (iec == std::errc{} && ip == s.data() + s.size())
        return Value(i);
    double d = 0;
    auto [dp, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (dec == std::errc{} && dp == s.data() + s.size() && std::isfinite(d))
        return Value(d);
    return std::nullopt;
}

bool same_number(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int())
        return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
}

std::optional<bool> as_bool(const Value& v) {
    if (v.is_bool())
        return v.as_bool();
    if (v.is_int() && (v.as_int() == 0 || v.as_int() == 1))
        return v.as_int() == 1;
    if (!v.is_string())
        return std::nullopt;
    std::string s = model::ascii_lower(trim(v.as_string()));
    if (s == "true" || s == "yes" || s == "1")
        return true;
    if (s == "false" || s == "no" || s == "0")
        return false;
    return std::nullopt;
}

// Items of a SelectMultipleList value as text: a list's items, or one item for a scalar.
std::vector<std::string> list_items(const Value& v) {
    std::vector<std::string> out;
    if (v.is_null())
        return out;
    if (v.is_list()) {
        for (const auto& item : v.as_list())
            if (!item.is_null())
                out.push_back(item.to_text());
        return out;
    }
    std::string text = v.to_text();
    if (!text.empty())
        out.push_back(std::move(text));
    return out;
}

// Text of a value for text fields; null and "" are both "no text".
std::string_view text_of(const Value& v, std::string& buffer) {
    if (v.is_string())
        return v.as_string();
    buffer = v.to_text();
    return buffer;
}

// --- DateTime ----------------------------------------------------------------------------

struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool eat(char c) {
        if (peek() != c)
            return false;
        ++i;
        return true;
    }
    // Exactly n digits.
    std::optional<int> digits(std::size_t n) {
        if (i + n > s.size())
            return std::nullopt;
        int v = 0;
        for (std::size_t k = 0; k < n; ++k) {
            char c = s[i + k];
            if (c < '0' || c > '9')
                return std::nullopt;
            v = v * 10 + (c - '0');
        }
        i += n;
        return v;
    }
};

// The canonical text of a date or date-time into `buf`; its length, or 0 when `text` is
// not one. Without allocating: a plan compares the dates of every joined component.
std::size_t normalize_date_time_into(std::string_view text, std::array<char, 40>& dest) {
    using namespace std::chrono;
    char* buf = dest.data();
    Cursor c{trim(text)};
    auto y = c.digits(4);
    if (!y || !c.eat('-'))
        return 0;
    auto mo = c.digits(2);
    if (!mo || !c.eat('-'))
        return 0;
    auto d = c.digits(2);
    if (!d)
        return 0;
    year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok())
        return 0;
    int hh = 0, mm = 0, ss = 0, ms = 0, offset_minutes = 0;
    if (!c.done()) {
        if (!c.eat('T') && !c.eat('t') && !c.eat(' '))
            return 0;
        auto h = c.digits(2);
        if (!h || !c.eat(':'))
            return 0;
        auto m = c.digits(2);
        if (!m)
            return 0;
        hh = *h;
        mm = *m;
        if (c.eat(':')) {
            auto s = c.digits(2);
            if (!s)
                return 0;
            ss = *s;
            if (c.eat('.') || c.eat(',')) {
                // Milliseconds from the first three fraction digits; the rest is dropped.
                int scale = 100;
                std::size_t count = 0;
                while (!c.done() && c.peek() >= '0' && c.peek() <= '9') {
                    if (scale > 0)
                        ms += (c.peek() - '0') * scale;
                    scale /= 10;
                    ++c.i;
                    ++count;
                }
                if (count == 0)
                    return 0;
            }
        }
        if (hh > 23 || mm > 59 || ss > 60)
            return 0;
        if (c.eat('Z') || c.eat('z')) {
        } else if (c.peek() == '+' || c.peek() == '-') {
            int sign = c.peek() == '-' ? -1 : 1;
            ++c.i;
            auto oh = c.digits(2);
            if (!oh)
                return 0;
            c.eat(':');
            auto om = c.digits(2);
            if (!om || *oh > 23 || *om > 59)
                return 0;
            offset_minutes = sign * (*oh * 60 + *om);
        }
        if (!c.done())
            return 0;
    }
    auto t = sys_days{ymd} + hours{hh} + minutes{mm} + seconds{ss} + milliseconds{ms} -
             minutes{offset_minutes};
    auto day_point = floor<days>(t);
    year_month_day out{day_point};
    hh_mm_ss<milliseconds> tod{floor<milliseconds>(t - day_point)};
    const int year = static_cast<int>(out.year());
    if (year < 0 || year > 9999) {
        const int n = std::snprintf(
            buf, dest.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year,
            static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()),
            static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
            static_cast<int>(tod.seconds().count()), static_cast<int>(tod.subseconds().count()));
        return n > 0 ? std::min<std::size_t>(static_cast<std::size_t>(n), dest.size() - 1) : 0;
    }
    auto put = [](char* at, long long v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            at[i] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        return at + width;
    };
    char* o = put(buf, year, 4);
    *o++ = '-';
    o = put(o, static_cast<unsigned>(out.month()), 2);
    *o++ = '-';
    o = put(o, static_cast<unsigned>(out.day()), 2);
    *o++ = 'T';
    o = put(o, tod.hours().count(), 2);
    *o++ = ':';
    o = put(o, tod.minutes().count(), 2);
    *o++ = ':';
    o = put(o, tod.seconds().count(), 2);
    *o++ = '.';
    o = put(o, tod.subseconds().count(), 3);
    *o++ = 'Z';
    return static_cast<std::size_t>(o - buf);
}

} // namespace

std::optional<std::string> normalize_date_time(std::string_view text) {
    std::array<char, 40> buf{};
    const std::size_t n = normalize_date_time_into(text, buf);
    if (n == 0)
        return std::nullopt;
    return std::string(buf.data(), n);
}

bool same_value(FieldType type, const Value& desired, const Value& existing) {
    // Equal values are the same under every type; the common case on a re-run costs a compare.
    if (desired.kind() == existing.kind() && desired == existing)
        return true;
    if (is_text_type(type) || type == FieldType::user) {
        std::string a_buf, b_buf;
        return text_of(desired, a_buf) == text_of(existing, b_buf);
    }
    switch (type) {
    case FieldType::number: {
        if (desired.is_null() || existing.is_null())
            return desired.is_null() && existing.is_null();
        auto a = as_number(desired);
        auto b = as_number(existing);
        if (a && b)
            return same_number(*a, *b);
        return desired == existing;
    }
    case FieldType::checkbox: {
        auto a = as_bool(desired);
        auto b = as_bool(existing);
        if (a && b)
            return *a == *b;
        return desired == existing;
    }
    case FieldType::date_time: {
        if (desired.is_null() || existing.is_null())
            return desired.to_text().empty() && existing.to_text().empty();
        std::string a = desired.to_text();
        std::string b = existing.to_text();
        auto na = normalize_date_time(a);
        auto nb = normalize_date_time(b);
        return (na && nb) ? *na == *nb : a == b;
    }
    case FieldType::select_multiple_list: {
        auto a = list_items(desired);
        auto b = list_items(existing);
        return std::set<std::string>(a.begin(), a.end()) ==
               std::set<std::string>(b.begin(), b.end());
    }
    default:
        if (desired.is_number() && existing.is_number())
            return same_number(desired, existing);
        return desired == existing;
    }
}

bool same_value(FieldType type, const model::ValueView& desired, const model::ValueView& existing) {
    if (desired == existing)
        return true;
    auto plain_text = [](const model::ValueView& v) { return v.is_string() || v.is_null(); };
    auto text = [](const model::ValueView& v) {
        return v.is_string() ? v.as_string() : std::string_view();
    };
    if ((is_text_type(type) || type == FieldType::user) && plain_text(desired) &&
        plain_text(existing))
        return text(desired) == text(existing);
    if (type == FieldType::date_time && desired.is_string() && existing.is_string()) {
        // Both dates normalised on the stack; text that is no date compares as it is.
        std::array<char, 40> a{};
        std::array<char, 40> b{};
        const std::size_t na = normalize_date_time_into(desired.as_string(), a);
        const std::size_t nb = normalize_date_time_into(existing.as_string(), b);
        if (na != 0 && nb != 0)
            return std::string_view(a.data(), na) == std::string_view(b.data(), nb);
        return desired.as_string() == existing.as_string();
    }
    if (desired.is_number() && existing.is_number() &&
        (type == FieldType::number ||
         (!is_text_type(type) && type != FieldType::user && type != FieldType::checkbox &&
          type != FieldType::date_time && type != FieldType::select_multiple_list))) {
        if (desired.is_int() && existing.is_int())
            return desired.as_int() == existing.as_int();
        return desired.as_double() == existing.as_double();
    }
    return same_value(type, desired.to_value(), existing.to_value());
}

Value normalize_value(FieldType type, const Value& desired) {
    if (desired.is_null())
        return desired;
    switch (type) {
    case FieldType::number:
        if (auto n = as_number(desired))
            return *n;
        return desired;
    case FieldType::checkbox:
        if (auto b = as_bool(desired))
            return Value(*b);
        return desired;
    case FieldType::date_time: {
        if (auto n = normalize_date_time(desired.to_text()))
            return Value(std::move(*n));
        return desired;
    }
    case FieldType::select_multiple_list: {
        List out;
        for (auto& item : list_items(desired))
            if (std::none_of(out.begin(), out.end(),
                             [&](const Value& v) { return v.as_string() == item; }))
                out.emplace_back(std::move(item));
        return Value(std::move(out));
    }
    default:
        if (is_text_type(type) && !desired.is_string())
            return Value(desired.to_text());
        return desired;
    }
}

} // namespace ardoq::plan
