#pragma once
// Ardoq object ids (OIDs): 24 lowercase hex characters. The generator is a pure function of
// its seed and counter, so a run started with the same --id-seed hands out the same ids.

#include <cstdint>
#include <string>
#include <string_view>

namespace ardoq::emulator {

// True for exactly 24 lowercase hex characters.
bool is_oid(std::string_view text) noexcept;

// SplitMix64: the emulator's one source of pseudo-randomness (ids, faults, shuffling).
std::uint64_t mix64(std::uint64_t x) noexcept;

class OidGenerator {
public:
    explicit OidGenerator(std::uint64_t seed) noexcept : m_seed(seed) {}
    // The next id; callers check it against the ids in use (collisions are astronomically rare).
    std::string next();
    std::uint64_t counter() const noexcept { return m_counter; }
    // Restores the counter (a rolled-back batch hands its ids out again).
    void set_counter(std::uint64_t counter) noexcept { m_counter = counter; }

private:
    std::uint64_t m_seed;
    std::uint64_t m_counter = 0;
};

} // namespace ardoq::emulator
