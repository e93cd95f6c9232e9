#pragma once
// KeyTable: the identity keys of many entities copied back to back, with a 32-bit hash tag
// each. A join verifies millions of candidate keys; reading them from one compact buffer
// instead of from large, scattered entity structs keeps those reads in cache (a rejected
// candidate costs one read of its 8-byte row).

#include "plan/hashing.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::plan {

class KeyTable {
public:
    enum class Case : std::uint8_t { exact, ascii_insensitive };

    explicit KeyTable(Case c = Case::exact) : m_case(c) {}

    void reserve(std::size_t entities, std::size_t bytes) {
        m_rows.reserve(entities + 1);
        m_text.reserve(bytes);
    }
    // Appends the key of the next entity ("" for an entity without one).
    void push(std::string_view key) {
        if (m_rows.empty())
            m_rows.push_back({0, 0});
        m_rows.back().tag = tag_of(hash(key));
        m_text.append(key);
        if (m_text.size() > 0xffffffffU)
            throw std::length_error("identity keys exceed 4 GiB");
        m_rows.push_back({0, static_cast<std::uint32_t>(m_text.size())});
    }

    std::size_t size() const noexcept { return m_rows.empty() ? 0 : m_rows.size() - 1; }
    std::string_view key(std::uint32_t i) const noexcept {
        return {m_text.data() + m_rows[i].offset, m_rows[i + 1].offset - m_rows[i].offset};
    }
    bool empty_key(std::uint32_t i) const noexcept {
        return m_rows[i + 1].offset == m_rows[i].offset;
    }
    std::uint64_t hash(std::string_view key) const noexcept {
        return m_case == Case::exact ? hash_bytes(key) : hash_ascii_nocase(key);
    }
    // Whether entity i's key equals `key`, whose hash is `h`.
    bool matches(std::uint32_t i, std::string_view key, std::uint64_t h) const noexcept {
        if (m_rows[i].tag != tag_of(h))
            return false;
        return m_case == Case::exact ? this->key(i) == key : equal_ascii_nocase(this->key(i), key);
    }
    // Asks the CPU to fetch entity i's row (and, with `text`, its key text: that reads the
    // row, so do it once the row is likely in cache).
    void prefetch(std::uint32_t i, bool text) const noexcept {
        if (i + 1 >= m_rows.size())
            return;
        if (text)
            __builtin_prefetch(m_text.data() + m_rows[i].offset);
        else
            __builtin_prefetch(&m_rows[i]);
    }
    bool same(std::uint32_t a, std::uint32_t b) const noexcept {
        if (m_rows[a].tag != m_rows[b].tag)
            return false;
        return m_case == Case::exact ? key(a) == key(b) : equal_ascii_nocase(key(a), key(b));
    }

private:
    // Row i: entity i's tag and where its key starts; it ends where row i + 1's starts.
    struct Row {
        std::uint32_t tag;
        std::uint32_t offset;
    };
    static std::uint32_t tag_of(std::uint64_t h) noexcept {
        return static_cast<std::uint32_t>(h >> 32);
    }

    Case m_case;
    std::string m_text;
    std::vector<Row> m_rows;
};

} // namespace ardoq::plan
