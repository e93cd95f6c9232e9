#pragma once
// UTF-8 checks and conversions for source text. Values leave the connectors as valid UTF-8:
// bytes that are not are an error at their position (or converted, for Latin-1 input).

#include <cstddef>
#include <string>
#include <string_view>

namespace ardoq::connectors {

// Length of the longest valid UTF-8 prefix of `text` (== text.size() when all of it is
// valid). A sequence cut off by the end of `text` counts as invalid. Strict: no overlong
// forms, no surrogates, nothing above U+10FFFF. Fast for ASCII.
std::size_t valid_utf8_prefix(std::string_view text) noexcept;

// Length of the UTF-8 sequence that starts at p (1-4), 0 when the bytes there are not a valid
// sequence, or -1 when [p, end) ends before the sequence does (more bytes are needed).
int utf8_sequence(const char* p, const char* end) noexcept;

// Appends a code point (<= U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

// Appends Latin-1 (ISO-8859-1) bytes converted to UTF-8.
void append_latin1(std::string& out, std::string_view latin1);

// "0xff" for a byte in messages.
std::string byte_hex(unsigned char byte);

} // namespace ardoq::connectors
