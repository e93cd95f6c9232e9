#include "model/oid.hpp"

#include <cstring>

namespace ardoq::model {

namespace {
int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::optional<Oid> Oid::parse(std::string_view text) noexcept {
    if (text.size() != 24)
        return std::nullopt;
    Oid oid;
    for (std::size_t i = 0; i < 12; ++i) {
        int hi = hex_value(text[2 * i]);
        int lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        oid.m_bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return oid;
}

std::string Oid::to_string() const {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(24, '0');
    for (std::size_t i = 0; i < 12; ++i) {
        out[2 * i] = k_digits[m_bytes[i] >> 4];
        out[2 * i + 1] = k_digits[m_bytes[i] & 0xF];
    }
    return out;
}

Oid Oid::from_bytes(const std::array<std::uint8_t, 12>& b) noexcept {
    Oid oid;
    oid.m_bytes = b;
    return oid;
}

std::size_t OidHash::operator()(const Oid& o) const noexcept {
    // OIDs are well mixed in their last 8 bytes (counter + random); fold them.
    std::uint64_t a = 0;
    std::uint32_t b = 0;
    std::memcpy(&a, o.bytes().data() + 4, 8);
    std::memcpy(&b, o.bytes().data(), 4);
    return static_cast<std::size_t>(a * 0x9E3779B97F4A7C15ULL ^ b);
}

} // namespace ardoq::model
