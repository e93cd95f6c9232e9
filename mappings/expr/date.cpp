#include "mappings/expr/date.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>

namespace ardoq::mapping::expr {

namespace {

constexpr std::array<std::string_view, 12> k_months = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::string_view k_directives = "YymdHIMSfpbBz";

char fold(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool is_space(char c) noexcept {
    return c == ' ' || c == '\t';
}

bool starts_with_folded(std::string_view text, std::string_view word) {
    if (text.size() < word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (fold(text[i]) != fold(word[i]))
            return false;
    return true;
}

struct Parts {
    std::int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
    bool has_fraction = false;
    int pm = -1; // -1: no %p, 0: AM, 1: PM
    std::optional<int> offset_minutes;
};

// Reads between min and max digits.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t min,
                               std::size_t max) {
    std::size_t n = 0;
    int v = 0;
    while (n < max && pos + n < s.size() && is_digit(s[pos + n])) {
        v = v * 10 + (s[pos + n] - '0');
        ++n;
    }
    if (n < min)
        return std::nullopt;
    pos += n;
    return v;
}

bool read_offset(std::string_view s, std::size_t& pos, Parts& p) {
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
        p.offset_minutes = 0;
        return true;
    }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-'))
        return false;
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    auto h = read_digits(s, pos, 2, 2);
    if (!h)
        return false;
    int m = 0;
    if (pos < s.size() && s[pos] == ':')
        ++pos;
    if (pos < s.size() && is_digit(s[pos])) {
        auto mm = read_digits(s, pos, 2, 2);
        if (!mm)
            return false;
        m = *mm;
    }
    p.offset_minutes = sign * (*h * 60 + m);
    return true;
}

bool read_item(const DateFormat::Item& item, std::string_view s, std::size_t& pos, Parts& p) {
    if (item.directive == 0) {
        if (item.literal == " ") {
            if (pos >= s.size() || !is_space(s[pos]))
                return false;
            while (pos < s.size() && is_space(s[pos]))
                ++pos;
            return true;
        }
        if (s.substr(pos, item.literal.size()) != item.literal)
            return false;
        pos += item.literal.size();
        return true;
    }
    std::optional<int> v;
    switch (item.directive) {
    case 'Y':
        if (!(v = read_digits(s, pos, 4, 4)))
            return false;
        p.year = *v;
        return true;
    case 'y':
        if (!(v = read_digits(s, pos, 2, 2)))
            return false;
        p.year = *v < 69 ? 2000 + *v : 1900 + *v; // POSIX: 69-99 are 19xx
        return true;
    case 'm':
        if (!(v = read_digits(s, pos, 1, 2)))
            return false;
        p.month = *v;
        return true;
    case 'd':
        if (!(v = read_digits(s, pos, 1, 2)))
            return false;
        p.day = *v;
        return true;
    case 'H':
    case 'I':
        if (!(v = read_digits(s, pos, 1, 2)))
            return false;
        p.hour = *v;
        return true;
    case 'M':
        if (!(v = read_digits(s, pos, 2, 2)))
            return false;
        p.minute = *v;
        return true;
    case 'S':
        if (!(v = read_digits(s, pos, 2, 2)))
            return false;
        p.second = *v;
        return true;
    case 'f': {
        const std::size_t start = pos;
        if (!read_digits(s, pos, 1, 9))
            return false;
        int ms = 0;
        for (std::size_t i = 0; i < 3; ++i)
            ms = ms * 10 + (start + i < pos ? s[start + i] - '0' : 0);
        p.millis = ms;
        p.has_fraction = true;
        return true;
    }
    case 'p':
        if (starts_with_folded(s.substr(pos), "am") || starts_with_folded(s.substr(pos), "pm")) {
            p.pm = fold(s[pos]) == 'p' ? 1 : 0;
            pos += 2;
            return true;
        }
        return false;
    case 'b':
    case 'B':
        for (std::size_t m = 0; m < k_months.size(); ++m) {
            const auto name = item.directive == 'b' ? k_months[m].substr(0, 3) : k_months[m];
            if (starts_with_folded(s.substr(pos), name)) {
                p.month = static_cast<int>(m) + 1;
                pos += name.size();
                return true;
            }
        }
        return false;
    case 'z':
        return read_offset(s, pos, p);
    default:
        return false;
    }
}

bool leap(std::int64_t y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) noexcept {
    static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : k_days[static_cast<std::size_t>(m - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (era-based arithmetic).
std::int64_t days_from_civil(std::int64_t y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d) noexcept {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

std::optional<std::string> check_parts(Parts& p) {
    if (p.month < 1 || p.month > 12)
        return "month " + std::to_string(p.month) + " does not exist";
    if (p.day < 1 || p.day > days_in_month(p.year, p.month))
        return std::string(k_months[static_cast<std::size_t>(p.month - 1)]) + " " +
               std::to_string(p.year) + " has " + std::to_string(days_in_month(p.year, p.month)) +
               " days";
    if (p.pm >= 0) {
        if (p.hour < 1 || p.hour > 12)
            return "hour " + std::to_string(p.hour) + " is out of range for AM/PM (1-12)";
        p.hour = p.hour % 12 + (p.pm == 1 ? 12 : 0);
    }
    if (p.hour > 23)
        return "hour " + std::to_string(p.hour) + " is out of range (0-23)";
    if (p.minute > 59)
        return "minute " + std::to_string(p.minute) + " is out of range (0-59)";
    if (p.second > 59)
        return "second " + std::to_string(p.second) + " is out of range (0-59)";
    return std::nullopt;
}

// Writes `v` (0 <= v < 10^width) as exactly `width` digits; returns the end.
char* put_digits(char* out, long long v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return out + width;
}

std::string format_iso(Parts p, bool with_time) {
    if (with_time && p.offset_minutes && *p.offset_minutes != 0) {
        std::int64_t minutes = days_from_civil(p.year, p.month, p.day) * 1440 + p.hour * 60 +
                               p.minute - *p.offset_minutes;
        std::int64_t days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
        const std::int64_t in_day = minutes - days * 1440;
        civil_from_days(days, p.year, p.month, p.day);
        p.hour = static_cast<int>(in_day / 60);
        p.minute = static_cast<int>(in_day % 60);
    }
    char buf[64];
    const bool fits = p.year >= 0 && p.year <= 9999 && p.month >= 0 && p.month <= 99 &&
                      p.day >= 0 && p.day <= 99 && p.hour >= 0 && p.hour <= 99 && p.minute >= 0 &&
                      p.minute <= 99 && p.second >= 0 && p.second <= 99 && p.millis >= 0 &&
                      p.millis <= 999;
    if (!fits) {
        // Rare: years that do not fit four digits (snprintf widens or signs them).
        if (!with_time)
            std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(p.year),
                          p.month, p.day);
        else if (p.has_fraction)
            std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          static_cast<long long>(p.year), p.month, p.day, p.hour, p.minute,
                          p.second, p.millis);
        else
            std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                          static_cast<long long>(p.year), p.month, p.day, p.hour, p.minute,
                          p.second);
        return buf;
    }
    // The common case without snprintf: this runs for every date of every record.
    char* o = put_digits(buf, p.year, 4);
    *o++ = '-';
    o = put_digits(o, p.month, 2);
    *o++ = '-';
    o = put_digits(o, p.day, 2);
    if (with_time) {
        *o++ = 'T';
        o = put_digits(o, p.hour, 2);
        *o++ = ':';
        o = put_digits(o, p.minute, 2);
        *o++ = ':';
        o = put_digits(o, p.second, 2);
        if (p.has_fraction) {
            *o++ = '.';
            o = put_digits(o, p.millis, 3);
        }
        *o++ = 'Z';
    }
    return std::string(buf, o);
}

} // namespace

struct DateFormatCompiler {
    static model::Expected<DateFormat, DateFormatError> compile(std::string_view format) {
        DateFormat f;
        f.m_text = std::string(format);
        if (format.empty())
            return model::unexpected(DateFormatError{0, "the date format is empty"});
        bool has_date = false;
        for (std::size_t i = 0; i < format.size(); ++i) {
            const char c = format[i];
            if (c != '%') {
                const std::string lit = is_space(c) ? std::string(" ") : std::string(1, c);
                if (lit == " " && !f.m_items.empty() && f.m_items.back().literal == " ")
                    continue;
                if (lit != " " && !f.m_items.empty() && f.m_items.back().directive == 0 &&
                    f.m_items.back().literal != " ")
                    f.m_items.back().literal += c;
                else
                    f.m_items.push_back({0, lit});
                continue;
            }
            if (i + 1 >= format.size())
                return model::unexpected(
                    DateFormatError{i, "the date format ends with a lone \"%\""});
            const char d = format[++i];
            if (d == '%') {
                f.m_items.push_back({0, "%"});
                continue;
            }
            if (k_directives.find(d) == std::string_view::npos)
                return model::unexpected(DateFormatError{i - 1, "unknown date directive \"%" +
                                                                    std::string(1, d) + "\""});
            f.m_items.push_back({d, {}});
            if (d == 'H' || d == 'I' || d == 'M' || d == 'S')
                f.m_has_time = true;
            if (d == 'Y' || d == 'y' || d == 'd')
                has_date = true;
        }
        if (!has_date)
            return model::unexpected(
                DateFormatError{0, "the date format has no year or day (%Y, %y, %d)"});
        return f;
    }
};

model::Expected<DateFormat, DateFormatError> compile_date_format(std::string_view format) {
    return DateFormatCompiler::compile(format);
}

const std::vector<DateFormat>& DateFormat::iso_formats() {
    // No two of these read the same text to its end, so their order only decides how soon
    // a date is read: the plain date, the most common, comes first.
    static const std::vector<DateFormat> k_formats = [] {
        std::vector<DateFormat> out;
        out.push_back(*compile_date_format("%Y-%m-%d"));
        for (const char* sep : {"T", " "})
            for (const char* time : {"%H:%M:%S.%f", "%H:%M:%S", "%H:%M"})
                for (const char* zone : {"%z", ""})
                    out.push_back(
                        *compile_date_format(std::string("%Y-%m-%d") + sep + time + zone));
        return out;
    }();
    return k_formats;
}

model::Expected<std::string, DateProblem> parse_date(const std::vector<DateFormat>& formats,
                                                     std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    for (const auto& f : formats) {
        Parts p;
        std::size_t pos = 0;
        bool ok = true;
        for (const auto& item : f.items())
            if (!(ok = read_item(item, text, pos, p)))
                break;
        if (!ok || pos != text.size())
            continue;
        if (auto problem = check_parts(p))
            return model::unexpected(
                DateProblem{"\"" + std::string(text) + "\" is not a valid date: " + *problem, {}});
        return format_iso(p, f.has_time());
    }
    if (formats.size() == 1)
        return model::unexpected(DateProblem{
            "cannot read \"" + std::string(text) + "\" as a date in the format \"" +
                formats.front().text() + "\"",
            "literal characters of the format must match exactly; %d and %m take 1 or 2 digits, "
            "%Y 4, %y 2"});
    return model::unexpected(
        DateProblem{"cannot read \"" + std::string(text) + "\" as an ISO-8601 date",
                    "give the input format, e.g. date('%d.%m.%Y') reads 01.03.2024"});
}

} // namespace ardoq::mapping::expr
