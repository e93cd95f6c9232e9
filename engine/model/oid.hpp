#pragma once
// An Ardoq object id: 24 lowercase hex characters, stored as 12 bytes.

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::model {

class Oid {
public:
    Oid() noexcept = default;
    // Parses 24 hex characters (either case); nullopt otherwise.
    static std::optional<Oid> parse(std::string_view text) noexcept;
    // 24 lowercase hex characters.
    std::string to_string() const;
    const std::array<std::uint8_t, 12>& bytes() const noexcept { return m_bytes; }
    static Oid from_bytes(const std::array<std::uint8_t, 12>& b) noexcept;

    // Two loads and two compares instead of a call to memcmp: indexes compare ids a lot.
    friend bool operator==(const Oid& a, const Oid& b) noexcept {
        std::uint64_t a_head = 0, b_head = 0;
        std::uint32_t a_tail = 0, b_tail = 0;
        std::memcpy(&a_head, a.m_bytes.data(), 8);
        std::memcpy(&b_head, b.m_bytes.data(), 8);
        std::memcpy(&a_tail, a.m_bytes.data() + 8, 4);
        std::memcpy(&b_tail, b.m_bytes.data() + 8, 4);
        return a_head == b_head && a_tail == b_tail;
    }
    friend auto operator<=>(const Oid&, const Oid&) noexcept = default;

private:
    std::array<std::uint8_t, 12> m_bytes{};
};

struct OidHash {
    std::size_t operator()(const Oid& o) const noexcept;
};

// Makes new OIDs the way Ardoq's store does: 4 bytes of seconds since the epoch, 5 random
// bytes fixed per generator, then a 3-byte counter that starts at a random value.
class OidGenerator {
public:
    // Seeded from std::random_device and the current time.
    OidGenerator();
    // Deterministic: the same seed and seconds give the same sequence (tests).
    OidGenerator(std::uint64_t seed, std::uint32_t seconds) noexcept;
    Oid next() noexcept;

private:
    std::array<std::uint8_t, 12> m_next{};
    std::uint32_t m_counter = 0;
};

} // namespace ardoq::model
