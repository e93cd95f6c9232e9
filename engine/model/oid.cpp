#include "model/oid.hpp"

#include <chrono>
#include <cstring>
#include <random>

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

OidGenerator::OidGenerator()
    : OidGenerator(
          std::random_device{}() ^ (std::uint64_t{std::random_device{}()} << 32),
          static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count())) {}

OidGenerator::OidGenerator(std::uint64_t seed, std::uint32_t seconds) noexcept {
    std::mt19937_64 random(seed);
    std::uint64_t r = random();
    for (std::size_t i = 0; i < 4; ++i)
        m_next[i] = static_cast<std::uint8_t>(seconds >> (24 - 8 * i));
    for (std::size_t i = 4; i < 9; ++i)
        m_next[i] = static_cast<std::uint8_t>(r >> (8 * (i - 4)));
    m_counter = static_cast<std::uint32_t>(random() & 0xFFFFFF);
}

Oid OidGenerator::next() noexcept {
    m_counter = (m_counter + 1) & 0xFFFFFF;
    m_next[9] = static_cast<std::uint8_t>(m_counter >> 16);
    m_next[10] = static_cast<std::uint8_t>(m_counter >> 8);
    m_next[11] = static_cast<std::uint8_t>(m_counter);
    return Oid::from_bytes(m_next);
}

} // namespace ardoq::model
