#include "connectors/ardoq/name_match.hpp"

namespace ardoq::connectors {

namespace {

// Lower case of one code point of the supported scripts; the code point itself otherwise.
char32_t lower(char32_t c) {
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) // Latin-1 letters, but not ×
        return c + 0x20;
    // Latin Extended-A, pairs from Ā/ā to Ķ/ķ; İ and ı (U+0130, U+0131) do not pair.
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137))
        return (c % 2 == 0) ? c + 1 : c;
    if (c >= 0x139 && c <= 0x148) // Ĺ/ĺ to Ň/ň, pairs starting odd
        return (c % 2 == 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177) // Ŋ/ŋ to Ŷ/ŷ
        return (c % 2 == 0) ? c + 1 : c;
    if (c == 0x178) // Ÿ
        return 0xFF;
    if (c >= 0x179 && c <= 0x17E) // Ź/ź to Ž/ž
        return (c % 2 == 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) // Greek capitals
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) // Cyrillic Ѐ to Џ
        return c + 0x50;
    if (c >= 0x410 && c <= 0x42F) // Cyrillic А to Я
        return c + 0x20;
    return c;
}

void put_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

} // namespace

std::string fold_case(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            out.push_back(static_cast<char>(lower(b0)));
            ++i;
            continue;
        }
        // Only two-byte sequences hold letters that fold here (U+0080..U+07FF).
        if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            if ((b1 & 0xC0) == 0x80) {
                const char32_t c = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
                put_utf8(out, lower(c));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
        ++i;
    }
    return out;
}

bool name_matches(std::string_view name, std::string_view text, NameMatch match,
                  CaseMatch case_match) {
    if (case_match == CaseMatch::insensitive) {
        const std::string a = fold_case(name);
        const std::string b = fold_case(text);
        return match == NameMatch::exact ? a == b : a.find(b) != std::string::npos;
    }
    return match == NameMatch::exact ? name == text : name.find(text) != std::string_view::npos;
}

} // namespace ardoq::connectors
