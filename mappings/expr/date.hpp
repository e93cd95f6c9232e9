#pragma once
// Dates for the `date` filter: a strftime-style input format compiled once, and parsing a
// value into ISO-8601 ("2024-03-01", or "2024-03-01T14:30:00Z" when the format has a time).

#include "model/expected.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping::expr {

class DateFormat {
public:
    struct Item {
        char directive = 0;  // 'Y', 'm', ... or 0 for literal text
        std::string literal; // text to match when directive == 0
    };

    // The ISO-8601 shapes accepted when no format is given.
    static const std::vector<DateFormat>& iso_formats();

    const std::vector<Item>& items() const noexcept { return m_items; }
    const std::string& text() const noexcept { return m_text; }
    bool has_time() const noexcept { return m_has_time; }

private:
    friend struct DateFormatCompiler;
    std::vector<Item> m_items;
    std::string m_text;
    bool m_has_time = false;
};

struct DateFormatError {
    std::size_t offset = 0; // in the format text
    std::string message;
};

// Compiles a format: %Y %y %m %d %H %I %M %S %f %p %b %B %z %% and literal text (a space
// matches any run of whitespace).
model::Expected<DateFormat, DateFormatError> compile_date_format(std::string_view format);

struct DateProblem {
    std::string message;
    std::string hint;
};

// Reads `text` with one of `formats` (the first that matches) and returns ISO-8601: the
// date, or date and time in UTC ("Z"; a %z offset is applied), with milliseconds when the
// input had a fraction.
model::Expected<std::string, DateProblem> parse_date(const std::vector<DateFormat>& formats,
                                                     std::string_view text);

} // namespace ardoq::mapping::expr
