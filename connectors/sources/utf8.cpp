#include "connectors/sources/utf8.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ardoq::connectors {

int utf8_sequence(const char* p, const char* end) noexcept {
    auto avail = end - p;
    auto b0 = static_cast<unsigned char>(p[0]);
    if (b0 < 0x80)
        return 1;
    int len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3;
        if (b0 == 0xe0)
            lo = 0xa0; // no overlong forms
        else if (b0 == 0xed)
            hi = 0x9f; // no surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4;
        if (b0 == 0xf0)
            lo = 0x90;
        else if (b0 == 0xf4)
            hi = 0x8f; // nothing above U+10FFFF
    } else {
        return 0;
    }
    for (int i = 1; i < len; ++i) {
        if (i >= avail)
            return -1;
        auto b = static_cast<unsigned char>(p[i]);
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf))
            return 0;
    }
    return len;
}

std::size_t valid_utf8_prefix(std::string_view text) noexcept {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        // Many ASCII bytes at a time: the common case for identifiers, numbers, most text.
#if defined(__SSE2__)
        while (end - p >= 16 &&
               _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) == 0)
            p += 16;
#endif
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        int len = utf8_sequence(p, end);
        if (len <= 0)
            break;
        p += len;
    }
    return static_cast<std::size_t>(p - text.data());
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

void append_latin1(std::string& out, std::string_view latin1) {
    for (char c : latin1) {
        auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out.push_back(c);
        } else {
            out.push_back(static_cast<char>(0xc0 | (b >> 6)));
            out.push_back(static_cast<char>(0x80 | (b & 0x3f)));
        }
    }
}

std::string byte_hex(unsigned char byte) {
    static constexpr char k_digits[] = "0123456789abcdef";
    return std::string{'0', 'x', k_digits[byte >> 4], k_digits[byte & 0xf]};
}

} // namespace ardoq::connectors
