#include "report/escape.hpp"

#include <cstdio>

namespace ardoq::report {

void write_json_string(std::ostream& out, std::string_view s) {
    out.put('"');
    std::size_t run = 0; // start of the pending run of characters that need no escape
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const char* esc = nullptr;
        char buf[8];
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            if (c < 0x20) {
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                esc = buf;
            }
        }
        if (esc == nullptr)
            continue;
        out.write(s.data() + run, static_cast<std::streamsize>(i - run));
        out << esc;
        run = i + 1;
    }
    out.write(s.data() + run, static_cast<std::streamsize>(s.size() - run));
    out.put('"');
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

std::string markdown_cell(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '|':
            out += "\\|";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "<br>";
            break;
        case '\r':
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

} // namespace ardoq::report
