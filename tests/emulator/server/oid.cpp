#include "oid.hpp"

namespace ardoq::emulator {

bool is_oid(std::string_view text) noexcept {
    if (text.size() != 24)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string OidGenerator::next() {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::uint64_t hi = mix64(m_seed ^ mix64(++m_counter));
    std::uint64_t lo = mix64(hi);
    std::string out(24, '0');
    for (int i = 0; i < 16; ++i)
        out[static_cast<std::size_t>(i)] = k_hex[(hi >> (60 - 4 * i)) & 0xf];
    for (int i = 0; i < 8; ++i)
        out[static_cast<std::size_t>(16 + i)] = k_hex[(lo >> (60 - 4 * i)) & 0xf];
    return out;
}

} // namespace ardoq::emulator
