#pragma once
// A compact hash index from a key to the entities that have it, for millions of entities:
// open addressing over 32-bit entity indexes plus a "next with the same key" chain, about
// 12 bytes per entity instead of a node-based map's 60+. Keys are never stored: the
// caller supplies the hash of entity i and an equality test, so a key can be any function
// of an entity (its id, its type + lower-cased name, its endpoints).

#include <cstdint>
#include <vector>

namespace ardoq::model {

class ChainIndex {
public:
    static constexpr std::uint32_t k_end = 0xFFFFFFFFu;

    // Indexes entities 0..count-1 for which `include(i)` holds. `hash(i)` is the key's
    // hash; `same_key(i, j)` compares the keys of two entities. Chains list entities in
    // ascending order.
    template <typename Include, typename Hash, typename SameKey>
    void build(std::uint32_t count, Include include, Hash hash, SameKey same_key);

    // First entity whose key hashes to `h` and for which `matches(i)` holds, or k_end.
    template <typename Matches> std::uint32_t find(std::uint64_t h, Matches matches) const;
    // Next entity with the same key as entity i, or k_end.
    std::uint32_t next(std::uint32_t i) const noexcept { return m_next[i]; }

    void clear() noexcept {
        m_slots.clear();
        m_next.clear();
        m_mask = 0;
    }
    std::size_t memory_bytes() const noexcept {
        return (m_slots.capacity() + m_next.capacity()) * 4;
    }

private:
    std::vector<std::uint32_t> m_slots; // chain head per slot, k_end = empty
    std::vector<std::uint32_t> m_next;  // per entity
    std::uint64_t m_mask = 0;
};

template <typename Include, typename Hash, typename SameKey>
void ChainIndex::build(std::uint32_t count, Include include, Hash hash, SameKey same_key) {
    std::uint64_t capacity = 16;
    while (capacity < static_cast<std::uint64_t>(count) * 2)
        capacity *= 2;
    m_slots.assign(capacity, k_end);
    m_next.assign(count, k_end);
    m_mask = capacity - 1;
    // Walk backwards and push at the chain head, so that chains come out ascending.
    for (std::uint32_t i = count; i-- > 0;) {
        if (!include(i))
            continue;
        for (std::uint64_t slot = hash(i) & m_mask;; slot = (slot + 1) & m_mask) {
            std::uint32_t head = m_slots[slot];
            if (head == k_end) {
                m_slots[slot] = i;
                break;
            }
            if (same_key(head, i)) {
                m_next[i] = head;
                m_slots[slot] = i;
                break;
            }
        }
    }
}

template <typename Matches> std::uint32_t ChainIndex::find(std::uint64_t h, Matches matches) const {
    if (m_slots.empty())
        return k_end;
    for (std::uint64_t slot = h & m_mask;; slot = (slot + 1) & m_mask) {
        std::uint32_t head = m_slots[slot];
        if (head == k_end)
            return k_end;
        if (matches(head))
            return head;
    }
}

} // namespace ardoq::model
