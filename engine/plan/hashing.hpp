#pragma once
// Hashing for the planner's join indexes: fast, allocation-free hashes of byte strings
// (exact or ASCII case-insensitive) and of OIDs, good enough for open addressing.

#include "model/oid.hpp"

#include <cstdint>
#include <string_view>

namespace ardoq::plan {

// A 64-bit finaliser (murmur3 fmix64): spreads every input bit over the output.
constexpr std::uint64_t mix64(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// Combines a hash with another value (order-dependent).
constexpr std::uint64_t hash_combine(std::uint64_t seed, std::uint64_t v) noexcept {
    return mix64(seed ^ (v + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Hash of the bytes of `s`.
std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) noexcept;
// Hash of `s` with ASCII letters lower-cased (other bytes as they are), so that strings
// equal under equal_ascii_nocase() hash equally.
std::uint64_t hash_ascii_nocase(std::string_view s, std::uint64_t seed = 0) noexcept;
// Equality ignoring ASCII case; other bytes (UTF-8) must match exactly (ardoqpy's rule).
bool equal_ascii_nocase(std::string_view a, std::string_view b) noexcept;
// Hash of an OID's 12 bytes.
std::uint64_t hash_oid(const model::Oid& id, std::uint64_t seed = 0) noexcept;

} // namespace ardoq::plan
