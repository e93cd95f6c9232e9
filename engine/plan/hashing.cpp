#include "plan/hashing.hpp"

#include <cstring>

namespace ardoq::plan {

namespace {

constexpr std::uint64_t k_multiplier = 0x9fb21c651e98df25ULL;

constexpr char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower-cases the ASCII letters of 8 packed bytes at once.
constexpr std::uint64_t lower8(std::uint64_t w) noexcept {
    // For every byte b: 0x80 set when 'A' <= b <= 'Z' (bytes >= 0x80 never qualify).
    const std::uint64_t ones = 0x0101010101010101ULL;
    const std::uint64_t high = 0x8080808080808080ULL;
    std::uint64_t ascii = ~w & high;
    std::uint64_t ge_a = (w & ~high) + ones * (0x80 - 'A');
    std::uint64_t gt_z = (w & ~high) + ones * (0x80 - 'Z' - 1);
    std::uint64_t is_upper = ascii & ge_a & ~gt_z & high;
    return w | (is_upper >> 2); // 0x80 >> 2 == 0x20, the case bit
}

template <bool Nocase> std::uint64_t hash_impl(std::string_view s, std::uint64_t seed) noexcept {
    std::uint64_t h = seed ^ (s.size() * k_multiplier);
    const char* p = s.data();
    std::size_t n = s.size();
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if constexpr (Nocase)
            w = lower8(w);
        h = (h ^ mix64(w)) * k_multiplier;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            char c = Nocase ? lower(p[i]) : p[i];
            w |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
        }
        h = (h ^ mix64(w)) * k_multiplier;
    }
    return mix64(h);
}

} // namespace

std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) noexcept {
    return hash_impl<false>(s, seed);
}

std::uint64_t hash_ascii_nocase(std::string_view s, std::uint64_t seed) noexcept {
    return hash_impl<true>(s, seed);
}

bool equal_ascii_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::uint64_t hash_oid(const model::Oid& id, std::uint64_t seed) noexcept {
    const auto& b = id.bytes();
    std::uint64_t lo;
    std::uint32_t hi;
    std::memcpy(&lo, b.data(), 8);
    std::memcpy(&hi, b.data() + 8, 4);
    return hash_combine(hash_combine(seed, lo), hi);
}

} // namespace ardoq::plan
