#include "json_util.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace ardoq::emulator {

const json::value* find(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &it->value();
}

namespace {

std::string number_text(double d) {
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(d));
        return std::string(buf, end);
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, end);
}

} // namespace

std::optional<std::string> canonical(const json::value& value) {
    switch (value.kind()) {
    case json::kind::null:
        return std::nullopt;
    case json::kind::string:
        return std::string(value.get_string());
    case json::kind::bool_:
        return value.get_bool() ? "true" : "false";
    case json::kind::int64:
        return std::to_string(value.get_int64());
    case json::kind::uint64:
        return std::to_string(value.get_uint64());
    case json::kind::double_:
        return number_text(value.get_double());
    default:
        return json::serialize(value);
    }
}

std::string canonical_from_text(std::string_view text, std::string_view field_type) {
    if (field_type == "Number") {
        double d = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
        if (ec == std::errc() && end == text.data() + text.size())
            return number_text(d);
    }
    return std::string(text);
}

std::string_view iso_now(std::array<char, 24>& out) {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = system_clock::to_time_t(now);
    // Every entity a batch writes is dated: the date and time to the second change seldom,
    // so they are formatted once per second and thread.
    thread_local std::time_t last_second = -1;
    thread_local char last_text[96];
    if (t != last_second) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::snprintf(last_text, sizeof last_text, "%04d-%02d-%02dT%02d:%02d:%02d.",
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        last_second = t;
    }
    std::size_t n = std::min(std::strlen(last_text), out.size() - 4);
    std::memcpy(out.data(), last_text, n);
    out[n] = static_cast<char>('0' + ms / 100);
    out[n + 1] = static_cast<char>('0' + ms / 10 % 10);
    out[n + 2] = static_cast<char>('0' + ms % 10);
    out[n + 3] = 'Z';
    return {out.data(), n + 4};
}

std::string iso_now() {
    std::array<char, 24> text;
    return std::string(iso_now(text));
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    auto fold = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return fold(x) == fold(y); });
}

std::string quoted(std::string_view text) {
    return json::serialize(json::string(text));
}

std::string kind_name(const json::value& value) {
    switch (value.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
        return "a number";
    case json::kind::string:
        return "a string";
    case json::kind::array:
        return "an array";
    case json::kind::object:
        return "an object";
    }
    return "a value";
}

std::optional<json::value> parse_json(std::string_view text, bool trailing_commas,
                                      std::string& error, Storage storage) {
    json::parse_options options;
    options.allow_trailing_commas = trailing_commas;
    json::stream_parser parser({}, options);
    if (storage == Storage::arena) {
        // A parsed document takes about three times its text: one block of that size rather
        // than a dozen doubling ones (each a large allocation, and slow on a busy heap).
        constexpr std::size_t k_max_first_block = 64 * 1024 * 1024;
        parser.reset(json::make_shared_resource<json::monotonic_resource>(
            std::min(text.size() * 3, k_max_first_block)));
    }
    boost::system::error_code ec;
    std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec)
        parser.finish(ec);
    if (!ec)
        return parser.release();
    // Locate the failure as line and column (1-based) for the message.
    std::size_t offset = std::min(used, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    error =
        "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + ec.message();
    return std::nullopt;
}

} // namespace ardoq::emulator
